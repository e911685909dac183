"""What a reader hands to the pipeline: one raw document with what the input said about it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


@dataclass(slots=True, kw_only=True)
class RawDocument:
    """One article's raw content and the metadata its input gave.

    Exactly one of ``text`` and ``html`` is set. ``sha256`` is of the raw bytes
    this document came from (the file, the JSONL line, the WARC payload).
    """

    source: str
    kind: str  # text | html | jsonl | warc | feed
    sha256: str
    text: str | None = None
    html: str | None = None
    id: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    locator: str | None = None
    record_offset: int | None = None
    # what the reader let pass but the user should hear of (an impossible ``published``)
    warnings: list[str] = field(default_factory=list)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
