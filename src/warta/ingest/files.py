"""Readers for plain files: .txt, .html/.htm and .jsonl (and standard input)."""

from __future__ import annotations

import codecs
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from warta.errors import EmptyInputError, InputError, MalformedRecordError, TooLargeError
from warta.ingest.decode import decode_text
from warta.ingest.document import RawDocument, sha256_hex
from warta.ingest.limits import DEFAULT_LIMITS, ReadLimits, clip

# JSONL fields a line may carry; anything else is ignored.
JSONL_FIELDS = ("id", "text", "html", "url", "title", "published", "outlet")
STDIN = "-"
STDIN_SOURCE = "<stdin>"


def _read_capped(path: Path, limits: ReadLimits) -> bytes | TooLargeError:
    size = path.stat().st_size
    if size > limits.max_document_bytes:
        return _too_large(str(path), None, size, limits.max_document_bytes, "document")
    with path.open("rb") as handle:  # a file may grow while it is read: read at most the cap
        data = handle.read(limits.max_document_bytes + 1)
    if len(data) > limits.max_document_bytes:
        return _too_large(
            str(path), None, len(data), limits.max_document_bytes, "document", exact=False
        )
    return data


def _too_large(
    source: str, locator: str | None, size: int, cap: int, what: str, *, exact: bool = True
) -> TooLargeError:
    # a stream read up to the cap knows only that it is longer
    size_text = f"of {size} bytes" if exact else "of more bytes"
    return TooLargeError(
        f"{what} {size_text} is over the {cap}-byte limit", source=source, locator=locator
    )


def read_text_file(
    path: Path, *, limits: ReadLimits = DEFAULT_LIMITS
) -> Iterator[RawDocument | InputError]:
    source = str(path)
    data = _read_capped(path, limits)
    if isinstance(data, InputError):
        yield data
        return
    try:
        text = decode_text(data, source=source)
    except InputError as exc:
        yield exc
        return
    yield RawDocument(source=source, kind="text", sha256=sha256_hex(data), text=text)


def read_html_file(
    path: Path, *, limits: ReadLimits = DEFAULT_LIMITS
) -> Iterator[RawDocument | InputError]:
    source = str(path)
    data = _read_capped(path, limits)
    if isinstance(data, InputError):
        yield data
        return
    try:
        html = decode_text(data, source=source, charset=_declared_charset(data))
    except InputError as exc:
        yield exc
        return
    yield RawDocument(source=source, kind="html", sha256=sha256_hex(data), html=html)


def _declared_charset(data: bytes) -> str | None:
    head = data[:2048].lower()
    marker = head.find(b"charset=")
    if marker < 0:
        return None
    value = head[marker + 8 : marker + 40].strip(b"\"' ")
    end = next((i for i, b in enumerate(value) if b in b"\"' ;>/"), len(value))
    name = value[:end].decode("ascii", "ignore")
    return name or None


def read_jsonl_file(
    path: Path, *, limits: ReadLimits = DEFAULT_LIMITS
) -> Iterator[RawDocument | InputError]:
    with path.open("rb") as handle:
        yield from read_jsonl_stream(handle, source=str(path), limits=limits)


def read_jsonl_stream(
    handle: IO[bytes], *, source: str, limits: ReadLimits = DEFAULT_LIMITS
) -> Iterator[RawDocument | InputError]:
    """One document per line of a binary stream; a line over the cap is skipped, not read."""
    lines = _utf8_lines(handle)
    seen = 0
    number = 0
    cap = limits.max_line_bytes
    while True:
        line = lines.readline(cap + 1)
        if not line:
            break
        number += 1
        locator = f"line {number}"
        if len(line) > cap and not line.endswith(b"\n"):
            total = len(line) + _skip_line(lines)
            error = _too_large(source, locator, total, cap, "line")
            error.raw = clip(line[:8192].decode("utf-8", "replace"), total=total)
            seen += 1
            yield error
            continue
        if not line.strip():
            continue
        seen += 1
        yield parse_jsonl_line(line, source=source, locator=locator)
    if seen == 0:
        yield EmptyInputError("empty JSONL file (no lines)", source=source)


def _utf8_lines(handle: IO[bytes]) -> IO[bytes]:
    """The stream as UTF-8 bytes: a UTF-16 file (with its byte-order mark) is re-encoded."""
    peek = getattr(handle, "peek", None)
    head = peek(2)[:2] if peek is not None else b""
    if head in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        text = io.TextIOWrapper(handle, encoding="utf-16", errors="replace", newline="")
        return io.BytesIO(text.read().encode("utf-8"))
    return handle


