"""The watch loop: poll what is due, fetch the new entries' pages, store them, raise alerts.

One ``Watcher`` runs in one process over one store. A cycle polls every due source
with a conditional request (its ETag and Last-Modified), records the new or changed
entries as pending, then fetches, processes and stores each pending entry's page.
Every failure is one line on the log, a counter and, for a source, a backoff
(``interval * 2**failures``, at least the server's Retry-After, at most
``max_backoff``); a page that keeps failing is given up after ``max_attempts`` and
quarantined. Nothing here holds per-article state between entries.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from warta.clean import build_article
from warta.errors import FetchError, InputError, StageError, WartaError
from warta.ingest.decode import charset_of, decode_text
from warta.ingest.document import RawDocument, sha256_hex
from warta.ingest.feeds import Fetcher
from warta.pipeline import Pipeline, PipelineConfig
from warta.record import Article
from warta.run.known import KnownArticles
from warta.run.quarantine import Quarantine
from warta.store import Store
from warta.watch import state
from warta.watch.alerts import Alerts
from warta.watch.parse import Entry, gunzip, parse_body
from warta.watch.sources import Source

ROBOTS_TTL = 24 * 3600.0  # a site's robots.txt is read again after this many seconds
LANG_SURE = 0.5  # below this detection score a source's ``lang`` setting is taken instead
PERMANENT = ("disallowed by robots.txt", "HTTP 404", "HTTP 410", "unsupported URL scheme")


@dataclass(frozen=True, slots=True, kw_only=True)
class WatchConfig:
    interval: float = 600.0  # seconds between polls of a source without its own
    max_backoff: float = 6 * 3600.0
    retry_base: float = 60.0  # first retry of a failed page (doubling), at most the interval
    max_attempts: int = 5  # a page that failed this often is given up and quarantined
    max_sitemaps: int = 20  # children of a sitemap index read per poll
    pipeline: PipelineConfig = field(default_factory=PipelineConfig)


@dataclass(slots=True)
class CycleStats:
    number: int
    polled: int = 0
    not_modified: int = 0
    new: int = 0
    updated: int = 0
    duplicates: int = 0
    failed: int = 0
    alerts: int = 0

    def line(self, *, next_in: float | None) -> str:
        parts = [
            f"cycle {self.number}",
            f"polled {self.polled} ({self.not_modified} not modified)",
            f"new {self.new}",
            f"updated {self.updated}",
            f"duplicates {self.duplicates}",
            f"failed {self.failed}",
            f"alerts {self.alerts}",
        ]
        if next_in is not None:
            parts.append(f"next in {max(0.0, next_in):.0f} s")
        return "warta watch: " + " · ".join(parts)


def retry_after_seconds(value: str | None, *, now: float) -> float:
    """Retry-After as seconds: a number, or an HTTP date; 0 when absent or unreadable."""
    if not value:
        return 0.0
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return 0.0
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, when.timestamp() - now)


class Watcher:
    def __init__(
        self,
        *,
        store: Store,
        sources: list[Source],
        config: WatchConfig,
        fetcher: Fetcher,
        quarantine: Quarantine,
        alerts: Alerts | None = None,
        log: Callable[[str], None],
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.config = config
        self.fetcher = fetcher
        self.quarantine = quarantine
        self.alerts = alerts
        self.log = log
        self.clock = clock
        self.urls = [s.url for s in sources]
        self.stopping = False
        self.failed_total = 0
        self._robots_read = clock()
        self._pipeline: Pipeline | None = None
        self._known = KnownArticles(store.path, config=config.pipeline)
        state.register(store.db, sources, interval=config.interval)

    def close(self) -> None:
        self._known.close()

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:  # models load once, on the first page that needs them
            self._pipeline = Pipeline(config=self.config.pipeline)
        return self._pipeline

    # -- the loop --------------------------------------------------------------------------

    def run(self, *, cycles: int | None = None, once: bool = False) -> int:
        """Cycle until ``cycles`` are done (``once``: one cycle polling every source now)
        or ``stop`` is called; return the number of cycles run."""
        number = 0
        while not self.stopping:
            if not once and not self._wait_until_due():
                break
            number += 1
            stats = self.cycle(number=number, poll_all=once)
            due = state.next_due(self.store.db, urls=self.urls)
            last = once or (cycles is not None and number >= cycles)
            self.log(stats.line(next_in=None if last or due is None else due - self.clock()))
            if last:
                break
        return number

    def stop(self) -> None:
        self.stopping = True

    def _wait_until_due(self) -> bool:
        while not self.stopping:
            due = state.next_due(self.store.db, urls=self.urls)
            now = self.clock()
            if due is not None and due <= now:
                return True
            # short sleeps so that a stop request is honoured quickly
            time.sleep(min(0.5, (due - now) if due is not None else 0.5))
        return False

    def cycle(self, *, number: int, poll_all: bool = False) -> CycleStats:
        stats = CycleStats(number=number)
        now = self.clock()
        if now - self._robots_read > ROBOTS_TTL:
            self.fetcher.forget_robots()
            self._robots_read = now
        for url in self.urls:
            if self.stopping:
                break
            source = state.load(self.store.db, url)
            if poll_all or source.next_poll <= now:
                self._poll(source, stats)
        # articles stored but not yet checked for alerts, also by a run that was killed
        touched = state.stored_articles(self.store.db, urls=self.urls)
        for entry in state.pending(self.store.db, urls=self.urls, now=self.clock()):
            if self.stopping:
                break
            self._entry(entry, stats, touched)
        if self.alerts is not None:
            stats.alerts = self.alerts.check(self.store.db, article_ids=touched)
            state.alerts_checked(self.store.db, urls=self.urls)
            self.alerts.deliver_pending(self.store.db)
        self.failed_total += stats.failed
        return stats

    # -- one source ------------------------------------------------------------------------

    def _poll(self, source: state.SourceState, stats: CycleStats) -> None:
        stats.polled += 1
        headers = {}
        if source.etag:
            headers["If-None-Match"] = source.etag
        if source.last_modified:
            headers["If-Modified-Since"] = source.last_modified
        now = self.clock()
        wait = 0.0  # the server's Retry-After, when it sent one
        try:
            response = self.fetcher.get(source.url, headers=headers)
            if response.status == 304:
                state.polled_ok(
                    self.store.db,
                    source.url,
                    now=now,
                    kind=None,
                    etag=None,
                    last_modified=None,
                    entries=[],
                    not_modified=True,
                )
                stats.not_modified += 1
                return
            if not 200 <= response.status < 300:
                wait = retry_after_seconds(response.retry_after, now=now)
                raise FetchError(f"HTTP {response.status} {response.reason}", source=source.url)
            body = gunzip(response.body, max_bytes=self.fetcher.max_bytes, source=source.url)
            parsed = parse_body(body, source=source.url)
            entries = list(parsed.entries)
            for child in parsed.sitemaps[: self.config.max_sitemaps]:
                entries += self._child_sitemap(child, parent=source.url, stats=stats)
        except InputError as exc:
            doubling = 2.0 ** min(source.failures_in_row, 30)  # a source down for months
            backoff = min(source.interval * doubling, self.config.max_backoff)
            retry_in = max(backoff, min(wait, self.config.max_backoff))
            state.polled_failed(
                self.store.db,
                source.url,
                now=now,
                reason=exc.reason,
                error=exc.message,
                retry_in=retry_in,
            )
            stats.failed += 1
            self.log(
                f"warta watch: {source.url}: {exc.message} [{exc.reason}]; "
                f"next poll in {retry_in:.0f} s"
            )
            return
        state.polled_ok(
            self.store.db,
            source.url,
            now=now,
            kind=parsed.kind,
            etag=response.etag,
            last_modified=response.last_modified,
            entries=entries,
            not_modified=False,
        )

    def _child_sitemap(self, url: str, *, parent: str, stats: CycleStats) -> list[Entry]:
        try:
            body, _ = self.fetcher.fetch(url)
            parsed = parse_body(
                gunzip(body, max_bytes=self.fetcher.max_bytes, source=url), source=url
            )
        except InputError as exc:
            stats.failed += 1
            self.log(f"warta watch: {url} (in {parent}): {exc.message} [{exc.reason}]")
            return []
        return parsed.entries

    # -- one entry -------------------------------------------------------------------------

    def _entry(self, entry: state.PendingEntry, stats: CycleStats, touched: list[str]) -> None:
        db = self.store.db
        locator = f"entry of {entry.source_url}"
        try:
            page, ctype = self.fetcher.fetch(entry.link)
            html = decode_text(page, source=entry.link, charset=charset_of(ctype))
        except InputError as exc:
            self._entry_failed(entry, exc, stats, transient=isinstance(exc, FetchError))
            return
        doc = RawDocument(
            source=entry.link,
            kind="feed",
            sha256=sha256_hex(page),
            html=html,
            url=entry.link,
            title=entry.title,
            published=entry.published,
            outlet=entry.outlet,
            locator=locator,
        )
        if self._known.is_known(doc):  # it sets the stored article's id
            state.entry_done(
                db, entry, article_id=doc.id or "", sha256=doc.sha256, outcome="unchanged"
            )
            stats.duplicates += 1
            return
        result = self._process(doc, lang=entry.lang)
        if isinstance(result, InputError):
            self._entry_failed(entry, result, stats, transient=False)
            return
        outcome = self.store.upsert(result)
        self._known.mark(db, result.id)
        state.entry_done(
            db,
            entry,
            article_id=result.id,
            sha256=doc.sha256,
            outcome=outcome,
            hold=self.alerts is not None and outcome != "unchanged",
        )
        if outcome == "inserted":
            stats.new += 1
        elif outcome == "updated":
            stats.updated += 1
        else:
            stats.duplicates += 1
        if outcome != "unchanged":
            touched.append(result.id)

    def _process(self, doc: RawDocument, *, lang: str | None) -> Article | InputError:
        """Like ``warta.run.local.process_one``, with the source's language hint applied."""
        pipeline = self.pipeline
        try:
            article = build_article(doc, detect_language=pipeline.config.detect_language)
            if lang and (article.lang is None or (article.lang_score or 0.0) < LANG_SURE):
                article.lang = lang
            return pipeline.annotate(article)
        except InputError as exc:
            return exc
        except WartaError as exc:
            return StageError(str(exc), source=doc.source, locator=doc.locator)
        except Exception as exc:  # a bug in a stage must not stop the watch
            return StageError(
                f"{type(exc).__name__}: {exc}", source=doc.source, locator=doc.locator
            )

    def _entry_failed(
        self, entry: state.PendingEntry, exc: InputError, stats: CycleStats, *, transient: bool
    ) -> None:
        stats.failed += 1
        attempts = entry.attempts + 1
        transient = transient and not exc.message.startswith(PERMANENT)
        if transient and attempts < self.config.max_attempts:
            interval = state.load(self.store.db, entry.source_url).interval
            wait = min(self.config.retry_base, interval) * 2 ** (attempts - 1)
            state.entry_failed(
                self.store.db, entry, error=exc.message, retry_at=self.clock() + wait
            )
            self.log(
                f"warta watch: {exc.where}: {exc.message} [{exc.reason}]; "
                f"retry {attempts + 1} of {self.config.max_attempts} in {wait:.0f} s"
            )
            return
        exc.locator = exc.locator or f"entry of {entry.source_url}"
        state.entry_failed(self.store.db, entry, error=exc.message, retry_at=None)
        self.quarantine.add(exc)
        self.log(f"warta watch: {exc.where}: {exc.message} [{exc.reason}]; given up")
