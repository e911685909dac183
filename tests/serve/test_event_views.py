"""The events table, its facets, the timeline axis and the actors list, over HTTP."""

from __future__ import annotations

import httpx
import pytest

from tests.serve.conftest import LiveServer


@pytest.fixture(scope="module")
def client(live: LiveServer) -> httpx.Client:
    return httpx.Client(base_url=live.url, timeout=30)


def test_every_documented_filter_is_applied(client: httpx.Client) -> None:
    every = client.get("/api/events", params={"limit": 500}).json()
    # article= on fused events: the story events this article reports
    mine = client.get("/api/events", params={"article": "papua-2"}).json()
    assert [e["story_id"] for e in mine["items"]] == ["papua-1"]
    assert mine["total"] == 1 < every["total"]
    for name, value in (
        ("actor_country", "IDN"),
        ("actor_sector", "COP"),
        ("recipient", "papua"),
        ("recipient_sector", "GOV"),
        ("country", "IDN"),
        ("story", "papua-1"),
        ("review", "unreviewed"),
    ):
        page = client.get("/api/events", params={name: value, "limit": 500}).json()
        assert 0 < page["total"] <= every["total"], name
        if name.endswith(("_country", "_sector")):
            assert {e[name] for e in page["items"]} == {value}, name


def test_unknown_parameters_are_refused(client: httpx.Client) -> None:
    res = client.get("/api/events", params={"actr": "polisi"})
    assert res.status_code == 422 and "actr" in res.json()["detail"]
    assert client.get("/api/timeline", params={"bucket": "month", "sort": "x"}).status_code == 422
    assert client.get("/api/search", params={"q": "banjir", "page": 2}).status_code == 422
    assert client.get("/api/events", params={"sort": "colour"}).status_code == 422
    assert (
        client.get("/api/events", params={"fused": "false", "sort": "sources"}).status_code == 422
    )


def test_event_rows_have_evidence_tolls_flags_and_sort(client: httpx.Client) -> None:
    (papua,) = client.get("/api/events", params={"story": "papua-1"}).json()["items"]
    assert papua["evidence"].startswith("JAYAPURA — Ratusan warga berunjuk rasa")
    assert papua["evidence"].endswith("mereka.")
    assert {"dead", "injured", "flags", "confidence", "sources"} <= set(papua)
    by_dead = client.get("/api/events", params={"sort": "-dead", "limit": 500}).json()["items"]
    dead = [e["dead"] for e in by_dead if e["dead"] is not None]
    assert dead and dead == sorted(dead, reverse=True)
    assert by_dead[-1]["dead"] is None  # unknown tolls last
    low = client.get("/api/events", params={"sort": "confidence", "limit": 500}).json()["items"]
    assert [e["confidence"] for e in low] == sorted(e["confidence"] for e in low)
    article = client.get(
        "/api/events", params={"fused": "false", "article": "papua-1", "sort": "-injured"}
    ).json()["items"]
    assert article[0]["evidence"] == papua["evidence"] and article[0]["flags"] == []


def test_facets_count_the_matching_events(client: httpx.Client) -> None:
    facets = client.get("/api/events/facets", params={"country": "IDN"}).json()
    total = client.get("/api/events", params={"country": "IDN"}).json()["total"]
    assert sum(c for _, c in facets["type"]) == total
    assert sum(c for _, c in facets["review"]) == total
    every = client.get("/api/events/facets").json()["country"]
    assert len(every) >= 1
    for code, count in every[:3]:  # counted as the country= filter finds them
        assert client.get("/api/events", params={"country": code}).json()["total"] == count
    protest = dict(facets["type"])["PROTEST"]
    only = client.get("/api/events", params={"country": "IDN", "type": "PROTEST"}).json()
    assert only["total"] == protest


def test_timeline_lists_every_period(client: httpx.Client) -> None:
    for bucket in ("day", "week", "month", "year"):
        data = client.get("/api/timeline", params={"bucket": bucket}).json()
        periods = data["periods"]
        assert periods == sorted(periods) and len(set(periods)) == len(periods)
        assert {r["period"] for r in data["rows"]} <= set(periods)
    days = client.get("/api/timeline", params={"bucket": "day"}).json()
    counted = {r["period"] for r in days["rows"]}
    assert len(days["periods"]) > len(counted)  # days without events keep their place
    weeks = client.get("/api/timeline", params={"bucket": "week"}).json()["periods"]
    import datetime as dt

    assert all(dt.date.fromisoformat(w).weekday() == 0 for w in weeks)  # Mondays
    assert client.get("/api/timeline", params={"bucket": "hour"}).status_code == 422
    with_negated = client.get("/api/timeline", params={"include_negated": True}).json()
    plain = client.get("/api/timeline").json()
    assert sum(r["events"] for r in with_negated["rows"]) >= sum(r["events"] for r in plain["rows"])


def test_actors_ranked_filtered_and_paged(client: httpx.Client) -> None:
    first = client.get("/api/actors", params={"limit": 5}).json()
    events = [a["events"] for a in first["items"]]
    assert events == sorted(events, reverse=True) and first["has_more"]
    second = client.get("/api/actors", params={"limit": 5, "offset": 5}).json()
    assert not {a["name"] for a in first["items"]} & {a["name"] for a in second["items"]}
    assert second["total"] == first["total"] > 5
    cvl = client.get("/api/actors", params={"actor_country": "IDN", "type": "PROTEST"}).json()
    assert "Warga Papua" in {a["name"] for a in cvl["items"]}
    assert cvl["total"] < first["total"]  # the filters apply to the list
    for actor in client.get("/api/actors", params={"limit": 500}).json()["items"]:
        assert len(actor["name"]) > 2 and not actor["name"].isdigit()
