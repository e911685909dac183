from __future__ import annotations

import json
from pathlib import Path

from warta.nlp.evaluate import report_cv, summarize_cv


def _run(f1: float, core: float, speed: int) -> dict[str, object]:
    return {
        "scores": {"PER": {"f1": f1}, "micro": {"f1": f1}},
        "micro_core": core,
        "tokens_per_s": speed,
        "train_s": 10,
    }


def test_cv_summary_averages_folds() -> None:
    results = {
        "nerui/spacy/1": _run(0.8, 0.8, 100),
        "nerui/spacy/2": _run(0.9, 0.7, 300),
        "nerui/crf/1": _run(0.5, 0.5, 50),
    }
    summary = summarize_cv(results)
    assert summary["nerui/spacy"]["folds"] == 2
    assert abs(summary["nerui/spacy"]["micro"] - 0.85) < 1e-9
    assert summary["nerui/spacy"]["tokens_per_s"] == 200
    assert summary["nerui/crf"]["PER"] == 0.5
    table = report_cv(summary)
    assert "| nerui/spacy | 2 | 85.0 |" in table and "| nerui/crf | 1 | 50.0 |" in table


def test_floors(tmp_path: Path) -> None:
    """warta eval ner gates through the one strict check: below a floor or missing fails."""
    from warta.evaluation import below_floors

    path = tmp_path / "floors.json"
    path.write_text(
        json.dumps({"ner.a_f1": 0.7, "ner.b_f1": 0.5, "ner.c_f1": 0.1, "times.x": 0.99})
    )
    assert below_floors({"a_f1": 0.69, "b_f1": 0.5}, path, prefix="ner") == [
        "ner.a_f1 0.6900 < 0.7",
        "ner.c_f1 missing (floor 0.1)",
    ]
