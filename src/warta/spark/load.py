"""Read a Spark run's output (or a ``warta export --format parquet`` folder) into the store.

Only the ``articles`` table is read: its ``record`` column holds the whole record,
and ``Store.upsert`` derives every other table from it, so loading twice changes
nothing and a changed article replaces its annotations.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.dataset as ds

from warta.errors import ConfigError
from warta.store import Store


def _articles_dataset(folder: str) -> Any:
    """``folder/articles`` (a partitioned dataset) or ``folder/articles.parquet`` (an export)."""
    candidates = [f"{folder}/articles", f"{folder}/articles.parquet"]
    local = "://" not in folder
    for candidate in candidates:
        if local and not Path(candidate).exists():
            continue
        try:
            return ds.dataset(candidate, format="parquet", partitioning="hive")
        except (FileNotFoundError, OSError):
            continue
    raise ConfigError(f"{folder}: no articles table (expected {folder}/articles/)")


def articles_table(folder: str) -> Any:
    """The articles dataset under ``folder``; ConfigError when there is none."""
    dataset = _articles_dataset(folder.rstrip("/"))
    if "record" not in dataset.schema.names:
        raise ConfigError(f"{folder}: the articles table has no 'record' column")
    return dataset


def iter_records(folder: str, *, batch_size: int = 1000) -> Iterator[dict[str, Any]]:
    """Every record of the articles table, batch by batch (memory stays flat)."""
    yield from _records(articles_table(folder), batch_size=batch_size)


def _records(dataset: Any, *, batch_size: int) -> Iterator[dict[str, Any]]:
    for batch in dataset.to_batches(columns=["record"], batch_size=batch_size):
        for value in batch.column(0).to_pylist():
            if value is not None:
                yield json.loads(value)


def load_parquet(folder: str, db: Path) -> Counter[str]:
    """Upsert every record under ``folder`` into ``db``; counts of inserted/updated/unchanged."""
    counts: Counter[str] = Counter()
    dataset = articles_table(folder)  # before the database is created
    with Store(db, defer_stories=True) as store:
        for record in _records(dataset, batch_size=1000):
            counts[store.upsert(record)] += 1
    return counts
