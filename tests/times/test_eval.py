"""``warta eval times`` on the gold sets must stay above the floors in tests/eval_floors.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from warta.times.evaluate import GOLD, load_gold, ours, score

FLOORS = Path(__file__).resolve().parents[1] / "eval_floors.json"
HELDOUT = GOLD.with_name("times-heldout.jsonl")


@pytest.mark.shared
@pytest.mark.parametrize(("path", "prefix"), [(GOLD, "times"), (HELDOUT, "times.heldout")])
def test_figures_above_floors(shared: Path, path: Path, prefix: str) -> None:
    gold = load_gold(path, data=shared)
    assert sum(len(a.spans) for a in gold) >= (300 if path == GOLD else 100)
    figures = score(gold, ours).figures()
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    checked = 0
    for key, floor in floors.items():
        name = key.removeprefix(prefix + ".")
        if key.startswith(prefix + ".") and "." not in name:
            assert figures[name] >= floor, f"{key}: {figures[name]:.3f} < floor {floor}"
            checked += 1
    assert checked >= 3


def test_gold_offsets_match_texts(shared: Path) -> None:
    # load_gold raises EvalError when a span's text is not at its offsets
    assert len(load_gold(GOLD, data=shared)) >= 90
