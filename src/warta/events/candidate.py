"""What the parts of the event coder pass each other: a candidate event, and what one
article's coding works out for all its events (kept per call, never on the shared coder)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from warta.events.actors import Mention
from warta.events.lexicon import TriggerRule

if TYPE_CHECKING:
    from spacy.tokens import Span


@dataclass(slots=True)
class Candidate:
    rule: TriggerRule
    sent: Span
    start: int  # trigger token span in the doc
    end: int
    actor: Mention | None
    recipient: Mention | None
    negated: bool
    hypothetical: bool
    future: bool
    fresh: bool  # the text marks it as another occurrence ("serangan udara terpisah")
    anaphoric: bool  # "serangan itu", "tudingan tersebut"
    framed: bool = False  # "Dalam pembicaraan itu, ...": restates, names no new participants
    mentions: list[tuple[int, int]] = field(default_factory=list)  # merged sentence spans


@dataclass(frozen=True, slots=True)
class ArticleScope:
    """What ``code`` works out for one article and ``_finish`` reads: kept per call, never on
    the coder, which one process (or ``warta serve``'s threads) shares across articles."""

    home: str  # the country the story is about
    next_sentence: dict[int, tuple[int, int]]  # sentence start token -> the untold next sentence
