"""A polled body as entries: RSS/Atom feeds (feedparser) and sitemaps (urlset, sitemapindex,
Google News ``news:`` tags), told apart by their content, not by the URL."""

from __future__ import annotations

import gzip
import io
import xml.etree.ElementTree as ET
import zlib
from dataclasses import dataclass, field
from urllib.parse import urljoin

import feedparser

from warta.errors import MalformedRecordError
from warta.ingest.feeds import entry_date, first_line


@dataclass(frozen=True, slots=True, kw_only=True)
class Entry:
    key: str  # the feed's guid, else the link
    link: str
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    stamp: str | None = None  # updated / lastmod: when it changes, the page is fetched again
    outlet: str | None = None  # a news sitemap's publication name


@dataclass(slots=True, kw_only=True)
class Parsed:
    kind: str  # feed | sitemap
    entries: list[Entry] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)  # children of a sitemap index


def gunzip(body: bytes, *, max_bytes: int, source: str) -> bytes:
    """A gzip body (a ``sitemap.xml.gz``) unpacked, refusing one that unpacks too large."""
    if not body.startswith(b"\x1f\x8b"):
        return body
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(body)) as handle:
            data = handle.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise MalformedRecordError(f"broken gzip ({exc})", source=source) from None
    if len(data) > max_bytes:
        raise MalformedRecordError(f"unpacks to more than {max_bytes} bytes", source=source)
    return data


def parse_body(body: bytes, *, source: str) -> Parsed:
    """Entries of a feed or sitemap; MalformedRecordError when the body is neither."""
    sitemap = _parse_sitemap(body)
    if sitemap is not None:
        return sitemap
    parsed = feedparser.parse(body)
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        reason = first_line(parsed.get("bozo_exception")) if parsed.bozo else "no entries"
        raise MalformedRecordError(f"not an RSS/Atom feed or sitemap ({reason})", source=source)
    out = Parsed(kind="feed")
    for item in parsed.entries:
        link = item.get("link")
        if not link:
            continue
        link = urljoin(source, str(link))  # a relative link is relative to the feed
        out.entries.append(
            Entry(
                key=str(item.get("id") or link),
                link=link,
                title=item.get("title"),
                published=entry_date(item),
                # dict.get: feedparser's own lookup would answer `published` for `updated`
                stamp=dict.get(item, "updated"),
            )
        )
    return out


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child_text(element: ET.Element, *names: str) -> str | None:
    """The text of the first descendant path ``names`` (local names, any namespace)."""
    current: ET.Element | None = element
    for name in names:
        if current is None:
            return None
        current = next((c for c in current if _local(c.tag) == name), None)
    if current is None or current.text is None:
        return None
    return current.text.strip() or None


def _parse_sitemap(body: bytes) -> Parsed | None:
    head = body.lstrip()[:2048].lower()
    if b"<urlset" not in head and b"<sitemapindex" not in head:
        return None
    try:
        # the standard library's expat: no external entities, and a guard against
        # entity expansion bombs
        root = ET.fromstring(body.lstrip())
    except ET.ParseError:
        return None
    name = _local(root.tag)
    if name == "sitemapindex":
        children = [_child_text(s, "loc") for s in root if _local(s.tag) == "sitemap"]
        return Parsed(kind="sitemap", sitemaps=[c for c in children if c])
    if name != "urlset":
        return None
    out = Parsed(kind="sitemap")
    for url in root:
        if _local(url.tag) != "url":
            continue
        loc = _child_text(url, "loc")
        if not loc:
            continue
        day = _child_text(url, "news", "publication_date") or _child_text(url, "lastmod")
        out.entries.append(
            Entry(
                key=loc,
                link=loc,
                title=_child_text(url, "news", "title"),
                published=day[:10] if day and len(day) >= 10 else None,
                stamp=_child_text(url, "lastmod"),
                outlet=_child_text(url, "news", "publication", "name"),
            )
        )
    return out
