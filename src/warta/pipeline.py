"""The pipeline: turn a raw document into an article record, then run the declared stages.

A stage is one function over one article (it fills fields in place). Each stage is
declared in ``STAGES`` with its factory (``"module:function"``, called once per process
with the pipeline config, so a model loads once per worker, never per article) and its
contract, as spaCy's ``Language.factory(requires=, assigns=)``: the article fields it
reads (``requires``) and fills (``assigns``); ``doc`` is the nlp stage's spaCy Doc
(``warta.nlp.doc_for``). Building a pipeline checks the contract: asking for a stage
adds the stages it requires (``--stages events`` runs nlp, times, quotes and places
first), and a stage listed before what it reads is a ``ConfigError``. Executors
(``warta.run``, Spark, the server) only decide where a pipeline runs.
"""

from __future__ import annotations

import importlib
import importlib.util
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from warta.errors import ConfigError, InputError, StageError
from warta.record import Article

Stage = Callable[[Article], None]
StageFactory = Callable[["PipelineConfig"], Stage]

# What a stage may read or fill: record fields, and the nlp stage's Doc.
FIELDS = frozenset({"doc", "sentences", "entities", "times", "quotes", "places", "events"})


@dataclass(frozen=True, slots=True, kw_only=True)
class StageSpec:
    """One stage's contract: its name, factory, what it reads and what it fills."""

    name: str
    factory: str  # "module:function"
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()


# In the order the stages run; a stage reads only what an earlier one assigns.
STAGES: dict[str, StageSpec] = {
    spec.name: spec
    for spec in (
        StageSpec(
            name="nlp",
            factory="warta.nlp.component:make_stage",
            assigns=("doc", "sentences", "entities"),
        ),
        StageSpec(name="times", factory="warta.times.component:make_stage", assigns=("times",)),
        StageSpec(
            name="quotes",
            factory="warta.quotes.component:make_stage",
            requires=("doc", "sentences", "entities"),
            assigns=("quotes",),
        ),
        StageSpec(
            name="places",
            factory="warta.places.component:make_stage",
            requires=("doc", "entities"),
            assigns=("places",),
        ),
        StageSpec(
            name="events",
            factory="warta.events.component:make_stage",
            requires=("doc", "sentences", "entities", "times", "quotes", "places"),
            assigns=("events",),
        ),
    )
}


@dataclass(frozen=True, slots=True, kw_only=True)
class PipelineConfig:
    """Settings every stage sees. ``stages=None`` means every available stage."""

    stages: tuple[str, ...] | None = None
    detect_language: bool = True


def available_stages() -> list[str]:
    """Stage names whose module is installed, in run order."""
    names = []
    for name, spec in STAGES.items():
        module = spec.factory.split(":", 1)[0]
        if importlib.util.find_spec(module.rsplit(".", 1)[0]) is None:
            continue
        try:
            if importlib.util.find_spec(module) is not None:
                names.append(name)
        except ModuleNotFoundError:
            continue
    return names


def provider(field: str) -> str:
    """The stage that assigns ``field``."""
    for spec in STAGES.values():
        if field in spec.assigns:
            return spec.name
    raise ConfigError(f"no stage assigns {field!r}")


def resolve_stages(wanted: Sequence[str]) -> list[str]:
    """The stages to run for ``wanted``: with every stage they require, in run order.

    Raises ``ConfigError`` for an unknown stage or a contract that cannot hold (a stage
    reading what no stage, or only a later one, assigns).
    """
    order = list(STAGES)
    unknown = [n for n in wanted if n not in STAGES]
    if unknown:
        raise ConfigError(f"unknown stage(s): {', '.join(unknown)} (known: {', '.join(order)})")
    chosen: set[str] = set()
    todo = list(wanted)
    while todo:
        name = todo.pop()
        if name in chosen:
            continue
        chosen.add(name)
        for field in STAGES[name].requires:
            source = provider(field)
            if order.index(source) >= order.index(name):
                raise ConfigError(f"stage {name} requires {field}, assigned by the later {source}")
            todo.append(source)
    return sorted(chosen, key=order.index)


def load_stage(name: str, config: PipelineConfig) -> Stage:
    try:
        spec = STAGES[name]
    except KeyError:
        known = ", ".join(STAGES)
        raise ConfigError(f"unknown stage {name!r} (known: {known})") from None
    module_name, _, attr = spec.factory.partition(":")
    factory: StageFactory = getattr(importlib.import_module(module_name), attr)
    return factory(config)


