"""Event identity: a candidate that repeats an event already found (same type, compatible
mode, participants, countries and dates, or an anaphoric "serangan itu") is merged into it
as another of its ``mentions``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from warta.events.candidate import Candidate
from warta.events.context import (
    DateMention,
)

if TYPE_CHECKING:
    pass


def add(events: list[Candidate], cand: Candidate, dates: Sequence[DateMention]) -> None:
    order = list(reversed(events))
    if cand.anaphoric and cand.rule.mode:
        # "Dalam panggilan telepon ...": the phone call, not the latest talks
        order.sort(key=lambda ev: ev.rule.mode != cand.rule.mode)
    for ev in order:
        if ev.rule.type != cand.rule.type or cand.fresh:
            continue
        span = (cand.sent.start_char, cand.sent.end_char)
        same_sentence = ev.sent.start == cand.sent.start or span in ev.mentions
        if same_sentence and not _modes_agree(ev.rule.mode, cand.rule.mode):
            continue
        if same_sentence and not (cand.rule.merge or cand.rule.phrase == ev.rule.phrase):
            continue  # "menyerukan ... serta mengimbau ...": two speech acts
        anaphoric = cand.anaphoric and ev.negated == cand.negated and ev.future == cand.future
        merge = cand.rule.merge and _compatible(ev, cand, dates)
        mergeable = same_sentence or anaphoric or merge
        if not mergeable:
            continue
        if ev.sent.start != cand.sent.start and span not in ev.mentions:
            ev.mentions.append(span)
        if cand.framed:
            return
        if ev.actor is None or (ev.actor.kind == "pronoun" and cand.actor):
            ev.actor = cand.actor
        if ev.rule.mode == "explosives" and cand.rule.mode == "suicide":
            ev.rule = replace(ev.rule, mode="suicide")
        if ev.recipient is None:
            ev.recipient = cand.recipient
        return
    events.append(cand)


def _countries(c: Candidate) -> set[str]:
    return {
        m.country
        for m in (c.actor, c.recipient)
        if m is not None and m.country and not m.defaulted and m.kind != "pronoun"
    }


KINDRED_MODES = ({"explosives", "suicide"}, {"arrest", "raid"}, {"demo", "riot", "obstruct"})


def _modes_agree(a: str | None, b: str | None) -> bool:
    return not a or not b or a == b or any({a, b} <= pair for pair in KINDRED_MODES)


def _compatible(a: Candidate, b: Candidate, dates: Sequence[DateMention]) -> bool:
    if not _modes_agree(a.rule.mode, b.rule.mode):
        return False
    if a.negated != b.negated or a.future != b.future:
        return False
    ca, cb = _countries(a), _countries(b)
    if ca and cb and not (ca <= cb or cb <= ca):
        return False
    for x, y in ((a.recipient, b.recipient), (a.actor, b.actor)):
        if x is None or y is None or x.kind == "pronoun" or y.kind == "pronoun":
            continue
        if x.country and y.country and x.country != y.country:
            return False
    for x, y in ((a.recipient, b.recipient), (a.actor, b.actor)):
        if x is None or y is None or x.kind == "pronoun" or y.kind == "pronoun":
            continue
        if x.sector and y.sector and x.sector != y.sector and "CRM" not in (x.sector, y.sector):
            return False  # ("pelaku", a perpetrator, may be anyone)
    ra, rb = a.recipient, b.recipient
    if (
        ra is not None
        and rb is not None
        and ra.proper
        and rb.proper
        and not _same_name(ra.name, rb.name)
    ):
        return False
    da, db = _explicit_date(a, dates), _explicit_date(b, dates)
    return not (da and db and da != db)


def _same_name(a: str, b: str) -> bool:
    wa, wb = set(a.lower().split()), set(b.lower().split())
    return bool(wa & wb)


def _explicit_date(c: Candidate, dates: Sequence[DateMention]) -> str | None:
    """The first date the candidate's sentence writes out with its year (the times stage's)."""
    # the date's own text: ``Doc.text`` would rebuild the whole article for every pair of
    # candidates compared, quadratic in its length
    for d in dates:
        if c.sent.start_char <= d.start < c.sent.end_char and _YEAR.search(d.text):
            return d.value
    return None


_YEAR = re.compile(r"\b(19|20)\d\d\b")
