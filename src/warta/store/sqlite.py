"""The SQLite store: WAL, versioned migrations, idempotent upserts, FTS5 search.

Each article is written in its own transaction, so a run killed midway keeps
every article it finished and none half-written. Upserting the same record twice
changes nothing; a changed record replaces its annotations wholesale.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import sqlite3
import time
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from warta.errors import StoreError
from warta.record import Article
from warta.store import search
from warta.store.search import SearchHit, fts_query
from warta.store.tables import ANNOTATION_TABLES, TABLES, flatten

# Migrations with a Python part run after their SQL, in the same transaction.
_PYTHON_STEPS = {7: "warta.store.stem:after_migration"}


def migrations() -> list[tuple[int, str]]:
    """(version, SQL) of every migration shipped in ``warta/store/migrations``, in order."""
    folder = resources.files("warta.store").joinpath("migrations")
    found = []
    for entry in folder.iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:3].isdigit():
            found.append((int(name[:3]), entry.read_text("utf-8")))
    return sorted(found)


BUSY_TIMEOUT = 60.0  # seconds a writer waits for another's transaction (each is one article)


def _statements(sql: str) -> Iterator[str]:
    """The statements of a migration script, one by one (a trigger's body stays whole)."""
    buffer = ""
    for piece in sql.split(";"):
        buffer += piece + ";"
        if sqlite3.complete_statement(buffer):
            if buffer.strip(" \n\t;"):
                yield buffer
            buffer = ""
    if buffer.strip(" \n\t;"):
        yield buffer


def _set_wal(db: sqlite3.Connection) -> None:
    """``PRAGMA journal_mode=WAL``, retried: on a new database, processes that switch it at
    the same moment get "database is locked" at once (SQLite does not wait on this lock:
    waiting could deadlock), so each tries again after a short pause, up to BUSY_TIMEOUT."""
    deadline = time.monotonic() + BUSY_TIMEOUT
    pause = 0.01
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.5)


