"""Reader for WARC files: every HTTP response record with an HTML payload is one document.

A damaged stretch (a corrupt gzip member, a garbled record header) loses only the
records in it: the reader reports it and reads on from the next gzip member or WARC
record header. A payload is read up to the document cap, after its Content-Encoding is
undone, so a small record that inflates to gigabytes costs no memory.
"""

from __future__ import annotations

import zlib
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from warta.errors import InputError, NoArticleTextError, TooLargeError, TruncatedArchiveError
from warta.ingest.decode import charset_of, decode_text
from warta.ingest.document import RawDocument, sha256_hex
from warta.ingest.limits import DEFAULT_LIMITS, ReadLimits

_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_MAGIC = b"WARC/1."
_SCAN = 1 << 20
_BLOCK = 4096
_BROKEN = (ArchiveLoadFailed, EOFError, OSError, ValueError, AttributeError, zlib.error)


@dataclass(slots=True)
class _Progress:
    end: int = 0  # offset just after the last record read whole
    found: int = 0  # HTML responses seen
    cut: bool = False  # the file ends inside a record


def read_warc_file(
    path: Path, *, limits: ReadLimits = DEFAULT_LIMITS
) -> Iterator[RawDocument | InputError]:
    source = str(path)
    size = path.stat().st_size
    progress = _Progress()
    with path.open("rb") as stream:
        gzipped = stream.read(3) == _GZIP_MAGIC
        start = 0
        while True:
            stream.seek(start)
            failure = yield from _records(stream, source, limits, progress, first=start == 0)
            if failure is None or progress.cut:
                break
            damaged_at = max(progress.end, start)
            resume = _next_start(stream, after=damaged_at + 1, gzipped=gzipped)
            if resume is None:
                yield TruncatedArchiveError(f"truncated or corrupt WARC ({failure})", source=source)
                return
            yield TruncatedArchiveError(
                f"damaged data skipped ({failure}); read on at offset {resume}",
                source=source,
                locator=f"offset {damaged_at}",
            )
            start = progress.end = resume
    if progress.cut:
        return
    if size - progress.end > 4:  # warcio stops quietly at a cut-off record header
        yield TruncatedArchiveError(
            f"truncated or corrupt WARC ({size - progress.end} unreadable bytes "
            f"after offset {progress.end})",
            source=source,
        )
    elif progress.found == 0:
        yield NoArticleTextError("WARC holds no HTML response records", source=source)


def _records(
    stream: IO[bytes], source: str, limits: ReadLimits, progress: _Progress, *, first: bool
) -> Generator[RawDocument | InputError, None, str | None]:
    """Documents from the stream's position on; return why reading stopped early, or None."""
    # warcio inflates a whole read block at once: a 16 kB block of a gzip bomb is 16 MB of
    # memory, a 4 kB block at most 4 MB
    records = ArchiveIterator(stream, block_size=_BLOCK)
    cap = limits.max_document_bytes
    try:
        for record in records:
            if record.format != "warc":  # warcio reads any leading line as an ARC header
                if first and progress.found == 0 and progress.end == 0:
                    yield TruncatedArchiveError(
                        "not a WARC file (no WARC/1.x record header)", source=source
                    )
                    progress.cut = True
                    return None
                return "no WARC/1.x record header"
            payload = _payload(record, cap)
            # warcio knows a record's offset only once the record has been read
            offset = records.get_record_offset()
            progress.end = offset + records.get_record_length()
            locator = f"record at offset {offset}"
            if getattr(record.raw_stream, "limit", 0) > 0:
                yield TruncatedArchiveError(
                    "record cut short (the file ends inside it)", source=source, locator=locator
                )
                progress.cut = True
                return None
            if record.rec_type != "response":
                continue
            http = record.http_headers
            ctype = (http.get_header("Content-Type") or "") if http else ""
            if "html" not in ctype.lower():
                continue
            progress.found += 1
            if isinstance(payload, tuple):
                kind, why = payload
                yield kind(why, source=source, locator=locator)
                continue
            try:
                html = decode_text(
                    payload, source=source, locator=locator, charset=charset_of(ctype)
                )
            except InputError as exc:
                yield exc
                continue
            yield RawDocument(
                source=source,
                kind="warc",
                sha256=sha256_hex(payload),
                html=html,
                url=record.rec_headers.get_header("WARC-Target-URI"),
                locator=locator,
                record_offset=offset,
            )
    except _BROKEN as exc:
        # warcio fails in many ways on cut or damaged data (an AttributeError when a
        # gzip member ends inside a record header); each means the same to the user
        return "a record header is cut off" if isinstance(exc, AttributeError) else _first_line(exc)
    return None


def _payload(record: Any, cap: int) -> bytes | tuple[type[InputError], str]:
    """The record's payload (Content-Encoding undone) up to ``cap`` bytes, or why not."""
    try:
        data = _inflate(record, cap)
        if data is None:
            data = record.content_stream().read(cap + 1)
    except (zlib.error, OSError, EOFError, ValueError) as exc:
        return TruncatedArchiveError, f"payload cannot be decoded ({_first_line(exc)})"
    if len(data) > cap:
        return TooLargeError, f"payload over the {cap}-byte limit once decompressed"
    return data


def _inflate(record: Any, cap: int) -> bytes | None:
    """A gzip or deflate payload inflated to at most ``cap + 1`` bytes; None for others.

    warcio inflates a whole read block at once, and a 16 kB block of a gzip bomb is 16 MB,
    so these encodings are inflated here with a bound on the output.
    """
    http = record.http_headers
    if http is None or (http.get_header("Transfer-Encoding") or "").lower() == "chunked":
        return None
    encoding = (http.get_header("Content-Encoding") or "").strip().lower()
    if encoding not in ("gzip", "x-gzip", "deflate"):
        return None
    inflater = zlib.decompressobj(zlib.MAX_WBITS | 32)  # gzip or zlib header, detected
    out = bytearray()
    pending = b""
    while len(out) <= cap:
        if not pending:
            pending = record.raw_stream.read(1 << 14)
            if not pending:
                break
        out += inflater.decompress(pending, cap + 1 - len(out))
        pending = inflater.unconsumed_tail
        if inflater.eof:
            break
    return bytes(out)


def _next_start(stream: IO[bytes], *, after: int, gzipped: bool) -> int | None:
    """Offset of the next gzip member (or WARC record header) at or after ``after``."""
    magic = _GZIP_MAGIC if gzipped else _WARC_MAGIC
    position = after
    while True:
        stream.seek(position)
        block = stream.read(_SCAN + len(magic))
        if len(block) < len(magic):
            return None
        found = block.find(magic)
        while found >= 0 and not gzipped and found > 0 and block[found - 1 : found] != b"\n":
            found = block.find(magic, found + 1)
        if found >= 0:
            return position + found
        position += _SCAN


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
