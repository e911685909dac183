"""Known articles skip the pipeline in ``warta ingest``; a changed one is an update."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from warta.cli.main import main
from warta.ingest import RawDocument, sha256_hex
from warta.pipeline import PipelineConfig
from warta.run import known as known_module
from warta.run.known import KnownArticles, pipeline_key
from warta.store import Store


def _rows(n: int, *, with_ids: bool) -> list[dict[str, str]]:
    rows = []
    for i in range(n):
        row = {"text": f"KUPANG – Laporan ke-{i}: nelayan menggelar rapat di dermaga."}
        if with_ids:
            row["id"] = f"k{i}"
        rows.append(row)
    return rows


def _write(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def _ingest(*args: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["ingest", *args, "--stages", "none"]) == 0
    return capsys.readouterr().err


@pytest.mark.parametrize("with_ids", [True, False])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_rerun_skips_the_pipeline_and_a_changed_line_is_an_update(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    with_ids: bool,
    jobs: str,
) -> None:
    rows = _rows(20, with_ids=with_ids)
    src = _write(tmp_path / "in.jsonl", rows)
    db = tmp_path / "k.db"
    first = _ingest(str(src), "--db", str(db), "--jobs", jobs, capsys=capsys)
    assert "processed 20, new 20, updated 0, duplicates 0, failed 0" in first

    looked_up: list[str] = []
    original = KnownArticles.is_known

    def spy(self: KnownArticles, doc: RawDocument) -> bool:
        looked_up.append(doc.sha256)
        return original(self, doc)

    monkeypatch.setattr(known_module.KnownArticles, "is_known", spy)
    again = _ingest(str(src), "--db", str(db), "--jobs", jobs, capsys=capsys)
    assert "processed 0, new 0, updated 0, duplicates 20, failed 0" in again
    assert len(looked_up) == 20

    if with_ids:  # same id, new text: the pipeline runs and the stored article changes
        rows[3]["text"] = "KUPANG – Laporan ke-3 diperbarui: rapat ditunda sampai besok."
        _write(src, rows)
        changed = _ingest(str(src), "--db", str(db), "--jobs", jobs, capsys=capsys)
        assert "processed 1, new 0, updated 1, duplicates 19, failed 0" in changed
        with Store(db, readonly=True) as store:
            assert store.count() == 20
            record = store.get("k3")
            assert record is not None and "diperbarui" in record["text"]


def test_other_stages_reprocess_then_skip(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = _write(tmp_path / "in.jsonl", _rows(3, with_ids=True))
    db = tmp_path / "k.db"
    _ingest(str(src), "--db", str(db), capsys=capsys)
    assert main(["ingest", str(src), "--db", str(db), "--stages", "times"]) == 0
    err = capsys.readouterr().err
    assert "processed 3, new 0," in err  # the pipeline ran again, with the other stages
    assert main(["ingest", str(src), "--db", str(db), "--stages", "times"]) == 0
    assert "processed 0, new 0, updated 0, duplicates 3" in capsys.readouterr().err
    with Store(db, readonly=True) as store:
        keys = {r[0] for r in store.db.execute("SELECT pipeline FROM articles")}
    assert keys == {pipeline_key(PipelineConfig(stages=("times",)))}


def test_a_feed_page_that_changed_keeps_its_article_id(tmp_path: Path) -> None:
    db = tmp_path / "f.db"
    url = "http://127.0.0.1:9/berita/1"
    first = RawDocument(
        source=url, kind="feed", sha256=sha256_hex(b"v1"), text="SORONG – Versi pertama.", url=url
    )
    with Store(db) as store:
        from warta.pipeline import Pipeline

        pipeline = Pipeline(config=PipelineConfig(stages=()))
        known = KnownArticles(db, config=PipelineConfig(stages=()))
        assert not known.is_known(first)
        article = pipeline.process(first)
        assert store.upsert(article) == "inserted"
        known.mark(store.db, article.id)
        same = RawDocument(
            source=url, kind="feed", sha256=sha256_hex(b"v1"), text="ignored", url=url
        )
        assert known.is_known(same)
        changed = RawDocument(
            source=url, kind="feed", sha256=sha256_hex(b"v2"), text="SORONG – Versi kedua.", url=url
        )
        assert not known.is_known(changed)
        assert changed.id == article.id
        assert store.upsert(pipeline.process(changed)) == "updated"
        known.close()
        assert store.count() == 1


def test_a_reused_id_stays_a_duplicate_id_on_every_rerun(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        {"id": "same", "text": "AMBON – Versi pertama laporan rapat nelayan."},
        {"id": "same", "text": "AMBON – Laporan lain yang memakai id yang sama."},
    ]
    src = _write(tmp_path / "in.jsonl", rows)
    db = tmp_path / "d.db"
    for _ in range(3):  # the second line never replaces the first, however often it runs
        assert main(["ingest", str(src), "--db", str(db), "--stages", "none"]) == 1
        err = capsys.readouterr().err
        assert "was already used in this run" in err and "[duplicate-id]" in err
        with Store(db, readonly=True) as store:
            record = store.get("same")
        assert record is not None and "Versi pertama" in record["text"]
