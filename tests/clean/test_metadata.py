from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.ingest.helpers import article_html
from warta.clean import build_article
from warta.clean.lang import detect_language
from warta.clean.published import (
    BadDate,
    date_from_path,
    infer_from_text,
    parse_date,
    parse_published,
)
from warta.errors import EmptyInputError, NoArticleTextError
from warta.ingest import RawDocument


def test_parse_date_forms() -> None:
    for value in (
        "2022-03-01",
        "2022-03-01T10:00:00+07:00",
        "2022-03-01T23:30:00-05:00",  # the date as written in its own zone
        "01/03/2022",
        "01-03-2022",
        "1 Maret 2022",
        "Selasa, 1 Maret 2022",
        "March 1, 2022",
    ):
        assert parse_date(value) == dt.date(2022, 3, 1), value
    assert parse_date("2022-13-45") is None
    with pytest.raises(BadDate, match=r"'2023-02-30' is not a date \(day is out of range"):
        parse_published("2023-02-30")
    with pytest.raises(BadDate, match="not a date in a known form"):
        parse_published("kemarin sore")


def test_date_inferred_from_text_and_path() -> None:
    text = (
        "Pada Senin (28/2/2022) delegasi bertemu. Dikutip Selasa (1/3/2022). Sejak 3 Januari 2021."
    )
    assert infer_from_text(text) == dt.date(2022, 3, 1)
    assert infer_from_text("Skor 3/4 dan nomor 10/2022 tidak dihitung.") is None
    assert date_from_path("/data/asiatoday-2022-03-01.txt") == dt.date(2022, 3, 1)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Pemerintah provinsi mengatakan bahwa warga tidak perlu panik karena "
            "persediaan beras sudah cukup sampai akhir tahun.",
            "id",
        ),
        (
            "Kerajaan negeri berkata wang itu akan dibelanjakan selepas syarikat "
            "kenderaan awam menyerahkan laporan kepada jabatan kerana projek baharu.",
            "ms",
        ),
        ("The ministry said on Monday that fuel prices would rise next month.", "en"),
    ],
)
def test_language(text: str, lang: str) -> None:
    code, score = detect_language(text)
    assert code == lang and score is not None and 0 < score <= 1


def _doc(**kwargs: object) -> RawDocument:
    return RawDocument(source="t", kind=str(kwargs.pop("kind", "text")), sha256="0" * 64, **kwargs)  # type: ignore[arg-type]


def test_html_article_without_comments_or_navigation() -> None:
    article = build_article(_doc(kind="html", html=article_html()))
    assert "Pemerintah kota mengumumkan rencana perbaikan jalan" in article.text
    assert "anggaran proyek berasal dari APBD" in article.text
    assert "Komentar pembaca" not in article.text
    assert "Beranda" not in article.text
    assert article.title == "Perbaikan jalan"
    assert article.published == dt.date(2024, 5, 13) and article.published_source == "html"
    assert article.dateline is not None and article.dateline.place == "JAKARTA"


def test_html_without_article_text() -> None:
    html = "<html><body><nav><a href='/'>Beranda</a></nav></body></html>"
    with pytest.raises(NoArticleTextError, match="HTML page has no article text"):
        build_article(_doc(kind="html", html=html))


def test_only_boilerplate_is_empty() -> None:
    with pytest.raises(EmptyInputError, match="no article text after clean-up"):
        build_article(_doc(text="Discussion about this post\nShare on Facebook\n"))


def test_ids_are_stable_content_hashes_unless_given() -> None:
    one = build_article(_doc(text="Polisi menangkap dua orang.")).id
    assert one == build_article(_doc(text="Polisi  menangkap dua orang.\n")).id
    assert one != build_article(_doc(text="Polisi menangkap tiga orang.")).id
    assert build_article(_doc(text="Isi.", id="given-7")).id == "given-7"


def test_jsonl_published_wins_over_text(tmp_path: Path) -> None:
    article = build_article(
        _doc(kind="jsonl", text="Senin (28/2/2022) ada rapat.", published="2022-03-05")
    )
    assert article.published == dt.date(2022, 3, 5) and article.published_source == "jsonl"
    inferred = build_article(_doc(kind="jsonl", text="Senin (28/2/2022) ada rapat."))
    assert inferred.published == dt.date(2022, 2, 28)
    assert inferred.published_source == "text:dates"
    assert inferred.published_confidence == 0.7


def test_one_line_article_after_baca_juga_is_an_article() -> None:
    article = build_article(_doc(text="Baca juga: Polisi menangkap dua pencuri di Depok."))
    assert article.text == "Polisi menangkap dua pencuri di Depok." and article.lang == "id"


def test_short_real_html_keeps_its_text() -> None:
    doc = _doc(kind="jsonl", html="<p>Polisi menangkap dua pencuri di Depok.</p>")
    article = build_article(doc)
    assert article.text == "Polisi menangkap dua pencuri di Depok."
    two = build_article(
        _doc(
            kind="jsonl",
            html="<p>Polisi <b>menangkap</b> dua pencuri.</p>"
            "<script>x()</script><p>Keduanya ditahan.</p>",
        )
    )
    assert two.text == "Polisi menangkap dua pencuri.\nKeduanya ditahan."


@pytest.mark.parametrize(
    "html",
    ["<h1>404 Not Found</h1>", "<nav><a href='/'>Beranda</a> <a href='/x'>Politik</a></nav>"],
)
def test_short_html_that_is_not_prose_is_still_no_text(html: str) -> None:
    with pytest.raises(NoArticleTextError):
        build_article(_doc(kind="html", html=html))
