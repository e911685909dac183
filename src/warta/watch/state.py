"""The watch's state in the database (tables of migration 005): sources, entries, schedule.

Every change is one short transaction on the store's connection, in an order that
survives a kill at any point: a poll's new entries are written ``pending`` in the
same transaction as the source's new validators, and an entry becomes ``done`` only
after its article is stored.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from warta.watch.parse import Entry
from warta.watch.sources import Source


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceState:
    url: str
    interval: float
    outlet: str | None
    lang: str | None
    etag: str | None
    last_modified: str | None
    next_poll: float
    failures_in_row: int


@dataclass(frozen=True, slots=True, kw_only=True)
class PendingEntry:
    source_url: str
    key: str
    link: str
    title: str | None
    published: str | None
    attempts: int
    outlet: str | None  # the source's setting, else the sitemap's publication name
    lang: str | None


def register(db: sqlite3.Connection, sources: list[Source], *, interval: float) -> None:
    """Add the sources (or update their settings), keeping what was learnt about them."""
    with db:
        for s in sources:
            db.execute(
                "INSERT INTO watch_sources (url, outlet, lang, interval) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(url) DO UPDATE SET outlet = excluded.outlet, lang = excluded.lang, "
                "interval = excluded.interval",
                (s.url, s.outlet, s.lang, s.interval or interval),
            )


def load(db: sqlite3.Connection, url: str) -> SourceState:
    row = db.execute(
        "SELECT url, interval, outlet, lang, etag, last_modified, next_poll, failures_in_row "
        "FROM watch_sources WHERE url = ?",
        (url,),
    ).fetchone()
    return SourceState(**dict(row))


def polled_ok(
    db: sqlite3.Connection,
    url: str,
    *,
    now: float,
    kind: str | None,
    etag: str | None,
    last_modified: str | None,
    entries: list[Entry],
    not_modified: bool,
) -> int:
    """Record a successful poll; return how many entries are new or changed (now pending)."""
    fresh = 0
    with db:
        for e in entries:
            old = db.execute(
                "SELECT stamp, state FROM watch_entries WHERE source_url = ? AND key = ?",
                (url, e.key),
            ).fetchone()
            if old is None:
                db.execute(
                    "INSERT INTO watch_entries (source_url, key, link, title, published, outlet, "
                    "stamp, state, first_seen) VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?)",
                    (url, e.key, e.link, e.title, e.published, e.outlet, e.stamp, now),
                )
                fresh += 1
            elif e.stamp and old["stamp"] != e.stamp and old["state"] != "pending":
                db.execute(
                    "UPDATE watch_entries SET state = 'pending', stamp = ?, link = ?, title = ?, "
                    "published = ?, attempts = 0, next_try = 0, error = NULL "
                    "WHERE source_url = ? AND key = ?",
                    (e.stamp, e.link, e.title, e.published, url, e.key),
                )
                fresh += 1
        sets = (
            "last_poll = ?, last_ok = ?, failures_in_row = 0, polls = polls + 1, "
            "last_error = NULL, next_poll = ? + interval, entries = entries + ?, last_status = ?"
        )
        params: list[Any] = [now, now, now, fresh, "not-modified" if not_modified else "ok"]
        if not not_modified:
            sets += ", etag = ?, last_modified = ?, kind = ?"
            params += [etag, last_modified, kind]
        db.execute(f"UPDATE watch_sources SET {sets} WHERE url = ?", [*params, url])
    return fresh


def polled_failed(
    db: sqlite3.Connection, url: str, *, now: float, reason: str, error: str, retry_in: float
) -> None:
    with db:
        db.execute(
            "UPDATE watch_sources SET last_poll = ?, last_status = ?, last_error = ?, "
            "failures_in_row = failures_in_row + 1, failures = failures + 1, polls = polls + 1, "
            "next_poll = ? WHERE url = ?",
            (now, reason, error, now + retry_in, url),
        )


def pending(db: sqlite3.Connection, *, urls: list[str], now: float) -> list[PendingEntry]:
    """Entries waiting for their page (oldest first) of the given sources, due by ``now``."""
    marks = ", ".join("?" for _ in urls)
    rows = db.execute(
        "SELECT e.source_url, e.key, e.link, e.title, e.published, e.attempts, "
        "coalesce(s.outlet, e.outlet) AS outlet, s.lang "
        "FROM watch_entries e JOIN watch_sources s ON s.url = e.source_url "
        f"WHERE e.state = 'pending' AND e.next_try <= ? AND e.source_url IN ({marks}) "
        "ORDER BY e.first_seen, e.rowid",
        [now, *urls],
    ).fetchall()
    return [PendingEntry(**dict(r)) for r in rows]


def next_due(db: sqlite3.Connection, *, urls: list[str]) -> float | None:
    """The earliest time a source is to be polled or an entry retried."""
    marks = ", ".join("?" for _ in urls)
    row = db.execute(
        f"SELECT min(t) FROM (SELECT min(next_poll) AS t FROM watch_sources WHERE url IN ({marks}) "
        "UNION ALL SELECT min(next_try) FROM watch_entries WHERE state = 'pending' "
        f"AND source_url IN ({marks}))",
        [*urls, *urls],
    ).fetchone()
    return float(row[0]) if row and row[0] is not None else None


def entry_done(
    db: sqlite3.Connection,
    entry: PendingEntry,
    *,
    article_id: str,
    sha256: str,
    outcome: str,
    hold: bool = False,
) -> None:
    """The entry's article is stored; with ``hold`` it waits (``stored``) for the alert
    check, so that a kill between the two still checks it on the next run."""
    column = {"inserted": "new_articles", "updated": "updated_articles"}.get(outcome)
    with db:
        db.execute(
            "UPDATE watch_entries SET state = ?, article_id = ?, sha256 = ?, error = NULL, "
            "attempts = attempts + 1 WHERE source_url = ? AND key = ?",
            ("stored" if hold else "done", article_id, sha256, entry.source_url, entry.key),
        )
        if column:
            db.execute(
                f"UPDATE watch_sources SET {column} = {column} + 1 WHERE url = ?",
                (entry.source_url,),
            )


def stored_articles(db: sqlite3.Connection, *, urls: list[str]) -> list[str]:
    """Articles of entries stored but not yet checked for alerts."""
    marks = ", ".join("?" for _ in urls)
    return [
        str(r[0])
        for r in db.execute(
            "SELECT DISTINCT article_id FROM watch_entries "
            f"WHERE state = 'stored' AND source_url IN ({marks})",
            urls,
        )
    ]


def alerts_checked(db: sqlite3.Connection, *, urls: list[str]) -> None:
    marks = ", ".join("?" for _ in urls)
    with db:
        db.execute(
            "UPDATE watch_entries SET state = 'done' "
            f"WHERE state = 'stored' AND source_url IN ({marks})",
            urls,
        )


def entry_failed(
    db: sqlite3.Connection, entry: PendingEntry, *, error: str, retry_at: float | None
) -> None:
    """A failed page: retried at ``retry_at``, or given up (``None``)."""
    with db:
        db.execute(
            "UPDATE watch_entries SET attempts = attempts + 1, error = ?, next_try = ?, "
            "state = ? WHERE source_url = ? AND key = ?",
            (
                error,
                retry_at or 0,
                "pending" if retry_at is not None else "failed",
                entry.source_url,
                entry.key,
            ),
        )
