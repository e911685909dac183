"""Trigger families (derived forms) and the precision fixes of the follow-up to issue 6, on
small documents written for these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from warta.events.lexicon import families, triggers
from warta.events.morphology import derive
from warta.record import Event, Quote, Speaker

Code = Callable[..., list[Event]]


def _types(events: list[Event]) -> list[str]:
    return [e.type for e in events]


@pytest.mark.parametrize(
    ("root", "affix", "form"),
    [
        ("tangkap", "meN", "menangkap"),
        ("tangkap", "peN-an", "penangkapan"),
        ("serang", "meN", "menyerang"),
        ("kritik", "meN", "mengkritik"),
        ("protes", "meN", "memprotes"),
        ("pukul", "peN-an", "pemukulan"),
        ("bom", "meN", "mengebom"),
        ("bom", "peN-an", "pengeboman"),
        ("selidik", "meN-i", "menyelidiki"),
        ("ledak", "di-kan", "diledakkan"),
        ("runding", "per-an", "perundingan"),
        ("runding", "ber", "berunding"),
        ("geledah", "peN-an", "penggeledahan"),
        ("sepakat", "ke-an", "kesepakatan"),
        ("longgar", "meN-kan", "melonggarkan"),
        ("evakuasi", "meN", "mengevakuasi"),
    ],
)
def test_derive_follows_nasal_assimilation(root: str, affix: str, form: str) -> None:
    assert derive(root, affix) == form


def test_families_expand_with_the_voice_of_each_affix() -> None:
    rules = {r.phrase: r for r in families("id")}
    assert rules["digeledah"].voice == "pas" and rules["digeledah"].type == "COERCE"
    assert rules["penggeledahan"].voice == "noun"
    assert rules["mengeroyok"].voice == "act" and rules["mengeroyok"].mode == "beat"
    # an explicit row of triggers-id.tsv wins over the family form of the same phrase
    final = {r.phrase: r for r in triggers("id")}
    assert final["memeriksa"].requires is not None


def test_derived_forms_are_coded(code: Code) -> None:
    ev = code("Tim Densus 88 menggeledah rumah terduga teroris di Bekasi pada Senin malam.")
    assert _types(ev) == ["COERCE"]
    ev = code("Seorang pedagang dikeroyok sekelompok pemuda di Pasar Minggu, Jakarta Selatan.")
    assert _types(ev) == ["ASSAULT"] and ev[0].mode == "beat"
    ev = code("Pemerintah Jepang melonggarkan pembatasan perjalanan bagi wisatawan asing.")
    assert _types(ev) == ["CONCEDE"]


def test_threat_of_a_legal_penalty_is_not_a_threat(code: Code) -> None:
    text = "Pelaku dijerat Pasal 351 KUHP dengan ancaman hukuman lima tahun penjara."
    assert "THREATEN" not in _types(code(text))


def test_stopping_a_vehicle_is_not_a_dismissal(code: Code) -> None:
    assert code("Petugas memberhentikan mobil itu di depan pos jaga.") == []


def test_a_legal_article_is_never_an_actor(code: Code) -> None:
    events = code("Kapolres mengatakan, para tersangka dijerat Pasal 363 KUHP tentang pencurian.")
    acc = [e for e in events if e.type == "ACCUSE"]
    assert len(acc) == 1
    assert acc[0].actor is None or acc[0].actor.sector in ("COP", "JUD")
    assert acc[0].recipient is not None and acc[0].recipient.text == "para tersangka"


def _quote(text: str, inner: str, who: str) -> Quote:
    start = text.index(inner)
    at = text.rindex(who)
    return Quote(
        start=start,
        end=start + len(inner),
        text=inner,
        kind="direct",
        speaker=Speaker(start=at, end=at + len(who), text=who, name=who),
    )


def test_kami_in_a_direct_quote_is_the_speaker(code: Code) -> None:
    inner = "“Dari tangan para tersangka kami menyita lima sepeda motor,”"
    text = (
        "Kapolres Bogor AKBP Hendra Wijaya memimpin pengungkapan kasus itu. "
        f"{inner} ujar Hendra kepada wartawan."
    )
    events = code(text, quotes=[_quote(text, inner, "Hendra")])
    ev = [e for e in events if e.type == "COERCE"]
    assert len(ev) == 1 and ev[0].mode == "seize"
    assert ev[0].actor is not None and "Hendra" in ev[0].actor.text
    assert ev[0].actor.sector == "COP"


def test_request_in_a_direct_quote_has_the_speaker_as_actor(code: Code) -> None:
    inner = "“Kami hanya meminta upah yang layak untuk keluarga kami,”"
    text = f"Koordinator buruh Rudi Santoso memimpin aksi itu. {inner} kata Rudi kepada wartawan."
    events = code(text, quotes=[_quote(text, inner, "Rudi")])
    req = [e for e in events if e.type == "REQUEST"]
    assert len(req) == 1
    assert req[0].actor is not None and "Rudi" in req[0].actor.text


def test_without_the_quote_the_speaker_is_not_guessed(code: Code) -> None:
    text = "“Kami hanya meminta upah yang layak,” kata seorang buruh."
    req = [e for e in code(text) if e.type == "REQUEST"]
    assert len(req) == 1 and (req[0].actor is None or req[0].actor.text != "Rudi")


def test_questioning_witnesses_is_an_investigation(code: Code) -> None:
    text = (
        "Komisi Pemberantasan Korupsi (KPK) memeriksa dua pejabat Dinas Pekerjaan Umum sebagai "
        "saksi dalam kasus dugaan suap proyek jalan."
    )
    ev = [e for e in code(text) if e.type == "ACCUSE"]
    assert len(ev) == 1 and ev[0].mode == "investigate"
    assert ev[0].actor is not None and ev[0].actor.sector == "GOV"


def test_a_promised_action_is_only_the_promise(code: Code) -> None:
    text = "Menteri itu mengatakan kepada wartawan akan menyelamatkan para nelayan yang terjebak."
    assert "AID" not in _types(code(text))


def test_a_state_visit_is_still_a_consultation(code: Code) -> None:
    text = "Presiden Joko Widodo berkunjung ke Malaysia pada Senin untuk membahas perbatasan."
    assert _types(code(text)) == ["CONSULT"]
