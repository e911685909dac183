"""Reader for WARC files: every HTTP response record with an HTML payload is one document."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from warta.errors import InputError, NoArticleTextError, TruncatedArchiveError
from warta.ingest.decode import charset_of, decode_text
from warta.ingest.document import RawDocument, sha256_hex


def read_warc_file(path: Path) -> Iterator[RawDocument | InputError]:
    source = str(path)
    size = path.stat().st_size
    end = 0
    found = 0
    with path.open("rb") as stream:
        records = ArchiveIterator(stream)
        try:
            for record in records:
                if record.format != "warc":  # warcio reads any leading line as an ARC header
                    yield TruncatedArchiveError(
                        "not a WARC file (no WARC/1.x record header)", source=source
                    )
                    return
                payload = record.content_stream().read()
                # warcio knows a record's offset only once the record has been read
                offset = records.get_record_offset()
                end = offset + records.get_record_length()
                locator = f"record at offset {offset}"
                if getattr(record.raw_stream, "limit", 0) > 0:
                    yield TruncatedArchiveError(
                        "record cut short (the file ends inside it)", source=source, locator=locator
                    )
                    return
                if record.rec_type != "response":
                    continue
                http = record.http_headers
                ctype = (http.get_header("Content-Type") or "") if http else ""
                if "html" not in ctype.lower():
                    continue
                try:
                    html = decode_text(
                        payload, source=source, locator=locator, charset=charset_of(ctype)
                    )
                except InputError as exc:
                    yield exc
                    continue
                found += 1
                yield RawDocument(
                    source=source,
                    kind="warc",
                    sha256=sha256_hex(payload),
                    html=html,
                    url=record.rec_headers.get_header("WARC-Target-URI"),
                    locator=locator,
                    record_offset=offset,
                )
        except (ArchiveLoadFailed, EOFError, OSError, ValueError, AttributeError) as exc:
            # warcio fails in many ways on cut or damaged data (an AttributeError when a
            # gzip member ends inside a record header); each means the same to the user
            why = (
                "a record header is cut off"
                if isinstance(exc, AttributeError)
                else _first_line(exc)
            )
            yield TruncatedArchiveError(f"truncated or corrupt WARC ({why})", source=source)
            return
    if size - end > 4:  # warcio stops quietly at a cut-off record header
        yield TruncatedArchiveError(
            f"truncated or corrupt WARC ({size - end} unreadable bytes after offset {end})",
            source=source,
        )
    elif found == 0:
        yield NoArticleTextError("WARC holds no HTML response records", source=source)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
