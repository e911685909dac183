"""The pipeline: turn a raw document into an article record, then run the named stages.

A stage is one function over one article (it fills fields in place). Stages are
declared by name in ``STAGES`` as ``"module:factory"``; the factory is called
once per process with the pipeline config and returns the stage function, so a
model is loaded once per worker, never per article. Executors (``warta.run``)
only decide where a pipeline runs.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from warta.errors import ConfigError
from warta.record import Article

Stage = Callable[[Article], None]
StageFactory = Callable[["PipelineConfig"], Stage]

# name -> "module:factory", in the order the stages run. A stage may read what an
# earlier one wrote (article.state["doc"], article.sentences, entities, times, ...).
STAGES: dict[str, str] = {
    "nlp": "warta.nlp.component:make_stage",
    "times": "warta.times.component:make_stage",
    "quotes": "warta.quotes.component:make_stage",
    "places": "warta.places.component:make_stage",
    "events": "warta.events.component:make_stage",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class PipelineConfig:
    """Settings every stage sees. ``stages=None`` means every available stage."""

    stages: tuple[str, ...] | None = None
    detect_language: bool = True


def available_stages() -> list[str]:
    """Stage names whose module is installed, in run order."""
    names = []
    for name, target in STAGES.items():
        module = target.split(":", 1)[0]
        if importlib.util.find_spec(module.rsplit(".", 1)[0]) is None:
            continue
        try:
            if importlib.util.find_spec(module) is not None:
                names.append(name)
        except ModuleNotFoundError:
            continue
    return names


def load_stage(name: str, config: PipelineConfig) -> Stage:
    try:
        target = STAGES[name]
    except KeyError:
        known = ", ".join(STAGES)
        raise ConfigError(f"unknown stage {name!r} (known: {known})") from None
    module_name, _, attr = target.partition(":")
    factory: StageFactory = getattr(importlib.import_module(module_name), attr)
    return factory(config)


class Pipeline:
    """Raw document -> cleaned article -> stages. Build once, call per document."""

    def __init__(self, *, config: PipelineConfig | None = None) -> None:
        self.config = config or PipelineConfig()
        wanted: Sequence[str] = (
            self.config.stages if self.config.stages is not None else available_stages()
        )
        order = list(STAGES)
        unknown = [n for n in wanted if n not in STAGES]
        if unknown:
            raise ConfigError(f"unknown stage(s): {', '.join(unknown)} (known: {', '.join(order)})")
        self.stage_names = sorted(wanted, key=order.index)
        self._stages = [(n, load_stage(n, self.config)) for n in self.stage_names]

    def process(self, doc: object) -> Article:
        """Clean a ``warta.ingest.RawDocument`` into an article and run every stage on it."""
        from warta.clean import build_article
        from warta.ingest import RawDocument

        if not isinstance(doc, RawDocument):
            raise TypeError(f"expected RawDocument, got {type(doc).__name__}")
        article = build_article(doc, detect_language=self.config.detect_language)
        return self.annotate(article)

    def annotate(self, article: Article) -> Article:
        for _name, stage in self._stages:
            stage(article)
        article.state.clear()
        return article

    def pipe(self, docs: Iterable[object]) -> Iterable[Article]:
        for doc in docs:
            yield self.process(doc)
