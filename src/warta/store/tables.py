"""The flat tables: one row per article and per annotation, the same everywhere.

SQLite, CSV, Parquet and the Spark job all use these columns, so an analyst's
query works on any of them. ``flatten`` turns one record (``Article.to_dict()``)
into rows for each table.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from warta.pipeline import STAGES

Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str  # str | int | float | bool


def _cols(spec: str) -> tuple[Column, ...]:
    out = []
    for item in spec.split():
        name, _, kind = item.partition(":")
        out.append(Column(name, kind or "str"))
    return tuple(out)


_PARTICIPANT = "{p}_text {p}_name {p}_country {p}_sector {p}_start:int {p}_end:int"

TABLES: dict[str, tuple[Column, ...]] = {
    "articles": _cols(
        "id url title outlet published published_source lang lang_score:float "
        "dateline_text dateline_place credit source kind locator record_offset:int "
        # columns added by later migrations come last, as SQLite's ALTER TABLE adds them
        "sha256 text record stages published_confidence:float"
    ),
    "entities": _cols("article_id idx:int start:int end:int text label kb_id"),
    "times": _cols("article_id idx:int start:int end:int text value type anchor"),
    "quotes": _cols(
        "article_id idx:int start:int end:int text kind cue_start:int cue_end:int cue_text "
        "speaker_start:int speaker_end:int speaker_text speaker_name speaker_role "
        "speaker_affiliation"
    ),
    "places": _cols(
        "article_id idx:int start:int end:int text name geonameid lat:float lon:float "
        "country admin1 feature confidence:float level"
    ),
    "events": _cols(
        "article_id idx:int published type mode "
        + _PARTICIPANT.format(p="actor")
        + " "
        + _PARTICIPANT.format(p="recipient")
        + " location_text location_name location_lat:float location_lon:float "
        "location_country date date_source evidence_start:int evidence_end:int "
        "trigger_start:int trigger_end:int trigger_text dead:int injured:int "
        "negated:bool hypothetical:bool future:bool confidence:float cameo "
        # the location's mention (added in schema version 9, so after the others)
        "location_start:int location_end:int"
    ),
}

ANNOTATION_TABLES = ("entities", "times", "quotes", "places", "events")

# Tables the store derives from the articles (``warta.stories``): not part of a record, so
# not exported per article, but read and written through these columns like the others.
DERIVED_TABLES: dict[str, tuple[Column, ...]] = {
    "story_events": _cols(
        "story_id idx:int type mode actor_name actor_country actor_sector recipient_name "
        "recipient_country recipient_sector location_name location_lat:float "
        "location_lon:float location_country date date_first date_last dead:int injured:int "
        "negated:bool confidence:float num_articles:int num_sources:int num_mentions:int sources "
        # added by migration 10, so last
        "hypothetical:bool future:bool"
    ),
}


def column_names(table: str) -> list[str]:
    """The columns of a flat or derived table, in order: the one list every query uses."""
    return [c.name for c in (TABLES | DERIVED_TABLES)[table]]


def _nested(prefix: str, value: dict[str, Any] | None, keys: tuple[str, ...]) -> Row:
    value = value or {}
    return {f"{prefix}_{k}": value.get(k) for k in keys}


def _article_row(record: Row) -> Row:
    dateline = record.get("dateline") or {}
    prov = record.get("provenance") or {}
    return {
        "id": record["id"],
        "url": record.get("url"),
        "title": record.get("title"),
        "outlet": record.get("outlet"),
        "published": record.get("published"),
        "published_source": record.get("published_source"),
        "published_confidence": record.get("published_confidence"),
        "lang": record.get("lang"),
        "lang_score": record.get("lang_score"),
        "stages": _stages(record.get("stages") or {}),
        "dateline_text": dateline.get("text"),
        "dateline_place": dateline.get("place"),
        "credit": record.get("credit"),
        "source": prov.get("source"),
        "kind": prov.get("kind"),
        "locator": prov.get("locator"),
        "record_offset": prov.get("record_offset"),
        "sha256": prov.get("sha256"),
        "text": record["text"],
        "record": json.dumps(record, ensure_ascii=False, sort_keys=True),
    }


def _stages(stages: dict[str, str]) -> str | None:
    """ "nlp=ran; events=skipped: why": one text column for SQLite, CSV and Parquet alike, in
    run order whatever order the record's JSON keeps its keys in."""
    order = list(STAGES)
    names = sorted(stages, key=lambda n: (order.index(n) if n in order else len(order), n))
    return "; ".join(f"{n}={stages[n]}" for n in names) or None


def _quote_row(q: Row) -> Row:
    row = {k: q.get(k) for k in ("start", "end", "text", "kind")}
    row |= _nested("cue", q.get("cue"), ("start", "end", "text"))
    speaker = q.get("speaker")
    row |= _nested("speaker", speaker, ("start", "end", "text", "name", "role", "affiliation"))
    return row


def _place_row(p: Row) -> Row:
    row = {c.name: p.get(c.name) for c in TABLES["places"][2:]}
    row["geonameid"] = None if p.get("geonameid") is None else str(p["geonameid"])
    return row


def _event_row(e: Row) -> Row:
    keys = ("text", "name", "country", "sector", "start", "end")
    row: Row = {k: e.get(k) for k in ("type", "mode", "date", "date_source")}
    row |= _nested("actor", e.get("actor"), keys)
    row |= _nested("recipient", e.get("recipient"), keys)
    location = ("text", "name", "lat", "lon", "country", "start", "end")
    row |= _nested("location", e.get("location"), location)
    row |= _nested("evidence", e.get("evidence"), ("start", "end"))
    row |= _nested("trigger", e.get("trigger"), ("start", "end", "text"))
    for key in ("dead", "injured", "confidence", "cameo"):
        row[key] = e.get(key)
    for key in ("negated", "hypothetical", "future"):
        row[key] = bool(e.get(key))
    return row


def _plain(columns: tuple[Column, ...]) -> Callable[[Row], Row]:
    names = [c.name for c in columns if c.name not in ("article_id", "idx")]
    return lambda item: {n: item.get(n) for n in names}


_ROWS: dict[str, Callable[[Row], Row]] = {
    "entities": _plain(TABLES["entities"]),
    "times": _plain(TABLES["times"]),
    "quotes": _quote_row,
    "places": _place_row,
    "events": _event_row,
}


def flatten(record: Row) -> dict[str, list[Row]]:
    """Rows of every table for one record; every row has every column of its table."""
    out: dict[str, list[Row]] = {"articles": [_article_row(record)]}
    for table in ANNOTATION_TABLES:
        rows = []
        for idx, item in enumerate(record.get(table) or []):
            row = {"article_id": record["id"], "idx": idx} | _ROWS[table](item)
            if table == "events":
                row["published"] = record.get("published")
            rows.append({c.name: row.get(c.name) for c in TABLES[table]})
        out[table] = rows
    return out
