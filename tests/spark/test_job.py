"""The Spark job on local[2] against ``warta extract`` on the same generated input.

One Spark session and one run serve every test here (starting Spark costs ~20 s);
the re-run tests come last because they rewrite the output.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

pyspark = pytest.importorskip("pyspark", reason="pyspark not installed (pip install warta[spark])")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("java not found (Spark needs Java 17)", allow_module_level=True)

from warta.cli.main import main as warta  # noqa: E402
from warta.spark.job import JobResult, build_session, run_job  # noqa: E402
from warta.spark.worker import PARTITION_COLUMN  # noqa: E402
from warta.store import Store  # noqa: E402
from warta.store.export import arrow_schema  # noqa: E402
from warta.store.tables import TABLES, flatten  # noqa: E402

from .corpus import build_corpus, make_article, write_jsonl, write_warc  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    session = build_session(
        master="local[2]",
        conf={
            "spark.ui.enabled": "false",
            "spark.sql.shuffle.partitions": "2",
            "spark.default.parallelism": "2",
        },
        app_name="warta-test",
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    folder = tmp_path_factory.mktemp("spark-in")
    good = build_corpus(
        folder, jsonl_files=2, per_jsonl=5, warc_files=2, per_warc=3, text_files=2, bad_lines=1
    )
    # a crawl cut off mid-record: the records before the cut count, the rest is quarantined
    whole = tmp_path_factory.mktemp("whole") / "whole.warc"
    rng = random.Random(3)
    write_warc(whole, [make_article(rng, 500 + i) for i in range(3)])
    data = whole.read_bytes()
    (folder / "cut.warc").write_bytes(data[: len(data) * 3 // 4])
    # no date in the name, the text or any metadata: the __HIVE_DEFAULT_PARTITION__ folder
    (folder / "catatan.txt").write_text(
        "Warga desa bergotong royong membersihkan saluran air dan memperbaiki jembatan kayu.",
        encoding="utf-8",
    )
    return folder, good + 3


@pytest.fixture(scope="module")
def extracted(corpus: tuple[Path, int], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``warta extract`` on the same input: records and quarantine, the reference."""
    out = tmp_path_factory.mktemp("extract")
    code = warta(
        ["extract", str(corpus[0]), "-o", str(out / "records.jsonl"), "-q",
         "--quarantine", str(out / "quarantine.jsonl")]
    )  # fmt: skip
    assert code == 1  # the bad lines and the broken WARC failed, the rest went through
    return out


@pytest.fixture(scope="module")
def first_run(
    spark: Any, corpus: tuple[Path, int], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, JobResult]:
    out = tmp_path_factory.mktemp("spark-out") / "run"
    result = run_job(spark, inputs=[str(corpus[0])], output=str(out), partitions=2)
    return out, result


def _records(path: Path) -> dict[str, dict[str, Any]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {r["id"]: r for r in map(json.loads, lines)}


def _table(out: Path, table: str) -> list[dict[str, Any]]:
    rows = ds.dataset(out / table, format="parquet", partitioning="hive").to_table().to_pylist()
    key = "id" if table == "articles" else "article_id"
    return sorted(rows, key=lambda r: (r[key], r.get("idx", 0)))


def _strip(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in r.items() if k != PARTITION_COLUMN} for r in rows]


def test_counts_and_quarantine(
    first_run: tuple[Path, JobResult], corpus: tuple[Path, int], extracted: Path
) -> None:
    out, result = first_run
    assert result.articles == result.processed == corpus[1]
    expected = [json.loads(line) for line in (extracted / "quarantine.jsonl").open()]
    assert result.failed == len(expected) == 5
    assert result.reasons == {"malformed": 4, "truncated": 1}
    got = pq.read_table(out / "quarantine").to_pylist()
    fields = ("source", "locator", "reason", "error", "raw")
    assert sorted(tuple(q[f] for f in fields) for q in got) == sorted(
        tuple(q[f] for f in fields) for q in expected
    )
    assert all(q["at"] for q in got)


def test_records_equal_extract(first_run: tuple[Path, JobResult], extracted: Path) -> None:
    reference = _records(extracted / "records.jsonl")
    rows = _table(first_run[0], "articles")
    spark_records = {r["id"]: json.loads(r["record"]) for r in rows}
    assert spark_records.keys() == reference.keys()
    for article_id, record in reference.items():
        assert spark_records[article_id] == record, article_id


