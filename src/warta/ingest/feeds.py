"""RSS/Atom feeds, from a file or a URL; each entry's page is fetched politely.

Polite means: one user agent that names warta, a timeout on every request,
robots.txt obeyed per host, and a pause between requests to the same host.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
import urllib.robotparser
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import feedparser

from warta import __version__
from warta.errors import FetchError, InputError, MalformedRecordError
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

    timeout: float = 10.0
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
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                body: bytes = response.read(self.max_bytes + 1)
                status, reason, got = response.status, response.reason, response.headers
        except urllib.error.HTTPError as exc:
            if 300 <= exc.code < 400 and exc.code != 304:
                raise FetchError("redirect loop (too many redirects)", source=url) from None
            status, reason, got, body = exc.code, str(exc.reason), exc.headers, b""
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
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
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    lines = response.read(500_000).decode("utf-8", "replace").splitlines()
                assert parser is not None
                parser.parse(lines)
            except urllib.error.HTTPError as exc:
                # No robots.txt (4xx) allows everything; a server error forbids for now.
                parser = None if exc.code < 500 else _deny_all()
            except (urllib.error.URLError, TimeoutError, OSError):
                parser = None  # the page fetch itself will report the host as unreachable
            self._robots[base] = parser
        rules = self._robots[base]
        return rules is None or rules.can_fetch(USER_AGENT, url)

    def _wait(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            pause = self.delay - (time.monotonic() - last)
            if pause > 0:
                time.sleep(pause)


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
        body = Path(location).read_bytes()
    parsed = feedparser.parse(body)
    if parsed.bozo and not parsed.entries:
        yield MalformedRecordError(
            f"not a readable RSS/Atom feed ({_first_line(parsed.get('bozo_exception'))})",
            source=location,
        )
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
            published=_entry_date(entry),
            locator=f"{locator} of {location}",
        )


def _entry_date(entry: feedparser.FeedParserDict) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"


def _first_line(exc: object) -> str:
    text = str(exc or "unknown error").strip().splitlines()
    return text[0] if text else "unknown error"
