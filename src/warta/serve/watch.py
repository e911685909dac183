"""What ``warta watch`` did, for the web app: its sources' state and the newest articles.

``GET /api/sources`` lists each watched source with when it was last polled and its
last error; ``GET /api/latest?after=ROWID`` is a cheap poll for articles stored since
the page last asked; ``/sources`` is a small page that shows both and refreshes itself.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from importlib.resources.abc import Traversable
from typing import Annotated, Any

from fastapi import FastAPI, Query
from fastapi.responses import FileResponse

SOURCE_COLUMNS = (
    "url kind outlet lang interval etag last_modified next_poll last_poll last_ok last_status "
    "last_error failures_in_row polls failures entries new_articles updated_articles"
).split()
TIMES = ("next_poll", "last_poll", "last_ok")


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    return dt.datetime.fromtimestamp(float(value), dt.UTC).isoformat(timespec="seconds")


def sources(db: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every watched source with its schedule, counters and entries by state."""
    try:
        rows = db.execute(
            f"SELECT {', '.join(SOURCE_COLUMNS)} FROM watch_sources ORDER BY url"
        ).fetchall()
        states = db.execute(
            "SELECT source_url, state, count(*) FROM watch_entries GROUP BY source_url, state"
        ).fetchall()
    except sqlite3.OperationalError:  # a database from before warta watch existed
        return []
    by_source: dict[str, dict[str, int]] = {}
    for url, state, count in states:
        by_source.setdefault(url, {})[state] = int(count)
    out = []
    for row in rows:
        item = dict(zip(SOURCE_COLUMNS, row, strict=True))
        for key in TIMES:
            item[key] = _iso(item[key])
        counts = by_source.get(item["url"], {})
        item["pending"] = counts.get("pending", 0)
        item["given_up"] = counts.get("failed", 0)
        out.append(item)
    return out


def latest(db: sqlite3.Connection, *, after: int, limit: int) -> dict[str, Any]:
    """Articles stored after rowid ``after``, newest first, and the largest rowid."""
    rows = db.execute(
        "SELECT rowid, id, title, outlet, published, url, ingested_at FROM articles "
        "WHERE rowid > ? ORDER BY rowid DESC LIMIT ?",
        (after, limit),
    ).fetchall()
    names = ["rowid", "id", "title", "outlet", "published", "url", "ingested_at"]
    items = [dict(zip(names, r, strict=True)) for r in rows]
    top = db.execute("SELECT max(rowid) FROM articles").fetchone()[0]
    return {"items": items, "last": int(top or 0)}


def add_routes(
    app: FastAPI, *, reader: Callable[[], sqlite3.Connection], static: Traversable
) -> None:
    @app.get("/api/sources", tags=["watch"], summary="Watched sources: last poll, errors")
    def api_sources() -> list[dict[str, Any]]:
        """Each source ``warta watch`` follows: when it was last polled and last polled
        successfully, its next poll, last status and error, and its counters."""
        return sources(reader())

    @app.get("/api/latest", tags=["watch"], summary="Articles stored since a row number")
    def api_latest(
        after: Annotated[
            int, Query(ge=0, le=2**62, description="the last rowid the client has")
        ] = 0,
        limit: Annotated[int, Query(ge=1, le=200)] = 20,
    ) -> dict[str, Any]:
        """The newest articles stored after ``after`` (``last`` is the value to send next)."""
        return latest(reader(), after=after, limit=limit)

    @app.get("/sources", include_in_schema=False)
    def sources_page() -> FileResponse:
        return FileResponse(str(static.joinpath("sources.html")), media_type="text/html")
