"""Readers for plain files: .txt, .html/.htm and .jsonl."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from warta.errors import InputError, MalformedRecordError
from warta.ingest.decode import decode_text
from warta.ingest.document import RawDocument, sha256_hex

# JSONL fields a line may carry; anything else is ignored.
JSONL_FIELDS = ("id", "text", "html", "url", "title", "published", "outlet")


def read_text_file(path: Path) -> Iterator[RawDocument | InputError]:
    source = str(path)
    data = path.read_bytes()
    try:
        text = decode_text(data, source=source)
    except InputError as exc:
        yield exc
        return
    yield RawDocument(source=source, kind="text", sha256=sha256_hex(data), text=text)


def read_html_file(path: Path) -> Iterator[RawDocument | InputError]:
    source = str(path)
    data = path.read_bytes()
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


def read_jsonl_file(path: Path) -> Iterator[RawDocument | InputError]:
    source = str(path)
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            yield parse_jsonl_line(line, source=source, locator=f"line {number}")


def parse_jsonl_line(line: bytes, *, source: str, locator: str) -> RawDocument | InputError:
    result = _parse_jsonl_line(line, source=source, locator=locator)
    if isinstance(result, InputError):
        result.raw = line.decode("utf-8", "replace").rstrip("\r\n")
    return result


def _parse_jsonl_line(line: bytes, *, source: str, locator: str) -> RawDocument | InputError:
    try:
        data: Any = json.loads(line)
    except json.JSONDecodeError as exc:
        return MalformedRecordError(f"invalid JSON ({exc.msg})", source=source, locator=locator)
    except UnicodeDecodeError:
        return MalformedRecordError("invalid UTF-8", source=source, locator=locator)
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
    given_id = data.get("id")
    return RawDocument(
        source=source,
        kind="jsonl",
        sha256=sha256_hex(line.rstrip(b"\r\n")),
        text=text if isinstance(text, str) else None,
        html=None if isinstance(text, str) else html,
        id=str(given_id) if given_id is not None else None,
        locator=locator,
        **meta,
    )
