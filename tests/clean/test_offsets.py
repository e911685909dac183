"""raw_map maps every clean character back to the same raw character, whatever the line ends."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from warta.clean import build_article
from warta.clean.offsets import span_to_raw, to_raw
from warta.clean.text import clean_text
from warta.ingest import RawDocument

CR_TEXT = "Satu dua tiga.\r\nEmpat lima enam.\r\nPresiden Joko Widodo tiba di Surabaya.\r\n"


def test_crlf_entity_maps_back_to_its_raw_text() -> None:
    for raw in (CR_TEXT, CR_TEXT.replace("\r\n", "\r"), CR_TEXT.replace("\r\n", "\n\r\n\r")):
        text, runs = clean_text(raw)
        start = text.index("Joko Widodo")
        raw_start, raw_end = span_to_raw(runs, start, start + len("Joko Widodo"))
        assert raw[raw_start:raw_end] == "Joko Widodo", repr(raw)


def test_crlf_article_raw_map() -> None:
    doc = RawDocument(source="x.txt", kind="text", sha256="0" * 64, text=CR_TEXT)
    article = build_article(doc, detect_language=False)
    assert "\r" not in article.text
    for match in re.finditer(r"\S+", article.text):
        a, b = span_to_raw(article.raw_map, match.start(), match.end())
        assert CR_TEXT[a:b] == match.group()


PIECES = st.sampled_from(
    [
        "Joko",
        "Widodo",
        "tiba",
        "—",
        "“kata”",
        "é",
        "😀",
        " ",
        "  ",
        "\t",
        "\n",
        "\r\n",
        "\r",
        "\n\n",
        "\u00a0",
        "\u2028",
        "\x0c",
        "Baca juga: berita lain",
        "(ATN)",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=40))
def test_every_clean_character_maps_to_itself_in_raw(pieces: list[str]) -> None:
    raw = "".join(pieces)
    text, runs = clean_text(raw)
    for i, char in enumerate(text):
        j = to_raw(runs, i)
        assert 0 <= j < len(raw)
        if not char.isspace():
            assert raw[j] == char, (raw, text, i)
        else:  # a separator stands for whitespace in raw
            assert raw[j].isspace()
