"""The watch loop against real servers on loopback: a feed that changes, one that hangs,
one that fails then recovers, ETag / If-None-Match / 304, redirect loops, junk, sitemaps."""

from __future__ import annotations

import gzip
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from tests.watch.conftest import Reply, Site, fail_then, hang, page_html, with_etag

from warta.ingest.feeds import USER_AGENT, Fetcher
from warta.pipeline import PipelineConfig
from warta.run.quarantine import Quarantine
from warta.store import Store
from warta.watch import Source, WatchConfig, Watcher


class Harness:
    def __init__(self, tmp_path: Path, urls: list[str], *, timeout: float = 2.0) -> None:
        self.lines: list[str] = []
        self.store = Store(tmp_path / "w.db")
        self.quarantine = Quarantine(tmp_path / "q.jsonl")
        self.watcher = Watcher(
            store=self.store,
            sources=[Source(url=u) for u in urls],
            config=WatchConfig(interval=0.1, retry_base=0.05, pipeline=PipelineConfig(stages=())),
            fetcher=Fetcher(timeout=timeout, delay=0.0),
            quarantine=self.quarantine,
            log=self.lines.append,
        )
        self.cycles = 0

    def cycle(self, *, poll_all: bool = True) -> str:
        self.cycles += 1
        stats = self.watcher.cycle(number=self.cycles, poll_all=poll_all)
        return stats.line(next_in=None)

    def source(self, url: str) -> dict[str, object]:
        row = self.store.db.execute("SELECT * FROM watch_sources WHERE url = ?", (url,)).fetchone()
        return dict(row)

    def close(self) -> None:
        self.watcher.close()
        self.quarantine.close()
        self.store.close()


@pytest.fixture
def harness(tmp_path: Path) -> Iterator[list[Harness]]:
    made: list[Harness] = []
    yield made
    for h in made:
        h.close()


def _urls(store: Store) -> list[str]:
    return [r[0] for r in store.db.execute("SELECT url FROM articles ORDER BY url")]


def test_a_feed_that_changes_between_polls(
    site: Site, tmp_path: Path, harness: list[Harness]
) -> None:
    site.pages(range(1, 6))
    site.feed("/feed.xml", [("/b/1", "Satu"), ("/b/2", "Dua")])
    h = Harness(tmp_path, [f"{site.base}/feed.xml"])
    harness.append(h)
    assert "polled 1 (0 not modified) · new 2 · updated 0 · duplicates 0 · failed 0" in h.cycle()
    site.feed("/feed.xml", [("/b/3", "Tiga"), ("/b/2", "Dua"), ("/b/1", "Satu")])
    assert "new 1 · updated 0 · duplicates 0 · failed 0" in h.cycle()
    # an entry marked updated whose page changed is an update of the same article
    site.pages([2], version=2)
    site.feed("/feed.xml", [("/b/2", "Dua")], updated={"/b/2": "2024-05-13T12:00:00Z"})
    assert "new 0 · updated 1 · duplicates 0" in h.cycle()
    # an entry marked updated whose page did not change is a duplicate, not processed again
    site.feed("/feed.xml", [("/b/2", "Dua")], updated={"/b/2": "2024-05-13T13:00:00Z"})
    assert "new 0 · updated 0 · duplicates 1" in h.cycle()
    assert _urls(h.store) == [f"{site.base}/b/{n}" for n in (1, 2, 3)]
    record = h.store.db.execute(
        "SELECT text FROM articles WHERE url = ?", (f"{site.base}/b/2",)
    ).fetchone()
    assert "Pembaruan ke-2" in record[0]
    # pages were fetched once each, plus the two refetches of /b/2
    assert len(site.hits("/b/1")) == 1 and len(site.hits("/b/2")) == 3
    assert all(hdr.get("User-Agent") == USER_AGENT for _p, hdr in site.requests)
    assert h.source(f"{site.base}/feed.xml")["new_articles"] == 3


def test_etag_gives_304_on_the_second_poll(
    site: Site, tmp_path: Path, harness: list[Harness]
) -> None:
    site.pages([1])
    site.feed("/feed.xml", [("/b/1", "Satu")])
    site.routes["/feed.xml"] = with_etag(site, "/feed.xml", '"v1"')
    h = Harness(tmp_path, [f"{site.base}/feed.xml"])
    harness.append(h)
    assert "new 1" in h.cycle()
    assert "polled 1 (1 not modified) · new 0" in h.cycle()
    first, second = site.hits("/feed.xml")
    assert "If-None-Match" not in first
    assert second["If-None-Match"] == '"v1"'
    row = h.source(f"{site.base}/feed.xml")
    assert row["etag"] == '"v1"' and row["last_status"] == "not-modified" and row["polls"] == 2


