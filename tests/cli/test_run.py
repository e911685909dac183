"""The CLI as users run it: extract, ingest, search, export, bad input, exit codes."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.ingest.helpers import article_html, write_warc
from warta.cli.main import main
from warta.schema import validation_errors
from warta.store import Store


def warta(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "warta", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


def _jsonl(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def test_extract_keeps_input_order_and_matches_schema(tmp_path: Path) -> None:
    rows = [
        {"id": f"n{i}", "text": f"JAKARTA – Berita nomor {i} tentang rapat kabinet hari ini."}
        for i in range(12)
    ]
    rows[3]["published"] = "2024-05-01"
    src = _jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "out.jsonl"
    code = main(["extract", str(src), "-o", str(out), "--stages", "none", "--jobs", "2", "-q"])
    assert code == 0
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [r["id"] for r in records] == [r["id"] for r in rows]
    assert records[3]["published"] == "2024-05-01"
    for record in records:
        assert validation_errors(record) == []
        assert record["dateline"]["place"] == "JAKARTA"


def test_bad_inputs_are_reported_quarantined_and_the_run_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("BOGOR – Polisi menangkap dua orang pencuri motor di pasar.", "utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "junk.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "latin.txt").write_bytes("Kota Sétif diguncang gempa.".encode("latin-1"))
    (tmp_path / "lines.jsonl").write_text(
        '{"id": "ok", "text": "Rapat digelar di Jakarta hari ini oleh para menteri."}\n{"id": \n',
        "utf-8",
    )
    warc = tmp_path / "cut.warc.gz"
    write_warc(warc, [("https://contoh.invalid/a", article_html())], gzip=True)
    warc.write_bytes(warc.read_bytes()[:-40])
    (tmp_path / "nav.html").write_text(
        "<html><body><nav><a href='/'>Beranda</a></nav></body></html>", "utf-8"
    )
    db = tmp_path / "w.db"
    result = warta("ingest", str(tmp_path), "--db", str(db), "--stages", "none")
    assert result.returncode == 1, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("warta: ")]
    expected = {
        "empty.txt": "empty input (no text) [empty]",
        "junk.txt": "binary data, not text [binary]",
        "latin.txt": "invalid UTF-8 at byte 6 [encoding]",
        "lines.jsonl (line 2)": "invalid JSON",
        "cut.warc.gz": "truncated or corrupt WARC",
        "nav.html": "HTML page has no article text [no-text]",
    }
    for name, message in expected.items():
        assert any(f"{tmp_path / name}" in line and message in line for line in lines), (
            name,
            lines,
        )
    assert "processed 3, new 3, updated 0, duplicates 0, failed 6" in result.stderr
    quarantine = [
        json.loads(line)
        for line in (tmp_path / "warta.quarantine.jsonl").read_text("utf-8").splitlines()
    ]
    assert len(quarantine) == 6
    by_reason = {q["reason"]: q for q in quarantine}
    assert by_reason["malformed"]["raw"] == '{"id": '
    assert by_reason["malformed"]["locator"] == "line 2"
    with Store(db, readonly=True) as store:
        assert store.count() == 3
    again = warta("ingest", str(good), "--db", str(db), "--stages", "none")
    assert again.returncode == 0
    assert "processed 0, new 0, updated 0, duplicates 1, failed 0" in again.stderr


def test_search_and_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = _jsonl(
        tmp_path / "in.jsonl",
        [
            {"id": "s1", "text": "Banjir merendam ratusan rumah di Demak, Jawa Tengah.",
             "published": "2024-05-17", "outlet": "Warta Contoh", "title": "Banjir Demak"},
            {"id": "s2", "text": "Harga cabai naik menjelang Idul Adha di pasar Bogor."},
        ],
    )  # fmt: skip
    db = tmp_path / "w.db"
    assert main(["ingest", str(src), "--db", str(db), "--stages", "none", "-q"]) == 0
    capsys.readouterr()
    assert main(["search", "banjir", "--db", str(db)]) == 0
    shown = capsys.readouterr().out
    assert "s1  2024-05-17 · Warta Contoh · Banjir Demak" in shown and "s2" not in shown
    assert main(["search", "banjir", "--db", str(db), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["id"] == "s1"
    for fmt, out in (("jsonl", "x.jsonl"), ("csv", "csv"), ("parquet", "pq")):
        assert main(["export", "--db", str(db), "--format", fmt, "-o", str(tmp_path / out)]) == 0
    assert len((tmp_path / "x.jsonl").read_text("utf-8").splitlines()) == 2
    assert (tmp_path / "csv" / "articles.csv").exists()
    assert (tmp_path / "pq" / "events.parquet").exists()


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    result = warta("search", "x", "--db", str(tmp_path / "none.db"))
    assert result.returncode == 2
    assert result.stderr.strip() == f"warta search: error: {tmp_path / 'none.db'}: no such database"
    bad_stage = warta("extract", str(tmp_path), "--stages", "nosuch")
    assert bad_stage.returncode == 2 and "unknown stage(s): nosuch" in bad_stage.stderr


def test_killed_ingest_loses_nothing_stored(tmp_path: Path) -> None:
    rows = [
        {"id": f"k{i}", "text": f"MEDAN – Laporan ke-{i}: warga menggelar rapat di balai desa."}
        for i in range(1500)
    ]
    src = _jsonl(tmp_path / "many.jsonl", rows)
    db = tmp_path / "k.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "warta", "ingest", str(src), "--db", str(db), "--stages", "none"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and stored < 50:
        time.sleep(0.2)
        if db.exists():
            try:
                with Store(db, readonly=True) as store:
                    stored = store.count()
            except Exception:
                stored = 0
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert stored >= 50
    with Store(db) as store:
        kept = store.count()
        assert kept >= stored
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for record in store.records():
            assert record["text"].startswith("MEDAN – Laporan")
    finished = warta("ingest", str(src), "--db", str(db), "--stages", "none")
    assert finished.returncode == 0
    assert f"new {1500 - kept}," in finished.stderr and f"duplicates {kept}," in finished.stderr


def test_gzip_warc_with_html_pages(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, [("https://contoh.invalid/a", article_html())], gzip=True)
    with gzip.open(path) as handle:
        assert b"WARC/1.0" in handle.read(100)
    out = tmp_path / "o.jsonl"
    assert main(["extract", str(path), "-o", str(out), "--stages", "none", "-q"]) == 0
    [record] = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    assert record["url"] == "https://contoh.invalid/a"
    assert record["provenance"]["kind"] == "warc"
    assert record["provenance"]["record_offset"] > 0  # the request record comes first
