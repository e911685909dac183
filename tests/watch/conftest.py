"""Real news servers on loopback for the watch tests: feeds that change, hang, fail and
recover, answer 304 to a matching ETag, loop redirects, serve sitemaps; and a webhook."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from tests.ingest.helpers import article_html

Reply = tuple[int, dict[str, str], bytes]


def page_html(n: int, *, version: int = 1) -> str:
    """An article page with text of its own (so that each gets its own article id)."""
    changed = f" Pembaruan ke-{version}: jalur alternatif dibuka." if version > 1 else ""
    body = (
        f"JAKARTA, WARTA CONTOH – Laporan nomor {n}: pemerintah kota mengumumkan perbaikan "
        f"jalan ke-{n} di kawasan Jakarta Pusat pada Senin (13/5/2024). Wali kota mengatakan "
        f"pekerjaan nomor {n} akan selesai dalam tiga bulan.{changed}"
    )
    return article_html(body, title=f"Berita {n}")


def rss(base: str, items: list[tuple[str, str]], *, updated: dict[str, str] | None = None) -> str:
    """An RSS 2.0 feed of (path, title) items; ``updated`` adds atom:updated per path."""
    parts = []
    for path, title in items:
        stamp = (updated or {}).get(path)
        extra = f"<atom:updated>{stamp}</atom:updated>" if stamp else ""
        parts.append(
            f"<item><title>{title}</title><link>{base}{path}</link><guid>{base}{path}</guid>"
            f"<pubDate>Mon, 13 May 2024 09:00:00 +0700</pubDate>{extra}</item>"
        )
    return (
        '<?xml version="1.0"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">'
        f"<channel><title>Contoh</title>{''.join(parts)}</channel></rss>"
    )


@dataclass
class Site:
    """Routes of one loopback server; tests change them while it runs."""

    base: str = ""
    routes: dict[str, Callable[[BaseHTTPRequestHandler], Reply]] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    times: list[tuple[str, float]] = field(default_factory=list)  # (path, monotonic time)
    posts: list[tuple[str, Any]] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def hits(self, path: str) -> list[dict[str, str]]:
        with self.lock:
            return [h for p, h in self.requests if p == path]

    def static(self, path: str, body: str | bytes, ctype: str = "text/html; charset=utf-8",
               headers: dict[str, str] | None = None) -> None:  # fmt: skip
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = lambda _h: (200, {"Content-Type": ctype, **(headers or {})}, data)

    def feed(self, path: str, items: list[tuple[str, str]], **kw: Any) -> None:
        self.static(path, rss(self.base, items, **kw), "application/rss+xml")

    def pages(self, numbers: range | list[int], *, version: int = 1, prefix: str = "/b/") -> None:
        for n in numbers:
            self.static(f"{prefix}{n}", page_html(n, version=version))


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _reply(self, status: int, headers: dict[str, str], body: bytes) -> None:
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            with site.lock:
                site.requests.append((self.path, dict(self.headers.items())))
                site.times.append((self.path, time.monotonic()))
            route = site.routes.get(self.path)
            if route is None:
                self._reply(404, {"Content-Type": "text/plain"}, b"not found")
                return
            self._reply(*route(self))

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            route = site.routes.get(self.path)
            status = route(self)[0] if route else 200
            if status < 300:
                with site.lock:
                    site.posts.append((self.path, json.loads(body)))
            self._reply(status, {"Content-Type": "text/plain"}, b"ok")

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def site() -> Iterator[Site]:
    box = Site()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(box))
    httpd.daemon_threads = True
    box.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    box.static("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield box
    box.release.set()  # hanging handlers return
    httpd.shutdown()
    httpd.server_close()


def hang(site: Site, seconds: float = 5.0) -> Callable[[BaseHTTPRequestHandler], Reply]:
    """A route that answers nothing until the test ends (or ``seconds`` pass)."""

    def route(_h: BaseHTTPRequestHandler) -> Reply:
        site.release.wait(seconds)
        return 200, {"Content-Type": "text/plain"}, b""

    return route


def fail_then(
    site: Site, path: str, *, failures: int, status: int = 500
) -> Callable[[BaseHTTPRequestHandler], Reply]:
    """A route that answers ``status`` ``failures`` times, then what ``path`` had before."""
    good = site.routes[path]
    count = {"n": 0}

    def route(h: BaseHTTPRequestHandler) -> Reply:
        count["n"] += 1
        if count["n"] <= failures:
            return status, {"Content-Type": "text/plain", "Retry-After": "0"}, b"busy"
        return good(h)

    return route


def with_etag(site: Site, path: str, etag: str) -> Callable[[BaseHTTPRequestHandler], Reply]:
    """``path``'s content with an ETag; 304 when the request's If-None-Match matches."""
    good = site.routes[path]

    def route(h: BaseHTTPRequestHandler) -> Reply:
        if h.headers.get("If-None-Match") == etag:
            return 304, {"ETag": etag}, b""
        status, headers, body = good(h)
        return status, {**headers, "ETag": etag}, body

    return route


def slow(route: Callable[[BaseHTTPRequestHandler], Reply], seconds: float) -> Any:
    def wrapped(h: BaseHTTPRequestHandler) -> Reply:
        time.sleep(seconds)
        return route(h)

    return wrapped
