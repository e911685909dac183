"""The read queries behind the API: plain SQL over the store, values always as parameters.

Column and table names in the SQL come only from the constants here, never from a
request; everything a user sends is bound with ``?``.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict
from typing import Any

from warta.serve.event_queries import (
    EventFilter,
    Page,
    actors,
    event_facets,
    event_map,
    events,
    iter_events,
    network,
    timeline,
)
from warta.serve.eventsql import ARTICLE_EVENT_COLUMNS, STORY_EVENT_COLUMNS
from warta.store.search import headline, search
from warta.times.readable import readable

__all__ = [
    "ARTICLE_EVENT_COLUMNS",
    "STORY_EVENT_COLUMNS",
    "EventFilter",
    "Page",
    "actors",
    "article",
    "event_facets",
    "event_map",
    "events",
    "facets",
    "iter_events",
    "network",
    "places",
    "quotes",
    "reviews",
    "search_articles",
    "speakers",
    "stories",
    "timeline",
]

Row = dict[str, Any]


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _rows(cursor: sqlite3.Cursor) -> list[Row]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


def search_articles(
    db: sqlite3.Connection,
    *,
    query: str | None,
    lang: str | None,
    outlet: str | None,
    date_from: str | None,
    date_to: str | None,
    limit: int,
    offset: int,
    exact: bool = False,
) -> Page:
    """``warta.store.search`` (the CLI's search) as a page of rows."""
    found = search(
        db,
        query=query,
        lang=lang,
        outlet=outlet,
        date_from=date_from,
        date_to=date_to,
        limit=limit,
        offset=offset,
        exact=exact,
    )
    items = [asdict(hit) for hit in found.hits]
    more = found.has_more
    return Page(items=items, offset=offset, limit=limit, has_more=more, total=found.total)


def article(db: sqlite3.Connection, article_id: str) -> Row | None:
    row = db.execute("SELECT record FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return None
    record: Row = json.loads(row[0])

    member = db.execute(
        "SELECT story_id, linked_to, similarity FROM story_members WHERE article_id = ?",
        (article_id,),
    ).fetchone()
    story: Row | None = None
    if member is not None:
        story = {"id": member[0], "linked_to": member[1], "similarity": member[2]}
        story["articles"] = _rows(
            db.execute(
                "SELECT a.id, a.title, a.outlet, a.published, m.similarity FROM story_members m "
                "JOIN articles a ON a.id = m.article_id WHERE m.story_id = ? ORDER BY a.rowid",
                (member[0],),
            )
        )
    # each time's value in words, for the page (the record itself stays a valid record)
    times_text = [readable(t.get("value")) for t in record.get("times") or []]
    return {"record": record, "story": story, "times_text": times_text}


def quotes(
    db: sqlite3.Connection, *, speaker: str | None, query: str | None, limit: int, offset: int
) -> Page:
    where, params = [], []
    if speaker:
        where.append("q.speaker_name LIKE ? ESCAPE '\\'")
        params.append(f"%{_like(speaker)}%")
    if query:
        where.append("q.text LIKE ? ESCAPE '\\'")
        params.append(f"%{_like(query)}%")
    sql = (
        'SELECT q.article_id, q.idx, q.start, q."end", q.text, q.kind, q.cue_text, '
        "q.speaker_name, q.speaker_role, q.speaker_affiliation, a.title AS article_title, "
        "a.outlet, a.published FROM quotes q JOIN articles a ON a.id = q.article_id "
        f"WHERE {' AND '.join(where) or '1'} "
        "ORDER BY a.published DESC, q.article_id, q.idx LIMIT ? OFFSET ?"
    )
    items = _rows(db.execute(sql, [*params, limit + 1, offset]))
    return Page(items=items[:limit], offset=offset, limit=limit, has_more=len(items) > limit)


def speakers(db: sqlite3.Connection, *, limit: int) -> list[Row]:
    return _rows(
        db.execute(
            "SELECT speaker_name AS name, count(*) AS quotes FROM quotes "
            "WHERE speaker_name IS NOT NULL GROUP BY speaker_name "
            "ORDER BY quotes DESC, name LIMIT ?",
            (limit,),
        )
    )


def places(
    db: sqlite3.Connection, *, country: str | None, query: str | None, limit: int
) -> list[Row]:
    where, params = [], []
    if country:
        where.append("country = ?")
        params.append(country.upper())
    if query:
        where.append("name LIKE ? ESCAPE '\\'")
        params.append(f"%{_like(query)}%")
    sql = (
        "SELECT name, country, admin1, feature, geonameid, avg(lat) AS lat, avg(lon) AS lon, "
        "count(*) AS mentions, count(DISTINCT article_id) AS articles FROM places "
        f"WHERE {' AND '.join(where) or '1'} GROUP BY name, country, geonameid "
        "ORDER BY mentions DESC, name LIMIT ?"
    )
    return _rows(db.execute(sql, [*params, limit]))


def stories(db: sqlite3.Connection, *, min_articles: int, limit: int, offset: int) -> Page:
    items = _rows(
        db.execute(
            # the headline: the story's title, else its first article's first sentence
            "SELECT s.*, (SELECT substr(a.text, 1, 400) FROM articles a WHERE a.id = s.id) "
            "AS lead FROM stories s WHERE s.num_articles >= ? "
            "ORDER BY s.first_published DESC, s.id LIMIT ? OFFSET ?",
            (min_articles, limit + 1, offset),
        )
    )
    for item in items:
        item["headline"] = headline(item["title"], item.pop("lead") or "") or item["id"]
    return Page(items=items[:limit], offset=offset, limit=limit, has_more=len(items) > limit)


def facets(db: sqlite3.Connection) -> Row:
    """Values to offer in the filters, with counts."""

    def pairs(sql: str) -> list[list[Any]]:
        return [[r[0], r[1]] for r in db.execute(sql)]

    return {
        "articles": db.execute("SELECT count(*) FROM articles").fetchone()[0],
        "stories": db.execute("SELECT count(*) FROM stories").fetchone()[0],
        "events": db.execute("SELECT count(*) FROM story_events").fetchone()[0],
        "article_events": db.execute("SELECT count(*) FROM events").fetchone()[0],
        "outlets": pairs(
            "SELECT outlet, count(*) c FROM articles WHERE outlet IS NOT NULL "
            "GROUP BY outlet ORDER BY c DESC LIMIT 200"
        ),
        "langs": pairs(
            "SELECT lang, count(*) c FROM articles WHERE lang IS NOT NULL "
            "GROUP BY lang ORDER BY c DESC"
        ),
        "types": pairs(
            "SELECT type, count(*) c FROM story_events WHERE type IS NOT NULL "
            "GROUP BY type ORDER BY c DESC"
        ),
        "dates": list(db.execute("SELECT min(published), max(published) FROM articles").fetchone()),
    }


def reviews(db: sqlite3.Connection, *, article: str | None, limit: int, offset: int) -> Page:
    """Reviews, newest first, with the coded event each is about (where it still exists)."""
    where, params = ("r.article_id = ?", [article]) if article else ("1", [])
    items = _rows(
        db.execute(
            "SELECT r.*, e.idx AS event_idx, e.type AS coded_type, e.actor_name AS coded_actor, "
            "e.recipient_name AS coded_recipient, e.trigger_text, a.title AS article_title, "
            "(SELECT count(*) FROM event_reviews x WHERE x.article_id = r.article_id AND "
            "x.trigger_start = r.trigger_start AND x.trigger_end = r.trigger_end AND x.id > r.id) "
            "= 0 AS in_force FROM event_reviews r LEFT JOIN events e ON e.article_id = "
            "r.article_id AND e.trigger_start = r.trigger_start AND e.trigger_end = r.trigger_end "
            f"LEFT JOIN articles a ON a.id = r.article_id WHERE {where} "
            "ORDER BY r.id DESC LIMIT ? OFFSET ?",
            [*params, limit + 1, offset],
        )
    )
    for item in items:
        item["in_force"] = bool(item["in_force"])
    return Page(items=items[:limit], offset=offset, limit=limit, has_more=len(items) > limit)
