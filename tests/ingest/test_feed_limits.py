"""Feeds against servers that drip, stall or answer with something that is not a feed
(real HTTP servers on loopback)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from warta.errors import EmptyInputError, FetchError, MalformedRecordError
from warta.ingest import Fetcher, iter_documents

DRIP_SECONDS = 0.3
PAGE = (
    "<!DOCTYPE html><html><head><title>Beranda</title></head><body><p>Bukan feed.</p></body></html>"
)
EMPTY_RSS = '<?xml version="1.0"?><rss version="2.0"><channel><title>Kosong</title></channel></rss>'


class _Handler(BaseHTTPRequestHandler):
    stop = threading.Event()

    def do_GET(self) -> None:
        if self.path == "/robots.txt":
            self.send_error(404)
        elif self.path == "/drip-body":  # headers at once, then a byte every DRIP_SECONDS
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self._drip(b"<" * 100_000)
        elif self.path == "/drip-headers":  # the status line, then headers a byte at a time
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            self._drip(b"X-Slow: " + b"a" * 50_000)
        elif self.path in ("/page.html", "/empty.xml"):
            body = (PAGE if self.path == "/page.html" else EMPTY_RSS).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html" if "html" in self.path else "text/xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            self.send_error(404)

    def _drip(self, data: bytes) -> None:
        for byte in data:
            if self.stop.is_set():
                return
            try:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
            except OSError:
                return
            time.sleep(DRIP_SECONDS)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        _Handler.stop.set()
        httpd.shutdown()
        httpd.server_close()
        _Handler.stop.clear()


@pytest.mark.parametrize("path", ["/drip-body", "/drip-headers"])
def test_a_dripping_server_hits_the_deadline(server: str, path: str) -> None:
    # each byte comes well within the per-read timeout, so only the deadline can stop it
    fetcher = Fetcher(timeout=2.0, deadline=1.5, delay=0.0)
    started = time.monotonic()
    (error,) = list(iter_documents([server + path], fetcher=fetcher))
    elapsed = time.monotonic() - started
    assert isinstance(error, FetchError)
    assert "timed out (no complete answer within 1.5 s)" in error.message
    assert elapsed < 10  # ended by the deadline, not by the server (100,000 bytes: 8 hours)


def test_a_web_page_is_not_a_feed(server: str) -> None:
    (error,) = list(iter_documents([server + "/page.html"], fetcher=Fetcher(delay=0.0)))
    assert isinstance(error, MalformedRecordError)
    assert error.message.startswith("not an RSS or Atom feed")


def test_an_xml_file_that_is_not_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "notes.xml"
    path.write_text('<?xml version="1.0"?><note><to>Tove</to></note>', encoding="utf-8")
    (error,) = list(iter_documents([str(path)]))
    assert isinstance(error, MalformedRecordError) and "not an RSS or Atom feed" in error.message


def test_a_feed_without_entries_is_reported(server: str) -> None:
    (error,) = list(iter_documents([server + "/empty.xml"], fetcher=Fetcher(delay=0.0)))
    assert isinstance(error, EmptyInputError) and error.message == "feed has no entries"
