"""The NER quality gate: the shipped model on fixed splits it never saw may not fall below
the floors pinned in tests/eval_floors.json (keys ner.*). Lowering a floor is a visible change."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from warta.nlp import MODEL_DIR
from warta.paths import shared_data

FLOORS = Path(__file__).resolve().parents[1] / "eval_floors.json"

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def floors() -> dict[str, float]:
    data = json.loads(FLOORS.read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if k.startswith("ner.")}


def test_shipped_model_is_in_the_package() -> None:
    assert (MODEL_DIR / "config.cfg").is_file(), "run `warta train ner`"
    size = sum(p.stat().st_size for p in MODEL_DIR.rglob("*") if p.is_file())
    assert size < 40_000_000


def test_ner_f1_not_below_floor(floors: dict[str, float]) -> None:
    if shared_data() is None:
        pytest.skip("../shared/data not found")
    from warta.nlp.evaluate import eval_shipped, shipped_figures

    figures = shipped_figures(eval_shipped(MODEL_DIR, ruler=True))
    checked = [k for k in floors if k in figures]
    assert checked, "no ner.* floors match the evaluation's figures"
    for key in checked:
        assert figures[key] >= floors[key], f"{key} = {figures[key]:.4f} < floor {floors[key]}"


def test_tokenizer_on_ud_not_below_floor(floors: dict[str, float]) -> None:
    if shared_data() is None:
        pytest.skip("../shared/data not found")
    from warta.nlp.evaluate import eval_ud

    ud = eval_ud(MODEL_DIR)
    for name, res in ud.items():
        key = f"ner.ud_{name.lower().replace('-', '_')}_token_f1"
        if key in floors:
            assert res["tokens"]["f1"] >= floors[key], f"{key} = {res['tokens']['f1']}"


@pytest.mark.slow
def test_whole_articles_not_below_floor(floors: dict[str, float]) -> None:
    """NER on 42 whole unseen news articles, through the clean-up and the nlp stage."""
    if shared_data() is None:
        pytest.skip("../shared/data not found")
    from warta.evaluation import below_floors
    from warta.nlp.articles import REPO_ARTICLES_GOLD, evaluate, figures

    assert any(k.startswith("ner.articles.") for k in floors), "no ner.articles.* floors pinned"
    scores = evaluate(gold_path=REPO_ARTICLES_GOLD)
    assert below_floors(figures(scores), FLOORS, prefix="ner.articles") == []


@pytest.mark.slow
def test_parser_not_below_floor() -> None:
    """UPOS and LAS of the shipped parser on the held-out UD sentences, from raw text."""
    if shared_data() is None:
        pytest.skip("../shared/data not found")
    from warta.evaluation import below_floors, read_floors
    from warta.nlp.parse import available, evaluate, figures

    if not available():
        pytest.skip("no trained parser shipped")
    assert any(k.startswith("parse.") for k in read_floors(FLOORS)), "no parse.* floors pinned"
    assert below_floors(figures(evaluate()), FLOORS, prefix="parse", nested=True) == []
