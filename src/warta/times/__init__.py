"""Time expressions: find and normalize Indonesian and English dates, times, durations and sets.

``find_times(text, *, published=None)`` works on plain text and returns ``TimeExpr`` records
(start, end, text, value, type, anchor) with TIMEX3-style values: ``2022-03-01``, ``2022-03``,
``2022``, ``2022-W08``, ``2022-W08-WE``, ``2022-Q1``, ``2022-02-28T10:00``, ``2022-02-27TNI``
(part of day), ``PT90M`` / ``P3Y`` (durations), ``XXXX-WXX-1`` / ``P1D`` (sets), ranges as
``start/end``. Relative expressions are anchored on ``published``; without it on the nearest
fully written date in the text (``anchor="text"``), else their value is ``None``
(``anchor="none"``). ``anchor`` is ``None`` when the value needed no anchor at all.

For the event stage::

    date_for_span(article, start=s, end=e)                  -> ("2022-02-28", "text")
    date_for_span(article, start=s, end=e, fallback=True)   -> ("2022-03-01", "published")

returns the date stated by a time expression inside ``[start, end)`` (the most precise one:
a day beats a week, a month or a year; the date part of a TIME value) and how it was found:
``"text"``, ``"published"`` (only with ``fallback=True`` and a known publication date) or
``"none"``. It uses ``article.times`` when the stage has run, else finds them on the fly.

Holidays: "H-15 Lebaran", "H+7 Idul Fitri", "H-7 hingga H+7 Lebaran 2021", "Natal 2021" are
dates: the feast in the year written, else in the anchor's year (the next year's when the
anchor is more than 60 days past it), shifted by n days. Christmas and New Year are fixed;
Idul Fitri and Idul Adha come from ``data/holidays.tsv`` (the Indonesian government's dates,
2010-2025); outside that table the value stays ``None``. A bare "Lebaran" or "Natal" is not
an expression: it names the feast more often than it dates an event.
"""

from __future__ import annotations

import datetime as dt
import re

from warta.record import Article, TimeExpr
from warta.times.resolve import resolve

__all__ = ["date_for_span", "find_times"]

_PRECISION = [
    (re.compile(r"^\d{4}-\d\d-\d\d"), 4),
    (re.compile(r"^\d{4}-W\d\d"), 3),
    (re.compile(r"^\d{4}-\d\d$"), 2),
    (re.compile(r"^\d{4}(?:-[QH]\d)?$"), 1),
]


def find_times(text: str, *, published: dt.date | None = None) -> list[TimeExpr]:
    """Every time expression in ``text``, in order, with values anchored on ``published``."""
    return resolve(text, published=published)


def _date_part(value: str) -> tuple[str, int] | None:
    if "/" in value:
        value = value.split("/", 1)[0]  # a range: its start
    for pattern, rank in _PRECISION:
        if found := pattern.match(value):
            return found.group(0), rank
    return None


def date_for_span(
    article: Article, *, start: int, end: int, fallback: bool = False
) -> tuple[str | None, str]:
    """The date (or coarser period) a span states, and how: text | published | none."""
    times = article.times or find_times(article.text, published=article.published)
    best: tuple[str, int] | None = None
    for t in times:
        if t.start >= start and t.end <= end and t.value and t.type in ("DATE", "TIME"):
            part = _date_part(t.value)
            if part is not None and (best is None or part[1] > best[1]):
                best = part
    if best is not None:
        return best[0], "text"
    if fallback and article.published is not None:
        return article.published.isoformat(), "published"
    return None, "none"
