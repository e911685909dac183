from __future__ import annotations

import json
import pickle
from pathlib import Path

from warta.errors import EmptyInputError, StageError
from warta.ingest import RawDocument
from warta.pipeline import Pipeline, PipelineConfig
from warta.record import Article
from warta.run.local import RunStats, process_one, run_pipeline
from warta.run.quarantine import QUARANTINE_FIELDS, Quarantine


def _doc(text: str, n: int) -> RawDocument:
    return RawDocument(
        source="mem", kind="jsonl", sha256="0" * 64, text=text, id=f"d{n}", locator=f"line {n}"
    )


def test_parallel_results_keep_input_order() -> None:
    items = [_doc(f"SOLO – Berita ke-{n} tentang rapat warga desa.", n) for n in range(30)]
    items.insert(5, EmptyInputError("empty input (no text)", source="x.txt"))
    results = list(run_pipeline(items, config=PipelineConfig(stages=()), jobs=2))
    assert len(results) == 31
    assert isinstance(results[5], EmptyInputError)
    ids = [r.id for r in results if isinstance(r, Article)]
    assert ids == [f"d{n}" for n in range(30)]


def test_a_failing_stage_becomes_a_stage_error() -> None:
    pipeline = Pipeline(config=PipelineConfig(stages=()))

    def broken(article: Article) -> None:
        raise ZeroDivisionError("division by zero")

    pipeline._stages.append(("broken", broken))
    result = process_one(pipeline, _doc("Isi berita yang cukup panjang.", 3))
    assert isinstance(result, StageError)
    assert str(result) == "mem (line 3): ZeroDivisionError: division by zero (stage broken)"
    assert result.reason == "stage-error" and result.stage == "broken"
    again = pickle.loads(pickle.dumps(result))  # as a worker process sends it back
    assert (again.stage, again.message, again.locator) == ("broken", result.message, "line 3")


def test_the_quarantine_keeps_the_failing_stage(tmp_path: Path) -> None:
    pipeline = Pipeline(config=PipelineConfig(stages=()))

    def broken(article: Article) -> None:
        raise KeyError("doc")

    pipeline._stages.append(("places", broken))
    result = process_one(pipeline, _doc("Isi berita yang cukup panjang.", 4))
    assert isinstance(result, StageError)
    quarantine = Quarantine(tmp_path / "q.jsonl")
    quarantine.add(result)
    quarantine.add(EmptyInputError("empty input (no text)", source="x.txt"))
    quarantine.close()
    first, second = (json.loads(line) for line in (tmp_path / "q.jsonl").read_text().splitlines())
    assert list(first) == list(QUARANTINE_FIELDS)
    assert first["stage"] == "places" and first["reason"] == "stage-error"
    assert first["locator"] == "line 4" and second["stage"] is None


def test_the_run_sums_each_stage_time() -> None:
    stats = RunStats()
    items = [_doc(f"SOLO – Berita ke-{n} tentang rapat warga desa.", n) for n in range(3)]
    for result in run_pipeline(items, config=PipelineConfig(stages=("times",))):
        assert isinstance(result, Article)
        stats.add(result)
    assert stats.processed == 3 and list(stats.stage_seconds) == ["times"]
    assert stats.stage_line().startswith("times ") and stats.stage_line().endswith(" ms")
    assert "; per article: times " in stats.summary(stored=False)


def test_summary_line() -> None:
    stats = RunStats(processed=3, inserted=2, unchanged=1, failed=1)
    line = stats.summary(stored=True)
    assert line.startswith("processed 3, new 2, updated 0, duplicates 1, failed 1, ")
    assert "articles/s" in line
