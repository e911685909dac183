"""The web app's view of warta watch: /api/sources, /api/latest and the Sources page, in
process and in headless Chromium over a real server, where new articles appear unreloaded."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.serve.conftest import start_server, stop_server
from tests.watch.conftest import Site

from warta.ingest.feeds import Fetcher
from warta.pipeline import PipelineConfig
from warta.run.quarantine import Quarantine
from warta.serve import ServeConfig, create_app
from warta.store import Store
from warta.watch import Source, WatchConfig, Watcher

CHROMIUM = Path("/usr/bin/chromium")


def _watch_once(db: Path, site: Site) -> None:
    """One watch cycle over the site's feed and a source that is down."""
    with Store(db) as store:
        watcher = Watcher(
            store=store,
            sources=[
                Source(url=f"{site.base}/feed.xml", outlet="Warta Uji"),
                Source(url=f"{site.base}/down.xml"),
            ],
            config=WatchConfig(interval=60, pipeline=PipelineConfig(stages=())),
            fetcher=Fetcher(timeout=2, delay=0.0),
            quarantine=Quarantine(db.with_name("q.jsonl")),
            log=lambda _line: None,
        )
        watcher.cycle(number=1, poll_all=True)
        watcher.close()


def test_sources_and_latest_endpoints(site: Site, tmp_path: Path) -> None:
    site.pages([1, 2])
    site.feed("/feed.xml", [("/b/1", "Satu"), ("/b/2", "Dua")])
    db = tmp_path / "s.db"
    _watch_once(db, site)
    client = TestClient(create_app(ServeConfig(db=db)))
    sources = {s["url"]: s for s in client.get("/api/sources").json()}
    ok, down = sources[f"{site.base}/feed.xml"], sources[f"{site.base}/down.xml"]
    assert ok["last_status"] == "ok" and ok["new_articles"] == 2 and ok["outlet"] == "Warta Uji"
    assert ok["last_poll"].endswith("+00:00") and ok["pending"] == 0
    assert down["last_status"] == "fetch" and down["last_error"] == "HTTP 404 Not Found"
    assert down["failures"] == 1 and down["last_ok"] is None
    first = client.get("/api/latest").json()
    assert [a["url"] for a in first["items"]] == [f"{site.base}/b/2", f"{site.base}/b/1"]
    assert client.get("/api/latest", params={"after": first["last"]}).json()["items"] == []
    assert client.get("/sources").headers["content-type"].startswith("text/html")
    assert "/api/sources" in client.get("/openapi.json").json()["paths"]


def test_sources_of_a_database_never_watched(tmp_path: Path) -> None:
    db = tmp_path / "plain.db"
    Store(db).close()
    client = TestClient(create_app(ServeConfig(db=db)))
    assert client.get("/api/sources").json() == []


@pytest.fixture
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium not found (apt-get install chromium chromium-driver)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox"], headless=True
        )
        yield browser
        browser.close()


def test_sources_page_shows_new_articles_without_reload(
    site: Site, tmp_path: Path, browser: Any
) -> None:
    site.pages([1, 2])
    site.feed("/feed.xml", [("/b/1", "Satu")])
    db = tmp_path / "s.db"
    _watch_once(db, site)
    live = start_server(create_app(ServeConfig(db=db)))
    errors: list[str] = []
    try:
        page = browser.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.goto(f"{live.url}/sources")
        page.wait_for_selector("body[data-ready=true]", timeout=15000)
        row = page.locator(f'#sources tr[data-url="{site.base}/down.xml"]')
        assert "HTTP 404 Not Found" in row.inner_text()
        assert row.get_attribute("class") == "failing"
        assert page.locator("#latest li").count() == 1
        loads = page.evaluate("performance.getEntriesByType('navigation').length")

        site.feed("/feed.xml", [("/b/2", "Dua"), ("/b/1", "Satu")])
        _watch_once(db, site)  # the watch stores a new article while the page is open
        page.wait_for_selector("#latest li.new", timeout=15000)
        assert page.locator("#latest li").first.get_attribute("class") == "new"
        assert page.locator("#latest li").first.inner_text().startswith("Dua Warta Uji")
        assert page.evaluate("performance.getEntriesByType('navigation').length") == loads
        assert errors == []
        page.close()
    finally:
        stop_server(live)
