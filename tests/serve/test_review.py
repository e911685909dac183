"""Review of coded events over HTTP: token, corrections applied in every view, re-ingest."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.serve.conftest import TOKEN, script_article, script_copy, start_server, stop_server
from warta.serve import ServeConfig, create_app
from warta.serve.synthetic import synthetic_articles
from warta.store import Store

AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def review_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("review") / "review.db"
    with Store(path) as store:
        store.upsert(script_article())
        store.upsert(script_copy())
        for n, article in enumerate(synthetic_articles(30, seed=5, start=dt.date(2024, 1, 1))):
            for event in article.events:  # coded with varying certainty, as real events are
                event.confidence = round(0.35 + 0.1 * (n % 6), 2)
            store.upsert(article)
    return path


@pytest.fixture(scope="module")
def client(review_db: Path) -> Iterator[httpx.Client]:
    live = start_server(create_app(ServeConfig(db=review_db, token=TOKEN, ingest_stages=())))
    with httpx.Client(base_url=live.url, timeout=30) as client:
        yield client
    stop_server(live)


def _papua(client: httpx.Client) -> dict[str, object]:
    (event,) = client.get("/api/events", params={"story": "papua-1"}).json()["items"]
    assert isinstance(event, dict)
    return event


def test_writes_need_the_token(client: httpx.Client) -> None:
    body = {"story_id": "papua-1", "idx": 0, "verdict": "correct"}
    assert client.post("/api/reviews", json=body).status_code == 401
    wrong = client.post("/api/reviews", json=body, headers={"Authorization": "Bearer no"})
    assert wrong.status_code == 401
    assert client.get("/api/events", params={"review": "reviewed"}).json()["items"] == []


def test_invalid_reviews_are_refused(client: httpx.Client) -> None:
    for body, status in (
        ({"story_id": "papua-1", "idx": 0, "verdict": "maybe"}, 422),
        ({"story_id": "papua-1", "idx": 0, "verdict": "corrected"}, 422),  # nothing changed
        ({"story_id": "papua-1", "idx": 0, "verdict": "wrong", "type": "AID"}, 422),
        ({"idx": 0, "verdict": "correct"}, 422),  # which event?
        ({"story_id": "papua-1", "idx": 0, "verdict": "correct", "colour": "red"}, 422),
        ({"story_id": "papua-1", "idx": 99, "verdict": "correct"}, 404),
    ):
        assert client.post("/api/reviews", json=body, headers=AUTH).status_code == status, body


def test_correction_shows_in_every_view(client: httpx.Client) -> None:
    before = _papua(client)
    assert before["type"] == "PROTEST" and before["review"] is None
    body = {
        "story_id": "papua-1",
        "idx": 0,
        "verdict": "corrected",
        "type": "demand",
        "recipient_name": "Gubernur Papua",
        "note": "the crowd demanded a release; the governor's office is the addressee",
        "reviewer": "analyst-1",
    }
    res = client.post("/api/reviews", json=body, headers=AUTH)
    assert res.status_code == 200, res.text
    assert len(res.json()["ids"]) == 2  # one per article event fused into it
    after = _papua(client)
    assert after["type"] == "DEMAND" and after["recipient_name"] == "Gubernur Papua"
    assert after["review"] == "corrected" and after["review_note"] == body["note"]
    # the uncorrected fields keep their coded values
    assert after["actor_name"] == before["actor_name"] and after["recipient_country"] == "IDN"
    per_article = client.get("/api/events", params={"fused": "false", "article": "papua-2"})
    assert {e["type"] for e in per_article.json()["items"]} == {"DEMAND"}
    demand = client.get("/api/events", params={"type": "DEMAND", "review": "corrected"}).json()
    assert [e["story_id"] for e in demand["items"]] == ["papua-1"]
    timeline = client.get("/api/timeline", params={"bucket": "day", "from": "2024-03-04"}).json()
    march4 = {r["type"] for r in timeline["rows"] if r["period"] == "2024-03-04"}
    assert "DEMAND" in march4 and "PROTEST" not in march4
    net = client.get("/api/network", params={"story": "papua-1"}).json()
    assert [(e["target"], e["types"]) for e in net["edges"]] == [("Gubernur Papua", ["DEMAND"])]
    history = client.get("/api/reviews", params={"article": "papua-1"}).json()["items"]
    assert history[0]["verdict"] == "corrected" and history[0]["in_force"]
    assert history[0]["coded_type"] == "PROTEST"


def test_wrong_events_leave_the_counts_and_the_latest_review_wins(client: httpx.Client) -> None:
    page = client.get("/api/events", params={"type": "COERCE", "limit": 1}).json()
    (event,) = page["items"]
    total = page["total"]
    body = {"story_id": event["story_id"], "idx": event["idx"], "verdict": "wrong"}
    assert client.post("/api/reviews", json=body, headers=AUTH).status_code == 200
    marked = client.get("/api/events", params={"type": "COERCE", "limit": 500}).json()
    assert marked["total"] == total  # still listed, marked wrong, so it can be undone
    assert [e["review"] for e in marked["items"]].count("wrong") == 1
    timeline = client.get("/api/timeline", params={"type": "COERCE", "bucket": "year"}).json()
    counted = sum(r["events"] for r in timeline["rows"]) + timeline["undated"]
    assert counted == total - 1
    undo = {**body, "verdict": "correct", "note": "rechecked: it is right"}
    assert client.post("/api/reviews", json=undo, headers=AUTH).status_code == 200
    timeline = client.get("/api/timeline", params={"type": "COERCE", "bucket": "year"}).json()
    assert sum(r["events"] for r in timeline["rows"]) + timeline["undated"] == total


def test_review_queue_lists_low_confidence_first(client: httpx.Client) -> None:
    queue = client.get(
        "/api/events", params={"review": "unreviewed", "sort": "confidence", "limit": 500}
    ).json()["items"]
    confidences = [e["confidence"] for e in queue]
    assert confidences == sorted(confidences) and len(set(confidences)) > 1
    assert "papua-1" not in {e["story_id"] for e in queue}  # reviewed above


def test_reviews_survive_reingest(client: httpx.Client, review_db: Path) -> None:
    changed = script_article()
    changed.title = "Warga berunjuk rasa di Jayapura (diperbarui)"
    with Store(review_db) as store:
        assert store.upsert(changed) == "updated"
    after = _papua(client)
    assert after["type"] == "DEMAND" and after["review"] == "corrected"


def test_export_emits_reviewed_data(client: httpx.Client, review_db: Path, tmp_path: Path) -> None:
    import csv
    import json

    import pyarrow.parquet as pq

    from warta.cli.main import main

    (gone,) = client.get("/api/events", params={"fused": "false", "limit": 1}).json()["items"]
    body = {"article_id": gone["article_id"], "idx": gone["idx"], "verdict": "wrong"}
    assert client.post("/api/reviews", json=body, headers=AUTH).status_code == 200
    assert main(["export", "--db", str(review_db), "-f", "csv", "-o", str(tmp_path / "raw")]) == 0
    with (tmp_path / "raw" / "story_events.csv").open(encoding="utf-8") as handle:
        raw = {r["story_id"]: r for r in csv.DictReader(handle)}
    assert raw["papua-1"]["type"] == "PROTEST"  # coded values without --reviewed
    with (tmp_path / "raw" / "event_reviews.csv").open(encoding="utf-8") as handle:
        assert {r["verdict"] for r in csv.DictReader(handle)} >= {"corrected", "wrong"}
    assert (tmp_path / "raw" / "stories.csv").read_text(encoding="utf-8").startswith("id,")

    out = tmp_path / "reviewed"
    assert (
        main(["export", "--db", str(review_db), "-f", "parquet", "-o", str(out), "--reviewed"]) == 0
    )
    fused = {r["story_id"]: r for r in pq.read_table(out / "story_events.parquet").to_pylist()}
    assert fused["papua-1"]["type"] == "DEMAND" and fused["papua-1"]["review"] == "corrected"
    events = pq.read_table(out / "events.parquet").to_pylist()
    papua = [e for e in events if e["article_id"].startswith("papua")]
    assert [(e["type"], e["recipient_name"]) for e in papua] == [("DEMAND", "Gubernur Papua")] * 2
    assert (gone["article_id"], gone["idx"]) not in {(e["article_id"], e["idx"]) for e in events}

    jsonl = tmp_path / "reviewed.jsonl"
    assert main(["export", "--db", str(review_db), "-o", str(jsonl), "--reviewed"]) == 0
    records = {json.loads(line)["id"]: json.loads(line) for line in jsonl.open(encoding="utf-8")}
    (event,) = records["papua-1"]["events"]
    assert event["review"]["verdict"] == "corrected" and event["type"] == "DEMAND"
    assert (
        len(records[gone["article_id"]]["events"])
        == len(client.get(f"/api/articles/{gone['article_id']}").json()["record"]["events"]) - 1
    )  # the event marked wrong is left out
