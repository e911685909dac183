"""The Spark job: input files -> the warta pipeline -> date-partitioned Parquet tables.

Output layout under ``OUT`` (any URI Spark writes)::

    OUT/articles/published_date=2022-03-01/part-*.parquet
    OUT/entities/…  OUT/times/…  OUT/quotes/…  OUT/places/…  OUT/events/…
    OUT/quarantine/part-*.parquet      inputs that failed, with the reason

Each table's Parquet files hold exactly the columns of ``warta export --format
parquet`` (``warta.store.export.arrow_schema``); the article's publication date is
the Hive partition column ``published_date`` (``__HIVE_DEFAULT_PARTITION__`` when
unknown), so it lives in the folder names, not in the files.

Re-runs replace, never duplicate: in ``merge`` mode (the default) the date
partitions a run touches are rewritten with the new articles plus the old ones
whose id the run did not produce; quarantine entries of the files the run read are
replaced likewise. ``overwrite`` mode replaces the whole output.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from dataclasses import dataclass, field
from typing import Any

from pyspark import StorageLevel
from pyspark.sql import Column, DataFrame, SparkSession, Window
from pyspark.sql import functions as F
from pyspark.sql import types as T

from warta.errors import ConfigError, StoreError
from warta.pipeline import PipelineConfig
from warta.spark import worker
from warta.spark.worker import PARTITION_COLUMN, QUARANTINE_COLUMNS
from warta.store.tables import ANNOTATION_TABLES, TABLES

_log = logging.getLogger(__name__)
MODES = ("merge", "overwrite")
QUARANTINE = "quarantine"
_STAGING = "_staging"
# Hadoop glob over file names: the formats warta.ingest reads from files (no feeds: no network)
_GLOB = "*.{" + ",".join(s.lstrip(".") for s in worker.SUFFIXES) + "}"
_SPARK_TYPES: dict[str, T.DataType] = {
    "str": T.StringType(),
    "int": T.LongType(),
    "float": T.DoubleType(),
    "bool": T.BooleanType(),
}


@dataclass(slots=True)
class JobResult:
    """What one run did (printed by ``warta spark``, recorded by the benchmark)."""

    output: str
    processed: int = 0  # articles the pipeline produced, before removing repeated ids
    articles: int = 0  # distinct article ids written
    failed: int = 0
    reasons: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.processed / self.seconds if self.seconds > 0 else 0.0

    def summary(self) -> str:
        why = ", ".join(f"{k} {v}" for k, v in sorted(self.reasons.items()))
        return (
            f"processed {self.processed}, articles written {self.articles}, "
            f"failed {self.failed}{f' ({why})' if why else ''}, "
            f"{self.rate:.1f} articles/s ({self.seconds:.1f} s)"
        )


def spark_schema(table: str) -> T.StructType:
    """A flat table's columns (as ``arrow_schema``) plus the partition column."""
    fields = [T.StructField(c.name, _SPARK_TYPES[c.type], True) for c in TABLES[table]]
    return T.StructType([*fields, T.StructField(PARTITION_COLUMN, T.DateType(), True)])


def _row_type(table: str) -> T.StructType:
    return T.StructType(spark_schema(table).fields[:-1])


def outcome_schema() -> T.StructType:
    """The rows ``worker.process_documents`` yields (``worker.OUTCOME_FIELDS``)."""
    fields = [
        T.StructField("kind", T.StringType(), False),
        T.StructField("id", T.StringType(), True),
        T.StructField("order_source", T.StringType(), True),
        T.StructField("order_index", T.LongType(), True),
        T.StructField(PARTITION_COLUMN, T.DateType(), True),
        T.StructField("articles", _row_type("articles"), True),
        *(T.StructField(t, T.ArrayType(_row_type(t), False), False) for t in ANNOTATION_TABLES),
        T.StructField("failure", quarantine_schema(), True),
    ]
    assert tuple(f.name for f in fields) == worker.OUTCOME_FIELDS
    return T.StructType(fields)


def quarantine_schema() -> T.StructType:
    return T.StructType([T.StructField(name, T.StringType(), True) for name in QUARANTINE_COLUMNS])


