"""One evaluation harness: the same options for every stage's evaluation, one strict floor check."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from warta.cli.evaluate import EVALS
from warta.evaluation import FLOORS, GOLD_DIR, below_floors, gold_path

FLOORS_MAP = {"x.f1": 0.8, "x.recall": 0.5, "x.heldout.f1": 0.7, "y.f1": 0.1}


def test_a_missing_figure_fails_like_a_low_one() -> None:
    assert below_floors({"f1": 0.9, "recall": 0.6}, FLOORS_MAP, prefix="x") == []
    assert below_floors({"f1": 0.7, "recall": 0.6}, FLOORS_MAP, prefix="x") == ["x.f1 0.7000 < 0.8"]
    assert below_floors({"f1": 0.9}, FLOORS_MAP, prefix="x") == ["x.recall missing (floor 0.5)"]
    assert below_floors({"f1": 0.9, "recall": None}, FLOORS_MAP, prefix="x") == [
        "x.recall missing (floor 0.5)"
    ]


def test_a_set_checks_its_own_floors() -> None:
    assert below_floors({"f1": 0.75}, FLOORS_MAP, prefix="x.heldout") == []
    # nested names: one flat dict of every set's figures
    figures = {"f1": 0.9, "recall": 0.6, "heldout.f1": 0.6}
    assert below_floors(figures, FLOORS_MAP, prefix="x", nested=True) == [
        "x.heldout.f1 0.6000 < 0.7"
    ]


def test_gold_and_floors_are_found_through_the_package_paths() -> None:
    assert FLOORS.is_file() and GOLD_DIR.is_dir()
    assert gold_path("events-dev.jsonl").is_file()


@pytest.mark.parametrize("name", ["events", "places", "quotes", "times"])
def test_every_stage_evaluation_takes_the_same_options(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    module, _, attr = EVALS[name].partition(":")
    with pytest.raises(SystemExit) as done:
        getattr(importlib.import_module(module), attr)(["--help"])
    assert done.value.code == 0
    shown = capsys.readouterr().out
    for option in ("--gold", "--floors [FLOORS]", "--json PATH", "--errors"):
        assert option in shown, (name, option)


def test_the_floors_file_names_only_figures_an_evaluation_reports(tmp_path: Path) -> None:
    from warta.places.evaluate import below_floors as places_below

    result = {"exact": 0.9, "within_161km": 0.99, "country": 0.99}  # no detection_f1
    assert places_below(result, {"places.detection_f1": 0.9}, "places") == [
        "places.detection_f1 missing (floor 0.9)"
    ]
