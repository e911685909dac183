"""Run the pipeline over a document stream in local worker processes, keeping input order.

Each worker builds the pipeline once (models load once per process). A document
that fails becomes an ``InputError`` in the output stream, never an exception
that stops the run.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from warta.errors import InputError, StageError, WartaError
from warta.ingest.document import RawDocument
from warta.pipeline import STAGES, Pipeline, PipelineConfig
from warta.record import Article

Item = RawDocument | InputError
Result = Article | InputError


def process_one(pipeline: Pipeline, item: Item) -> Result:
    """One document through the pipeline; any failure comes back as an InputError."""
    if isinstance(item, InputError):
        return item
    try:
        return pipeline.process(item)
    except InputError as exc:
        return exc  # a stage's failure is a StageError naming the stage (Pipeline.annotate)
    except WartaError as exc:
        return StageError(str(exc), source=item.source, locator=item.locator, stage="clean")
    except Exception as exc:  # a bug in cleaning must not stop a run over an archive
        message = f"{type(exc).__name__}: {exc}"
        return StageError(message, source=item.source, locator=item.locator, stage="clean")


def clean_one(pipeline: Pipeline, item: RawDocument) -> Result:
    """``item`` cleaned into an article (no stages yet); a failure as in ``process_one``."""
    from warta.clean import build_article

    try:
        return build_article(item, detect_language=pipeline.config.detect_language)
    except InputError as exc:
        return exc
    except WartaError as exc:
        return StageError(str(exc), source=item.source, locator=item.locator, stage="clean")
    except Exception as exc:  # a bug in cleaning must not stop a run over an archive
        message = f"{type(exc).__name__}: {exc}"
        return StageError(message, source=item.source, locator=item.locator, stage="clean")


def process_batch(pipeline: Pipeline, items: Sequence[Item]) -> list[Result]:
    """``process_one`` for each item, in order, the stages run over the batch at once
    (``Pipeline.annotate_batch``: the nlp stage makes its Docs in one ``nlp.pipe`` call)."""
    results = [
        item if isinstance(item, InputError) else clean_one(pipeline, item) for item in items
    ]
    places = [i for i, r in enumerate(results) if isinstance(r, Article)]
    done = pipeline.annotate_batch([r for r in results if isinstance(r, Article)])
    for index, result in zip(places, done, strict=True):
        results[index] = result
    return results


# Documents the nlp stage gets at once: 8-16 gave the model most of its batching gain
# (the products get more rows); more only delays the first records and holds more Docs.
BATCH = 16


def batches(items: Iterable[Item], size: int = BATCH) -> Iterator[list[Item]]:
    """``items`` in consecutive lists of at most ``size``, in order."""
    batch: list[Item] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def run_pipeline(
    items: Iterable[Item], *, config: PipelineConfig, jobs: int = 1
) -> Iterator[Result]:
    """Results in input order; ``jobs > 1`` spreads the work over that many processes
    (``warta.run.workers``: a worker that dies costs only the document it held)."""
    if jobs <= 1:
        if config.stages is not None and any(n not in STAGES for n in config.stages):
            Pipeline(config=config)  # raises the ConfigError that names them, before any input
        pipeline: Pipeline | None = None
        for batch in batches(items):
            errors = [item for item in batch if isinstance(item, InputError)]
            if len(errors) == len(batch):
                yield from errors
                continue
            if pipeline is None:  # models load once a document needs them: a re-run whose
                pipeline = Pipeline(config=config)  # documents are all known loads none
            yield from process_batch(pipeline, batch)
        return
    from warta.run.workers import run_workers

    yield from run_workers(items, config=config, jobs=jobs)


@dataclass(slots=True)
class RunStats:
    """What a run did; printed at the end of ``warta extract`` and ``warta ingest``."""

    processed: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    started: float = field(default_factory=time.perf_counter)
    stage_seconds: dict[str, float] = field(default_factory=dict)  # summed over articles

    def add(self, article: Article) -> None:
        """Count a processed article and the time each of its stages took."""
        self.processed += 1
        for name, seconds in article.timings.items():
            self.stage_seconds[name] = self.stage_seconds.get(name, 0.0) + seconds

    def stage_line(self) -> str:
        """``nlp 4.1 ms, times 0.3 ms, …`` per processed article."""
        n = max(self.processed, 1)
        return ", ".join(f"{k} {v / n * 1000:.1f} ms" for k, v in self.stage_seconds.items())

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started

    @property
    def rate(self) -> float:
        return self.processed / self.seconds if self.seconds > 0 else 0.0

    def summary(self, *, stored: bool) -> str:
        parts = [f"processed {self.processed}"]
        if stored:
            parts += [
                f"new {self.inserted}",
                f"updated {self.updated}",
                f"duplicates {self.unchanged}",
            ]
        parts += [f"failed {self.failed}", f"{self.rate:.1f} articles/s ({self.seconds:.1f} s)"]
        line = ", ".join(parts)
        if self.stage_seconds:
            line += f"; per article: {self.stage_line()}"
        return line
