"""The quarantine file: one JSON line per input that failed, so nothing is silently lost."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TextIO

from warta.errors import InputError, OutputError, StageError

# Files ending in ".quarantine.jsonl" are warta's own; reading a folder skips them.
QUARANTINE_SUFFIX = ".quarantine.jsonl"
QUARANTINE_NAME = "warta" + QUARANTINE_SUFFIX


# The fields of a quarantine entry, in order: the file's keys, the Spark table's columns.
QUARANTINE_FIELDS = ("source", "locator", "reason", "stage", "error", "raw", "at")


def quarantine_entry(error: InputError) -> dict[str, str | None]:
    """What is kept of a failed input; ``stage`` names the stage that failed, if one did."""
    return {
        "source": error.source,
        "locator": error.locator,
        "reason": error.reason,
        "stage": error.stage if isinstance(error, StageError) else None,
        "error": error.message,
        "raw": error.raw,
        "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }


class Quarantine:
    """Appends failures to ``path`` (opened on the first failure only)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: TextIO | None = None
        self.count = 0

    def add(self, error: InputError) -> None:
        try:
            self._write(error)
        except OSError as exc:
            raise OutputError(
                f"cannot write the quarantine file {self.path}: {exc.strerror or exc}"
            ) from None

    def _write(self, error: InputError) -> None:
        if self._handle is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._handle = self.path.open("a", encoding="utf-8")
        entry = quarantine_entry(error)
        self._handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
        self._handle.flush()
        self.count += 1

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None
