"""Database access for the server: a read-only connection per thread, one locked writer.

FastAPI runs plain ``def`` endpoints in a thread pool; SQLite connections are
cheap, and one per thread lets reads run side by side under WAL while the single
writer (the ingest endpoint) never blocks them.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from warta.errors import StoreError
from warta.record import Article
from warta.store import Store


class Database:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._write_lock = threading.Lock()
        self._writer: Store | None = None
        self._all: list[sqlite3.Connection] = []
        self._all_lock = threading.Lock()

    def prepare(self) -> None:
        """Create or migrate the database and link old articles into stories, before serving.

        A database the server may not write is served as it is if it already has stories.
        """
        from warta.stories import rebuild_stories

        try:
            with Store(self.path) as store:
                rebuild_stories(store.db)
            return
        except (StoreError, sqlite3.OperationalError) as exc:
            problem = exc
        with Store(self.path, readonly=True) as store:
            if store.version() < 2:
                raise StoreError(f"{self.path}: cannot upgrade it for serving ({problem})")

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

    def close(self) -> None:
        with self._all_lock:
            for conn in self._all:
                conn.close()
            self._all.clear()
        if self._writer is not None:
            self._writer.close()
            self._writer = None
