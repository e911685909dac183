"""One merged candidate -> the record's ``Event``: dates, place, casualties (read from the
times and places stages' fields), participants, confidence and the CAMEO code."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from warta.events.actors import Mention
from warta.events.candidate import ArticleScope, Candidate
from warta.events.context import (
    DateMention,
    casualties,
    event_date,
    event_location,
)
from warta.events.lexicon import cameo_code
from warta.record import Article, Event, Offsets, Participant, Trigger

if TYPE_CHECKING:
    pass


def build_event(
    article: Article,
    c: Candidate,
    dates: Sequence[DateMention],
    lead: str | None,
    mentions: list[Mention],
    scope: ArticleScope,
) -> Event:
    doc = c.sent.doc
    trig = doc[c.start : c.end]
    evidence = _strip(article.text, c.sent.start_char, c.sent.end_char)
    spans = [evidence, *(_strip(article.text, s, e) for s, e in c.mentions)]
    date, source = event_date(article, dates, spans, lead=lead, future=c.future)
    dead, injured = (None, None)
    if c.rule.type in ("ASSAULT", "PROTEST", "COERCE"):
        extra = scope.next_sentence.get(c.sent.start)
        dead, injured = casualties(article.text, [*spans, *([extra] if extra else [])])
    exclude = [(m.start, m.end) for m in (c.actor, c.recipient) if m is not None]
    location = event_location(article, evidence[0], evidence[1], mentions, exclude=exclude)
    recipient = c.recipient
    if (
        recipient is not None
        and recipient.defaulted
        and recipient.sector == "CVL"
        and location is not None
        and location.country
    ):
        recipient = replace(recipient, country=location.country)
    actor = _participant(c.actor)
    if actor is None and c.rule.type == "PROTEST":
        # protesters nobody names are civilians of the country the story is about
        actor = Participant(
            text=trig.text, start=trig.start_char, end=trig.end_char, name="massa",
            country=scope.home, sector="CVL",
        )  # fmt: skip
    confidence = 0.55 + 0.2 * (c.actor is not None) + 0.1 * (c.recipient is not None)
    confidence -= 0.1 * (c.hypothetical or c.negated)
    return Event(
        type=c.rule.type,
        mode=c.rule.mode,
        actor=actor,
        recipient=_participant(recipient),
        location=location,
        date=date,
        evidence=Offsets(start=evidence[0], end=evidence[1]),
        trigger=Trigger(start=trig.start_char, end=trig.end_char, text=trig.text),
        dead=dead,
        injured=injured,
        negated=c.negated,
        hypothetical=c.hypothetical,
        future=c.future,
        confidence=round(min(confidence, 0.95), 2),
        cameo=cameo_code(c.rule.type, c.rule.mode),
        date_source=source,
        mentions=[Offsets(start=s, end=e) for s, e in spans],
    )


def _participant(m: Mention | None) -> Participant | None:
    if m is None:
        return None
    return Participant(
        text=m.text, start=m.start, end=m.end, name=m.name, country=m.country, sector=m.sector
    )


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