class Store:
    """An article database in one SQLite file. Use as a context manager or call ``close``."""

    def __init__(
        self, path: str | Path, *, readonly: bool = False, defer_stories: bool = False
    ) -> None:
        """Open (and migrate) a store. ``defer_stories`` suits bulk writes: each article
        is linked to its story at once, but the stories' summaries and fused events are
        refreshed once, on ``close`` (or ``refresh_stories``), instead of per article.
        """
        self.path = Path(path)
        self.readonly = readonly
        self.defer_stories = defer_stories
        try:
            if readonly:
                if not self.path.exists():
                    raise StoreError(f"{self.path}: no such database")
                uri = f"file:{self.path.resolve()}?mode=ro"
                self.db = sqlite3.connect(uri, uri=True, check_same_thread=False)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                # Two writers (two `warta ingest`, ingest and `warta serve`) take turns: every
                # write transaction begins IMMEDIATE, taking the write lock before it reads, so
                # no read-then-write can fail with "database is locked" when it upgrades, and
                # the other writer waits up to BUSY_TIMEOUT for the lock instead of failing.
                self.db = sqlite3.connect(
                    self.path,
                    timeout=BUSY_TIMEOUT,
                    isolation_level="IMMEDIATE",
                    check_same_thread=False,
                )
                _set_wal(self.db)
                self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.row_factory = sqlite3.Row
            if not readonly:
                self.migrate()
            elif self.version() == 0:
                raise StoreError(f"{self.path}: not a warta database")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: {exc}") from None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if not self.readonly and self.defer_stories:
            self.refresh_stories()
        self.db.close()

    def refresh_stories(self) -> int:
        """Refresh the stories a deferred upsert touched; return how many."""
        if self.db.execute("SELECT 1 FROM story_pending LIMIT 1").fetchone() is None:
            return 0  # nothing to do: spare a run that stored nothing the stories import
        from warta.stories import refresh_pending

        return refresh_pending(self.db)

    def version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def migrate(self) -> int:
        """Apply every migration newer than the database; return the resulting version.

        All of them run in one IMMEDIATE transaction that reads the version only once it
        holds the write lock: a second process opening a new database at the same moment
        waits, then finds it migrated (it used to fail with "table articles already exists").
        """
        steps = migrations()
        if self.version() >= steps[-1][0]:
            return self.version()
        self.db.execute("BEGIN IMMEDIATE")
        try:
            current = self.version()
            for version, sql in steps:
                if version <= current:
                    continue
                for statement in _statements(sql):
                    self.db.execute(statement)
                if version in _PYTHON_STEPS:  # data a migration derives in Python
                    module, _, function = _PYTHON_STEPS[version].partition(":")
                    getattr(importlib.import_module(module), function)(self.db)
                self.db.execute(f"PRAGMA user_version = {version}")
                current = version
            self.db.commit()
        except BaseException:
            self.db.rollback()
            raise
        return current

    # -- writing ---------------------------------------------------------------------------

    def upsert(self, article: Article | dict[str, Any]) -> str:
        """Store one article; return ``inserted``, ``updated`` or ``unchanged``."""
        record = article.to_dict() if isinstance(article, Article) else article
        tables = flatten(record)
        row = tables["articles"][0]
        digest = hashlib.sha256(row["record"].encode("utf-8")).hexdigest()
        with self.db:
            # the write lock before the read: another writer of the same id waits, then sees
            # this one's row (two inserts of one id failed with a UNIQUE constraint)
            self.db.execute("BEGIN IMMEDIATE")
            old = self.db.execute(
                "SELECT record_hash FROM articles WHERE id = ?", (record["id"],)
            ).fetchone()
            if old is not None and old["record_hash"] == digest:
                return "unchanged"
            columns = [c.name for c in TABLES["articles"]] + ["record_hash"]
            values = [row[c] for c in columns[:-1]] + [digest]
            if old is None:
                self._insert("articles", columns, [values])
            else:
                assignments = ", ".join(f'"{c}" = ?' for c in columns)
                self.db.execute(
                    f"UPDATE articles SET {assignments} WHERE id = ?", [*values, record["id"]]
                )
                for table in ANNOTATION_TABLES:
                    self.db.execute(f"DELETE FROM {table} WHERE article_id = ?", (record["id"],))
            for table in ANNOTATION_TABLES:
                if tables[table]:
                    names = [c.name for c in TABLES[table]]
                    self._insert(table, names, [[r[n] for n in names] for r in tables[table]])
            self._after_upsert(record)
        return "inserted" if old is None else "updated"

    def _after_upsert(self, record: dict[str, Any]) -> None:
        """Hook for data derived from articles (the stemmed index, stories); runs in the
        upsert's transaction."""
        from warta.store.stem import index_article
        from warta.stories import link_article  # late: stories imports numpy and datasketch

        rowid = self.db.execute("SELECT rowid FROM articles WHERE id = ?", (record["id"],))
        index_article(
            self.db, rowid=int(rowid.fetchone()[0]), title=record.get("title"), text=record["text"]
        )
        link_article(self.db, record, defer=self.defer_stories)

    def _insert(self, table: str, columns: list[str], rows: list[list[Any]]) -> None:
        names = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" for _ in columns)
        self.db.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)

    # -- reading ---------------------------------------------------------------------------

    def count(self, table: str = "articles") -> int:
        if table not in TABLES:
            raise StoreError(f"unknown table {table!r}")
        return int(self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    def get(self, article_id: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT record FROM articles WHERE id = ?", (article_id,)).fetchone()
        return json.loads(row["record"]) if row else None

    def records(self) -> Iterator[dict[str, Any]]:
        """Every stored record, in insertion order."""
        for row in self.db.execute("SELECT record FROM articles ORDER BY rowid"):
            yield json.loads(row["record"])

    def rows(self, table: str) -> Iterator[dict[str, Any]]:
        """Every row of a flat table, with the columns of ``warta.store.tables.TABLES``."""
        if table not in TABLES:
            raise StoreError(f"unknown table {table!r}")
        names = ", ".join(f'"{c.name}"' for c in TABLES[table])
        order = "rowid" if table == "articles" else "article_id, idx"
        for row in self.db.execute(f"SELECT {names} FROM {table} ORDER BY {order}"):
            yield dict(row)

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        offset: int = 0,
        lang: str | None = None,
        outlet: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        exact: bool = False,
    ) -> list[SearchHit]:
        """Full-text search (best first) with optional filters: ``warta.store.search``."""
        fts_query(query)  # words are required here (the API lists the newest without)
        return search.search(
            self.db,
            query=query,
            lang=lang,
            outlet=outlet,
            date_from=date_from,
            date_to=date_to,
            limit=limit,
            offset=offset,
            exact=exact,
        ).hits
