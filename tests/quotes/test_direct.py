"""Quotation marks: opening, closing, the corpus style, and quotations over paragraphs."""

from __future__ import annotations

from warta.quotes.direct import find_quotations


def spans(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotations(text)]


def test_curly_and_straight_quotes() -> None:
    text = 'Ia berkata, “Kami siap bekerja.” Lalu "Semua aman," kata Budi.'
    assert spans(text) == ["“Kami siap bekerja.”", '"Semua aman,"']


def test_closing_mark_that_opens() -> None:
    # some outlets open with ” : the mark after a space opens, the one after a comma closes
    text = "Rapat selesai. ”Kami menolak rencana itu,” kata Ketua Tani Sarmo."
    assert spans(text) == ["”Kami menolak rencana itu,”"]


def test_quotation_over_two_paragraphs() -> None:
    text = (
        "“Kami akan membangun jembatan baru tahun ini.\n"
        "“Dananya sudah tersedia dari anggaran daerah,” kata Bupati Sleman.\n"
        "Warga menyambut baik."
    )
    (q,) = find_quotations(text)
    assert q.closed
    assert text[q.start : q.end].endswith("daerah,”")
    assert "\n" in text[q.start : q.end]


def test_unclosed_quotation_ends_with_its_paragraph() -> None:
    text = "“Kami belum menerima laporan itu\nPolisi masih menyelidiki kasus tersebut."
    (q,) = find_quotations(text)
    assert not q.closed
    assert text[q.start : q.end] == "“Kami belum menerima laporan itu"


def test_apostrophe_in_name_is_not_a_quote() -> None:
    assert spans("Wakil Presiden Ma’ruf Amin hadir di Jakarta.") == []
