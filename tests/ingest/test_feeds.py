"""Feeds over a real HTTP server on loopback: robots.txt, user agent, timeouts, bad hosts."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from tests.ingest.helpers import article_html
from warta.errors import FetchError, MalformedRecordError
from warta.ingest import Fetcher, RawDocument, iter_documents
from warta.ingest.feeds import USER_AGENT


def _rss(base: str) -> str:
    items = "".join(
        f"<item><title>Berita {n}</title><link>{base}/{path}</link>"
        f"<pubDate>Mon, 13 May 2024 09:00:00 +0700</pubDate></item>"
        for n, path in enumerate(["berita/1", "rahasia/2", "hilang/3"], start=1)
    )
    channel = f"<channel><title>Contoh</title>{items}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'


class _Handler(BaseHTTPRequestHandler):
    agents: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.agents.append(self.headers.get("User-Agent", ""))
        base = f"http://{self.headers['Host']}"
        routes = {
            "/robots.txt": ("text/plain", "User-agent: *\nDisallow: /rahasia/\n"),
            "/feed.xml": ("application/rss+xml", _rss(base)),
            "/berita/1": ("text/html; charset=utf-8", article_html()),
        }
        if self.path not in routes:
            self.send_error(404, "Not Found")
            return
        ctype, body = routes[self.path]
        data = body.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_feed_url_fetches_allowed_pages_politely(server: str) -> None:
    _Handler.agents.clear()
    docs = list(iter_documents([f"{server}/feed.xml"], fetcher=Fetcher(delay=0.0, timeout=5)))
    ok, disallowed, missing = docs
    assert isinstance(ok, RawDocument)
    assert ok.kind == "feed" and ok.url == f"{server}/berita/1"
    assert ok.title == "Berita 1" and ok.published == "2024-05-13"
    assert isinstance(disallowed, FetchError)
    assert str(disallowed).startswith(f"{server}/rahasia/2 (entry 2 of {server}/feed.xml)")
    assert "robots.txt" in str(disallowed)
    assert isinstance(missing, FetchError) and "HTTP 404" in str(missing)
    assert _Handler.agents and all(a == USER_AGENT for a in _Handler.agents)


def test_feed_file_with_links(server: str, tmp_path: Path) -> None:
    path = tmp_path / "saved.rss"
    path.write_text(_rss(server), encoding="utf-8")
    docs = list(iter_documents([str(path)], fetcher=Fetcher(delay=0.0, timeout=5)))
    assert isinstance(docs[0], RawDocument) and docs[0].locator == f"entry 1 of {path}"


def test_unreachable_feed_url() -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/feed.xml"
    [error] = list(iter_documents([url], fetcher=Fetcher(timeout=2)))
    assert isinstance(error, FetchError)
    assert str(error).startswith(f"{url}: unreachable")


def test_not_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "broken.xml"
    path.write_text("<html><body>bukan feed", encoding="utf-8")
    [error] = list(iter_documents([str(path)]))
    assert isinstance(error, MalformedRecordError)
    assert "not a readable RSS/Atom feed" in str(error)
