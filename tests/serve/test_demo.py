"""`warta demo` leaves a database that `warta serve` shows."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from warta.cli.demo import sample_lines
from warta.cli.main import main as warta
from warta.serve import ServeConfig, create_app


@pytest.mark.slow
def test_demo_database_is_served(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "demo.db"
    assert warta(["demo", "--db", str(db)]) == 0
    shown = capsys.readouterr().out
    # values shown to people are in words: no TIMEX3 codes ("TNI" reads as the army)
    assert "13 May 2024, at night" in shown and "2 weeks" in shown
    for code in re.findall(r"= (\S+)", shown):
        assert not re.fullmatch(r"\d{4}-\d{2}-\d{2}T\w+|P\d+\w|\d{4}-W\d+(-WE)?", code), code
    assert "Indonesian and Malay only so far" in shown  # the English sample says why
    with TestClient(create_app(ServeConfig(db=db))) as client:
        facets = client.get("/api/facets").json()
        assert facets["articles"] == len(sample_lines())
        assert facets["stories"] >= 1
        listed = client.get("/api/search", params={"limit": 100}).json()["items"]
        assert len(listed) == facets["articles"]
        article_events = 0
        for hit in listed:
            record = client.get(f"/api/articles/{hit['id']}").json()["record"]
            assert record["text"]
            for key in ("entities", "times", "quotes", "places", "events"):
                for item in record[key]:
                    start, end = (
                        (item["trigger"]["start"], item["trigger"]["end"])
                        if (key == "events")
                        else (item["start"], item["end"])
                    )
                    assert 0 <= start < end <= len(record["text"])
            article_events += len(record["events"])
        served = client.get("/api/events", params={"fused": "false", "limit": 500}).json()
        assert len(served["items"]) == article_events
        fused = client.get("/api/events", params={"limit": 500}).json()["items"]
        assert sum(e["num_mentions"] for e in fused) == article_events
        first = json.loads(sample_lines()[0])
        words = " ".join(first["text"].split()[:2]) if "text" in first else None
        if words:
            found = client.get("/api/search", params={"q": words}).json()["items"]
            assert found
        page = client.get("/")
        assert page.status_code == 200 and "/static/app.js" in page.text
