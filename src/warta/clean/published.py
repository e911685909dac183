"""The publication date: from metadata when there is some, else inferred, saying how.

``published_source`` values: ``jsonl`` (the input's field), ``html`` (htmldate on
the page), ``feed`` (the feed entry), ``path`` (a date in the file name),
``text:latest-date`` (the latest full date the text mentions: news reports on
the past, so the latest date it names is the best guess for the day it ran).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re

_MONTHS = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "feb": 2, "pebruari": 2, "february": 2,
    "maret": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "agustus": 8, "agu": 8, "agt": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nov": 11, "nopember": 11,
    "desember": 12, "des": 12, "dec": 12, "december": 12,
}  # fmt: skip
_NUMERIC = re.compile(r"(?<![\d/.])(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})(?![\d/])")
_WRITTEN = re.compile(
    r"(?<!\d)(\d{1,2})\s+("
    + "|".join(sorted(_MONTHS, key=len, reverse=True))
    + r")\.?\s+((?:19|20)\d{2})\b",
    re.IGNORECASE,
)
_ISO = re.compile(r"(?<!\d)((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)")


def parse_date(value: str | None) -> dt.date | None:
    """An ISO date or date-time string (``2022-03-01``, ``2022-03-01T10:00:00+07:00``)."""
    if not value:
        return None
    match = _ISO.search(value.strip()[:10])
    if not match:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def date_from_path(path: str) -> dt.date | None:
    name = path.rsplit("/", 1)[-1]
    return parse_date(match.group()) if (match := _ISO.search(name)) else None


def dates_in_text(text: str) -> list[dt.date]:
    """Full calendar dates written in the text (d/m/yyyy and "1 Maret 2022")."""
    found: list[dt.date] = []
    for match in _NUMERIC.finditer(text):
        _append(found, int(match[3]), int(match[2]), int(match[1]))
    for match in _WRITTEN.finditer(text):
        _append(found, int(match[3]), _MONTHS[match[2].lower()], int(match[1]))
    return found


def _append(found: list[dt.date], year: int, month: int, day: int) -> None:
    with contextlib.suppress(ValueError):
        found.append(dt.date(year, month, day))


def infer_from_text(text: str) -> dt.date | None:
    dates = dates_in_text(text)
    return max(dates) if dates else None