def build_session(
    *, master: str | None = None, conf: dict[str, str] | None = None, app_name: str = "warta"
) -> SparkSession:
    """A session (or the one ``spark-submit`` made); ``master`` as in ``local[2]``."""
    # local executors must run this interpreter (the one with warta and its models)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def run_job(
    spark: SparkSession,
    *,
    inputs: list[str],
    output: str,
    config: PipelineConfig | None = None,
    partitions: int | None = None,
    mode: str = "merge",
) -> JobResult:
    """Process ``inputs`` (files or folders, searched recursively) into ``output``."""
    if mode not in MODES:
        raise ConfigError(f"unknown mode {mode!r} (known: {', '.join(MODES)})")
    config = config or PipelineConfig()
    started = time.perf_counter()
    output = output.rstrip("/")
    files = _input_files(spark, inputs)
    slices = partitions or max(2, spark.sparkContext.defaultParallelism * 2)

    documents = files.select("path", "content").rdd.flatMap(
        lambda row: worker.read_documents(row.path, row.content)
    )
    # the only pass in Python: every later step is Spark SQL on the JVM side
    outcomes = documents.repartition(slices).mapPartitions(
        lambda items: worker.process_documents(items, config=config)
    )
    # the worker already gave every value its column type, so no second check per row
    frame = spark.createDataFrame(outcomes, schema=outcome_schema(), verifySchema=False).persist(
        StorageLevel.MEMORY_AND_DISK
    )
    result = JobResult(output=output)
    for kind, reason, count in frame.groupBy("kind", "failure.reason").count().collect():
        if kind == "ok":
            result.processed = count
        else:
            result.reasons[reason] = count
    result.failed = sum(result.reasons.values())
    _log.info("processed in %.1f s", time.perf_counter() - started)
    # repeated ids keep the latest in input order (as `warta ingest` does); then one
    # partition per date, so each date folder of each table gets one file
    latest = Window.partitionBy("id").orderBy(F.desc("order_source"), F.desc("order_index"))
    articles = (
        frame.where(F.col("kind") == "ok")
        .repartition(slices, "id")  # explicit counts: AQE does not resize cached plans
        .withColumn("_n", F.row_number().over(latest))
        .where(F.col("_n") == 1)
        .drop("_n")
        .repartition(slices, F.col(PARTITION_COLUMN))
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    result.articles = articles.count()
    _log.info("distinct articles by date in %.1f s", time.perf_counter() - started)

    tables = {name: _table(articles, name) for name in TABLES}
    failures = frame.where(F.col("kind") == "bad").select("failure.*")
    sources = files.select("path").rdd.map(lambda row: (worker.source_of(row.path),))
    read_sources = spark.createDataFrame(sources, schema="source string")
    if mode == "overwrite" or not _exists(spark, f"{output}/articles"):
        for name, frame in tables.items():
            _write(frame, f"{output}/{name}", key=_key(name))
            _log.info("%s written at %.1f s", name, time.perf_counter() - started)
        failures.coalesce(1).write.mode("overwrite").parquet(f"{output}/{QUARANTINE}")
    else:
        _merge(spark, output, tables, failures, read_sources, slices=slices)
    articles.unpersist()
    frame.unpersist()
    result.seconds = time.perf_counter() - started
    return result


def _input_files(spark: SparkSession, inputs: list[str]) -> DataFrame:
    if not inputs:
        raise ConfigError("no inputs")
    reader = (
        spark.read.format("binaryFile")
        .option("recursiveFileLookup", "true")
        .option("pathGlobFilter", _GLOB)
    )
    try:
        return reader.load(inputs)
    except Exception as exc:  # AnalysisException: a path that does not exist
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ConfigError(f"cannot read inputs: {first}") from None


def _table(articles: DataFrame, name: str) -> DataFrame:
    if name == "articles":
        return articles.select("articles.*", PARTITION_COLUMN)
    rows = articles.select(F.explode(name).alias("_row"), PARTITION_COLUMN)
    return rows.select("_row.*", PARTITION_COLUMN)


def _key(table: str) -> str:
    return "id" if table == "articles" else "article_id"


def _write(frame: DataFrame, path: str, *, key: str, shuffle: int = 0) -> None:
    """One folder per date, rows in a stable order; ``shuffle`` when dates are spread out."""
    order = [PARTITION_COLUMN, key] if key == "id" else [PARTITION_COLUMN, key, "idx"]
    if shuffle:
        frame = frame.repartition(shuffle, F.col(PARTITION_COLUMN))
    writer = frame.sortWithinPartitions(*order).write.mode("overwrite")
    writer = writer.partitionBy(PARTITION_COLUMN)
    writer.parquet(path)


def _merge(
    spark: SparkSession,
    output: str,
    tables: dict[str, DataFrame],
    failures: DataFrame,
    read_sources: DataFrame,
    *,
    slices: int,
) -> None:
    """Rewrite the touched date partitions: old rows of other ids plus every new row.

    The merged partitions are written under ``OUT/_staging`` first (Spark cannot
    overwrite what it is reading), then each touched date folder is swapped in by a
    rename; a run that dies midway is repaired by running it again.
    """
    new_keys = tables["articles"].select(F.col("id").alias("_id"), PARTITION_COLUMN).cache()
    old_articles = _read(spark, f"{output}/articles", "articles")
    moved = old_articles.join(new_keys.select("_id"), old_articles["id"] == F.col("_id"))
    touched = {
        row[0]
        for row in new_keys.select(PARTITION_COLUMN)
        .union(moved.select(old_articles[PARTITION_COLUMN]))
        .distinct()
        .collect()
    }
    staging = f"{output}/{_STAGING}"
    for name, frame in tables.items():
        old = _read(spark, f"{output}/{name}", name).where(_in_dates(touched))
        kept = old.join(new_keys.select("_id"), old[_key(name)] == F.col("_id"), "left_anti")
        _write(kept.unionByName(frame), f"{staging}/{name}", key=_key(name), shuffle=slices)
    for name in tables:  # swap each touched date folder for its staged version
        for date in touched:
            folder = f"{PARTITION_COLUMN}={date or '__HIVE_DEFAULT_PARTITION__'}"
            _delete(spark, f"{output}/{name}/{folder}")
            if _exists(spark, f"{staging}/{name}/{folder}"):
                _rename(spark, f"{staging}/{name}/{folder}", f"{output}/{name}/{folder}")
    q_path = f"{output}/{QUARANTINE}"
    if _exists(spark, q_path):
        old_q = spark.read.schema(quarantine_schema()).parquet(q_path)
        failures = old_q.join(read_sources, "source", "left_anti").unionByName(failures)
    failures.coalesce(1).write.mode("overwrite").parquet(f"{staging}/{QUARANTINE}")
    _delete(spark, q_path)
    _rename(spark, f"{staging}/{QUARANTINE}", q_path)
    new_keys.unpersist()
    _delete(spark, staging)


def _read(spark: SparkSession, path: str, table: str) -> DataFrame:
    if not _exists(spark, path):
        return spark.createDataFrame([], schema=spark_schema(table))
    return spark.read.schema(spark_schema(table)).parquet(path)


def _in_dates(dates: set[Any]) -> Column:
    column = F.col(PARTITION_COLUMN)
    known = [d for d in dates if d is not None]
    condition = column.isin(known) if known else F.lit(False)
    return condition | column.isNull() if None in dates else condition


def _hadoop_path(spark: SparkSession, uri: str) -> tuple[Any, Any]:
    jvm: Any = spark.sparkContext._jvm
    path = jvm.org.apache.hadoop.fs.Path(uri)
    return path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()), path


def _exists(spark: SparkSession, uri: str) -> bool:
    fs, path = _hadoop_path(spark, uri)
    return bool(fs.exists(path))


def _rename(spark: SparkSession, source: str, target: str) -> None:
    fs, path = _hadoop_path(spark, source)
    _, destination = _hadoop_path(spark, target)
    fs.mkdirs(destination.getParent())
    if not fs.rename(path, destination):
        raise StoreError(f"cannot move {source} to {target}")


def _delete(spark: SparkSession, uri: str) -> None:
    fs, path = _hadoop_path(spark, uri)
    if fs.exists(path):
        fs.delete(path, True)
