"""Database access for the server: a read-only connection per thread, one locked writer.

FastAPI runs plain ``def`` endpoints in a thread pool; SQLite connections are
cheap, and one per thread lets reads run side by side under WAL while the single
writer (the ingest endpoint) never blocks them.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, TypeVar, cast

from warta.errors import StoreError
from warta.record import Article
from warta.store import Store
from warta.store.reviews import Review, add_review, event_keys, fused_event_keys

T = TypeVar("T")
CACHE_SIZE = 256


class Database:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._write_lock = threading.Lock()
        self._writer: Store | None = None
        self._all: list[sqlite3.Connection] = []
        self._all_lock = threading.Lock()
        self._cache: OrderedDict[Hashable, tuple[tuple[int, ...], Any]] = OrderedDict()
        self._cache_lock = threading.Lock()

    def prepare(self) -> None:
        """Create or migrate the database and link old articles into stories, before serving.

        A database the server may not write is served as it is if it already has stories.
        """
        from warta.store.stem import catch_up
        from warta.stories import rebuild_stories

        try:
            with Store(self.path) as store:
                rebuild_stories(store.db)
                with store.db:  # articles a bulk load stored without the stemmed index
                    catch_up(store.db)
                # statistics for the query planner: with them a filtered, date-ordered event
                # page walks the date index instead of sorting every match (20 ms -> 2 ms)
                with store.db:
                    store.db.execute("ANALYZE")
            return
        except (StoreError, sqlite3.OperationalError) as exc:
            problem = exc
        with Store(self.path, readonly=True) as store:
            if store.version() < 2:
                raise StoreError(f"{self.path}: cannot upgrade it for serving ({problem})")

    def stamp(self) -> tuple[int, ...]:
        """Changes whenever a transaction is committed (by this process or another)."""
        out: list[int] = []
        for suffix in ("", "-wal"):
            try:
                st = os.stat(f"{self.path}{suffix}")
            except FileNotFoundError:
                out += [0, 0]
                continue
            out += [st.st_mtime_ns, st.st_size]
        return tuple(out)

    def cached(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``, reused until the database changes (for the aggregate views)."""
        stamp = self.stamp()
        with self._cache_lock:
            hit = self._cache.get(key)
            if hit is not None and hit[0] == stamp:
                self._cache.move_to_end(key)
                return cast(T, hit[1])
        value = compute()
        with self._cache_lock:
            self._cache[key] = (stamp, value)
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        return value

    def reader(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            uri = f"file:{self.path.resolve()}?mode=ro"
            conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            conn.execute("PRAGMA query_only = ON")
            self._local.conn = conn
            with self._all_lock:
                self._all.append(conn)
        return conn

    def write(self, article: Article) -> tuple[str, str | None]:
        """Upsert an article; return (inserted|updated|unchanged, its story id)."""
        with self._write_lock:
            if self._writer is None:
                self._writer = Store(self.path)
            status = self._writer.upsert(article)
            row = self._writer.db.execute(
                "SELECT story_id FROM story_members WHERE article_id = ?", (article.id,)
            ).fetchone()
            return status, (str(row[0]) if row else None)

    def review(
        self, *, story_id: str | None, article_id: str | None, idx: int, review: Review
    ) -> list[int]:
        """Store a review of a fused event (for each article event it was made of) or of
        one article event; return the new review ids."""
        with self._write_lock:
            if self._writer is None:
                self._writer = Store(self.path)
            db = self._writer.db
            if story_id is not None:
                keys = fused_event_keys(db, story_id=story_id, idx=idx)
            else:
                keys = event_keys(db, article_id=article_id or "", idx=idx)
            return add_review(db, keys, review)

    def close(self) -> None:
        with self._all_lock:
            for conn in self._all:
                conn.close()
            self._all.clear()
        if self._writer is not None:
            self._writer.close()
            self._writer = None
