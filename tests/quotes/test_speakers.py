"""Speaker mentions: name, role and affiliation, and resolution within a document."""

from __future__ import annotations

import re

from warta.quotes import lexicon
from warta.quotes.speakers import Tracker, Word, parse_mention


def words(text: str) -> list[Word]:
    return [Word(m.group(), m.start(), m.end()) for m in re.finditer(r"[^\s,]+|,", text)]


def parts(text: str) -> tuple[str | None, str | None, str | None, str]:
    m = parse_mention(words(text), lexicon.load())
    assert m is not None

    def s(span: tuple[int, int] | None) -> str | None:
        return text[span[0] : span[1]] if span else None

    return s(m.name), s(m.role), s(m.affiliation), m.kind


def test_police_officer_with_rank() -> None:
    assert parts("Wakil Kepala Satlantas Polresta Cirebon Ajun Komisaris Purwadi") == (
        "Ajun Komisaris Purwadi",
        "Wakil Kepala Satlantas",
        "Polresta Cirebon",
        "person",
    )


def test_role_institution_name() -> None:
    assert parts("Juru bicara Satgas Covid-19 Wiku Adisasmito") == (
        "Wiku Adisasmito",
        "Juru bicara",
        "Satgas Covid-19",
        "person",
    )


def test_anonymous_and_institutional_speakers() -> None:
    name, role, aff, kind = parts("pejabat Prancis")
    assert (name, role, aff) == (None, "pejabat", "Prancis")
    assert kind != "person"
    assert parts("Kremlin")[3] == "group"
    assert parts("kantor berita negara Belta")[0] is None


def test_name_before_apposition() -> None:
    name, role, _aff, kind = parts("Joni, Direktur RSUD Kota Madya")
    assert (name, kind) == ("Joni", "person")
    assert role is not None and role.startswith("Direktur")


def test_place_before_name_belongs_to_the_office() -> None:
    name, role, _aff, _kind = parts("Wali Kota Bogor Bima Arya")
    assert name == "Bima Arya"
    assert role is not None and role.startswith("Wali Kota")


def test_short_name_resolves_to_fullest_name() -> None:
    text = "Kepala Satlantas Polres Garut Ajun Komisaris Purwadi hadir. Lalu kata Purwadi."
    lex = lexicon.load()
    tracker = Tracker(text)
    first = parse_mention(words(text[:54]), lex)
    assert first is not None
    tracker.add(first)
    start = text.rindex("Purwadi")
    short = parse_mention([Word("Purwadi", start, start + 7)], lex, known=frozenset({"purwadi"}))
    assert short is not None
    name, role, aff, person = tracker.resolve(short)
    assert name == "Ajun Komisaris Purwadi"
    assert role == "Kepala Satlantas"
    assert aff == "Polres Garut"
    assert person is not None
