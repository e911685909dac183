"""Offsets between the clean text and the raw text it was cut from.

Cleaning only deletes characters or replaces a whitespace run by one character,
so the mapping is a list of runs ``(clean_start, raw_start)``: from
``clean_start`` on, clean and raw offsets advance together until the next run.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence


class TextBuilder:
    """Builds a clean string from pieces of a raw string, recording the runs."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self.runs: list[tuple[int, int]] = []
        self._length = 0
        self._raw_end = -1  # raw offset just after the last copied character

    def copy(self, raw_start: int, piece: str) -> None:
        """Append ``piece``, which is ``raw[raw_start:raw_start + len(piece)]``."""
        if not piece:
            return
        if raw_start != self._raw_end:
            self.runs.append((self._length, raw_start))
        self._parts.append(piece)
        self._length += len(piece)
        self._raw_end = raw_start + len(piece)

    def insert(self, char: str, raw_at: int) -> None:
        """Append a character that stands for raw text at ``raw_at`` (a whitespace run)."""
        self.runs.append((self._length, raw_at))
        self._parts.append(char)
        self._length += len(char)
        self._raw_end = -1

    def __len__(self) -> int:
        return self._length

    def text(self) -> str:
        return "".join(self._parts)


def to_raw(runs: Sequence[tuple[int, int]], offset: int) -> int:
    """Raw offset of the clean ``offset`` (for an end offset, pass ``end - 1`` and add 1)."""
    if not runs:
        return offset
    index = bisect_right([start for start, _ in runs], offset) - 1
    if index < 0:
        return offset
    clean_start, raw_start = runs[index]
    return raw_start + (offset - clean_start)


def span_to_raw(runs: Sequence[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """Raw span of the clean span ``[start, end)``."""
    if end <= start:
        raw = to_raw(runs, start)
        return raw, raw
    return to_raw(runs, start), to_raw(runs, end - 1) + 1
