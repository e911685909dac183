"""The read queries behind the API: plain SQL over the store, values always as parameters.

Column and table names in the SQL come only from the constants here, never from a
request; everything a user sends is bound with ``?``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from warta.store.search import search, until
from warta.store.tables import column_names

Row = dict[str, Any]

ARTICLE_EVENT_COLUMNS = column_names("events")
STORY_EVENT_COLUMNS = column_names("story_events")


@dataclass(slots=True, kw_only=True)
class EventFilter:
    """Filters shared by the event list, its downloads, the timeline, map and network."""

    type: str | None = None
    actor: str | None = None  # name, any case, substring
    actor_country: str | None = None
    actor_sector: str | None = None
    recipient: str | None = None
    recipient_country: str | None = None
    recipient_sector: str | None = None
    country: str | None = None  # actor, recipient or location in this country
    place: str | None = None  # location name, substring
    date_from: str | None = None
    date_to: str | None = None
    story: str | None = None
    article: str | None = None

    def where(self, *, fused: bool) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []

        def add(sql: str, *values: Any) -> None:
            clauses.append(sql)
            params.extend(values)

        if self.type:
            add("e.type = ?", self.type.upper())
        for role in ("actor", "recipient"):
            name = getattr(self, role)
            if name:
                add(f"e.{role}_name LIKE ? ESCAPE '\\'", f"%{_like(name)}%")
            for part in ("country", "sector"):
                value = getattr(self, f"{role}_{part}")
                if value:
                    add(f"e.{role}_{part} = ?", value.upper())
        if self.country:
            code = self.country.upper()
            add(
                "(e.actor_country = ? OR e.recipient_country = ? OR e.location_country = ?)",
                code,
                code,
                code,
            )
        if self.place:
            add("e.location_name LIKE ? ESCAPE '\\'", f"%{_like(self.place)}%")
        date = "coalesce(e.date, e.date_first)" if fused else "coalesce(e.date, e.published)"
        if self.date_from:
            add(f"{date} >= ?", self.date_from)
        if self.date_to:
            # "2024-03" includes all of March: compare as many characters as were given
            add(until(date, self.date_to[:10]), self.date_to[:10])
        if self.story:
            if fused:
                add("e.story_id = ?", self.story)
            else:
                add(
                    "e.article_id IN (SELECT article_id FROM story_members WHERE story_id = ?)",
                    self.story,
                )
        if self.article and not fused:
            add("e.article_id = ?", self.article)
        return (" AND ".join(clauses) or "1"), params


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclass(slots=True)
class Page:
    items: list[Row]
    offset: int
    limit: int
    has_more: bool
    extra: Row = field(default_factory=dict)


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
    )
    items = [asdict(hit) for hit in found.hits]
    return Page(items=items, offset=offset, limit=limit, has_more=found.has_more)


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
    return {"record": record, "story": story}


def events(
    db: sqlite3.Connection, flt: EventFilter, *, fused: bool, limit: int, offset: int
) -> Page:
    items = list(iter_events(db, flt, fused=fused, limit=limit + 1, offset=offset))
    return Page(items=items[:limit], offset=offset, limit=limit, has_more=len(items) > limit)


def iter_events(
    db: sqlite3.Connection, flt: EventFilter, *, fused: bool, limit: int, offset: int = 0
) -> Iterator[Row]:
    where, params = flt.where(fused=fused)
    if fused:
        cols = ", ".join(f"e.{c}" for c in STORY_EVENT_COLUMNS)
        sql = (
            f"SELECT {cols}, s.title AS story_title FROM story_events e "
            f"JOIN stories s ON s.id = e.story_id WHERE {where} "
            # the order an index gives (date, then rowid), so a page needs no sort of all rows
            "ORDER BY e.date DESC, e.rowid DESC LIMIT ? OFFSET ?"
        )
    else:
        cols = ", ".join(f'e."{c}"' for c in ARTICLE_EVENT_COLUMNS)
        sql = (
            f"SELECT {cols}, a.title AS article_title, a.outlet FROM events e "
            f"JOIN articles a ON a.id = e.article_id WHERE {where} "
            "ORDER BY e.date DESC, e.rowid DESC LIMIT ? OFFSET ?"
        )
    cursor = db.execute(sql, [*params, limit, offset])
    names = [d[0] for d in cursor.description]
    for raw in cursor:
        row = dict(zip(names, raw, strict=True))
        if fused:
            row["sources"] = json.loads(row["sources"] or "[]")
        for key in ("negated", "hypothetical", "future"):
            if key in row and row[key] is not None:
                row[key] = bool(row[key])
        yield row


def timeline(db: sqlite3.Connection, flt: EventFilter, *, bucket: str) -> list[Row]:
    """Fused events per period and type; ``bucket`` is ``day``, ``month`` or ``year``."""
    width = {"day": 10, "month": 7, "year": 4}[bucket]
    where, params = flt.where(fused=True)
    sql = (
        f"SELECT substr(coalesce(e.date, e.date_first), 1, {width}) AS period, e.type, "
        "count(*) AS events, sum(e.num_articles) AS articles FROM story_events e "
        f"WHERE {where} AND coalesce(e.date, e.date_first) IS NOT NULL "
        "GROUP BY period, e.type ORDER BY period, e.type"
    )
    return _rows(db.execute(sql, params))


def event_map(db: sqlite3.Connection, flt: EventFilter, *, limit: int) -> Row:
    """Fused events grouped by located place, and counted by country."""
    where, params = flt.where(fused=True)
    points = _rows(
        db.execute(
            "SELECT e.location_name AS name, e.location_country AS country, "
            "round(e.location_lat, 3) AS lat, round(e.location_lon, 3) AS lon, "
            "count(*) AS events, group_concat(DISTINCT e.type) AS types FROM story_events e "
            f"WHERE {where} AND e.location_lat IS NOT NULL AND e.location_lon IS NOT NULL "
            "GROUP BY name, country, round(e.location_lat, 3), round(e.location_lon, 3) "
            "ORDER BY events DESC LIMIT ?",
            [*params, limit],
        )
    )
    for point in points:
        point["types"] = sorted((point["types"] or "").split(","))
    countries = _rows(
        db.execute(
            "SELECT e.location_country AS country, count(*) AS events FROM story_events e "
            f"WHERE {where} AND e.location_country IS NOT NULL GROUP BY e.location_country "
            "ORDER BY events DESC",
            params,
        )
    )
    return {"points": points, "countries": countries}


_PARTY = (
    "coalesce(nullif(e.{p}_name, ''), "
    "nullif(trim(coalesce(e.{p}_country, '') || ' ' || coalesce(e.{p}_sector, '')), ''))"
)


def network(db: sqlite3.Connection, flt: EventFilter, *, limit: int) -> Row:
    """Who acts on whom: fused events counted per (actor, recipient) pair."""
    where, params = flt.where(fused=True)
    actor, recipient = _PARTY.format(p="actor"), _PARTY.format(p="recipient")
    edges = _rows(
        db.execute(
            f"SELECT {actor} AS source, {recipient} AS target, count(*) AS events, "
            "group_concat(DISTINCT e.type) AS types, max(e.actor_country) AS source_country, "
            "max(e.recipient_country) AS target_country FROM story_events e "
            f"WHERE {where} AND {actor} IS NOT NULL AND {recipient} IS NOT NULL "
            "GROUP BY source, target ORDER BY events DESC, source, target LIMIT ?",
            [*params, limit],
        )
    )
    nodes: dict[str, Row] = {}
    for edge in edges:
        edge["types"] = sorted((edge["types"] or "").split(","))
        for end in ("source", "target"):
            node = nodes.setdefault(
                edge[end], {"id": edge[end], "country": edge[f"{end}_country"], "events": 0}
            )
            node["events"] += edge["events"]
    return {"nodes": list(nodes.values()), "edges": edges}


def actors(db: sqlite3.Connection, *, query: str | None, limit: int) -> list[Row]:
    """Actors and recipients of article events with how often each acts and is acted on."""
    like = f"%{_like(query)}%" if query else "%"
    sql = (
        "SELECT name, max(country) AS country, max(sector) AS sector, "
        "sum(as_actor) AS as_actor, sum(as_recipient) AS as_recipient FROM ("
        " SELECT actor_name AS name, actor_country AS country, actor_sector AS sector,"
        "  1 AS as_actor, 0 AS as_recipient FROM events WHERE actor_name IS NOT NULL"
        " UNION ALL"
        " SELECT recipient_name, recipient_country, recipient_sector, 0, 1 FROM events"
        " WHERE recipient_name IS NOT NULL"
        ") WHERE name LIKE ? ESCAPE '\\' GROUP BY name "
        "ORDER BY as_actor + as_recipient DESC, name LIMIT ?"
    )
    return _rows(db.execute(sql, (like, limit)))


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
            "SELECT * FROM stories WHERE num_articles >= ? "
            "ORDER BY first_published DESC, id LIMIT ? OFFSET ?",
            (min_articles, limit + 1, offset),
        )
    )
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
