"""The ``times`` stage: fill ``article.times`` from the clean text and the publication date."""

from __future__ import annotations

from collections.abc import Callable

from warta.pipeline import PipelineConfig
from warta.record import Article
from warta.times.lexicon import lexicon
from warta.times.patterns import patterns
from warta.times.resolve import resolve


def make_stage(config: PipelineConfig) -> Callable[[Article], None]:
    """Load the tables and compile the rules once; the stage needs no spaCy Doc."""
    del config  # no options yet
    lexicon()
    patterns()

    def times(article: Article) -> None:
        article.times = resolve(article.text, published=article.published)

    return times
