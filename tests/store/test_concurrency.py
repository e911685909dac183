"""Two writers on one database: no "database is locked", no duplicate, no failed migration."""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

from warta.record import Article
from warta.store import Store
from warta.store.sqlite import migrations


def _open_at_once(path: str, barrier: object, errors: object) -> None:
    barrier.wait()  # type: ignore[attr-defined]
    try:
        Store(path).close()
    except Exception as exc:  # reported to the parent, which asserts there are none
        errors.put(f"{type(exc).__name__}: {exc}")  # type: ignore[attr-defined]


def test_processes_opening_a_new_database_at_once_all_migrate_it(tmp_path: Path) -> None:
    context = mp.get_context("fork")
    # six rounds: the race on switching a new file to WAL lost about one round in two
    for attempt in range(6):
        path = str(tmp_path / f"new{attempt}.db")
        barrier, errors = context.Barrier(4), context.Queue()
        workers = [context.Process(target=_open_at_once, args=(path, barrier, errors))
                   for _ in range(4)]  # fmt: skip
        for w in workers:
            w.start()
        for w in workers:
            w.join(60)
        found = [errors.get() for _ in range(errors.qsize())] if not errors.empty() else []
        assert found == [] and all(w.exitcode == 0 for w in workers)
        with Store(path, readonly=True) as store:
            assert store.version() == migrations()[-1][0]


def _upsert_same_ids(path: str, barrier: object, errors: object, variant: int) -> None:
    store = Store(path)
    barrier.wait()  # type: ignore[attr-defined]
    try:
        for n in range(60):
            text = (
                f"Warga desa ke-{n} menggelar rapat di balai desa. Versi {variant if n % 2 else 0}."
            )
            store.upsert(Article(id=f"a{n}", text=text))
    except Exception as exc:
        errors.put(f"{type(exc).__name__}: {exc}")  # type: ignore[attr-defined]
    finally:
        store.close()


def test_two_writers_upserting_the_same_ids(tmp_path: Path) -> None:
    path = str(tmp_path / "w.db")
    Store(path).close()
    context = mp.get_context("fork")
    barrier, errors = context.Barrier(2), context.Queue()
    workers = [context.Process(target=_upsert_same_ids, args=(path, barrier, errors, v))
               for v in (1, 2)]  # fmt: skip
    for w in workers:
        w.start()
    for w in workers:
        w.join(90)
    assert errors.empty(), errors.get()
    assert all(w.exitcode == 0 for w in workers)
    db = sqlite3.connect(path)
    assert db.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone() == (60, 60)
    assert db.execute("SELECT count(*) FROM articles_fts").fetchone() == (60,)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_two_ingest_commands_on_one_new_database(tmp_path: Path) -> None:
    rows = [
        json.dumps({"id": f"a{n}", "text": f"Warga desa ke-{n} menggelar rapat di balai desa."})
        for n in range(150)
    ]
    first, second = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    first.write_text("\n".join(rows[:100]) + "\n", encoding="utf-8")
    second.write_text("\n".join(rows[50:]) + "\n", encoding="utf-8")  # 50 ids in common
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    for attempt in range(2):
        db = tmp_path / f"w{attempt}.db"
        runs = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "warta",
                    "ingest",
                    str(src),
                    "--db",
                    str(db),
                    "--stages",
                    "none",
                    "--quarantine",
                    str(tmp_path / f"q{attempt}{k}.jsonl"),
                ],
                stderr=subprocess.PIPE,
                text=True,
                env=env,
                cwd=tmp_path,
            )
            for k, src in enumerate((first, second))
        ]
        results = [(r.wait(120), r.stderr.read() if r.stderr else "") for r in runs]
        for code, stderr in results:
            assert code == 0, stderr
            assert "locked" not in stderr and "Traceback" not in stderr
        with Store(db, readonly=True) as store:
            assert store.count() == 150
            assert {r["id"] for r in store.rows("articles")} == {f"a{n}" for n in range(150)}


def test_readers_keep_answering_while_a_writer_works(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    with Store(path) as store:
        store.upsert(Article(id="seed", text="Rapat warga desa di balai desa."))
    stop = threading.Event()
    failures: list[str] = []
    reads = 0

    def read() -> None:
        nonlocal reads
        with Store(path, readonly=True) as reader:
            while not stop.is_set():
                try:
                    reader.count()
                    reads += 1
                except sqlite3.Error as exc:
                    failures.append(str(exc))

    thread = threading.Thread(target=read)
    thread.start()
    try:
        with Store(path) as store:
            for n in range(150):
                store.upsert(Article(id=f"a{n}", text=f"Rapat warga desa ke-{n} di balai desa."))
    finally:
        stop.set()
        thread.join(30)
    assert failures == [] and reads > 0


def test_ingest_command_and_serve_ingest_on_one_database(tmp_path: Path) -> None:
    import httpx

    from tests.serve.conftest import start_server, stop_server
    from warta.serve import ServeConfig, create_app

    db = tmp_path / "shared.db"
    Store(db).close()
    rows = [
        {"id": f"a{n}", "text": f"Warga desa ke-{n} menggelar rapat di balai desa."}
        for n in range(120)
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows[:80]), encoding="utf-8")
    live = start_server(create_app(ServeConfig(db=db, token="tok", ingest_stages=())))
    statuses: list[int] = []
    try:
        command = subprocess.Popen(
            [sys.executable, "-m", "warta", "ingest", str(source), "--db", str(db),
             "--stages", "none"],
            stderr=subprocess.PIPE, text=True, cwd=tmp_path,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        )  # fmt: skip

        def post(batch: list[dict[str, str]]) -> None:
            with httpx.Client(base_url=live.url, timeout=60) as client:
                for row in batch:
                    response = client.post(
                        "/api/ingest", json=row, headers={"Authorization": "Bearer tok"}
                    )
                    statuses.append(response.status_code)

        threads = [threading.Thread(target=post, args=(rows[40 + k :: 4],)) for k in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        code = command.wait(120)
        stderr = command.stderr.read() if command.stderr else ""
    finally:
        stop_server(live)
    assert code == 0, stderr
    assert "locked" not in stderr and "Traceback" not in stderr
    assert statuses == [200] * 80  # ids a40..a119, half of them also in the file
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone() == (
        120,
        120,
    )
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
