from __future__ import annotations

from pathlib import Path

import pytest

from tests.ingest.helpers import article_html, write_warc
from warta.errors import NoArticleTextError, TruncatedArchiveError
from warta.ingest import RawDocument, iter_documents


def _two_pages(path: Path, *, gzip: bool = False) -> None:
    pages = [
        ("https://contoh.invalid/a", article_html()),
        ("https://contoh.invalid/b", article_html()),
    ]
    write_warc(path, pages, gzip=gzip)


@pytest.mark.parametrize("gzip", [False, True])
def test_html_responses_become_documents(tmp_path: Path, gzip: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    pages = [
        ("https://contoh.invalid/a", article_html(title="A")),
        ("https://contoh.invalid/b", article_html(title="B")),
    ]
    offsets = write_warc(path, pages, gzip=gzip)
    docs = list(iter_documents([str(path)]))
    assert [d.url for d in docs if isinstance(d, RawDocument)] == [u for u, _ in pages]
    first = docs[0]
    assert isinstance(first, RawDocument)
    assert first.kind == "warc" and first.record_offset == offsets[0]
    assert first.locator == f"record at offset {offsets[0]}"
    assert first.html is not None and "<title>A</title>" in first.html


def test_truncated_warc_keeps_earlier_records(tmp_path: Path) -> None:
    path = tmp_path / "cut.warc"
    _two_pages(path)
    data = path.read_bytes()
    second = data.find(b"WARC/1.0", data.find(b"https://contoh.invalid/b") - 400)
    path.write_bytes(data[: second + 300])
    docs = list(iter_documents([str(path)]))
    assert isinstance(docs[0], RawDocument)
    assert isinstance(docs[-1], TruncatedArchiveError)
    assert str(docs[-1]).startswith(str(path))
    assert "truncated or corrupt WARC" in str(docs[-1])


def test_record_cut_inside_its_payload(tmp_path: Path) -> None:
    path = tmp_path / "cut.warc"
    _two_pages(path)
    data = path.read_bytes()
    cut = data.find(b"<article>", data.find(b"https://contoh.invalid/b"))
    path.write_bytes(data[:cut])
    docs = list(iter_documents([str(path)]))
    assert [type(d) for d in docs] == [RawDocument, TruncatedArchiveError]
    assert "record at offset" in str(docs[1]) and "cut short" in str(docs[1])


def test_not_a_warc(tmp_path: Path) -> None:
    path = tmp_path / "junk.warc.gz"
    path.write_bytes(b"this is not a warc file at all\n" * 10)
    [error] = list(iter_documents([str(path)]))
    assert isinstance(error, TruncatedArchiveError)
    assert str(error) == f"{path}: not a WARC file (no WARC/1.x record header)"


def test_junk_with_a_binary_tail_is_not_a_warc(tmp_path: Path) -> None:
    path = tmp_path / "junk.warc"
    path.write_bytes(b"this is not a WARC file\x00\x01")
    [error] = list(iter_documents([str(path)]))
    assert isinstance(error, TruncatedArchiveError)
    assert str(error) == f"{path}: not a WARC file (no WARC/1.x record header)"


def test_warc_without_html_pages_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "images.warc"
    write_warc(path, [])
    [error] = list(iter_documents([str(path)]))
    assert isinstance(error, NoArticleTextError)
    assert str(error) == f"{path}: WARC holds no HTML response records"


def test_gzip_member_cut_inside_a_record_header(tmp_path: Path) -> None:
    path = tmp_path / "cut.warc.gz"
    _two_pages(path, gzip=True)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 200])
    docs = list(iter_documents([str(path)]))
    assert isinstance(docs[0], RawDocument)
    assert isinstance(docs[-1], TruncatedArchiveError)
    assert str(docs[-1]).startswith(f"{path}: truncated or corrupt WARC")
