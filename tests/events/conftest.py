"""Fixtures of the events tests: the stage is built once per session (it loads the KB)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from warta.record import Article, Event, Quote


@pytest.fixture(scope="session")
def code() -> Callable[..., list[Event]]:
    """Code one inline article: ``code(text, published=...)`` -> its events, after the
    stages events requires (quotes: the given ones, when given)."""
    from warta.pipeline import PipelineConfig, load_stage, resolve_stages

    stages = {n: load_stage(n, PipelineConfig()) for n in resolve_stages(["events"])}

    def run(
        text: str,
        *,
        published: dt.date | None = dt.date(2024, 5, 15),
        quotes: list[Quote] | None = None,
    ) -> list[Event]:
        article = Article(id="t", text=text, published=published, lang="id")
        for name, stage in stages.items():
            if name == "quotes" and quotes is not None:
                article.quotes = list(quotes)  # what the quotes stage would have found
                continue
            stage(article)
        for ev in article.events:  # every field is traceable to the text
            assert text[ev.trigger.start : ev.trigger.end] == ev.trigger.text
            assert ev.evidence.start <= ev.trigger.start < ev.trigger.end <= ev.evidence.end
            for who in (ev.actor, ev.recipient):
                if who is not None:
                    assert text[who.start : who.end] == who.text
        return article.events

    return run
