"""`warta serve` as a user runs it: a separate process listening on 127.0.0.1."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.serve.conftest import free_port, script_article
from warta.store import Store


@pytest.mark.slow
def test_warta_serve_command(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    with Store(db) as store:
        store.upsert(script_article())
    port = free_port()
    env = dict(os.environ, WARTA_API_TOKEN="tok-123")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "warta.cli.main",
            "serve",
            "--db",
            str(db),
            "--port",
            str(port),
            "--ingest-stages",
            "none",
            "--max-body",
            "1000",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                health = httpx.get(f"{url}/api/health", timeout=2).json()
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
                assert time.monotonic() < deadline, "warta serve did not start"
                time.sleep(0.2)
        assert health["ingest"] is True  # the token came from WARTA_API_TOKEN
        hits = httpx.get(f"{url}/api/search", params={"q": "spanduk"}).json()["items"]
        assert [h["id"] for h in hits] == ["papua-1"]
        auth = {"Authorization": "Bearer tok-123", "Content-Type": "text/plain"}
        ok = httpx.post(
            f"{url}/api/ingest", content=b"Nelayan Kendari berunjuk rasa.", headers=auth
        )
        assert ok.status_code == 200, ok.text
        too_big = httpx.post(f"{url}/api/ingest", content=b"x" * 2000, headers=auth)
        assert too_big.status_code == 413
    finally:
        proc.terminate()
        proc.wait(timeout=20)