def test_last_modified_gives_304_on_the_second_poll(
    site: Site, tmp_path: Path, harness: list[Harness]
) -> None:
    stamp = "Mon, 13 May 2024 02:00:00 GMT"
    site.pages([1])
    site.feed("/feed.xml", [("/b/1", "Satu")])
    good = site.routes["/feed.xml"]

    def route(h: BaseHTTPRequestHandler) -> Reply:
        if h.headers.get("If-Modified-Since") == stamp:
            return 304, {}, b""
        status, headers, body = good(h)
        return status, {**headers, "Last-Modified": stamp}, body

    site.routes["/feed.xml"] = route
    h = Harness(tmp_path, [f"{site.base}/feed.xml"])
    harness.append(h)
    assert "new 1" in h.cycle()
    assert "polled 1 (1 not modified)" in h.cycle()
    first, second = site.hits("/feed.xml")
    assert "If-Modified-Since" not in first and second["If-Modified-Since"] == stamp
    assert "If-None-Match" not in second  # no ETag was given


def test_a_hanging_feed_times_out_and_the_others_go_on(
    site: Site, tmp_path: Path, harness: list[Harness]
) -> None:
    site.pages([1])
    site.feed("/feed.xml", [("/b/1", "Satu")])
    site.routes["/hang.xml"] = hang(site)
    h = Harness(tmp_path, [f"{site.base}/hang.xml", f"{site.base}/feed.xml"], timeout=0.5)
    harness.append(h)
    line = h.cycle()
    assert "polled 2 (0 not modified) · new 1 · updated 0 · duplicates 0 · failed 1" in line
    [error] = [x for x in h.lines if "hang.xml" in x]
    assert error.startswith(f"warta watch: {site.base}/hang.xml: unreachable (")
    assert "timed out" in error and "[fetch]" in error and "next poll in" in error
    row = h.source(f"{site.base}/hang.xml")
    assert row["failures"] == 1 and row["last_status"] == "fetch"


def test_500_backs_off_then_recovers(site: Site, tmp_path: Path, harness: list[Harness]) -> None:
    site.pages([1, 2])
    site.feed("/feed.xml", [("/b/1", "Satu"), ("/b/2", "Dua")])
    site.routes["/feed.xml"] = fail_then(site, "/feed.xml", failures=2)
    url = f"{site.base}/feed.xml"
    h = Harness(tmp_path, [url])
    harness.append(h)
    assert "failed 1" in h.cycle()
    first = h.source(url)
    assert first["failures_in_row"] == 1 and first["last_error"] == "HTTP 500 Internal Server Error"
    assert "failed 1" in h.cycle()
    second = h.source(url)
    # the second failure waits twice as long as the first
    wait1 = float(first["next_poll"]) - float(first["last_poll"])  # type: ignore[arg-type]
    wait2 = float(second["next_poll"]) - float(second["last_poll"])  # type: ignore[arg-type]
    assert wait2 == pytest.approx(2 * wait1, abs=1e-3)
    assert "new 2 · updated 0 · duplicates 0 · failed 0" in h.cycle()
    recovered = h.source(url)
    assert recovered["failures_in_row"] == 0 and recovered["failures"] == 2
    assert recovered["last_status"] == "ok" and h.store.count() == 2
    assert sum("HTTP 500" in x for x in h.lines) == 2


def test_429_honours_retry_after(site: Site, tmp_path: Path, harness: list[Harness]) -> None:
    site.routes["/busy.xml"] = lambda _h: (429, {"Retry-After": "120"}, b"slow down")
    url = f"{site.base}/busy.xml"
    h = Harness(tmp_path, [url])
    harness.append(h)
    h.cycle()
    row = h.source(url)
    assert float(row["next_poll"]) - float(row["last_poll"]) == pytest.approx(120)  # type: ignore[arg-type]
    assert "HTTP 429" in str(row["last_error"])
    assert "failed 0" in h.cycle(poll_all=False)  # not due: not polled again
    assert len(site.hits("/busy.xml")) == 1


def test_junk_redirect_loops_and_missing_feeds_are_one_line_each(
    site: Site, tmp_path: Path, harness: list[Harness]
) -> None:
    site.static("/junk.xml", bytes(range(256)) * 8, "application/octet-stream")
    site.static("/html.xml", "<html><body><p>bukan feed</p></body></html>")
    site.routes["/loop"] = lambda _h: (302, {"Location": "/loop"}, b"")
    urls = [f"{site.base}/{p}" for p in ("junk.xml", "html.xml", "loop", "gone.xml")]
    h = Harness(tmp_path, urls)
    harness.append(h)
    assert "polled 4 (0 not modified) · new 0 · updated 0 · duplicates 0 · failed 4" in h.cycle()
    by_url = {u: [x for x in h.lines if x.startswith(f"warta watch: {u}:")] for u in urls}
    assert all(len(lines) == 1 for lines in by_url.values()), h.lines
    assert "not an RSS/Atom feed or sitemap" in by_url[urls[0]][0]
    assert "not an RSS/Atom feed or sitemap" in by_url[urls[1]][0]
    assert "redirect loop" in by_url[urls[2]][0]
    assert "HTTP 404" in by_url[urls[3]][0]
    statuses = {u: h.source(u)["last_status"] for u in urls}
    assert statuses == {
        urls[0]: "malformed",
        urls[1]: "malformed",
        urls[2]: "fetch",
        urls[3]: "fetch",
    }


