"""Glue atoms into expressions and give each a TIMEX3-style value anchored on a reference date.

The reference date ("anchor") is the publication date when there is one. Without it, each
relative expression is anchored on the nearest fully written date (day, month and year) in the
text, and the record says ``anchor="text"``; with neither, relative values stay ``None`` and
``anchor="none"``. A clock time or part of day standing alone takes the day of the closest
preceding dated expression ("21 November 2017 ... pukul 17.05" is 2017-11-21T17:05).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass, field

from warta.record import TimeExpr
from warta.times.lexicon import lexicon, norm
from warta.times.patterns import Draft, find_atoms

# what may separate the parts of one expression: spaces and a comma on one line, a preposition
_GAP = re.compile(r"[ \t]*,?[ \t]*(?:(?:sekitar|pada|pkl\.?|tanggal)[ \t]+)?", re.I)
_LIST_GAP = re.compile(r"\s*(?:,|dan|and|serta|hingga|sampai|-|–)\s*", re.I)


def _priority(d: Draft) -> int:
    if d.kind == "set":
        return 4
    if d.kind in ("clock", "pdate") or (d.kind == "date" and d.day is not None):
        return 3
    return 1 if d.kind == "tod" else 2


def choose(atoms: list[Draft]) -> list[Draft]:
    """Non-overlapping atoms: higher priority first, then longer, then earlier."""
    taken: list[Draft] = []
    for a in sorted(atoms, key=lambda a: (-_priority(a), -(a.end - a.start), a.start)):
        if all(a.end <= b.start or a.start >= b.end for b in taken):
            taken.append(a)
    return sorted(taken, key=lambda a: a.start)


def _joinable(chain: list[Draft], nxt: Draft) -> bool:
    """Whether ``nxt`` continues the expression (weekday, date, part of day, clock)."""
    kinds = {a.kind for a in chain}
    if kinds & {"dur", "set", "literal"}:
        return False
    if "rel" in kinds:  # "kemarin pukul 10.00"; "pukul 07.15 esok hari" stays two expressions
        head = chain[0]
        return nxt.kind == "clock" and len(chain) == 1 and head.rel_unit == "D" and not head.tod
    has_date = bool(kinds & {"date", "pdate"})
    has_clock = "clock" in kinds
    if nxt.kind == "pdate":
        return "wd" in kinds and not has_date
    if nxt.kind == "date":
        if nxt.day is None or has_date or nxt.end_draft is not None:
            return False
        return "wd" in kinds or kinds <= {"tod", "clock"}
    if nxt.kind == "wd":
        return kinds <= {"tod", "clock"}
    if nxt.kind == "tod":
        return "tod" not in kinds and not has_clock and (has_date or "wd" in kinds)
    if nxt.kind == "clock":
        if kinds == {"pdate"}:
            return False  # "(3/8/2016) pukul 16.00": a bracketed date is an aside
        return not has_clock and (has_date or "wd" in kinds or kinds == {"tod"})
    return False


def _fold(chain: list[Draft]) -> Draft:
    if len(chain) == 1:
        return chain[0]
    out = Draft(chain[0].start, chain[-1].end, "date")
    for a in chain:
        out.parts.append(a.kind)
        for name in ("year", "month", "day", "weekday", "wd_dir", "tod", "clock", "clock2",
                     "rel_unit", "holiday", "end_draft"):  # fmt: skip
            value = getattr(a, name)
            if value is not None:
                setattr(out, name, value)
        if a.kind == "rel":
            out.rel_n, out.anaphoric = a.rel_n, a.anaphoric
    if "pdate" in out.parts or "date" in out.parts:
        out.stated_weekday = out.weekday  # kept to check a year taken from the context
        out.weekday = out.wd_dir = None  # a weekday with a date: the date decides
    return out


def merge(text: str, atoms: list[Draft]) -> list[Draft]:
    out: list[Draft] = []
    i = 0
    while i < len(atoms):
        chain = [atoms[i]]
        j = i + 1
        while (
            j < len(atoms)
            and _GAP.fullmatch(text, chain[-1].end, atoms[j].start)
            and _joinable(chain, atoms[j])
        ):
            chain.append(atoms[j])
            j += 1
        d = _fold(chain)
        keep = _standalone(text, d)
        if keep is not None:
            out.append(keep)
        i = j
    for a, b in itertools.pairwise(out):  # "21 Juni dan 17 Oktober 2017"
        borrow = a.kind == "date" and a.year is None and a.month and a.rel_unit is None
        if borrow and b.year and b.month and _LIST_GAP.fullmatch(text, a.end, b.start):
            a.year = b.year
    return out


def _standalone(text: str, d: Draft) -> Draft | None:
    """Drop atoms that mean nothing alone; trim the brackets of a lone "(1/3/2022)"."""
    if d.kind == "tod":
        return d if norm(text[d.start : d.end]) in ("dini hari", "dinihari") else None
    if d.kind == "pdate":
        if d.year is None:
            return None  # "(3/4)" without a weekday may be a fraction or a score
        d.kind = "date"
        d.start += 1
        d.end -= 1
    return d


@dataclass(slots=True)
class _Context:
    published: dt.date | None
    full_dates: list[tuple[int, dt.date]]
    last_day: dt.date | None = None
    last_any: tuple[dt.date, str] | None = None
    anchors_used: set[str] = field(default_factory=set)

    def anchor(self, at: int) -> tuple[dt.date | None, str]:
        if self.published is not None:
            return self.published, "published"
        if not self.full_dates:
            return None, "none"
        _, date = min(self.full_dates, key=lambda pd: (abs(pd[0] - at), pd[0] > at))
        return date, "text"


def _date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _infer_year(month: int, day: int, anchor: dt.date) -> dt.date | None:
    """The year that puts day-month nearest the anchor, preferring the past (news reports it)."""
    best: tuple[int, dt.date] | None = None
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        date = _date(y, month, day)
        if date is None:
            continue
        delta = (date - anchor).days
        cost = -delta if delta <= 0 else 3 * delta
        if best is None or cost < best[0]:
            best = (cost, date)
    return best[1] if best else None


def _shift_month(date: dt.date, n: int) -> dt.date:
    index = date.year * 12 + date.month - 1 + n
    return dt.date(index // 12, index % 12 + 1, 1)


def _fmt(date: dt.date, gran: str) -> str:
    if gran == "D":
        return date.isoformat()
    if gran in ("W", "WE"):
        iso = date.isocalendar()
        return f"{iso.year}-W{iso.week:02d}" + ("-WE" if gran == "WE" else "")
    if gran == "M":
        return f"{date.year:04d}-{date.month:02d}"
    return f"{date.year:04d}"


def _relative(d: Draft, base: dt.date) -> tuple[dt.date, str]:
    unit, n = d.rel_unit or "D", int(d.rel_n)
    if unit == "D":
        return base + dt.timedelta(days=n), "D"
    if unit in ("W", "WE"):
        return base + dt.timedelta(weeks=n), unit
    if unit == "M":
        return _shift_month(base, n), "M"
    return dt.date(base.year + n, 1, 1), "Y"


def _weekday(d: Draft, anchor: dt.date, *, narrated: bool) -> dt.date:
    """``narrated``: the anchor is a date written in the text, not "today", so a bare weekday
    may also fall just after it ("Sabtu (5/12) dini hari ... Minggu dini hari")."""
    wd = d.weekday or 1
    diff = (anchor.isoweekday() - wd) % 7
    if d.wd_dir is None:
        if narrated and diff > 3:
            return anchor + dt.timedelta(days=7 - diff)
        return anchor - dt.timedelta(days=diff)
    if d.wd_dir < 0:
        return anchor - dt.timedelta(days=diff or 7)
    if d.wd_dir > 0:
        return anchor + dt.timedelta(days=(wd - anchor.isoweekday()) % 7 or 7)
    return anchor + dt.timedelta(days=wd - anchor.isoweekday())


def _month(d: Draft, anchor: dt.date) -> dt.date:
    month = d.month or 1
    if d.year_rel is not None:
        return dt.date(anchor.year + d.year_rel, month, 1)
    if d.month_dir is not None and d.month_dir < 0:
        return dt.date(anchor.year - (month > anchor.month), month, 1)
    if d.month_dir is not None and d.month_dir > 0:
        return dt.date(anchor.year + (month < anchor.month), month, 1)
    if d.month_dir == 0:
        return dt.date(anchor.year, month, 1)
    inferred = _infer_year(month, 15, anchor)
    return inferred.replace(day=1) if inferred else dt.date(anchor.year, month, 1)


def _feast(name: str, year: int) -> dt.date | None:
    """A holiday's date: fixed ("12-25") or from the table of movable feasts ("table:...")."""
    if name.startswith("table:"):
        return lexicon().movable.get(name[6:], {}).get(year)
    return _date(year, int(name[:2]), int(name[3:]))


