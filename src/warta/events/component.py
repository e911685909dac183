"""The ``events`` pipeline stage: fills ``article.events`` with PLOVER-coded events."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from warta.events.classify import EventCheck
from warta.events.coder import EventCoder
from warta.nlp import doc_for, load_pipeline
from warta.record import Article

if TYPE_CHECKING:
    from warta.pipeline import PipelineConfig


def make_stage(config: PipelineConfig) -> Callable[[Article], None]:
    """Load the lexicons and the actor matchers once; return the per-article function."""
    coder = EventCoder(load_pipeline())  # its vocabulary: the matchers read the nlp stage's Doc
    # the trained check of the rules' proposals (warta train events), when a model ships
    check = EventCheck() if EventCheck.available() else None

    def stage(article: Article) -> None:
        if article.lang not in (None, "id"):
            article.skip("events", f"the event lexicons are Indonesian only (lang {article.lang})")
            return
        events = coder.code(article, doc_for(article))
        article.events = check.apply(article, events) if check is not None else events

    return stage
