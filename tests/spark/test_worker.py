"""The executor side without Spark: reading bytes from any URI, one row per document."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from warta.errors import InputError
from warta.ingest import RawDocument, iter_documents
from warta.pipeline import PipelineConfig
from warta.spark import worker
from warta.store.tables import ANNOTATION_TABLES, TABLES

from .corpus import make_article, write_jsonl, write_warc


@pytest.fixture
def inputs(tmp_path: Path) -> list[Path]:
    rng = random.Random(5)
    write_jsonl(tmp_path / "a.jsonl", [make_article(rng, i) for i in range(3)], bad_lines=1)
    write_warc(tmp_path / "b.warc.gz", [make_article(rng, 10 + i) for i in range(2)])
    (tmp_path / "c-2024-02-03.txt").write_text("Polisi menangkap dua orang.", encoding="utf-8")
    return [tmp_path / "a.jsonl", tmp_path / "b.warc.gz", tmp_path / "c-2024-02-03.txt"]


def _view(item: RawDocument | InputError) -> tuple[object, ...]:
    if isinstance(item, InputError):
        return ("error", item.reason, item.message, item.source, item.locator, item.raw)
    return ("doc", item.source, item.kind, item.sha256, item.text, item.html, item.id,
            item.url, item.published, item.locator, item.record_offset)  # fmt: skip


@pytest.mark.parametrize("uri", ["file:{path}", "hdfs://namenode:8020{path}"])
def test_bytes_read_as_warta_extract_reads_the_file(inputs: list[Path], uri: str) -> None:
    """In place for a local file; through a temporary copy for a remote URI, same documents."""
    for path in inputs:
        expected = [_view(item) for item in iter_documents([str(path)])]
        read = list(worker.read_documents(uri.format(path=path), path.read_bytes()))
        source = worker.source_of(uri.format(path=path))
        assert [key for key, _ in read] == [(source, i) for i in range(len(read))]
        got = [_view(item) for _, item in read]
        if not uri.startswith("file:"):  # the copy is named after the original URI
            expected = [tuple(source if v == str(path) else v for v in e) for e in expected]
        assert got == expected, path.name


def test_source_and_suffix() -> None:
    assert worker.source_of("file:/data/a%20b.jsonl") == "/data/a b.jsonl"
    assert worker.source_of("file:///data/x.warc") == "/data/x.warc"
    assert worker.source_of("s3a://bucket/x.warc.gz") == "s3a://bucket/x.warc.gz"
    assert worker.suffix_of("s3a://b/CRAWL.WARC.GZ") == ".warc.gz"
    assert worker.suffix_of("/data.d/README") == ""


def test_unsupported_and_truncated_files_become_failures(tmp_path: Path) -> None:
    [(_, item)] = list(worker.read_documents("hdfs://n/x/notes.pdf", b"%PDF-1.4"))
    assert isinstance(item, InputError) and "unsupported" in item.message
    gz = list(worker.read_documents("hdfs://n/x/cut.warc.gz", b"\x1f\x8b\x08\x00garbage"))
    assert gz and all(isinstance(i, InputError) for _, i in gz)
    assert all(i.source == "hdfs://n/x/cut.warc.gz" for _, i in gz)


def test_process_documents_rows(inputs: list[Path]) -> None:
    items = [kv for p in inputs for kv in worker.read_documents(f"file:{p}", b"")]
    rows = list(worker.process_documents(items, config=PipelineConfig(stages=())))
    assert all(len(row) == len(worker.OUTCOME_FIELDS) for row in rows)
    kinds = [row[0] for row in rows]
    assert kinds.count("bad") == 2 and kinds.count("ok") == 6
    for row in rows:
        fields = dict(zip(worker.OUTCOME_FIELDS, row, strict=True))
        if fields["kind"] == "bad":
            assert fields["articles"] is None and fields["failure"][2] == "malformed"
            continue
        article = dict(zip([c.name for c in TABLES["articles"]], fields["articles"], strict=True))
        assert article["id"] == fields["id"]
        assert str(fields[worker.PARTITION_COLUMN]) == article["published"]
        assert all(fields[t] == [] for t in ANNOTATION_TABLES)  # no stages ran
    assert worker.pipeline_for(PipelineConfig(stages=())) is worker.pipeline_for(
        PipelineConfig(stages=())
    )
