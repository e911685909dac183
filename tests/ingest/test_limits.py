"""Bad and oversized input: each case loses only itself, with a reason, in bounded memory."""

from __future__ import annotations

import gzip
import io
import json
import tracemalloc
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.ingest.helpers import article_html, write_warc
from warta.errors import (
    EmptyInputError,
    InputError,
    MalformedRecordError,
    TooLargeError,
    TruncatedArchiveError,
)
from warta.ingest import RawDocument, iter_documents
from warta.ingest.files import read_jsonl_stream, read_stdin
from warta.ingest.limits import MAX_QUARANTINED_CHARS, ReadLimits

SMALL = ReadLimits(max_document_bytes=100_000, max_line_bytes=100_000)


def _line(i: int, **extra: object) -> str:
    return json.dumps({"id": f"a{i}", "text": f"Presiden tiba di Jakarta nomor {i}.", **extra})


def test_lone_surrogate_loses_only_its_line(tmp_path: Path) -> None:
    lines = [_line(i) for i in range(40)]
    lines[10] = _line(10, outlet="Judul \udc80")  # json.dumps writes the escape \\udc80
    lines[20] = _line(20, text="Teks \ud800 rusak")
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = list(iter_documents([str(path)]))
    docs = [d for d in out if isinstance(d, RawDocument)]
    bad = [d for d in out if isinstance(d, InputError)]
    assert len(docs) == 38
    assert [(b.locator, type(b)) for b in bad] == [
        ("line 11", MalformedRecordError),
        ("line 21", MalformedRecordError),
    ]
    assert 'field "outlet" holds a lone surrogate escape (\\udc80' in bad[0].message
    assert 'field "text"' in bad[1].message
    for doc in docs:  # every kept document encodes as UTF-8
        assert doc.text is not None and doc.text.encode("utf-8")


