"""RSS/Atom feeds, from a file or a URL; each entry's page is fetched politely.

Polite means: one user agent that names warta, a timeout on every request,
robots.txt obeyed per host, and a pause between requests to the same host.

Bounded means: every socket read has ``timeout``, and every request as a whole has
``deadline`` — a server that sends a byte every few seconds never trips a per-read
timeout, so a timer shuts the request's socket down when the deadline passes.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import threading
import time
import urllib.error
import urllib.request
import urllib.robotparser
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import feedparser

from warta import __version__
from warta.errors import EmptyInputError, FetchError, InputError, MalformedRecordError
from warta.ingest.decode import charset_of, decode_text
from warta.ingest.document import RawDocument, sha256_hex

USER_AGENT = f"warta/{__version__} (+news research; respects robots.txt)"


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchResponse:
    """An HTTP answer: status, body and the headers a poller needs."""

    status: int
    reason: str
    body: bytes
    ctype: str = ""
    etag: str | None = None
    last_modified: str | None = None
    retry_after: str | None = None


@dataclass(slots=True, kw_only=True)
class Fetcher:
    """Fetches URLs with a timeout, a user agent, robots.txt and a per-host delay."""

    timeout: float = 10.0  # seconds one socket operation may take
    deadline: float = 60.0  # seconds a whole request (headers and body) may take
    delay: float = 1.0
    max_bytes: int = 10_000_000
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict)
    _last: dict[str, float] = field(default_factory=dict)

    def fetch(self, url: str) -> tuple[bytes, str]:
        """Return (body, content type); raise FetchError naming the URL and the reason."""
        response = self.get(url)
        if response.status >= 400:
            raise FetchError(f"HTTP {response.status} {response.reason}", source=url)
        return response.body, response.ctype

    def get(self, url: str, *, headers: dict[str, str] | None = None) -> FetchResponse:
        """One polite GET that returns any HTTP status (304 and errors included).

        Raises FetchError only when there is no HTTP answer to return: a bad scheme,
        robots.txt, the network, a redirect loop, a body over ``max_bytes``.
        """
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise FetchError(f"unsupported URL scheme {parts.scheme!r}", source=url)
        if not self._allowed(url):
            raise FetchError("disallowed by robots.txt", source=url)
        self._wait(parts.netloc)
        request = urllib.request.Request(url, headers={**(headers or {}), "User-Agent": USER_AGENT})
        clock = _Deadline(self.deadline)
        try:
            with clock, clock.opener().open(request, timeout=self.timeout) as response:
                body = _read_until(response, self.max_bytes + 1, clock)
                status, reason, got = response.status, response.reason, response.headers
        except urllib.error.HTTPError as exc:
            if 300 <= exc.code < 400 and exc.code != 304:
                raise FetchError("redirect loop (too many redirects)", source=url) from None
            status, reason, got, body = exc.code, str(exc.reason), exc.headers, b""
        except (urllib.error.URLError, TimeoutError, OSError, http.client.HTTPException) as exc:
            if clock.expired:
                raise FetchError(
                    f"timed out (no complete answer within {self.deadline:g} s)", source=url
                ) from None
            reason = getattr(exc, "reason", exc)
            raise FetchError(f"unreachable ({reason})", source=url) from None
        finally:
            self._last[parts.netloc] = time.monotonic()
        if len(body) > self.max_bytes:
            raise FetchError(f"response larger than {self.max_bytes} bytes", source=url)
        return FetchResponse(
            status=status,
            reason=reason,
            body=body,
            ctype=got.get("Content-Type", "") if got else "",
            etag=got.get("ETag") if got else None,
            last_modified=got.get("Last-Modified") if got else None,
            retry_after=got.get("Retry-After") if got else None,
        )

    def forget_robots(self) -> None:
        """Drop the cached robots.txt rules, so that a long-running poller re-reads them."""
        self._robots.clear()

    def _allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        base = f"{parts.scheme}://{parts.netloc}"
        if base not in self._robots:
            parser: urllib.robotparser.RobotFileParser | None = urllib.robotparser.RobotFileParser()
            request = urllib.request.Request(
                base + "/robots.txt", headers={"User-Agent": USER_AGENT}
            )
            clock = _Deadline(self.deadline)
            self._wait(parts.netloc)  # robots.txt is a request to the host like any other
            try:
                with clock, clock.opener().open(request, timeout=self.timeout) as response:
                    data = _read_until(response, 500_000, clock)
                    lines = data.decode("utf-8", "replace").splitlines()
                assert parser is not None
                parser.parse(lines)
            except urllib.error.HTTPError as exc:
                # No robots.txt (4xx) allows everything; a server error forbids for now.
                parser = None if exc.code < 500 else _deny_all()
            except (urllib.error.URLError, TimeoutError, OSError, http.client.HTTPException):
                parser = None  # the page fetch itself will report the host as unreachable
            self._last[parts.netloc] = time.monotonic()
            self._robots[base] = parser
        rules = self._robots[base]
        return rules is None or rules.can_fetch(USER_AGENT, url)

    def _wait(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            pause = self.delay - (time.monotonic() - last)
            if pause > 0:
                time.sleep(pause)


class _Deadline:
    """A timer that shuts down the sockets of one request when its deadline passes, so a
    blocked read returns at once; ``expired`` tells the caller why it failed."""

    def __init__(self, seconds: float) -> None:
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def opener(self) -> urllib.request.OpenerDirector:
        """urllib's opener, with connections whose sockets this deadline watches."""
        clock = self

        class Plain(http.client.HTTPConnection):
            def connect(self) -> None:
                super().connect()
                clock.watch(self.sock)

        class Secure(http.client.HTTPSConnection):
            def connect(self) -> None:
                super().connect()
                clock.watch(self.sock)

        class PlainHandler(urllib.request.HTTPHandler):
            def http_open(self, req: Any) -> Any:
                return self.do_open(Plain, req)

        class SecureHandler(urllib.request.HTTPSHandler):
            def https_open(self, req: Any) -> Any:
                return self.do_open(Secure, req)

        return urllib.request.build_opener(PlainHandler, SecureHandler)


