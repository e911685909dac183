"""Exports and the round trip of offsets through the store and every export format."""

from __future__ import annotations

import csv
import json
import tempfile
from pathlib import Path

import pyarrow.parquet as pq
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import make_article
from warta.record import Article, Entity, TimeExpr
from warta.store import TABLES, Store
from warta.store.export import arrow_schema, write_csv, write_jsonl, write_parquet


def test_all_formats(tmp_path: Path) -> None:
    records = [make_article(id="e1").to_dict(), make_article(id="e2").to_dict()]
    assert write_jsonl(records, tmp_path / "out.jsonl") == 2
    lines = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["e1", "e2"]
    assert write_csv(records, tmp_path / "csv") == 2
    with (tmp_path / "csv" / "events.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["article_id"] for r in rows] == ["e1", "e2"]
    assert rows[0]["actor_country"] == "IDN" and rows[0]["type"] == "COERCE"
    assert write_parquet(records, tmp_path / "pq") == 2
    for table in TABLES:
        data = pq.read_table(tmp_path / "pq" / f"{table}.parquet")
        assert data.schema.equals(arrow_schema(table))
    events = pq.read_table(tmp_path / "pq" / "events.parquet").to_pylist()
    assert events[1]["trigger_text"] == "menangkap" and events[1]["negated"] is False


_text = st.text(alphabet="ab cdé–\n“”.", min_size=1, max_size=60)


@st.composite
def annotated(draw: st.DrawFn) -> Article:
    text = draw(_text)
    article = Article(id="p", text=text)
    for _ in range(draw(st.integers(0, 4))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        article.entities.append(Entity(start, end, text[start:end], "PER"))
        article.times.append(TimeExpr(start, end, text[start:end], None, "DATE"))
    return article


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(annotated())
def test_offsets_survive_store_and_exports(article: Article) -> None:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        with Store(out / "w.db") as store:
            store.upsert(article)
            record = store.get("p")
            rows = list(store.rows("entities"))
        assert record is not None
        assert Article.from_dict(record).to_dict() == article.to_dict()
        for entity in record["entities"]:
            assert record["text"][entity["start"] : entity["end"]] == entity["text"]
        assert [(r["start"], r["end"], r["text"]) for r in rows] == [
            (e.start, e.end, e.text) for e in article.entities
        ]
        write_parquet([record], out / "pq")
        back = pq.read_table(out / "pq" / "times.parquet").to_pylist()
        assert [(r["start"], r["end"]) for r in back] == [(t.start, t.end) for t in article.times]
        texts = pq.read_table(out / "pq" / "articles.parquet").to_pylist()
        assert json.loads(texts[0]["record"]) == record
        write_jsonl([record], out / "r.jsonl")
        reread = json.loads((out / "r.jsonl").read_text(encoding="utf-8"))
        assert Article.from_dict(reread).entities == article.entities
