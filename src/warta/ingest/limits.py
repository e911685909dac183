"""Size caps on what a reader takes in, so one input can never fill memory or the disk.

A document over a cap is reported (``TooLargeError``, reason ``too-large``) and the run goes
on; the caps are settings (``warta extract --max-doc-bytes/--max-line-bytes``).
"""

from __future__ import annotations

from dataclasses import dataclass

# 10 MB, like the feed fetcher's cap on a page: a news article is rarely over 100 kB, and a
# 10 MB HTML page already takes the cleaning and nlp stages tens of seconds.
DEFAULT_MAX_BYTES = 10_000_000

# How much of a bad input the quarantine file keeps: enough to see what was wrong with it.
MAX_QUARANTINED_CHARS = 4096


@dataclass(frozen=True, slots=True, kw_only=True)
class ReadLimits:
    """``max_document_bytes``: one .txt/.html file, WARC payload (decompressed) or stdin
    article; ``max_line_bytes``: one JSONL line."""

    max_document_bytes: int = DEFAULT_MAX_BYTES
    max_line_bytes: int = DEFAULT_MAX_BYTES

    def __post_init__(self) -> None:
        if self.max_document_bytes < 1 or self.max_line_bytes < 1:
            from warta.errors import ConfigError

            raise ConfigError("size limits must be at least 1 byte")


DEFAULT_LIMITS = ReadLimits()


def clip(raw: str, *, total: int | None = None) -> str:
    """``raw`` cut to what the quarantine keeps, saying how long it was."""
    if len(raw) <= MAX_QUARANTINED_CHARS and total is None:
        return raw
    size = total if total is not None else len(raw.encode("utf-8", "replace"))
    return raw[:MAX_QUARANTINED_CHARS] + f"… [cut: {size} bytes in all]"
