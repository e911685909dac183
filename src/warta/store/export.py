"""Exports: JSONL records, flat CSV tables, Parquet tables, and formats stages add (PLOVER).

``EXPORTERS`` maps a format name to ``"module:function"``; the function takes the
record stream and an output path and returns how many items it wrote. The table
formats also take ``extra``: tables that are not per-article records (stories, fused
events, reviews; see ``store_tables``).
"""

from __future__ import annotations

import csv
import importlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from warta.errors import ConfigError

if TYPE_CHECKING:
    import pyarrow as pa
    import pyarrow.parquet as pq
from warta.store.tables import TABLES, flatten

Record = dict[str, Any]
Exporter = Callable[[Iterable[Record], Path], int]

EXPORTERS: dict[str, str] = {
    "jsonl": "warta.store.export:write_jsonl",
    "csv": "warta.store.export:write_csv",
    "parquet": "warta.store.export:write_parquet",
    "plover": "warta.events.plover:write_plover",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class ExtraTable:
    """A table written beside the per-article ones: its columns (name -> str, int or
    float) and rows."""

    name: str
    columns: dict[str, str]
    rows: Iterable[dict[str, Any]]


def store_tables(db: sqlite3.Connection, *, reviewed: bool) -> list[ExtraTable]:
    """Stories, fused events (``story_events``, reviews applied when ``reviewed``) and the
    analysts' reviews (``event_reviews``), as tables for the CSV and Parquet exports."""
    from warta.store.reviews import REVIEW_COLUMNS, reviewed_rows, table_types

    out = []
    for name in ("stories", "story_events", "event_reviews"):
        columns = table_types(db, name)
        if name == "story_events" and reviewed:
            review_types = {"review": "str", "review_note": "str", "review_id": "int"}
            columns |= {c: review_types.get(c, "str") for c in REVIEW_COLUMNS}
        out.append(
            ExtraTable(name=name, columns=columns, rows=reviewed_rows(db, name, reviewed=reviewed))
        )
    return out


def _arrow_types() -> dict[str, Any]:
    import pyarrow as pa  # imported on use: the CLI starts faster without it

    return {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}


def arrow_schema(table: str) -> pa.Schema:
    """The Parquet schema of a flat table (the Spark job writes the same)."""
    import pyarrow as pa

    types = _arrow_types()
    return pa.schema([pa.field(c.name, types[c.type]) for c in TABLES[table]])


def exporter(name: str) -> Exporter:
    try:
        module_name, _, attr = EXPORTERS[name].partition(":")
    except KeyError:
        raise ConfigError(f"unknown format {name!r} (known: {', '.join(EXPORTERS)})") from None
    function: Exporter = getattr(importlib.import_module(module_name), attr)
    return function


def write_jsonl(records: Iterable[Record], path: Path) -> int:
    """One record per line; ``path`` is a file (``-`` is not accepted here; use extract)."""
    count = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


def _table_rows(records: Iterable[Record]) -> Iterator[tuple[str, dict[str, Any]]]:
    for record in records:
        for table, rows in flatten(record).items():
            for row in rows:
                yield table, row


def write_csv(records: Iterable[Record], path: Path, *, extra: Iterable[ExtraTable] = ()) -> int:
    """A folder with one CSV per table (articles without the ``record`` column)."""
    path.mkdir(parents=True, exist_ok=True)
    handles, writers = {}, {}
    try:
        for table, columns in TABLES.items():
            names = [c.name for c in columns if c.name != "record"]
            handles[table] = (path / f"{table}.csv").open("w", encoding="utf-8", newline="")
            writers[table] = csv.DictWriter(handles[table], fieldnames=names, extrasaction="ignore")
            writers[table].writeheader()
        count = 0
        for table, row in _table_rows(records):
            writers[table].writerow(row)
            count += table == "articles"
    finally:
        for handle in handles.values():
            handle.close()
    for more in extra:
        with (path / f"{more.name}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(more.columns), extrasaction="ignore")
            writer.writeheader()
            writer.writerows(more.rows)
    return count


def write_parquet(
    records: Iterable[Record],
    path: Path,
    *,
    batch_rows: int = 5000,
    extra: Iterable[ExtraTable] = (),
) -> int:
    """A folder with one Parquet file per table, schemas from ``arrow_schema``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    path.mkdir(parents=True, exist_ok=True)
    writers = {t: pq.ParquetWriter(path / f"{t}.parquet", arrow_schema(t)) for t in TABLES}
    buffers: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    count = 0
    try:
        for table, row in _table_rows(records):
            buffers[table].append(row)
            count += table == "articles"
            if len(buffers[table]) >= batch_rows:
                _flush(writers[table], table, buffers[table])
        for table, rows in buffers.items():
            _flush(writers[table], table, rows)
    finally:
        for writer in writers.values():
            writer.close()
    types = _arrow_types()
    for more in extra:
        schema = pa.schema([pa.field(c, types[t]) for c, t in more.columns.items()])
        rows = [{c: row.get(c) for c in more.columns} for row in more.rows]
        pq.write_table(pa.Table.from_pylist(rows, schema=schema), path / f"{more.name}.parquet")
    return count


def _flush(writer: pq.ParquetWriter, table: str, rows: list[dict[str, Any]]) -> None:
    import pyarrow as pa

    if rows:
        writer.write_table(pa.Table.from_pylist(rows, schema=arrow_schema(table)))
        rows.clear()