def test_id_must_be_a_string_or_an_integer(tmp_path: Path) -> None:
    path = tmp_path / "ids.jsonl"
    rows = [
        {"id": {"nested": 1}, "text": "x y"},
        {"id": 7, "text": "x y"},
        {"id": True, "text": "z"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = list(iter_documents([str(path)]))
    assert isinstance(out[0], MalformedRecordError) and '"id"' in out[0].message
    assert isinstance(out[1], RawDocument) and out[1].id == "7"
    assert isinstance(out[2], MalformedRecordError)


def test_empty_jsonl_is_reported(tmp_path: Path) -> None:
    for content in (b"", b"\n\n  \n"):
        path = tmp_path / "empty.jsonl"
        path.write_bytes(content)
        (error,) = list(iter_documents([str(path)]))
        assert isinstance(error, EmptyInputError) and "empty JSONL" in error.message


def test_utf16_with_bom_is_text(tmp_path: Path) -> None:
    text = "Presiden Joko Widodo tiba di Jakarta."
    for codec in ("utf-16", "utf-16-be"):
        path = tmp_path / f"{codec}.txt"
        data = text.encode(codec)
        path.write_bytes(data if codec == "utf-16" else b"\xfe\xff" + data)
        (doc,) = list(iter_documents([str(path)]))
        assert isinstance(doc, RawDocument) and doc.text == text
    path = tmp_path / "u16.jsonl"
    path.write_bytes((_line(1) + "\n" + _line(2) + "\n").encode("utf-16"))
    docs = list(iter_documents([str(path)]))
    assert [d.id for d in docs if isinstance(d, RawDocument)] == ["a1", "a2"]


def test_huge_line_is_skipped_and_only_its_head_quarantined(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    huge = '{"text": "' + "x" * 5_000_000 + '", "bad"'  # malformed and over the cap
    path.write_text(_line(1) + "\n" + huge + "\n" + _line(3) + "\n", encoding="utf-8")
    tracemalloc.start()
    out = list(iter_documents([str(path)], limits=SMALL))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert [type(x) for x in out] == [RawDocument, TooLargeError, RawDocument]
    error = out[1]
    assert error.locator == "line 2" and "over the 100000-byte limit" in error.message
    assert error.raw is not None and len(error.raw) < MAX_QUARANTINED_CHARS + 100
    assert peak < 1_000_000  # the line was never held whole


def test_malformed_line_is_clipped_in_quarantine(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": ' + "9" * 50_000 + "\n", encoding="utf-8")
    (error,) = list(iter_documents([str(path)]))
    assert isinstance(error, MalformedRecordError)
    assert error.raw is not None and error.raw.endswith("[cut: 50009 bytes in all]")


def test_document_over_the_cap(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("kata " * 30_000, encoding="utf-8")
    (error,) = list(iter_documents([str(path)], limits=SMALL))
    assert isinstance(error, TooLargeError) and "150000 bytes" in error.message
    (doc,) = list(iter_documents([str(path)]))  # the default cap is 10 MB
    assert isinstance(doc, RawDocument)


def test_stdin_jsonl_and_text() -> None:
    stream = io.BufferedReader(io.BytesIO(("\n" + _line(1) + "\n" + _line(2) + "\n").encode()))
    assert [d.id for d in read_stdin(stream) if isinstance(d, RawDocument)] == ["a1", "a2"]
    (doc,) = list(read_stdin(io.BufferedReader(io.BytesIO(b"Satu artikel saja."))))
    assert isinstance(doc, RawDocument) and doc.text == "Satu artikel saja."
    assert doc.source == "<stdin>"
    (html,) = list(read_stdin(io.BufferedReader(io.BytesIO(b"<html><p>x</p></html>"))))
    assert isinstance(html, RawDocument) and html.kind == "html"


def test_jsonl_stream_line_numbers_after_a_skipped_line() -> None:
    data = (_line(1) + "\n" + "y" * 200 + "\n" + _line(3) + "\n").encode()
    out = list(
        read_jsonl_stream(io.BytesIO(data), source="s", limits=ReadLimits(max_line_bytes=100))
    )
    assert [getattr(x, "locator", None) for x in out] == ["line 1", "line 2", "line 3"]
    assert isinstance(out[1], TooLargeError)


def _gzip_bomb_warc(path: Path, *, inflated: int) -> None:
    """A response whose payload is Content-Encoding: gzip of ``inflated`` zero bytes,
    then an ordinary page."""
    bomb = gzip.compress(b"\0" * inflated, compresslevel=9)
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        headers = StatusAndHeaders(
            "200 OK",
            [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
            protocol="HTTP/1.1",
        )
        writer.write_record(
            writer.create_warc_record(
                "http://bomb.invalid/", "response", payload=io.BytesIO(bomb), http_headers=headers
            )
        )
        page = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "http://ok.invalid/",
                "response",
                payload=io.BytesIO(article_html().encode()),
                http_headers=page,
            )
        )


def test_content_encoding_bomb_is_capped(tmp_path: Path) -> None:
    path = tmp_path / "bomb.warc.gz"
    _gzip_bomb_warc(path, inflated=30_000_000)
    assert path.stat().st_size < 100_000
    tracemalloc.start()
    out = list(iter_documents([str(path)], limits=SMALL))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert isinstance(out[0], TooLargeError) and "once decompressed" in out[0].message
    assert isinstance(out[1], RawDocument) and out[1].url == "http://ok.invalid/"
    assert peak < 5_000_000


def test_outer_gzip_bomb_record_is_capped(tmp_path: Path) -> None:
    path = tmp_path / "outer.warc.gz"
    page = "<html><body>" + " " * 60_000_000 + "</body></html>"
    write_warc(
        path, [("http://a.invalid/", page), ("http://b.invalid/", article_html())], gzip=True
    )
    del page
    assert path.stat().st_size < 200_000
    tracemalloc.start()
    out = list(iter_documents([str(path)], limits=SMALL))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert isinstance(out[0], TooLargeError) and out[0].locator is not None
    assert isinstance(out[1], RawDocument) and out[1].url == "http://b.invalid/"
    assert peak < 20_000_000  # warcio's read block, inflated: bounded whatever the record


def test_damaged_gzip_member_loses_only_that_record(tmp_path: Path) -> None:
    path = tmp_path / "five.warc.gz"
    pages = [(f"http://c.invalid/{i}", article_html(f"Berita nomor {i}. " * 20)) for i in range(5)]
    offsets = write_warc(path, pages, gzip=True)
    data = bytearray(path.read_bytes())
    for k in range(20):  # 20 flipped bytes inside record 2's gzip member
        data[offsets[1] + 40 + k] ^= 0xFF
    path.write_bytes(bytes(data))
    out = list(iter_documents([str(path)]))
    urls = [d.url for d in out if isinstance(d, RawDocument)]
    assert urls == ["http://c.invalid/0", "http://c.invalid/2", "http://c.invalid/3",
                    "http://c.invalid/4"]  # fmt: skip
    (damage,) = [x for x in out if isinstance(x, InputError)]
    assert isinstance(damage, TruncatedArchiveError)
    assert damage.locator == f"offset {offsets[1]}" and f"offset {offsets[2]}" in damage.message


def test_damaged_record_in_plain_warc(tmp_path: Path) -> None:
    path = tmp_path / "three.warc"
    pages = [(f"http://c.invalid/{i}", article_html()) for i in range(3)]
    offsets = write_warc(path, pages)
    data = bytearray(path.read_bytes())
    data[offsets[1] : offsets[1] + 8] = b"GARBAGE!"  # the record header's WARC/1.x line
    path.write_bytes(bytes(data))
    out = list(iter_documents([str(path)]))
    urls = [d.url for d in out if isinstance(d, RawDocument)]
    assert urls == ["http://c.invalid/0", "http://c.invalid/2"]


def test_output_file_is_never_read_as_input(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(_line(1) + "\n", encoding="utf-8")
    out_file = tmp_path / "out.jsonl"
    out_file.write_text(_line(2) + "\n", encoding="utf-8")
    docs = list(iter_documents([str(tmp_path)], exclude=[out_file]))
    assert [d.id for d in docs if isinstance(d, RawDocument)] == ["a1"]
    (named,) = list(iter_documents([str(out_file)], exclude=[out_file]))
    assert isinstance(named, InputError) and "own output" in named.message


def test_json_that_python_refuses_is_malformed(tmp_path: Path) -> None:
    path = tmp_path / "odd.jsonl"
    path.write_text("[" * 100_000 + "\n" + _line(2) + "\n", encoding="utf-8")
    out = list(iter_documents([str(path)]))
    assert isinstance(out[0], MalformedRecordError) and isinstance(out[1], RawDocument)
