"""A killed ``--jobs`` worker costs the document it held, never the run (real SIGKILLs)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from warta.errors import ConfigError, InputError, WorkerDiedError
from warta.ingest import RawDocument
from warta.pipeline import STAGES, PipelineConfig, StageSpec
from warta.record import Article
from warta.run.workers import run_workers

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

KILL_WORD = "BUNUHDIRI"


def make_killer_stage(config: PipelineConfig) -> Callable[[Article], None]:
    """A stage that SIGKILLs its own process on one word, as the OOM killer would."""

    def stage(article: Article) -> None:
        if KILL_WORD in article.text:
            os.kill(os.getpid(), signal.SIGKILL)

    return stage


def _doc(n: int, text: str | None = None) -> RawDocument:
    return RawDocument(
        source="mem",
        kind="jsonl",
        sha256="0" * 64,
        text=text or f"Berita ke-{n} tentang rapat warga desa.",
        id=f"d{n}",
        locator=f"line {n}",
    )


@pytest.fixture
def killer(monkeypatch: pytest.MonkeyPatch) -> PipelineConfig:
    # workers are forked, so they see the patched stage table
    spec = StageSpec(name="killer", factory=f"{__name__}:make_killer_stage")
    monkeypatch.setitem(STAGES, "killer", spec)
    return PipelineConfig(stages=("killer",), detect_language=False)


def test_a_killed_worker_costs_only_its_document(killer: PipelineConfig) -> None:
    items: list[RawDocument | InputError] = [_doc(n) for n in range(40)]
    items[7] = _doc(7, f"Berita {KILL_WORD} pertama.")
    items[23] = _doc(23, f"Berita {KILL_WORD} kedua.")
    started = time.monotonic()
    results = list(run_workers(items, config=killer, jobs=2))
    assert time.monotonic() - started < 60
    assert len(results) == 40
    failed = {i: r for i, r in enumerate(results) if isinstance(r, InputError)}
    assert sorted(failed) == [7, 23]
    assert all(isinstance(r, WorkerDiedError) for r in failed.values())
    assert "killed by SIGKILL" in failed[7].message and failed[7].locator == "line 7"
    ids = [r.id for r in results if isinstance(r, Article)]
    assert ids == [f"d{n}" for n in range(40) if n not in (7, 23)]  # order kept, none lost


def test_every_worker_killed_still_ends(killer: PipelineConfig) -> None:
    items: list[RawDocument | InputError] = [_doc(n, f"{KILL_WORD} {n}") for n in range(5)]
    results = list(run_workers(items, config=killer, jobs=2))
    assert [type(r) for r in results] == [WorkerDiedError] * 5


def test_a_worker_that_cannot_start_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown stage"):
        list(run_workers([_doc(1)], config=PipelineConfig(stages=("nope",)), jobs=2))


def _children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True)
    return [int(x) for x in out.stdout.split()]


def test_kill_9_of_an_extract_worker_does_not_hang_the_run(tmp_path: Path) -> None:
    source = tmp_path / "many.jsonl"
    lines = [
        json.dumps({"id": f"a{n}", "text": f"Warga desa ke-{n} menggelar rapat di balai desa."})
        for n in range(3000)
    ]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "warta.cli.main", "extract", str(source), "-o", str(out),
               "--jobs", "2", "--stages", "none", "--no-progress"]  # fmt: skip
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and (not out.exists() or out.stat().st_size < 20_000):
            time.sleep(0.05)
        workers = _children(process.pid)
        assert workers, "no worker processes found"
        os.kill(workers[0], signal.SIGKILL)
        _, stderr = process.communicate(timeout=90)
    finally:
        if process.poll() is None:
            process.kill()
    written = out.read_text(encoding="utf-8").splitlines()
    died = stderr.count("[worker-died]")
    assert died <= 1 and len(written) + died == 3000
    assert process.returncode == (1 if died else 0)
    assert "processed" in stderr.splitlines()[-1 if not died else -2]
