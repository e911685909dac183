from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from warta.clean.offsets import span_to_raw, to_raw
from warta.clean.text import clean_text, is_boilerplate

RAW = """ASIATODAY.ID, MOSKOW – Presiden   berbicara.
Baca juga: Harga minyak naik lagi
Foto: ANTARA/Fulan
Share on Facebook

  Warga sipil   dievakuasi dari kota.  (ATN)
Discussion about this post"""


def test_boilerplate_lines_go_and_body_stays() -> None:
    text, _ = clean_text(RAW)
    assert text == (
        "ASIATODAY.ID, MOSKOW – Presiden berbicara.\nWarga sipil dievakuasi dari kota. (ATN)"
    )


def test_trailing_widget_glued_to_last_line() -> None:
    text, _ = clean_text("Kalimat terakhir.Discussion about this post")
    assert text == "Kalimat terakhir."


def test_known_boilerplate_and_lookalikes() -> None:
    for line in (
        "Discussion about this post",
        "Baca juga: Polisi tangkap pencuri",
        "Simak video pilihan berikut ini",
        "Ikuti kami di Instagram @contoh",
        "Follow us on Twitter",
        "ADVERTISEMENT",
        "SCROLL TO CONTINUE WITH CONTENT",
        "(Foto: Dok. Humas Polri)",
        "Editor: Fulan",
    ):
        assert is_boilerplate(line), line
    for line in (
        "Simak pernyataan lengkap presiden di bawah ini, kata juru bicara yang enggan disebut.",
        "Foto-foto kerusakan beredar luas di media sosial sejak pagi hari ketika warga mulai "
        "mengungsi dan polisi menutup jalan.",
        "Presiden membaca juga surat dari warga.",
    ):
        assert not is_boilerplate(line), line


def test_every_clean_offset_maps_back_to_raw() -> None:
    text, runs = clean_text(RAW)
    for offset, char in enumerate(text):
        raw_char = RAW[to_raw(runs, offset)]
        assert raw_char == char or (char.isspace() and raw_char.isspace())
    start = text.index("Warga sipil")
    raw_start, raw_end = span_to_raw(runs, start, start + len("Warga sipil dievakuasi"))
    assert RAW[raw_start:raw_end] == "Warga sipil   dievakuasi"


_words = st.text(alphabet="abcdeXYZ.,–é", min_size=1, max_size=8)
_gaps = st.sampled_from([" ", "  ", "\t", "\n", "\n\n", " \n ", "\r\n"])


@given(st.lists(st.tuples(_words, _gaps), min_size=1, max_size=30))
def test_offsets_property(pieces: list[tuple[str, str]]) -> None:
    raw = "".join(w + g for w, g in pieces)
    text, runs = clean_text(raw)
    assert text == text.strip()
    assert "  " not in text
    for offset, char in enumerate(text):  # offsets index the raw text itself, \r\n and all
        raw_char = raw[to_raw(runs, offset)]
        assert raw_char == char or (char.isspace() and raw_char.isspace())


def test_baca_juga_before_article_text_keeps_the_text() -> None:
    raw = "Baca juga: Polisi menangkap dua pencuri di Depok. Keduanya ditahan di Polres Depok."
    text, runs = clean_text(raw)
    assert text == "Polisi menangkap dua pencuri di Depok. Keduanya ditahan di Polres Depok."
    assert to_raw(runs, 0) == raw.index("Polisi")  # offsets still point into the raw text


def test_baca_juga_with_only_a_headline_goes() -> None:
    text, _ = clean_text("Paragraf satu.\nBaca juga: Harga minyak naik lagi\nParagraf dua.")
    assert text == "Paragraf satu.\nParagraf dua."
    assert is_boilerplate("Baca juga: Harga minyak naik lagi")
    assert not is_boilerplate("Baca juga: Polisi menangkap dua pencuri di Depok.")
