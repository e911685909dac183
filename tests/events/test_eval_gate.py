"""``warta eval events`` on the dev gold set: figures stay above their floors, and the seed
article (including the annotation guide's worked example) comes out fully right."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from warta.events.evaluate import (
    BLIND2_GOLD,
    HELDOUT_GOLD,
    REPO_GOLD,
    ArticleResult,
    check_floors,
    evaluate,
)

FLOORS = Path(__file__).resolve().parents[1] / "eval_floors.json"
Evaluated = tuple[dict[str, Any], list[ArticleResult]]


@pytest.fixture(scope="module")
def evaluated(shared: Path) -> Evaluated:
    return evaluate(gold_path=REPO_GOLD, data=shared)


def test_gold_set_size() -> None:
    rows = [json.loads(line) for line in REPO_GOLD.read_text(encoding="utf-8").splitlines()]
    sources = {r["source"] for r in rows}
    assert len([r for r in rows if not r["id"].startswith("seed:")]) >= 40
    assert {"news/id-news-282.jsonl", "quotes/pfsa-id/dev-40.articles.jsonl"} <= sources


def test_figures_are_above_their_floors(evaluated: Evaluated) -> None:
    metrics, _ = evaluated
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    assert any(k.startswith("events.") for k in floors), "no events floors pinned"
    assert check_floors(metrics, FLOORS) == []


def test_seed_article_is_fully_right(evaluated: Evaluated) -> None:
    metrics, results = evaluated
    assert metrics["seed_fully_right"], metrics["seed_problems"]
    seed = next(r for r in results if r.id.startswith("seed:"))
    by_trigger = {e.trigger.text: e for e in seed.pred}
    allow = by_trigger["mengizinkan"]  # the guide's worked example
    assert allow.type == "COOPERATE" and allow.date == "2022-02-27"
    assert allow.actor is not None and (allow.actor.country, allow.actor.sector) == ("BLR", "GOV")
    assert allow.recipient is not None and allow.recipient.country == "RUS"
    deploy = next(e for e in seed.pred if e.type == "MOBILIZE")
    assert deploy.mode == "weapons" and deploy.future
    assert len(seed.pred) == len(seed.gold)


def test_every_dev_article_exports_valid_plover_records(evaluated: Evaluated) -> None:
    import jsonschema

    from warta.events.plover import load_schema, plover_records

    validator = jsonschema.Draft202012Validator(load_schema())
    _, results = evaluated
    count = 0
    for result in results:
        assert result.article is not None
        for record in plover_records(result.article.to_dict()):
            validator.validate(record)
            count += 1
    assert count == sum(len(r.pred) for r in results) > 100


def test_heldout_figures_are_above_their_floors(shared: Path) -> None:
    metrics, _ = evaluate(gold_path=HELDOUT_GOLD, data=shared)
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    assert any(k.startswith("events.heldout.") for k in floors), "no held-out floors pinned"
    assert check_floors(metrics, FLOORS, prefix="events.heldout.") == []


def test_blind2_is_a_separate_set_of_both_sources() -> None:
    def ids(path: Path) -> set[str]:
        return {json.loads(x)["id"] for x in path.read_text(encoding="utf-8").splitlines() if x}

    rows = [json.loads(x) for x in BLIND2_GOLD.read_text(encoding="utf-8").splitlines() if x]
    assert len(rows) >= 15
    assert {r["source"] for r in rows} == {
        "news/id-news-282.jsonl",
        "quotes/pfsa-id/dev-40.articles.jsonl",
    }
    assert not ids(BLIND2_GOLD) & (ids(REPO_GOLD) | ids(HELDOUT_GOLD))


def test_blind2_figures_are_above_their_floors(shared: Path) -> None:
    metrics, _ = evaluate(gold_path=BLIND2_GOLD, data=shared)
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    assert any(k.startswith("events.blind2.") for k in floors), "no blind2 floors pinned"
    assert check_floors(metrics, FLOORS, prefix="events.blind2.") == []
    # the dev floors are not applied to the blind set (and the reverse)
    assert all(not k.startswith("events.blind2.") for k in check_floors({}, FLOORS))


def _ids(path: Path) -> set[str]:
    return {json.loads(x)["id"] for x in path.read_text(encoding="utf-8").splitlines() if x}


def test_the_corpus_splits_are_apart_and_train_has_no_pfsa() -> None:
    """Split by article: train, the dev sets and the blind test share no article, and the
    training set holds no PFSA-ID text (non-commercial: evaluation and rules only)."""
    from warta.events.evaluate import BLIND3_GOLD, PFSA_DEV_GOLD, TRAIN_GOLD

    train, blind = _ids(TRAIN_GOLD), _ids(BLIND3_GOLD)
    dev = _ids(REPO_GOLD) | _ids(HELDOUT_GOLD) | _ids(BLIND2_GOLD) | _ids(PFSA_DEV_GOLD)
    assert not train & dev and not train & blind and not dev & blind
    assert not any(i.startswith("pfsa") for i in train)
    rows = [json.loads(x) for x in BLIND3_GOLD.read_text(encoding="utf-8").splitlines() if x]
    assert len(rows) >= 80 and sum(len(r["events"]) for r in rows) >= 400
    assert {r["source"] for r in rows} == {
        "news/id-news-282.jsonl",
        "quotes/pfsa-id/dev-40.articles.jsonl",
    }


def test_the_blind_set_is_the_one_sealed_in_the_docs() -> None:
    """Its SHA-256 stands in docs/evaluation.md: the file never changes unseen."""
    import hashlib

    from warta.events.evaluate import BLIND3_GOLD

    digest = hashlib.sha256(BLIND3_GOLD.read_bytes()).hexdigest()
    docs = Path(__file__).resolve().parents[2] / "docs" / "evaluation.md"
    assert digest in docs.read_text(encoding="utf-8")


def test_blind3_and_pfsa_dev_figures_are_above_their_floors(shared: Path) -> None:
    from warta.events.evaluate import BLIND3_GOLD, PFSA_DEV_GOLD

    for gold, prefix in ((BLIND3_GOLD, "events.blind3."), (PFSA_DEV_GOLD, "events.pfsadev.")):
        metrics, _ = evaluate(gold_path=gold, data=shared)
        floors = json.loads(FLOORS.read_text(encoding="utf-8"))
        assert any(k.startswith(prefix) for k in floors), f"no {prefix}* floors pinned"
        assert check_floors(metrics, FLOORS, prefix=prefix) == []
