"""TIMEX3 values written in words, for people (``2024-05-13TNI`` → "13 May 2024, at night").

The values keep the TIMEX3 codes in records and exports (they are the standard); a
screen shows the words: "TNI" is TIMEX's "night", but Indonesian readers see the army.
"""

from __future__ import annotations

import re

_MONTHS = (
    "January February March April May June July August September October November December"
).split()
_PARTS = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"}
_DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day", "H": "hour", "S": "second"}
_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:T(\d{2}):(\d{2})|T(MO|AF|EV|NI|DT))?$")


def _plural(n: str, unit: str) -> str:
    number = n.rstrip("0").rstrip(".") if "." in n else n
    return f"{number} {unit}" + ("" if number == "1" else "s")


def _date(value: str) -> str | None:
    m = _DATE.match(value)
    if m is None:
        return None
    year, month, day, hour, minute, part = m.groups()
    out = year
    if month and 1 <= int(month) <= 12:
        out = f"{_MONTHS[int(month) - 1]} {year}"
        if day:
            out = f"{int(day)} {out}"
    if hour is not None:
        out += f", {hour}:{minute}"
    elif part:
        out += f", {'at ' if part == 'NI' else 'in the '}{_PARTS[part]}"
    return out


def _duration(value: str) -> str | None:
    m = re.fullmatch(r"P(?:(T)?([\d.]+|X)([YMWDHS]))", value)
    if m is None:
        return None
    time_part, amount, unit = m.groups()
    name = "minute" if (time_part and unit == "M") else _UNITS[unit]
    return f"some {name}s" if amount == "X" else _plural(amount, name)


def readable(value: str | None) -> str:
    """A TIMEX3 value in words; a value it does not know is returned as it is."""
    if not value:
        return "unknown"
    if "/" in value:
        start, _, end = value.partition("/")
        return f"{readable(start)} to {readable(end)}"
    if (words := _date(value)) is not None:
        return words
    if (words := _duration(value)) is not None:
        return words
    if m := re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", value):
        week = f"week {int(m.group(2))} of {m.group(1)}"
        return f"the weekend of {week}" if m.group(3) else week
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
        return f"quarter {m.group(2)} of {m.group(1)}"
    if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
        return f"{_SEASONS[m.group(2)]} {m.group(1)}"
    if m := re.fullmatch(r"XXXX-WXX-([1-7])", value):
        return f"every {_DAYS[int(m.group(1)) - 1]}"
    if m := re.fullmatch(r"(\d{4}-\d{2}-\d{2})T(MO|AF|EV|NI|DT)", value):
        return _date(value) or value
    return {"PRESENT_REF": "now", "PAST_REF": "in the past", "FUTURE_REF": "in the future"}.get(
        value, value
    )
