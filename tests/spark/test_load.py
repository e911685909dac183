"""``warta load`` without Spark: an export folder in, the same store as ``warta ingest`` out."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from warta.cli.main import main as warta
from warta.errors import ConfigError
from warta.spark.load import load_parquet
from warta.store import Store
from warta.store.export import write_parquet

from .corpus import make_article, write_jsonl


def test_load_export_folder_is_idempotent(tmp_path: Path) -> None:
    rng = random.Random(9)
    write_jsonl(tmp_path / "in.jsonl", [make_article(rng, i) for i in range(4)], bad_lines=0)
    reference = tmp_path / "ingest.db"
    assert warta(["ingest", str(tmp_path / "in.jsonl"), "--db", str(reference),
                  "--stages", "none", "-q"]) == 0  # fmt: skip
    with Store(reference, readonly=True) as store:
        records = list(store.records())
    write_parquet(records, tmp_path / "export")

    db = tmp_path / "loaded.db"
    assert load_parquet(str(tmp_path / "export"), db) == {"inserted": 4}
    assert load_parquet(str(tmp_path / "export"), db) == {"unchanged": 4}
    with Store(db, readonly=True) as store:
        assert sorted(store.records(), key=lambda r: r["id"]) == sorted(
            records, key=lambda r: r["id"]
        )


def test_load_without_articles_table(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no articles table"):
        load_parquet(str(tmp_path), tmp_path / "x.db")
    assert warta(["load", str(tmp_path), "--db", str(tmp_path / "x.db")]) == 2
    assert not (tmp_path / "x.db").exists()
