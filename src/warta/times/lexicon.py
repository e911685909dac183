"""Word tables of the time rules, loaded once from ``data/lexicon.tsv`` and ``holidays.tsv``."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from warta.datatable import read_rows


@dataclass(frozen=True, slots=True)
class Rel:
    """A relative word such as "pekan lalu": a unit (D W WE M Y), an offset, maybe a part of day."""

    unit: str
    offset: int
    tod: str | None
    anaphoric: bool


@dataclass(frozen=True, slots=True)
class Lexicon:
    months: dict[str, int]  # Indonesian month names (also used bare)
    months_en: dict[str, int]
    month_abbr: dict[str, int]
    weekdays: dict[str, int]
    nums: dict[str, float]
    units: dict[str, str]
    seunits: dict[str, str]
    tods: dict[str, str]
    zones: dict[str, str]
    rels: dict[str, Rel]
    after: dict[str, tuple[int, bool]]
    modifiers: dict[str, str]
    wdrel: dict[str, int]
    setwords: frozenset[str]
    setunits: dict[str, str]
    periods: dict[str, str]
    ordinals: dict[str, int]
    age: frozenset[str]
    agenouns: frozenset[str]
    notyear: frozenset[str]
    holidays: dict[str, str]
    movable: dict[str, dict[int, dt.date]]

    @property
    def all_months(self) -> dict[str, int]:
        return {**self.month_abbr, **self.months_en, **self.months}


def _rows(name: str) -> list[list[str]]:
    return read_rows("warta.times", name)


@cache
def lexicon() -> Lexicon:
    table: dict[str, dict[str, str]] = defaultdict(dict)
    for kind, form, value in _rows("lexicon.tsv"):
        table[kind][form] = value
    rels = {}
    for form, value in table["rel"].items():
        unit, offset, *rest = value.split()
        tod = rest[0] if rest and rest[0] != "-" else None
        rels[form] = Rel(unit, int(offset), tod, "ana" in rest[1:])
    after = {}
    for form, value in table["after"].items():
        direction, *rest = value.split()
        after[form] = (int(direction), "ana" in rest)
    movable: dict[str, dict[int, dt.date]] = defaultdict(dict)
    for name, year, date in _rows("holidays.tsv"):
        movable[name][int(year)] = dt.date.fromisoformat(date)
    return Lexicon(
        months={k: int(v) for k, v in table["month"].items()},
        months_en={k: int(v) for k, v in table["month_en"].items()},
        month_abbr={k: int(v) for k, v in table["monthabbr"].items()},
        weekdays={k: int(v) for k, v in table["weekday"].items()},
        nums={k: float(v) for k, v in table["num"].items()},
        units=dict(table["unit"]),
        seunits=dict(table["seunit"]),
        tods=dict(table["tod"]),
        zones=dict(table["zone"]),
        rels=rels,
        after=after,
        modifiers=dict(table["modifier"]),
        wdrel={k: int(v) for k, v in table["wdrel"].items()},
        setwords=frozenset(table["setword"]),
        setunits=dict(table["setunit"]),
        periods=dict(table["period"]),
        ordinals={k: int(v) for k, v in table["ordinal"].items()},
        age=frozenset(table["age"]),
        agenouns=frozenset(table["agenoun"]),
        notyear=frozenset(table["notyear"]),
        holidays=dict(table["holiday"]),
        movable=dict(movable),
    )


def alt(words: Iterable[str]) -> str:
    """A regex alternation of words, longest first, any run of spaces matching any whitespace."""
    forms = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(r"\s+".join(re.escape(part) for part in w.split()) for w in forms)


def norm(text: str) -> str:
    """Lower-case with single spaces and straight apostrophes, the key form of the tables."""
    return " ".join(text.lower().replace("’", "'").split())