class Pipeline:
    """Raw document -> cleaned article -> stages. Build once, call per document."""

    def __init__(self, *, config: PipelineConfig | None = None) -> None:
        self.config = config or PipelineConfig()
        wanted: Sequence[str] = (
            self.config.stages if self.config.stages is not None else available_stages()
        )
        self.stage_names = resolve_stages(wanted)
        self._stages = [(n, load_stage(n, self.config)) for n in self.stage_names]
        self._installed = frozenset(available_stages()) if len(wanted) < len(STAGES) else None

    def process(self, doc: object) -> Article:
        """Clean a ``warta.ingest.RawDocument`` into an article and run every stage on it."""
        from warta.clean import build_article
        from warta.ingest import RawDocument

        if not isinstance(doc, RawDocument):
            raise TypeError(f"expected RawDocument, got {type(doc).__name__}")
        article = build_article(doc, detect_language=self.config.detect_language)
        return self.annotate(article)

    def annotate(self, article: Article) -> Article:
        """Run every stage on the article; ``article.timings`` gets each stage's seconds and
        ``article.stages`` says for every known stage whether it ran (and why not).

        A stage that fails raises ``StageError`` naming the stage (and the input, from the
        article's provenance), so the quarantine keeps which stage it was.
        """
        self._skipped(article)
        try:
            for name, stage in self._stages:
                self._run(name, stage, article)
            _sort_stages(article)
        finally:
            article.state.clear()
        return article

    def annotate_batch(self, articles: Sequence[Article]) -> list[Article | InputError]:
        """``annotate`` for each article, in order, with each failure in its article's place.

        A stage with a ``prepare`` method (the nlp stage: one ``nlp.pipe`` call) is first
        given the batch, then called on each article as ``annotate`` would; the time of
        ``prepare`` is shared among the articles by length. Should ``prepare`` fail, each
        article goes through the stage on its own, so a failure stays the failing
        article's.
        """
        results: list[Article | InputError] = list(articles)
        for article in articles:
            self._skipped(article)
        try:
            for name, stage in self._stages:
                live = [a for a in results if isinstance(a, Article)]
                share = self._prepare(stage, live)
                for index, result in enumerate(results):
                    if not isinstance(result, Article):
                        continue
                    try:
                        self._run(name, stage, result)
                    except InputError as exc:
                        results[index] = exc
                        result.state.clear()
                        continue
                    result.timings[name] += share * len(result.text)
            for result in results:
                if isinstance(result, Article):
                    _sort_stages(result)
        finally:
            for article in articles:
                article.state.clear()
        return results

    def _skipped(self, article: Article) -> None:
        installed = self._installed if self._installed is not None else frozenset(STAGES)
        loaded = {name for name, _ in self._stages}
        for name in STAGES:
            if name not in loaded:
                why = "not requested" if name in installed else "not installed"
                article.stages[name] = f"skipped: {why}"

    @staticmethod
    def _prepare(stage: Stage, articles: list[Article]) -> float:
        """Call the stage's ``prepare`` on the batch; seconds per character it took."""
        prepare = getattr(stage, "prepare", None)
        if prepare is None or len(articles) < 2:
            return 0.0
        started = time.perf_counter()
        try:
            prepare(articles)
        except Exception:  # the stage then runs article by article; a failure is named there
            return 0.0
        return (time.perf_counter() - started) / max(sum(len(a.text) for a in articles), 1)

    @staticmethod
    def _run(name: str, stage: Stage, article: Article) -> None:
        article.stages.pop(name, None)
        started = time.perf_counter()
        try:
            stage(article)  # a stage that does not apply says so with article.skip()
        except InputError:
            raise
        except Exception as exc:  # a bug in a stage: reported with the input
            prov = article.provenance
            raise StageError(
                f"{type(exc).__name__}: {exc}",
                source=prov.source if prov is not None else article.id,
                locator=prov.locator if prov is not None else None,
                stage=name,
            ) from exc
        article.timings[name] = time.perf_counter() - started
        article.stages.setdefault(name, "ran")

    def pipe(self, docs: Iterable[object]) -> Iterable[Article]:
        for doc in docs:
            yield self.process(doc)


def _sort_stages(article: Article) -> None:
    """``article.stages`` in the order of ``STAGES`` (stages outside it last)."""
    order = {name: i for i, name in enumerate(STAGES)}
    article.stages = dict(sorted(article.stages.items(), key=lambda kv: order.get(kv[0], 99)))
