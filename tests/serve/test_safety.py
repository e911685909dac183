"""Safety defaults: loopback, ingest off without a token, escaped markup; in-process client."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from tests.serve.conftest import SCRIPT_TEXT, script_article
from warta.cli.main import build_parser
from warta.serve import ServeConfig, create_app
from warta.store import Store


def test_serve_binds_loopback_by_default() -> None:
    args = build_parser().parse_args(["serve", "--db", "x.db"])
    assert args.host == "127.0.0.1"
    assert args.ingest_token is None


def test_ingest_is_off_without_a_token(tmp_path: Path) -> None:
    app = create_app(ServeConfig(db=tmp_path / "empty.db"))
    with TestClient(app) as client:
        assert client.get("/api/health").json()["ingest"] is False
        res = client.post(
            "/api/ingest",
            json={"text": "Polisi menangkap dua orang."},
            headers={"Authorization": "Bearer anything"},
        )
        assert res.status_code == 403
        # an empty database serves empty results rather than errors
        assert client.get("/api/search", params={"q": "polisi"}).json()["items"] == []
        assert client.get("/api/events").json()["items"] == []


def test_markup_in_articles_is_returned_as_text(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with Store(path) as store:
        store.upsert(script_article())
    with TestClient(create_app(ServeConfig(db=path))) as client:
        record = client.get("/api/articles/papua-1").json()["record"]
        assert record["text"] == SCRIPT_TEXT  # unchanged: the page renders it as text
        hit = client.get("/api/search", params={"q": "spanduk"}).json()["items"][0]
        assert "<script>" in hit["snippet"]  # highlights are offsets, not inserted markup
        page = client.get("/").text
        assert '<script src="/static/app.js"' in page and "alert" not in page
        script = client.get("/static/app.js").text
        assert ".innerHTML" not in script and "insertAdjacentHTML" not in script


def test_database_from_before_stories_is_linked_when_served(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with Store(path) as store:
        store.upsert(script_article())
        with store.db:
            store.db.execute("DELETE FROM story_members")
            store.db.execute("DELETE FROM stories")
            store.db.execute("DELETE FROM story_events")
    with TestClient(create_app(ServeConfig(db=path))) as client:
        events = client.get("/api/events").json()["items"]
        assert [e["type"] for e in events] == ["PROTEST"]


def test_cached_views_follow_database_changes(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with Store(path) as store:
        store.upsert(script_article())
    with TestClient(create_app(ServeConfig(db=path))) as client:
        assert client.get("/api/facets").json()["articles"] == 1
        assert sum(r["events"] for r in client.get("/api/timeline").json()["rows"]) == 1
        other = script_article()
        other.id, other.text = "papua-9", other.text.replace("Ratusan", "Ribuan") + " Lain."
        other.events[0].date = "2024-06-01"
        with Store(path) as store:  # another writer, as `warta ingest` would be
            store.upsert(other)
        assert client.get("/api/facets").json()["articles"] == 2
        assert sum(r["events"] for r in client.get("/api/timeline").json()["rows"]) == 2


def test_ids_with_slashes_and_month_bounds(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    article = script_article()
    article.id = "jubi.id/2024/03/papua"
    with Store(path) as store:
        store.upsert(article)
    with TestClient(create_app(ServeConfig(db=path))) as client:
        res = client.get("/api/articles/jubi.id%2F2024%2F03%2Fpapua")
        assert res.status_code == 200 and res.json()["record"]["id"] == article.id
        # a month as the upper bound includes its last days (the article is of 4 March)
        assert len(client.get("/api/search", params={"to": "2024-03"}).json()["items"]) == 1
        assert client.get("/api/search", params={"to": "2024-02"}).json()["items"] == []
        assert len(client.get("/api/events", params={"to": "2024-03"}).json()["items"]) == 1
        assert client.get("/api/events", params={"from": "2024-04"}).json()["items"] == []
