"""Datelines ("ASIATODAY.ID, MOSKOW – …", "Jakarta, CNN Indonesia -- …") and trailing credit tags.

A dateline is the short lead before the first dash of an article: an outlet, a
place, or both, in either order, sometimes with the outlet in brackets
("Jakarta (ANTARA) - "). Outlets are told from places by the outlet table in
``warta/data/outlets.tsv`` and by the shape of a web address.
"""

from __future__ import annotations

import re
from functools import cache

from warta.datatable import read_rows
from warta.record import Dateline

_DASH = r"(?:--|[-–—―]{1,2})"
_HEAD = re.compile(
    rf"^(?P<lead>[^\n]{{2,70}}?)\s+{_DASH}\s*(?=\S)",
)
_BRACKETED = re.compile(r"^(?P<place>[^()]+?)\s*\((?P<outlet>[^()]+)\)$")
_WEB = re.compile(r"\.(?:com|id|co|net|org|co\.id|news)\b", re.IGNORECASE)
_CREDIT = re.compile(r"\s\((?P<tag>[A-Za-z]{2,6}(?:/[A-Za-z]{2,6}){0,3})\)\s*$")
_PART = re.compile(r"^[A-Za-z][\w.&'’ ]{0,40}$")


@cache
def outlets() -> dict[str, str]:
    return {name.lower(): canonical for name, canonical in read_rows("warta", "outlets.tsv")}


def _is_outlet(part: str) -> bool:
    return part.lower() in outlets() or bool(_WEB.search(part))


def _outlet_name(part: str) -> str:
    return outlets().get(part.lower(), part)


def parse_dateline(text: str) -> Dateline | None:
    """The dateline at the start of ``text``, or None. Offsets index ``text``."""
    match = _HEAD.match(text)
    if not match:
        return None
    lead = match.group("lead").strip()
    outlet: str | None = None
    place: str | None = None
    bracketed = _BRACKETED.match(lead)
    parts = [p.strip() for p in lead.split(",")]
    if bracketed:
        place, outlet = bracketed.group("place").strip(), bracketed.group("outlet").strip()
    elif len(parts) == 2 and all(_PART.match(p) for p in parts):
        first, second = parts
        if _is_outlet(first) and not _is_outlet(second):
            outlet, place = first, second
        else:
            place, outlet = first, second
    elif len(parts) == 1 and _PART.match(lead) and len(lead.split()) <= 3:
        if _is_outlet(lead):
            outlet = lead
        elif lead.isupper() or lead.istitle():
            place = lead
        else:
            return None
    else:
        return None
    if place and not _looks_like_place(place):
        return None
    end = match.end()
    span_end = len(text[:end].rstrip())
    return Dateline(
        text=text[:span_end],
        start=0,
        end=span_end,
        place=place,
        outlet=_outlet_name(outlet) if outlet else None,
    )


def _looks_like_place(value: str) -> bool:
    # A place in a dateline is one to three capitalised words ("JAKARTA", "Jakarta Pusat").
    words = value.split()
    return 1 <= len(words) <= 3 and all(w[:1].isupper() for w in words)


def parse_credit(text: str) -> tuple[str, int, int] | None:
    """A trailing credit tag such as "(ATN)": (tag, start, end) of the bracketed tag in ``text``."""
    match = _CREDIT.search(text)
    if not match:
        return None
    start = match.start() + 1
    end = len(text.rstrip())
    return match.group("tag"), start, end
