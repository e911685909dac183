"""What runs inside Spark's Python workers; no pyspark import, so it is testable without Spark.

A file arrives as (path, bytes) from Spark's ``binaryFile`` source, so any file
system Spark reads (local, HDFS, S3) works. The bytes go through the same
readers ``warta extract`` uses, then through the same ``Pipeline``, built once per
worker process and kept at module level: Spark reuses Python workers across tasks
(``spark.python.worker.reuse``, on by default), so models load once per process.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from warta.errors import InputError, StageError
from warta.ingest import READERS, RawDocument
from warta.pipeline import Pipeline, PipelineConfig
from warta.run.local import process_one
from warta.run.quarantine import QUARANTINE_FIELDS, quarantine_entry
from warta.store.tables import ANNOTATION_TABLES, TABLES, flatten

# (source, index of the document inside its file): sorting by it gives input order
OrderKey = tuple[str, int]
PARTITION_COLUMN = "published_date"
Quarantined = tuple[str | None, ...]  # QUARANTINE_FIELDS' values
# one document's result, the fields of OUTCOME_FIELDS
Outcome = tuple[Any, ...]
# kind ("ok" | "bad"), article id, input order (source, index), partition date, the
# articles row, the rows of each annotation table, the quarantine entry
OUTCOME_FIELDS = (
    "kind", "id", "order_source", "order_index", PARTITION_COLUMN, "articles",
    *ANNOTATION_TABLES, "failure",
)  # fmt: skip

QUARANTINE_COLUMNS = QUARANTINE_FIELDS

SUFFIXES = tuple(READERS)

_PIPELINES: dict[PipelineConfig, Pipeline] = {}


def pipeline_for(config: PipelineConfig) -> Pipeline:
    """The worker process's pipeline for ``config``, built on first use only."""
    pipeline = _PIPELINES.get(config)
    if pipeline is None:
        pipeline = _PIPELINES[config] = Pipeline(config=config)
    return pipeline


def source_of(uri: str) -> str:
    """``file:`` URIs become plain local paths (as ``warta extract`` names them); others stay."""
    parts = urlsplit(uri)
    if parts.scheme == "file":
        return unquote(parts.path)
    return uri


def suffix_of(name: str) -> str:
    lower = name.lower()
    if lower.endswith(".warc.gz"):
        return ".warc.gz"
    dot = lower.rfind(".")
    return lower[dot:] if dot > lower.rfind("/") else ""


def read_documents(uri: str, data: bytes) -> Iterator[tuple[OrderKey, RawDocument | InputError]]:
    """Every document in one file, each with its order key; failures as InputError.

    A file the worker sees at its own path (local mode, a shared file system) is
    read in place, exactly as ``warta extract`` reads it; otherwise Spark's bytes
    go to a temporary copy and the documents are renamed after the original.
    """
    source = source_of(uri)
    suffix = suffix_of(source)
    reader = READERS.get(suffix)
    if reader is None:
        error = InputError(f"unsupported file type {suffix or '(none)'!r}", source=source)
        yield (source, 0), error
        return
    local = Path(source)
    if urlsplit(uri).scheme == "file" and local.is_file():
        yield from _keyed(source, reader(local))
        return
    with tempfile.TemporaryDirectory(prefix="warta-spark-") as folder:
        copy = Path(folder) / f"input{suffix}"
        copy.write_bytes(data)
        for key, item in _keyed(source, reader(copy)):
            item.source = source
            yield key, item


def _keyed(
    source: str, items: Iterable[RawDocument | InputError]
) -> Iterator[tuple[OrderKey, RawDocument | InputError]]:
    index = 0
    try:
        for index, item in enumerate(items):
            yield (source, index), item
    except Exception as exc:  # a reader bug on one file must not fail the job
        yield (source, index + 1), InputError(f"{type(exc).__name__}: {exc}", source=source)


def _coerce(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind == "int":
        return int(value)
    if kind == "float":
        return float(value)
    if kind == "bool":
        return bool(value)
    return str(value)


def table_rows(record: dict[str, Any]) -> dict[str, list[tuple[Any, ...]]]:
    """``flatten(record)`` as tuples in ``TABLES`` column order, values of the column's type."""
    out = {}
    for table, rows in flatten(record).items():
        columns = TABLES[table]
        out[table] = [tuple(_coerce(c.type, row[c.name]) for c in columns) for row in rows]
    return out


def quarantine_row(error: InputError) -> Quarantined:
    entry = quarantine_entry(error)
    return tuple(entry[name] for name in QUARANTINE_FIELDS)


def _failed(error: InputError) -> Outcome:
    empty: list[list[Any]] = [[] for _ in ANNOTATION_TABLES]
    return ("bad", None, None, None, None, None, *empty, quarantine_row(error))


def process_documents(
    items: Iterable[tuple[OrderKey, RawDocument | InputError]], *, config: PipelineConfig
) -> Iterator[Outcome]:
    """One Spark partition through the pipeline; never raises for a bad document.

    Each document becomes one row of ``OUTCOME_FIELDS``: an article with the rows of
    every table nested in it, or a failure; the rest of the job runs in Spark's JVM.
    """
    pipeline: Pipeline | None = None
    for (source, index), item in items:
        if isinstance(item, InputError):
            yield _failed(item)
            continue
        if pipeline is None:
            pipeline = pipeline_for(config)
        result = process_one(pipeline, item)
        if isinstance(result, InputError):
            yield _failed(result)
            continue
        try:
            record = result.to_dict()
            rows = table_rows(record)
        except Exception as exc:  # a record that cannot be flattened is quarantined too
            yield _failed(
                StageError(
                    f"cannot flatten record ({type(exc).__name__}: {exc})",
                    source=item.source,
                    locator=item.locator,
                )
            )
            continue
        nested = tuple(rows[table] for table in ANNOTATION_TABLES)
        yield (
            "ok",
            record["id"],
            source,
            index,
            result.published,
            rows["articles"][0],
            *nested,
            None,
        )