def test_tables_equal_extract_row_for_row(
    first_run: tuple[Path, JobResult], extracted: Path
) -> None:
    reference = _records(extracted / "records.jsonl")
    for table in TABLES:
        expected = [row for r in reference.values() for row in flatten(r)[table]]
        key = "id" if table == "articles" else "article_id"
        expected.sort(key=lambda r: (r[key], r.get("idx", 0)))
        got = _table(first_run[0], table)
        assert _strip(got) == expected, table
        if table != "articles":
            continue
        dates = [(r["published"], r[PARTITION_COLUMN]) for r in got]
        assert all(str(folder) == published for published, folder in dates if published)
        assert [folder for published, folder in dates if not published] == [None]


def test_file_schema_is_the_export_schema(first_run: tuple[Path, JobResult]) -> None:
    for table in TABLES:
        files = sorted((first_run[0] / table).rglob("*.parquet"))
        assert files, table
        for file in files:
            schema = pq.read_schema(file)
            assert schema.equals(arrow_schema(table), check_metadata=False), (table, file)
        folders = {f.parent.name for f in files}
        assert all(name.startswith(f"{PARTITION_COLUMN}=") for name in folders)


def test_load_matches_ingest(
    first_run: tuple[Path, JobResult], corpus: tuple[Path, int], tmp_path: Path
) -> None:
    spark_db, ingest_db = tmp_path / "spark.db", tmp_path / "ingest.db"
    assert warta(["load", str(first_run[0]), "--db", str(spark_db), "-q"]) == 0
    assert warta(["load", str(first_run[0]), "--db", str(spark_db), "-q"]) == 0  # idempotent
    assert warta(["ingest", str(corpus[0]), "--db", str(ingest_db), "-q"]) == 1
    with Store(spark_db, readonly=True) as a, Store(ingest_db, readonly=True) as b:
        assert a.count() == corpus[1]
        for table in TABLES:
            assert a.count(table) == b.count(table), table
        assert sorted(a.records(), key=lambda r: r["id"]) == sorted(
            b.records(), key=lambda r: r["id"]
        )
    with sqlite3.connect(spark_db) as db:
        hits = db.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'polisi'")
        assert hits.fetchone()[0] > 0


def test_rerun_replaces_never_duplicates(
    spark: Any, first_run: tuple[Path, JobResult], corpus: tuple[Path, int], tmp_path: Path
) -> None:
    """Re-run one input file of the first run plus an update: one changed, one new article."""
    out = first_run[0]
    before = {t: _table(out, t) for t in TABLES}
    moved = before["articles"][0]
    rng = random.Random(11)
    changed = make_article(rng, 0) | {
        "id": moved["id"],
        "published": "2030-06-01",
        "text": "Polisi membubarkan unjuk rasa mahasiswa di Bandung pada Minggu pagi.",
    }
    folder = tmp_path / "update"
    folder.mkdir()
    write_jsonl(folder / "update.jsonl", [changed, make_article(rng, 999)], bad_lines=0)
    again = [str(corpus[0] / "part-000.jsonl"), str(corpus[0] / "catatan.txt")]
    result = run_job(spark, inputs=[*again, str(folder)], output=str(out), partitions=2)
    assert result.failed == 2  # part-000's two bad lines, quarantined again (not twice)
    assert len(pq.read_table(out / "quarantine")) == first_run[1].failed

    articles = _table(out, "articles")
    ids = [r["id"] for r in articles]
    assert len(ids) == len(set(ids)) == len(before["articles"]) + 1
    row = next(r for r in articles if r["id"] == moved["id"])
    assert str(row[PARTITION_COLUMN]) == "2030-06-01" and row["text"].startswith("Polisi")
    # every other article, re-processed from part-000 or not touched, is as it was
    others = {r["id"] for r in before["articles"]} - {moved["id"]}
    for table in TABLES:
        key = "id" if table == "articles" else "article_id"
        now = [r for r in _table(out, table) if r[key] in others]
        assert now == [r for r in before[table] if r[key] in others], table
    # the annotation tables hold exactly the rows of the records now in the articles table
    records = [json.loads(r["record"]) for r in articles]
    for table in TABLES:
        expected = sorted(
            (row for r in records for row in flatten(r)[table]),
            key=lambda r: (r["id" if table == "articles" else "article_id"], r.get("idx", 0)),
        )
        assert _strip(_table(out, table)) == expected, table
    assert not (out / "_staging").exists()
