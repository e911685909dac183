"""Analysts' reviews of coded events: written to their own table, applied when read.

A review marks an article event ``correct`` or ``wrong``, or ``corrected`` with new
values for some of its fields, and may carry a note. It names the event by article
and trigger offsets (see migration 006), so re-ingesting the article leaves it in
force. Reading code applies the latest review of each event: ``apply_reviews`` to
records (the exports), SQL in ``warta.serve`` to the served tables.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, fields
from typing import Any

from warta.errors import StoreError
from warta.store.tables import column_names

VERDICTS = ("correct", "wrong", "corrected")
# the fields a correction may set, as columns of the events and story_events tables
CORRECTABLE = (
    "type",
    "actor_name",
    "actor_country",
    "actor_sector",
    "recipient_name",
    "recipient_country",
    "recipient_sector",
    "location_name",
    "location_country",
    "date",
)
EventKey = tuple[str, int, int]  # article id, trigger start, trigger end

# -- the reviewed relations ---------------------------------------------------------------
# ``fused_relation`` and ``article_relation`` are SQL subqueries (the caller aliases them
# ``e``) with the columns of ``story_events`` / ``events``, each corrected field taking
# the value of the latest review, plus ``review`` (the verdict), ``review_note``,
# ``review_id`` and ``reviewed_at``. Reviews are few (people write them), so the join is
# driven from the review table and costs little when there are none.

ARTICLE_EVENT_COLUMNS = column_names("events")
STORY_EVENT_COLUMNS = column_names("story_events")
REVIEW_COLUMNS = ("review", "review_note", "review_id", "reviewed_at")


def _select(columns: list[str], *, derived: dict[str, str], reviewed: bool = True) -> str:
    out = []
    for c in columns:
        if c in CORRECTABLE and reviewed:
            # NULL keeps the coded value, '' clears it
            out.append(f'CASE WHEN r."{c}" IS NULL THEN e0."{c}" ELSE nullif(r."{c}", \'\') END')
        else:
            out.append(f'e0."{c}"')
        out[-1] += f' AS "{c}"'
    out += [f"{sql} AS {name}" for name, sql in derived.items()]
    if reviewed:
        out += [
            "r.verdict AS review",
            "r.note AS review_note",
            "r.id AS review_id",
            "r.created_at AS reviewed_at",
        ]
    else:
        out += [f"NULL AS {c}" for c in REVIEW_COLUMNS]
    return ", ".join(out)


# the article events a fused event was made of (its JSON list of sources)
_SOURCES = (
    "json_each(e0.sources) j JOIN events ev ON ev.article_id = "
    "json_extract(j.value, '$.article_id') AND ev.idx = json_extract(j.value, '$.idx')"
)
_FUSED_DERIVED = {
    # a fused event is hypothetical (future) when any report of it is
    "hypothetical": f"(SELECT max(ev.hypothetical) FROM {_SOURCES})",
    "future": f"(SELECT max(ev.future) FROM {_SOURCES})",
}
_FUSED_REVIEWS = (
    # the newest review of any article event a fused event was made of
    "SELECT se.story_id, se.idx, max(r.id) AS review_id FROM event_reviews r "
    "JOIN events a ON a.article_id = r.article_id AND a.trigger_start = r.trigger_start "
    "AND a.trigger_end = r.trigger_end "
    "JOIN story_members m ON m.article_id = a.article_id "
    "JOIN story_events se ON se.story_id = m.story_id "
    "JOIN json_each(se.sources) j ON json_extract(j.value, '$.article_id') = a.article_id "
    "AND json_extract(j.value, '$.idx') = a.idx GROUP BY se.story_id, se.idx"
)


def has_reviews(db: sqlite3.Connection) -> bool:
    """Whether any event was reviewed: without reviews the relations are the plain tables,
    which SQLite reads through their indexes (a page of events in milliseconds)."""
    return db.execute("SELECT 1 FROM event_reviews LIMIT 1").fetchone() is not None


def fused_relation(*, reviewed: bool = True) -> str:
    derived = {k: v for k, v in _FUSED_DERIVED.items() if k not in STORY_EVENT_COLUMNS}
    if not reviewed:
        return f"(SELECT {_select(STORY_EVENT_COLUMNS, derived=derived, reviewed=False)} " + (
            "FROM story_events e0)"
        )
    return (
        f"(SELECT {_select(STORY_EVENT_COLUMNS, derived=derived)} FROM story_events e0 "
        f"LEFT JOIN ({_FUSED_REVIEWS}) rv ON rv.story_id = e0.story_id AND rv.idx = e0.idx "
        "LEFT JOIN event_reviews r ON r.id = rv.review_id)"
    )


def article_relation(*, reviewed: bool = True) -> str:
    if not reviewed:
        columns = _select(ARTICLE_EVENT_COLUMNS, derived={}, reviewed=False)
        return f"(SELECT {columns} FROM events e0)"
    return (
        f"(SELECT {_select(ARTICLE_EVENT_COLUMNS, derived={})} FROM events e0 "
        "LEFT JOIN event_reviews r ON r.id = (SELECT max(x.id) FROM event_reviews x "
        "WHERE x.article_id = e0.article_id AND x.trigger_start = e0.trigger_start "
        "AND x.trigger_end = e0.trigger_end))"
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Review:
    """One verdict on an event. Corrected fields: ``None`` keeps the coded value, ``""``
    clears it (an event with no recipient)."""

    verdict: str
    type: str | None = None
    actor_name: str | None = None
    actor_country: str | None = None
    actor_sector: str | None = None
    recipient_name: str | None = None
    recipient_country: str | None = None
    recipient_sector: str | None = None
    location_name: str | None = None
    location_country: str | None = None
    date: str | None = None
    note: str | None = None
    reviewer: str | None = None

    def __post_init__(self) -> None:
        if self.verdict not in VERDICTS:
            raise StoreError(f"unknown verdict {self.verdict!r} (known: {', '.join(VERDICTS)})")
        changed = [f for f in CORRECTABLE if getattr(self, f) is not None]
        if self.verdict == "corrected" and not changed:
            raise StoreError("a correction must change at least one field")
        if self.verdict != "corrected" and changed:
            raise StoreError(f"only a 'corrected' review sets fields ({', '.join(changed)})")


_COLUMNS = [f.name for f in fields(Review)]


def event_keys(db: sqlite3.Connection, *, article_id: str, idx: int) -> list[EventKey]:
    """The key of article event ``idx`` of an article ([] if there is none)."""
    row = db.execute(
        "SELECT article_id, trigger_start, trigger_end FROM events "
        "WHERE article_id = ? AND idx = ? AND trigger_start IS NOT NULL",
        (article_id, idx),
    ).fetchone()
    return [(str(row[0]), int(row[1]), int(row[2]))] if row else []


def fused_event_keys(db: sqlite3.Connection, *, story_id: str, idx: int) -> list[EventKey]:
    """The keys of every article event a fused event was made of."""
    rows = db.execute(
        "SELECT e.article_id, e.trigger_start, e.trigger_end FROM story_events se, "
        "json_each(se.sources) j JOIN events e ON e.article_id = json_extract(j.value, "
        "'$.article_id') AND e.idx = json_extract(j.value, '$.idx') "
        "WHERE se.story_id = ? AND se.idx = ? AND e.trigger_start IS NOT NULL",
        (story_id, idx),
    ).fetchall()
    return [(str(r[0]), int(r[1]), int(r[2])) for r in rows]


def add_review(db: sqlite3.Connection, keys: list[EventKey], review: Review) -> list[int]:
    """Store ``review`` for each event key in one transaction; return the new ids."""
    if not keys:
        raise StoreError("no such event")
    names = ["article_id", "trigger_start", "trigger_end", *_COLUMNS]
    sql = f"INSERT INTO event_reviews ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})"
    values = [getattr(review, c) for c in _COLUMNS]
    ids = []
    with db:
        for key in keys:
            ids.append(int(db.execute(sql, [*key, *values]).lastrowid or 0))
    return ids


def latest_reviews(db: sqlite3.Connection) -> dict[EventKey, dict[str, Any]]:
    """The review in force for every reviewed event."""
    cursor = db.execute(
        "SELECT * FROM event_reviews r WHERE id = (SELECT max(id) FROM event_reviews x "
        "WHERE x.article_id = r.article_id AND x.trigger_start = r.trigger_start "
        "AND x.trigger_end = r.trigger_end)"
    )
    names = [d[0] for d in cursor.description]
    out: dict[EventKey, dict[str, Any]] = {}
    for raw in cursor:
        row = dict(zip(names, raw, strict=True))
        out[(row["article_id"], row["trigger_start"], row["trigger_end"])] = row
    return out


def apply_reviews(
    record: dict[str, Any], reviews: dict[EventKey, dict[str, Any]]
) -> dict[str, Any]:
    """The record as reviewed: events marked wrong dropped, corrections applied, and each
    reviewed event carrying ``review`` (verdict, note, reviewer, time)."""
    if not reviews:
        return record
    events = []
    for event in record.get("events") or []:
        trigger = event.get("trigger") or {}
        where = (str(record["id"]), int(trigger.get("start", -1)), int(trigger.get("end", -1)))
        review = reviews.get(where)
        if review is None:
            events.append(event)
            continue
        if review["verdict"] == "wrong":
            continue
        event = dict(event)
        for column in CORRECTABLE:
            value = review[column]
            if value is None:
                continue
            part, _, key = column.partition("_")
            if not key:  # type, date
                event[column] = value or None
            elif value == "" and key == "name":
                event[part] = None  # the analyst says there is no such participant
            elif event.get(part) is not None or value:
                event[part] = {**(event.get(part) or {}), key: value or None}
        event["review"] = {
            k: review[k] for k in ("verdict", "note", "reviewer", "created_at") if review[k]
        }
        events.append(event)
    return {**record, "events": events}


def reviewed_rows(
    db: sqlite3.Connection, table: str, *, reviewed: bool
) -> Iterator[dict[str, Any]]:
    """Rows of ``stories``, ``story_events`` or ``event_reviews`` for the exports;
    ``reviewed`` applies the reviews to ``story_events`` (and leaves out wrong events)."""
    if table == "story_events" and reviewed:
        sql = (
            f"SELECT {', '.join(f'e.{c}' for c in (*STORY_EVENT_COLUMNS, *REVIEW_COLUMNS))} "
            f"FROM {fused_relation()} e WHERE e.review IS NULL OR e.review <> 'wrong' "
            "ORDER BY e.story_id, e.idx"
        )
    elif table in ("stories", "story_events", "event_reviews"):
        order = {"stories": "id", "story_events": "story_id, idx", "event_reviews": "id"}[table]
        sql = f"SELECT * FROM {table} ORDER BY {order}"
    else:
        raise StoreError(f"unknown table {table!r}")
    cursor = db.execute(sql)
    names = [d[0] for d in cursor.description]
    for raw in cursor:
        yield dict(zip(names, raw, strict=True))


def table_types(db: sqlite3.Connection, table: str) -> dict[str, str]:
    """Column -> ``str`` / ``int`` / ``float`` of a store table, as declared in SQLite."""
    types = {"INTEGER": "int", "REAL": "float"}
    return {
        str(r[1]): types.get(str(r[2]).upper(), "str")
        for r in db.execute(f"PRAGMA table_info({table})")
    }
