"""The CLI contract: every option checked, outputs never read back, stdin, no tracebacks."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ingest.helpers import article_html, write_warc
from warta.cli.main import main
from warta.cli.options import terminal_safe
from warta.store import Store

ENV = {**os.environ, "PYTHONIOENCODING": "utf-8"}


def warta(
    *args: str, cwd: Path, stdin: str | None = None, limit_file_bytes: int | None = None
) -> subprocess.CompletedProcess[str]:
    """``warta ARGS`` in ``cwd`` (where a default quarantine file lands)."""

    def limit() -> None:  # a full disk, as a file-size limit (the write fails with EFBIG)
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        if limit_file_bytes is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_file_bytes, limit_file_bytes))

    return subprocess.run(
        [sys.executable, "-m", "warta", *args],
        capture_output=True,
        text=True,
        input=stdin,
        cwd=cwd,
        timeout=120,
        env=ENV,
        preexec_fn=limit,
    )


def _rows(n: int, start: int = 0) -> str:
    return "".join(
        json.dumps({"id": f"a{i}", "text": f"Warga desa ke-{i} menggelar rapat di balai desa."})
        + "\n"
        for i in range(start, start + n)
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["extract", "x", "--jobs", "0"], "--jobs/-j: must be at least 1, got 0"),
        (["ingest", "x", "--jobs", "-2"], "--jobs/-j: must be at least 1, got -2"),
        (["extract", "x", "--max-line-bytes", "0"], "--max-line-bytes: must be at least 1"),
        (["search", "x", "--limit", "-1"], "--limit: must be at least 1, got -1"),
        (["search", "x", "--limit", "ten"], "--limit: not a whole number: 'ten'"),
        (["search", "x", "--from", "yesterday"], "not a date as YYYY[-MM[-DD]]: 'yesterday'"),
        (["search", "x", "--to", "2024-13"], "not a date: '2024-13'"),
    ],
)
def test_bad_option_values_are_usage_errors(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err


def test_output_inside_the_input_folder_is_not_read_back(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_text(_rows(20), encoding="utf-8")
    out = folder / "out.jsonl"
    for _ in range(2):  # the second run finds out.jsonl already there
        result = warta("extract", str(folder), "-o", str(out), "--stages", "none", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert len(out.read_text(encoding="utf-8").splitlines()) == 20
    named = warta("extract", str(out), "-o", str(out), "--stages", "none", cwd=tmp_path)
    assert named.returncode == 1 and "is the run's own output file, not read" in named.stderr


def test_stdin_is_read_for_dash(tmp_path: Path) -> None:
    result = warta("extract", "-", "--stages", "none", "-q", stdin=_rows(3), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["a0", "a1", "a2"]
    text = warta(
        "extract", "-", "--stages", "none", "-q", stdin="Presiden tiba di Jakarta.", cwd=tmp_path
    )
    assert json.loads(text.stdout)["text"] == "Presiden tiba di Jakarta."


def test_full_disk_during_extract_is_one_line(tmp_path: Path) -> None:
    source = tmp_path / "a.jsonl"
    source.write_text(_rows(200), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = warta("extract", str(source), "-o", str(out), "--stages", "none",
                   limit_file_bytes=20_000, cwd=tmp_path)  # fmt: skip
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"warta extract: error: cannot write {out}: File too large" in result.stderr


def test_export_folder_format_onto_a_file(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    Store(db).close()
    existing = tmp_path / "existing-file"
    existing.write_text("keep me", encoding="utf-8")
    result = warta("export", "--db", str(db), "--format", "parquet", "-o", str(existing),
                   cwd=tmp_path)  # fmt: skip
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "exists and is a file; parquet writes a folder" in result.stderr
    assert existing.read_text(encoding="utf-8") == "keep me"


def test_duplicate_id_in_one_run_is_reported_not_replaced(tmp_path: Path) -> None:
    source = tmp_path / "dup.jsonl"
    source.write_text(
        json.dumps({"id": "x", "text": "Artikel pertama tentang rapat warga."}) + "\n"
        + json.dumps({"id": "x", "text": "Artikel pertama tentang rapat warga."}) + "\n"
        + json.dumps({"id": "x", "text": "Artikel lain sama sekali tentang banjir."}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    db = tmp_path / "w.db"
    result = warta("ingest", str(source), "--db", str(db), "--stages", "none", cwd=tmp_path)
    assert result.returncode == 1
    assert "(line 3): id 'x' was already used in this run by" in result.stderr
    assert "[duplicate-id]" in result.stderr
    with Store(db, readonly=True) as store:
        record = store.get("x")
    assert record is not None and record["text"] == "Artikel pertama tentang rapat warga."


def test_small_input_gaps_have_a_line_each(tmp_path: Path) -> None:
    (tmp_path / "empty.jsonl").write_text("", encoding="utf-8")
    (tmp_path / "u16.txt").write_bytes("Presiden tiba di Jakarta.".encode("utf-16"))
    result = warta("extract", str(tmp_path / "empty.jsonl"), str(tmp_path / "u16.txt"),
                   "--stages", "none", cwd=tmp_path)  # fmt: skip
    assert result.returncode == 1
    assert "empty.jsonl: empty JSONL file (no lines) [empty]" in result.stderr
    assert json.loads(result.stdout)["text"] == "Presiden tiba di Jakarta."


def test_escape_sequences_from_an_input_are_not_echoed(tmp_path: Path) -> None:
    path = tmp_path / "evil.warc"
    offsets = write_warc(path, [(f"http://c.invalid/{i}", article_html()) for i in range(3)])
    data = bytearray(path.read_bytes())
    evil = b"\x1b]0;owned\x07\x1b[2J\x1b[H"
    data[offsets[1] : offsets[1] + len(evil)] = evil
    path.write_bytes(bytes(data))
    result = warta("extract", str(path), "--stages", "none", cwd=tmp_path)
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "\\x1b" in result.stderr
    assert len(result.stdout.splitlines()) == 2  # the records around the damage are kept


def test_terminal_safe() -> None:
    assert terminal_safe("ok: é 😀") == "ok: é 😀"
    assert terminal_safe("a\x1b[2Jb\r\n\x9b\u202e") == "a\\x1b[2Jb\\x0d\\x0a\\x9b\\u202e"


def test_an_unwritable_quarantine_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "blocker").write_text("a file where a folder should be", encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    quarantine = tmp_path / "blocker" / "q.jsonl"
    result = warta(
        "extract",
        str(bad),
        "--stages",
        "none",
        "--quarantine",
        str(quarantine),
        "-o",
        str(tmp_path / "out.jsonl"),
        cwd=tmp_path,
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"cannot write the quarantine file {quarantine}" in result.stderr