def _skip_line(handle: IO[bytes]) -> int:
    """Read past the rest of an over-long line in bounded pieces; return how many bytes."""
    skipped = 0
    while True:
        piece = handle.readline(1 << 16)
        skipped += len(piece)
        if not piece or piece.endswith(b"\n"):
            return skipped


def parse_jsonl_line(line: bytes, *, source: str, locator: str) -> RawDocument | InputError:
    result = _parse_jsonl_line(line, source=source, locator=locator)
    if isinstance(result, InputError):
        result.raw = clip(line.decode("utf-8", "replace").rstrip("\r\n"))
    return result


def _parse_jsonl_line(line: bytes, *, source: str, locator: str) -> RawDocument | InputError:
    try:
        data: Any = json.loads(line)
    except json.JSONDecodeError as exc:
        return MalformedRecordError(f"invalid JSON ({exc.msg})", source=source, locator=locator)
    except UnicodeDecodeError:
        return MalformedRecordError("invalid UTF-8", source=source, locator=locator)
    except ValueError as exc:  # a number of 5,000 digits
        return MalformedRecordError(
            f"invalid JSON ({str(exc).split(':', 1)[0]})", source=source, locator=locator
        )
    except RecursionError:  # [[[[... nested deeper than Python's stack
        return MalformedRecordError(
            "invalid JSON (nested too deep)", source=source, locator=locator
        )
    if not isinstance(data, dict):
        return MalformedRecordError(
            f"expected a JSON object, got {type(data).__name__}", source=source, locator=locator
        )
    text, html = data.get("text"), data.get("html")
    if not isinstance(text, str) and not isinstance(html, str):
        return MalformedRecordError(
            'no "text" or "html" string field', source=source, locator=locator
        )
    meta = {k: data.get(k) for k in ("url", "title", "published", "outlet")}
    bad = [k for k, v in meta.items() if v is not None and not isinstance(v, str)]
    if bad:
        return MalformedRecordError(
            f'field "{bad[0]}" must be a string', source=source, locator=locator
        )
    warnings: list[str] = []
    if isinstance(meta["published"], str) and not meta["published"].strip():
        meta["published"] = None  # an empty field says nothing
    if meta["published"] is not None:
        from warta.clean.published import BadDate, parse_published  # clean imports ingest

        try:
            meta["published"] = parse_published(meta["published"]).isoformat()
        except BadDate as exc:
            meta["published"] = None
            warnings.append(f'field "published": {exc}; the record keeps null')
    given_id = data.get("id")
    if given_id is not None and (isinstance(given_id, bool) or not isinstance(given_id, str | int)):
        return MalformedRecordError(
            'field "id" must be a string or an integer', source=source, locator=locator
        )
    for name in JSONL_FIELDS:
        value = data.get(name)
        if isinstance(value, str) and (where := _surrogate_at(value)) is not None:
            # a lone \\udXXX escape is valid JSON but no text: it cannot be written as UTF-8
            return MalformedRecordError(
                f'field "{name}" holds a lone surrogate escape '
                f"(\\u{ord(value[where]):04x} at character {where})",
                source=source,
                locator=locator,
            )
    return RawDocument(
        source=source,
        kind="jsonl",
        sha256=sha256_hex(line.rstrip(b"\r\n")),
        text=text if isinstance(text, str) else None,
        html=None if isinstance(text, str) else html,
        id=str(given_id).strip() or None if given_id is not None else None,
        locator=locator,
        warnings=warnings,
        **meta,
    )


def _surrogate_at(value: str) -> int | None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        return exc.start
    return None


def read_stdin(
    stream: IO[bytes], *, limits: ReadLimits = DEFAULT_LIMITS
) -> Iterator[RawDocument | InputError]:
    """Standard input (``-``): JSONL when it starts with ``{``, else one text or HTML article."""
    buffered: Any = stream if hasattr(stream, "peek") else io.BufferedReader(stream)
    head = buffered.peek(4096)[:4096].lstrip()
    if head.startswith(b"{"):
        yield from read_jsonl_stream(buffered, source=STDIN_SOURCE, limits=limits)
        return
    data = buffered.read(limits.max_document_bytes + 1)
    if len(data) > limits.max_document_bytes:
        cap = limits.max_document_bytes
        yield _too_large(STDIN_SOURCE, None, len(data), cap, "document", exact=False)
        return
    try:
        text = decode_text(data, source=STDIN_SOURCE)
    except InputError as exc:
        yield exc
        return
    kind = "html" if text.lstrip()[:1] == "<" else "text"
    yield RawDocument(
        source=STDIN_SOURCE,
        kind=kind,
        sha256=sha256_hex(data),
        text=text if kind == "text" else None,
        html=text if kind == "html" else None,
    )
