"""Load the events stage's data tables (``data/*.tsv``), one set per language."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal

from warta.datatable import has_table, read_rows
from warta.errors import ConfigError
from warta.events.morphology import AFFIX_VOICE, derive

EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
VOICES = ("act", "pas", "noun")


@dataclass(frozen=True, slots=True)
class TriggerRule:
    phrase: str
    type: str
    mode: str | None
    voice: str
    merge: bool
    requires: re.Pattern[str] | None
    vetoes: re.Pattern[str] | None


@dataclass(frozen=True, slots=True)
class ActorNoun:
    phrase: str
    sector: str | None
    kind: Literal["group", "gov", "person"]


def _rows(name: str) -> list[list[str]]:
    return read_rows("warta.events", name)


def _pattern(value: str, where: str) -> re.Pattern[str] | None:
    if not value:
        return None
    try:
        return re.compile(value)
    except re.error as exc:
        raise ConfigError(f"bad regular expression in {where}: {value!r} ({exc})") from None


def families(lang: str = "id") -> list[TriggerRule]:
    """The rules of ``families-<lang>.tsv``: each root expanded into its affixed forms."""
    name = f"families-{lang}.tsv"
    if not has_table("warta.events", name):
        return []
    out = []
    for n, cols in enumerate(_rows(name), 1):
        cols = (cols + [""] * 7)[:7]
        root, etype, mode, merge, affixes, requires, vetoes = (c.strip() for c in cols)
        if etype not in EVENT_TYPES or not root:
            raise ConfigError(f"{name} row {n}: bad type or root in {cols!r}")
        where = f"{name} row {n}"
        req, veto = _pattern(requires, where), _pattern(vetoes, where)
        for affix in affixes.split(","):
            affix = affix.strip().strip('"')
            if affix not in AFFIX_VOICE:
                raise ConfigError(f"{where}: unknown affix {affix!r}")
            out.append(
                TriggerRule(
                    phrase=derive(root, affix),
                    type=etype,
                    mode=mode or None,
                    voice=AFFIX_VOICE[affix],
                    merge=merge == "1",
                    requires=req,
                    vetoes=veto,
                )
            )
    return out


@functools.cache
def triggers(lang: str = "id") -> tuple[TriggerRule, ...]:
    """One rule per phrase: the explicit rows of ``triggers-<lang>.tsv``, and the forms of
    ``families-<lang>.tsv`` that no explicit row names (an explicit row wins)."""
    name = f"triggers-{lang}.tsv"
    out: list[TriggerRule] = []
    for n, cols in enumerate(_rows(name), 1):
        cols = (cols + [""] * 7)[:7]
        phrase, etype, mode, voice, merge, requires, vetoes = (c.strip() for c in cols)
        if etype not in EVENT_TYPES or voice not in VOICES:
            raise ConfigError(f"{name} row {n}: bad type or voice in {cols!r}")
        out.append(
            TriggerRule(
                phrase=phrase,
                type=etype,
                mode=mode or None,
                voice=voice,
                merge=merge == "1",
                requires=_pattern(requires, f"{name} row {n}"),
                vetoes=_pattern(vetoes, f"{name} row {n}"),
            )
        )
    explicit = {r.phrase for r in out}
    derived: dict[str, TriggerRule] = {}
    for rule in families(lang):
        if rule.phrase not in explicit:
            derived.setdefault(rule.phrase, rule)
    return (*derived.values(), *out)


@functools.cache
def actor_nouns(lang: str = "id") -> dict[str, ActorNoun]:
    out = {}
    for cols in _rows(f"actors-{lang}.tsv"):
        cols = ([*cols, "", ""])[:3]
        phrase, sector, kind = (c.strip() for c in cols)
        kind = kind or "group"
        if kind not in ("group", "gov", "person"):
            raise ConfigError(f"actors-{lang}.tsv: {phrase!r} has kind {kind!r}")
        out[phrase] = ActorNoun(phrase=phrase, sector=sector or None, kind=kind)  # type: ignore[arg-type]
    return out


@functools.cache
def cameo_table() -> dict[str, str]:
    return {cols[0]: cols[1] for cols in _rows("cameo.tsv") if len(cols) >= 2}


def cameo_code(event_type: str, mode: str | None) -> str | None:
    """CAMEO root code of a PLOVER type (and mode), or None when the type is unknown."""
    table = cameo_table()
    if mode and f"{event_type}:{mode}" in table:
        return table[f"{event_type}:{mode}"]
    return table.get(event_type)
