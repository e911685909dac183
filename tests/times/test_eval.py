"""``warta eval times`` on the gold sets must stay above the floors in tests/eval_floors.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from warta.times.evaluate import GOLD, below_floors, load_gold, ours, score

FLOORS = Path(__file__).resolve().parents[1] / "eval_floors.json"
HELDOUT = GOLD.with_name("times-heldout.jsonl")


@pytest.mark.shared
@pytest.mark.parametrize(("path", "prefix"), [(GOLD, "times"), (HELDOUT, "times.heldout")])
def test_figures_above_floors(shared: Path, path: Path, prefix: str) -> None:
    gold = load_gold(path, data=shared)
    assert sum(len(a.spans) for a in gold) >= (300 if path == GOLD else 150)
    figures = score(gold, ours).figures()
    keys = [k for k in json.loads(FLOORS.read_text(encoding="utf-8")) if k.startswith(prefix)]
    assert len(keys) >= 3  # the floors exist
    assert below_floors(figures, FLOORS, prefix=prefix) == []


def test_below_floors_reports_a_drop(tmp_path: Path) -> None:
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"times.exact_f1": 0.9, "times.heldout.exact_f1": 0.99}))
    assert below_floors({"exact_f1": 0.95}, floors, prefix="times") == []
    assert below_floors({"exact_f1": 0.95}, floors, prefix="times.heldout") == [
        "times.heldout.exact_f1 0.9500 < 0.99"
    ]


def test_gold_offsets_match_texts(shared: Path) -> None:
    # load_gold raises EvalError when a span's text is not at its offsets
    assert len(load_gold(GOLD, data=shared)) >= 90