def _calendar(d: Draft, ctx: _Context) -> tuple[dt.date | None, str, str | None, str | None]:
    """(date, granularity, text value when no date object fits, anchor tag if one was used)."""
    anchor, tag = ctx.anchor(d.start)
    if d.holiday is not None:
        name, n = d.holiday
        year = d.year or (anchor.year if anchor else None)
        if year is None:
            return None, "D", None, "none"
        feast = _feast(name, year)
        passed = anchor is not None and feast is not None and (anchor - feast).days > 60
        if d.year is None and passed:  # "H-15 Lebaran" in December: next year's feast
            feast = _feast(name, year + 1)
        if feast is None:
            return None, "D", None, tag
        return feast + dt.timedelta(days=n), "D", None, None if d.year else tag
    if d.period is not None:
        if d.year is not None:
            return None, "P", f"{d.year}-{d.period}", None
        return None, "P", f"{anchor.year}-{d.period}" if anchor else None, tag
    if d.rel_unit is not None:
        base, btag = anchor, tag
        if d.anaphoric and ctx.last_any is not None:
            last, gran = ctx.last_any
            if gran == "D" or (gran == "M" and d.rel_unit in ("M", "Y")) or d.rel_unit == "Y":
                base, btag = last, "text"
        if base is None:
            return None, d.rel_unit, None, "none"
        date, gran = _relative(d, base)
        return date, gran, None, btag
    if d.day is not None and d.month is not None:
        if d.year is not None:
            return _date(d.year, d.month, d.day), "D", None, None
        if anchor is None:
            return None, "D", f"XXXX-{d.month:02d}-{d.day:02d}", "none"
        inferred = _infer_year(d.month, d.day, anchor)
        wd = d.stated_weekday
        if tag == "text" and inferred and wd is not None and inferred.isoweekday() != wd:
            # the year came from another date of the text and the weekday says it is not this
            # one ("Selasa (19/9)" beside a 1985 date): no year rather than a wrong one
            return None, "D", f"XXXX-{d.month:02d}-{d.day:02d}", "none"
        return inferred, "D", None, tag
    if d.day is not None:  # "tanggal 26"
        if anchor is None:
            return None, "D", f"XXXX-XX-{d.day:02d}", "none"
        month_start = anchor.replace(day=1) if d.day <= anchor.day else _shift_month(anchor, -1)
        return _date(month_start.year, month_start.month, d.day), "D", None, tag
    if d.month is not None:
        if d.year is not None:
            return dt.date(d.year, d.month, 1), "M", None, None
        if anchor is None:
            return None, "M", f"XXXX-{d.month:02d}", "none"
        return _month(d, anchor), "M", None, tag
    if d.weekday is not None:
        if anchor is None:
            return None, "D", None, "none"
        return _weekday(d, anchor, narrated=tag == "text"), "D", None, tag
    # a clock time or part of day alone: the day being narrated, else the anchor
    if ctx.last_day is not None:
        return ctx.last_day, "D", None, "text"
    if anchor is not None:
        return anchor, "D", None, tag
    return None, "D", "XXXX-XX-XX", "none"