def _read_until(response: Any, limit: int, clock: _Deadline) -> bytes:
    """The body, at most ``limit`` bytes, read as it arrives (``read1``) so that the
    deadline is checked between pieces."""
    chunks: list[bytes] = []
    size = 0
    while size < limit:
        piece: bytes = response.read1(min(65536, limit - size))
        if not piece:
            break
        chunks.append(piece)
        size += len(piece)
        if clock.expired:
            break
    if clock.expired:  # a socket shut down by the deadline reads as the end of the body
        raise TimeoutError("deadline passed")
    return b"".join(chunks)


def _deny_all() -> urllib.robotparser.RobotFileParser:
    parser = urllib.robotparser.RobotFileParser()
    parser.parse(["User-agent: *", "Disallow: /"])
    return parser


def read_feed(
    location: str, *, fetcher: Fetcher | None = None
) -> Iterator[RawDocument | InputError]:
    """Read a feed file or URL and yield one document per entry (its page, fetched)."""
    fetcher = fetcher or Fetcher()
    if location.startswith(("http://", "https://")):
        try:
            body, _ = fetcher.fetch(location)
        except FetchError as exc:
            yield exc
            return
    else:
        with Path(location).open("rb") as handle:
            body = handle.read(fetcher.max_bytes + 1)
        if len(body) > fetcher.max_bytes:
            yield FetchError(f"feed file larger than {fetcher.max_bytes} bytes", source=location)
            return
    parsed = feedparser.parse(body)
    if parsed.bozo and not parsed.entries:
        yield MalformedRecordError(
            f"not a readable RSS/Atom feed ({first_line(parsed.get('bozo_exception'))})",
            source=location,
        )
        return
    if not parsed.entries:
        # feedparser reads an HTML page or any XML without complaint: no version, no entries
        if not parsed.get("version"):
            yield MalformedRecordError(
                "not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> element)", source=location
            )
        else:
            yield EmptyInputError("feed has no entries", source=location)
        return
    for number, entry in enumerate(parsed.entries, start=1):
        link = entry.get("link")
        locator = f"entry {number}"
        if not link:
            yield MalformedRecordError("feed entry has no link", source=location, locator=locator)
            continue
        try:
            page, ctype = fetcher.fetch(link)
            html = decode_text(page, source=link, charset=charset_of(ctype))
        except InputError as exc:
            exc.locator = exc.locator or f"{locator} of {location}"
            yield exc
            continue
        yield RawDocument(
            source=link,
            kind="feed",
            sha256=sha256_hex(page),
            html=html,
            url=link,
            title=entry.get("title"),
            published=entry_date(entry),
            locator=f"{locator} of {location}",
        )


def entry_date(entry: feedparser.FeedParserDict) -> str | None:
    """An RSS/Atom entry's published (else updated) day as ``YYYY-MM-DD``."""
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"


def first_line(exc: object) -> str:
    """The first line of an error's message, for a one-line report."""
    text = str(exc or "unknown error").strip().splitlines()
    return text[0] if text else "unknown error"
