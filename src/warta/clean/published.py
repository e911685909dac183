"""The publication date: from metadata when there is some, else inferred, saying how and how sure.

``published_source`` values and the ``published_confidence`` that goes with each:

==================  ====  =============================================================
``jsonl``, ``feed``  1.0  the input's own field
``html``            0.9   htmldate on the page
``path``            0.8   a date in the file name
``text:today``      0.9   a date the text calls today ("hari ini, Senin (10/8/2020)",
                          "Sabtu (18/4/2020) ini"), or yesterday/tomorrow, shifted
``text:dateline``   0.85  a date in the dateline ("Jakarta, 20 November 2017 –")
``text:dates``      0.7   the latest date that names its weekday (and it agrees), of the
                          densest run of such dates, not introduced as scheduled
``text:lead``       0.5   else the latest date of the first two sentences in that run
==================  ====  =============================================================

Never history, never a guess: a date whose named weekday disagrees is no evidence; a
date introduced as scheduled ("akan", "dijadwalkan", "mendatang") is not the day of
writing; dates far from the article's other dates (``OUTLIER_DAYS``) are history or
plans; a date without a weekday counts only in the lead; with nothing left the
date is null. "Selasa (19/9)" gets its year from the years the text names, the one
whose 19 September is a Tuesday.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from dataclasses import dataclass

from warta.times.lexicon import lexicon

# one month and weekday table for the whole package: the times stage's (Monday is 0 here)
_MONTHS = lexicon().all_months
_WEEKDAYS = {name: number - 1 for name, number in lexicon().weekdays.items()}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
_YEAR = r"(?:19|20)\d{2}"
# "Senin (20/11/2017)", "(20/11)", "20/11/2017"
_NUMERIC = re.compile(
    rf"(?:(?P<wd>{_WEEKDAY})\b[\s,]*(?:\w+\s+){{0,2}}?)?\(?(?<![\d/.])"
    rf"(?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})(?:/(?P<y>{_YEAR}|\d{{2}}))?(?![\d/])\)?",
    re.IGNORECASE,
)
# "Senin, 20 November 2017", "20 Nov 2017", "20 November"
_WRITTEN = re.compile(
    rf"(?:(?P<wd>{_WEEKDAY})\b[\s,]*(?:\(\s*)?)?(?<!\d)(?P<d>\d{{1,2}})\s+(?P<m>{_MONTH})\.?"
    rf"(?:\s+(?P<y>{_YEAR}))?\b",
    re.IGNORECASE,
)
_ISO = re.compile(rf"(?<!\d)(?P<y>{_YEAR})-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}})(?!\d)")
_ANY_YEAR = re.compile(rf"(?<!\d){_YEAR}(?!\d)")
_TODAY_BEFORE = re.compile(
    r"(hari ini|pagi ini|siang ini|sore ini|malam ini|tadi pagi)[\s,]*$", re.I
)
_TODAY_AFTER = re.compile(r"^\)?\s*(ini|hari ini|pagi ini|siang ini|sore ini|malam ini)\b", re.I)
_YESTERDAY = re.compile(r"(kemarin|kemarin malam|kemarin sore)[\s,]*$", re.I)
_FUTURE = re.compile(
    r"\b(akan|bakal|rencananya|direncanakan|dijadwalkan|mendatang|nanti|"
    r"batas waktu|paling lambat|mulai berlaku)\b[^.]{0,40}$",
    re.IGNORECASE,
)
# Dates further than this from the median of the article's dates are history or plans.
OUTLIER_DAYS = 45
LEAD_CHARS = 400


@dataclass(frozen=True, slots=True)
class Inferred:
    date: dt.date
    source: str
    confidence: float


@dataclass(frozen=True, slots=True)
class _Mention:
    date: dt.date
    start: int
    weekday_named: bool
    today: int | None  # 0 today, 1 the text's yesterday, -1 its tomorrow; None if not said
    future: bool


class BadDate(ValueError):
    """A metadata date that is not a date; the message says why."""


def parse_published(value: str) -> dt.date:
    """A metadata date: ISO date or date-time (with zone: the date as written there),
    ``17/08/2023``, ``17-08-2023``, ``17.08.2023``, ``17 Agustus 2023``, ``Aug 17, 2023``.

    Raises ``BadDate`` naming the reason for anything else or an impossible date.
    """
    text = value.strip()
    forms = (
        r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?",
        r"(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})",
        rf"(?:(?:{_WEEKDAY}),?\s+)?(?P<d>\d{{1,2}})\s+(?P<m>{_MONTH})\.?\s+(?P<y>\d{{4}})",
        rf"(?P<m>{_MONTH})\.?\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})",
    )
    for form in forms:
        match = re.fullmatch(form, text, re.IGNORECASE)
        if match:
            month = match["m"]
            number = int(month) if month.isdigit() else _MONTHS[month.lower()]
            try:
                return dt.date(int(match["y"]), number, int(match["d"]))
            except ValueError as exc:
                raise BadDate(f"{value!r} is not a date ({exc})") from None
    raise BadDate(
        f"{value!r} is not a date in a known form (2023-08-17, 17/08/2023, 17 Agustus 2023)"
    )


def parse_date(value: str | None) -> dt.date | None:
    """``parse_published`` that answers None instead of raising."""
    if not value:
        return None
    try:
        return parse_published(value)
    except BadDate:
        return None


def date_from_path(path: str) -> dt.date | None:
    name = path.rsplit("/", 1)[-1]
    match = _ISO.search(name)
    if not match:
        return None
    with contextlib.suppress(ValueError):
        return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
    return None


def _date(year: int, month: int, day: int) -> dt.date | None:
    with contextlib.suppress(ValueError):
        return dt.date(year, month, day)
    return None


def _mentions(text: str) -> list[_Mention]:
    years = sorted({int(y) for y in _ANY_YEAR.findall(text)})
    found: list[_Mention] = []
    for pattern in (_NUMERIC, _WRITTEN):
        for match in pattern.finditer(text):
            month_text = match["m"]
            month = int(month_text) if month_text.isdigit() else _MONTHS[month_text.lower()]
            day = int(match["d"])
            weekday = _WEEKDAYS.get((match["wd"] or "").lower())
            if match["y"]:
                year = int(match["y"])
                year += 2000 if year < 100 else 0
                dates = [_date(year, month, day)]
            elif weekday is not None and years:
                # "Selasa (19/9)": the latest year the text names (or the next) if that day is
                # a Tuesday in it; the earlier years it names are its history
                dates = [_date(y, month, day) for y in (years[-1], years[-1] + 1)]
                dates = [d for d in dates if d is not None and d.weekday() == weekday]
            else:
                continue
            if len(dates) != 1 or dates[0] is None:
                continue
            date = dates[0]
            if weekday is not None and date.weekday() != weekday:
                continue  # the text contradicts itself: no evidence
            before, after = text[max(0, match.start() - 60) : match.start()], text[match.end() :]
            today = 0 if _TODAY_BEFORE.search(before) or _TODAY_AFTER.match(after) else None
            if today is None and _YESTERDAY.search(before):
                today = 1
            found.append(
                _Mention(
                    date, match.start(), weekday is not None, today, bool(_FUTURE.search(before))
                )
            )
    return sorted(found, key=lambda m: m.start)


def dates_in_text(text: str) -> list[dt.date]:
    """Every calendar date the text writes out (with its year, or a weekday that fixes it)."""
    return [m.date for m in _mentions(text)]


def infer_published(text: str, *, dateline_end: int = 0) -> Inferred | None:
    """The day the article was written, from its own text; None rather than a guess."""
    mentions = _mentions(text)
    if dateline_end:
        in_dateline = [m for m in mentions if m.start < dateline_end]
        if in_dateline:
            return Inferred(in_dateline[0].date, "text:dateline", 0.85)
    # News names the weekday of recent days ("Senin (20/11/2017)") and not of history, so
    # the dates with a weekday (that agrees) or a "today" say where the article stands.
    strong = [m for m in mentions if m.weekday_named or m.today is not None]
    if not strong:
        return None
    # the densest run of such dates is where the article stands; the first one wins a tie
    center = max(
        strong, key=lambda m: sum(abs((o.date - m.date).days) <= OUTLIER_DAYS for o in strong)
    )
    near = [m for m in mentions if abs((m.date - center.date).days) <= OUTLIER_DAYS]
    today = [m for m in near if m.today is not None]
    if today:
        first = today[0]
        return Inferred(first.date + dt.timedelta(days=first.today or 0), "text:today", 0.9)
    checked = [m for m in near if m.weekday_named and not m.future]
    if checked:
        return Inferred(max(m.date for m in checked), "text:dates", 0.7)
    lead_end = _lead_end(text)
    lead = [m for m in near if m.start < lead_end and not m.future]
    if lead:
        return Inferred(max(m.date for m in lead), "text:lead", 0.5)
    return None


def _lead_end(text: str) -> int:
    """The end of the first two sentences (at most ``LEAD_CHARS`` characters)."""
    ends = [m.end() for m in re.finditer(r"[.!?][\"”’)]*\s", text[:LEAD_CHARS])]
    return ends[1] if len(ends) > 1 else min(len(text), LEAD_CHARS)


def infer_from_text(text: str) -> dt.date | None:
    inferred = infer_published(text)
    return inferred.date if inferred else None