def _value(d: Draft, ctx: _Context) -> tuple[str | None, str, str | None]:
    if d.kind == "dur":
        return d.duration, "DURATION", None
    if d.kind == "set":
        return d.literal, "SET", None
    if d.kind == "literal":
        if d.literal and d.literal.isdigit() and len(d.literal) == 4:
            ctx.last_any = (dt.date(int(d.literal), 1, 1), "Y")
        return d.literal, "DATE", None
    date, gran, text_value, tag = _calendar(d, ctx)
    value = _fmt(date, gran) if date is not None else text_value
    if date is not None:
        ctx.last_any = (date, gran if gran in ("D", "M") else "Y")
        if gran == "D":
            ctx.last_day = date
    if d.end_draft is not None and value is not None:
        end = d.end_draft
        if end.year is None:
            end.year = date.year if date is not None else None
        end_date, end_gran, end_text, _ = _calendar(end, ctx)
        end_value = _fmt(end_date, end_gran) if end_date is not None else end_text
        if end_value is not None:
            value = f"{value}/{end_value}"
    kind = "DATE"
    if value is not None and (d.clock or d.tod) and gran == "D":
        day = value
        value += f"T{d.clock}" if d.clock else f"T{d.tod}"
        if d.clock2:
            value += f"/{day}T{d.clock2}"
    if d.clock or d.tod:
        kind = "TIME"
    return value, kind, tag


def resolve(text: str, *, published: dt.date | None = None) -> list[TimeExpr]:
    """Every time expression in ``text`` with its value, anchored on ``published`` if given."""
    drafts = merge(text, choose(find_atoms(text)))
    full = [
        (d.start, date)
        for d in drafts
        if d.kind == "date" and d.year and d.month and d.day and d.rel_unit is None
        if (date := _date(d.year, d.month, d.day)) is not None
    ]
    ctx = _Context(published, full)
    out = []
    for d in drafts:
        value, kind, tag = _value(d, ctx)
        out.append(TimeExpr(d.start, d.end, text[d.start : d.end], value, kind, tag))
    return out
