"""The single-process runner hands the stages batches: same records, same order, and a
failure stays the failing article's."""

from __future__ import annotations

from collections.abc import Sequence

from warta.errors import EmptyInputError, StageError
from warta.ingest import RawDocument
from warta.pipeline import Pipeline, PipelineConfig
from warta.record import Article
from warta.run.local import BATCH, batches, process_batch, process_one, run_pipeline


def _doc(text: str, n: int) -> RawDocument:
    return RawDocument(
        source="mem", kind="jsonl", sha256="0" * 64, text=text, id=f"d{n}", locator=f"line {n}"
    )


TEXTS = [
    "JAKARTA – Presiden Joko Widodo bertemu Gubernur Anies Baswedan di Balai Kota, Senin "
    f'(12/3/2018). Pertemuan ke-{n} itu membahas banjir. "Kami sepakat," kata Jokowi.'
    for n in range(BATCH + 5)
]


def test_batches_keep_order_and_size() -> None:
    items = list(range(2 * BATCH + 3))
    got = list(batches(items))  # type: ignore[arg-type]
    assert [len(b) for b in got] == [BATCH, BATCH, 3]
    assert [x for b in got for x in b] == items


def test_a_batch_gives_the_records_one_at_a_time_gives() -> None:
    pipeline = Pipeline(config=PipelineConfig(stages=("nlp", "quotes", "places", "times")))
    items = [_doc(t, n) for n, t in enumerate(TEXTS)]
    alone = [process_one(pipeline, item) for item in items]
    together = process_batch(pipeline, items)
    assert all(isinstance(r, Article) for r in together)
    assert [r.to_dict() for r in together] == [r.to_dict() for r in alone]  # type: ignore[union-attr]
    assert all(r.entities for r in together)  # type: ignore[union-attr]
    assert all(set(r.timings) == {"nlp", "times", "quotes", "places"} for r in together)  # type: ignore[union-attr]


def test_errors_keep_their_place_in_the_stream() -> None:
    items: list[RawDocument | EmptyInputError] = [_doc(t, n) for n, t in enumerate(TEXTS)]
    items.insert(3, EmptyInputError("empty input (no text)", source="x.txt"))
    items.insert(BATCH + 2, _doc("", 99))  # cleaning fails: no text
    results = list(run_pipeline(items, config=PipelineConfig(stages=("nlp",))))
    assert len(results) == len(items)
    assert isinstance(results[3], EmptyInputError)
    assert not isinstance(results[BATCH + 2], Article)
    ids = [r.id for r in results if isinstance(r, Article)]
    assert ids == [f"d{n}" for n in range(len(TEXTS))]


def test_a_stage_failing_on_one_article_fails_only_that_one() -> None:
    pipeline = Pipeline(config=PipelineConfig(stages=("nlp",)))

    def picky(article: Article) -> None:
        if article.id == "d2":
            raise ValueError("not this one")
        article.events = []

    pipeline._stages.append(("events", picky))
    results = process_batch(pipeline, [_doc(t, n) for n, t in enumerate(TEXTS[:5])])
    assert isinstance(results[2], StageError) and results[2].stage == "events"
    assert results[2].locator == "line 2"
    assert [r.id for r in results if isinstance(r, Article)] == ["d0", "d1", "d3", "d4"]
    assert all(r.entities for r in results if isinstance(r, Article))


def test_a_failing_prepare_falls_back_to_one_article_at_a_time() -> None:
    pipeline = Pipeline(config=PipelineConfig(stages=()))
    calls: list[str] = []

    class Stage:
        def prepare(self, articles: Sequence[Article]) -> None:
            raise RuntimeError("the batch is too much")

        def __call__(self, article: Article) -> None:
            calls.append(article.id)
            if article.id == "d1":
                raise KeyError("bad")

    pipeline._stages.append(("nlp", Stage()))
    results = process_batch(pipeline, [_doc(t, n) for n, t in enumerate(TEXTS[:3])])
    assert calls == ["d0", "d1", "d2"]
    assert isinstance(results[1], StageError) and results[1].stage == "nlp"
    assert isinstance(results[0], Article) and isinstance(results[2], Article)
    assert not results[0].state and not results[2].state  # nothing left behind