def test_a_page_that_fails_is_retried_then_given_up(
    site: Site, tmp_path: Path, harness: list[Harness]
) -> None:
    site.pages([1])
    site.feed("/feed.xml", [("/b/1", "Satu"), ("/b/2", "Dua"), ("/private/3", "Tiga")])
    site.routes["/b/2"] = lambda _h: (503, {}, b"later")
    h = Harness(tmp_path, [f"{site.base}/feed.xml"])
    harness.append(h)
    assert "new 1 · updated 0 · duplicates 0 · failed 2" in h.cycle()
    assert any("private/3" in x and "robots.txt" in x and "given up" in x for x in h.lines)
    assert any("/b/2" in x and "HTTP 503" in x and "retry 2 of 5" in x for x in h.lines)
    site.pages([2])
    time.sleep(0.06)  # the first retry waits retry_base
    assert "new 1 · updated 0 · duplicates 0 · failed 0" in h.cycle(poll_all=False)
    states = dict(h.store.db.execute("SELECT link, state FROM watch_entries"))
    assert states == {
        f"{site.base}/b/1": "done",
        f"{site.base}/b/2": "done",
        f"{site.base}/private/3": "failed",
    }
    quarantined = (tmp_path / "q.jsonl").read_text("utf-8")
    assert "private/3" in quarantined and "b/2" not in quarantined


def _sitemap(base: str, paths: list[str]) -> str:
    urls = "".join(
        f"<url><loc>{base}{p}</loc><lastmod>2024-05-13T09:00:00+07:00</lastmod><news:news>"
        f"<news:publication><news:name>Warta Peta</news:name><news:language>id</news:language>"
        f"</news:publication><news:publication_date>2024-05-12</news:publication_date>"
        f"<news:title>Judul {p}</news:title></news:news></url>"
        for p in paths
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">' + urls + "</urlset>"
    )


def test_news_sitemap_and_sitemap_index(site: Site, tmp_path: Path, harness: list[Harness]) -> None:
    site.pages(range(1, 5))
    site.static("/news-sitemap.xml", _sitemap(site.base, ["/b/1", "/b/2"]), "application/xml")
    site.static(
        "/part-2.xml.gz",
        gzip.compress(_sitemap(site.base, ["/b/3", "/b/4"]).encode()),
        "application/gzip",
    )
    index = (
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{site.base}/news-sitemap.xml</loc></sitemap>"
        f"<sitemap><loc>{site.base}/part-2.xml.gz</loc></sitemap></sitemapindex>"
    )
    site.static("/sitemap.xml", index, "application/xml")
    h = Harness(tmp_path, [f"{site.base}/sitemap.xml"])
    harness.append(h)
    assert "new 4 · updated 0 · duplicates 0 · failed 0" in h.cycle()
    rows = h.store.db.execute("SELECT url, title, outlet, published FROM articles ORDER BY url")
    assert [tuple(r) for r in rows] == [
        (f"{site.base}/b/{n}", f"Judul /b/{n}", "Warta Peta", "2024-05-12") for n in range(1, 5)
    ]
    assert h.source(f"{site.base}/sitemap.xml")["kind"] == "sitemap"
    assert "new 0 · updated 0 · duplicates 0" in h.cycle()  # same lastmod: nothing refetched
    assert len(site.hits("/b/1")) == 1


def test_a_source_outlet_and_language_hint(
    site: Site, tmp_path: Path, harness: list[Harness]
) -> None:
    site.static("/p/1", page_html(1))
    site.feed("/feed.xml", [("/p/1", "Satu")])
    h = Harness(tmp_path, [])
    h.watcher.close()
    h.watcher = Watcher(
        store=h.store,
        sources=[Source(url=f"{site.base}/feed.xml", outlet="Warta Uji", lang="id")],
        config=WatchConfig(interval=0.1, pipeline=PipelineConfig(stages=())),
        fetcher=Fetcher(timeout=2, delay=0.0),
        quarantine=h.quarantine,
        log=h.lines.append,
    )
    harness.append(h)
    h.cycle()
    [row] = h.store.db.execute("SELECT outlet, lang FROM articles")
    assert tuple(row) == ("Warta Uji", "id")
