"""``warta eval places`` on the dev set must stay above the floors in tests/eval_floors.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from warta.errors import EvalError
from warta.places.evaluate import DEFAULT_GOLD, Gold, below_floors, evaluate, read_gold, score
from warta.record import Place

FLOORS = Path(__file__).resolve().parents[1] / "eval_floors.json"
HELDOUT = DEFAULT_GOLD.with_name("places-heldout.jsonl")
BLIND2 = DEFAULT_GOLD.with_name("places-blind2.jsonl")


def test_gold_sets_are_large_and_spread() -> None:
    gold = read_gold(DEFAULT_GOLD)
    heldout = read_gold(HELDOUT)
    assert len(heldout) >= 150
    assert not {g.article for g in gold} & {g.article for g in heldout}
    blind2 = read_gold(BLIND2)
    assert len(blind2) >= 120 and len({g.article for g in blind2}) >= 15
    earlier = {g.article for g in gold} | {g.article for g in heldout}
    assert not {g.article for g in blind2} & earlier
    assert len(gold) >= 300
    assert len({(g.source, g.article) for g in gold}) >= 30
    assert {g.source for g in gold} >= {"news", "pfsa", "seed"}
    assert all(g.end > g.start and len(g.text) == g.end - g.start for g in gold)


def test_score_counts_misses_and_distances() -> None:
    gold = [
        Gold("news", "a", 0, 7, "Jakarta", 1642911, -6.21, 106.85, "IDN"),
        Gold("news", "a", 10, 15, "Depok", None, -6.40, 106.82, "IDN"),
        Gold("news", "a", 20, 25, "Medan", 1214520, 3.58, 98.67, "IDN"),
    ]
    system = {
        ("news", "a"): [
            Place(0, 7, "Jakarta", "Jakarta", 1642911, -6.21, 106.85, "IDN"),
            Place(10, 15, "Depok", "Depok", 99, -7.76, 110.40, "IDN"),  # Yogyakarta's Depok
            Place(30, 35, "Bogor", "Bogor", 1648473, -6.59, 106.79, "IDN"),
        ]
    }
    result = score(gold, system)
    assert result["exact"] == pytest.approx(1 / 3)
    assert result["within_161km"] == pytest.approx(1 / 3)
    assert result["country"] == pytest.approx(2 / 3)
    assert result["detection_recall"] == pytest.approx(2 / 3)
    assert result["detection_precision"] == pytest.approx(2 / 3)


def test_below_floors_names_each_figure_under_its_floor() -> None:
    floors = {"places.exact": 0.9, "places.country": 0.5, "places.heldout.exact": 0.99}
    result = {"exact": 0.8, "country": 0.6}
    assert below_floors(result, floors, "places") == ["places.exact 0.8000 < 0.9"]


def test_bad_gold_line_is_an_eval_error(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"source": "news"}\n', encoding="utf-8")
    with pytest.raises(EvalError):
        read_gold(path)


@pytest.mark.shared
@pytest.mark.parametrize(
    ("path", "prefix"),
    [(DEFAULT_GOLD, "places"), (HELDOUT, "places.heldout"), (BLIND2, "places.blind2")],
)
def test_figures_above_floors(shared: Path, path: Path, prefix: str) -> None:
    result = evaluate(gold_path=path, root=shared)
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    checked = 0
    for key, floor in floors.items():
        name = key.removeprefix(prefix + ".")
        if key.startswith(prefix + ".") and "." not in name:
            assert result[name] >= floor, f"{key}: {result[name]:.3f} < floor {floor}"
            checked += 1
    assert checked >= 4
