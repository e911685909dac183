"""Alert rules: a small TOML file, and whether a fused event matches a rule.

::

    [[rule]]
    name = "deadly violence in Papua"       # required, unique
    type = ["ASSAULT", "FIGHT", "COERCE"]   # PLOVER types (any of)
    country = "IDN"                         # actor or recipient country (ISO alpha-3, any of)
    sector = ["MIL", "REB"]                 # actor or recipient sector
    actor_country = ...                     # or the actor's / recipient's alone:
    actor_sector = ...                      #   actor_country, actor_sector,
    recipient_country = ...                 #   recipient_country, recipient_sector
    place = ["Wamena", "Nduga"]             # where the event is (see below)
    province = ["Papua", "ID-PP"]           # its province (name or ISO 3166-2 code)
    min_dead = 1                            # at least this many dead
    keywords = ["penembakan", "KKB"]        # any word in the event's sentence or a title
    to = ["stdout", "alerts.jsonl", "http://127.0.0.1:9000/hook"]

Every condition is optional; all the given ones must hold, each list means "any of".
``to`` lists where the alert goes: ``stdout``, an ``http(s)://`` webhook (POSTed
JSON), or a file path (JSON lines; relative to the rules file); default ``stdout``.
Negated events ("no one was hurt") never fire. Where an event is: its location, or
for an event without one, the place of its articles' dateline ("JAYAPURA, KOMPAS –"),
as news reports from where it happened.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from warta.datatable import read_records
from warta.errors import ConfigError
from warta.watch.sources import read_toml

LIST_KEYS = (
    "type",
    "country",
    "sector",
    "actor_country",
    "actor_sector",
    "recipient_country",
    "recipient_sector",
    "place",
    "province",
    "keywords",
    "to",
)
RULE_KEYS = ("name", "min_dead", *LIST_KEYS)


@dataclass(frozen=True, slots=True, kw_only=True)
class Rule:
    name: str
    type: frozenset[str] = frozenset()
    country: frozenset[str] = frozenset()
    sector: frozenset[str] = frozenset()
    actor_country: frozenset[str] = frozenset()
    actor_sector: frozenset[str] = frozenset()
    recipient_country: frozenset[str] = frozenset()
    recipient_sector: frozenset[str] = frozenset()
    place: frozenset[str] = frozenset()  # casefolded
    province: frozenset[str] = frozenset()  # ISO 3166-2 codes
    min_dead: int | None = None
    keywords: tuple[str, ...] = ()
    to: tuple[str, ...] = ("stdout",)

    @property
    def needs_text(self) -> bool:
        return bool(self.keywords)


@cache
def _provinces() -> dict[str, str]:
    """Indonesian province names and aliases (casefolded) -> ISO 3166-2 code."""
    out: dict[str, str] = {}
    for row in read_records("warta.places", "provinces-id.tsv"):
        code = row["code"]
        for name in [code, row["name"], *(row.get("aliases") or "").split("|")]:
            if name.strip():
                out[name.strip().casefold()] = code
    return out


def _strings(value: Any, *, where: str, key: str) -> list[str]:
    values = value if isinstance(value, list) else [value]
    if not values or not all(isinstance(v, str) and v.strip() for v in values):
        raise ConfigError(f"{where}: {key} must be a string or a list of strings")
    return [v.strip() for v in values]


def _rule(entry: dict[str, Any], *, where: str, base: Path) -> Rule:
    unknown = set(entry) - set(RULE_KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ConfigError(f"{where}: name is missing")
    values: dict[str, Any] = {"name": name.strip()}
    for key in LIST_KEYS:
        if key not in entry:
            continue
        items = _strings(entry[key], where=where, key=key)
        if key == "place":
            values[key] = frozenset(i.casefold() for i in items)
        elif key == "province":
            codes = []
            for item in items:
                code = _provinces().get(item.casefold())
                if code is None:
                    raise ConfigError(f"{where}: unknown province {item!r}")
                codes.append(code)
            values[key] = frozenset(codes)
        elif key == "keywords":
            values[key] = tuple(i.casefold() for i in items)
        elif key == "to":
            values[key] = tuple(
                i if i == "stdout" or i.startswith(("http://", "https://")) else str(base / i)
                for i in items
            )
        else:
            values[key] = frozenset(i.upper() for i in items)
    if "min_dead" in entry:
        dead = entry["min_dead"]
        if isinstance(dead, bool) or not isinstance(dead, int) or dead < 0:
            raise ConfigError(f"{where}: min_dead must be a whole number >= 0")
        values["min_dead"] = dead
    return Rule(**values)


def read_rules(path: Path) -> list[Rule]:
    """The rules of a TOML file; ConfigError naming the file, the rule and the problem."""
    data = read_toml(path)
    if set(data) - {"rule"}:
        raise ConfigError(f"{path}: unknown setting(s) {', '.join(sorted(set(data) - {'rule'}))}")
    entries = data.get("rule")
    if not isinstance(entries, list) or not entries:
        raise ConfigError(f"{path}: no [[rule]] entries")
    rules = []
    for number, entry in enumerate(entries, start=1):
        where = f"{path} (rule {number})"
        if not isinstance(entry, dict):
            raise ConfigError(f"{where}: not a table")
        rules.append(_rule(entry, where=where, base=path.parent))
    names = [r.name for r in rules]
    if len(set(names)) != len(names):
        raise ConfigError(f"{path}: rule names must be unique")
    return rules


@dataclass(frozen=True, slots=True, kw_only=True)
class EventFacts:
    """A fused event (a ``story_events`` row) and what its source articles add."""

    event: dict[str, Any]
    places: frozenset[str]  # casefolded names of where it is
    provinces: frozenset[str]  # ISO 3166-2 codes of those places
    texts: tuple[str, ...]  # the sources' evidence sentences and titles


def _any(wanted: frozenset[str], *values: Any) -> bool:
    return not wanted or any(str(v).upper() in wanted for v in values if v)


def _has_word(text: str, word: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text.casefold()) is not None


def matches(rule: Rule, facts: EventFacts) -> bool:
    e = facts.event
    if e.get("negated") or e.get("hypothetical"):
        return False  # what did not or may not happen is no news to be alerted of
    if not _any(rule.type, e.get("type")):
        return False
    actor_c, recipient_c = e.get("actor_country"), e.get("recipient_country")
    actor_s, recipient_s = e.get("actor_sector"), e.get("recipient_sector")
    checks = (
        _any(rule.country, actor_c, recipient_c),
        _any(rule.sector, actor_s, recipient_s),
        _any(rule.actor_country, actor_c),
        _any(rule.actor_sector, actor_s),
        _any(rule.recipient_country, recipient_c),
        _any(rule.recipient_sector, recipient_s),
    )
    if not all(checks):
        return False
    if rule.place and not rule.place & facts.places:
        return False
    if rule.province and not rule.province & facts.provinces:
        return False
    if rule.min_dead is not None and (e.get("dead") or 0) < rule.min_dead:
        return False
    return not rule.keywords or any(_has_word(t, k) for t in facts.texts for k in rule.keywords)
