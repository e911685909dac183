"""``warta watch`` as users run it: cycles over a changing feed, kill -9 and restart, --once,
usage errors."""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from tests.watch.conftest import Reply, Site, rss, slow

from warta.cli.main import main
from warta.store import Store


def _watch(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "warta", "watch", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


FAST = ("--stages", "none", "--host-delay", "0", "--timeout", "5")


def test_cycles_over_a_feed_that_grows(site: Site, tmp_path: Path) -> None:
    site.pages(range(1, 5))
    polls = {"n": 0}

    def growing(_h: BaseHTTPRequestHandler) -> Reply:
        polls["n"] += 1
        items = [(f"/b/{n}", f"Berita {n}") for n in range(1, min(polls["n"] + 1, 4) + 1)]
        return 200, {"Content-Type": "application/rss+xml"}, rss(site.base, items).encode()

    site.routes["/feed.xml"] = growing
    db = tmp_path / "w.db"
    url = f"{site.base}/feed.xml"
    result = _watch(url, "--db", str(db), "--cycles", "3", "--interval", "0.3", *FAST)
    assert result.returncode == 0, result.stderr
    lines = [x for x in result.stderr.splitlines() if x.startswith("warta watch: cycle")]
    assert len(lines) == 3, result.stderr
    assert (
        "cycle 1 · polled 1 (0 not modified) · new 2 · updated 0 · duplicates 0 · failed 0"
        in lines[0]
    )
    assert "cycle 2 · polled 1 (0 not modified) · new 1 ·" in lines[1]
    assert "cycle 3 · polled 1 (0 not modified) · new 1 ·" in lines[2]
    assert "next in" in lines[0] and "next in" not in lines[2]
    with Store(db, readonly=True) as store:
        assert store.count() == 4


def test_sources_file_interval_outlet_and_host_pause(site: Site, tmp_path: Path) -> None:
    site.pages(range(1, 4))
    site.feed("/feed.xml", [(f"/b/{n}", f"Berita {n}") for n in range(1, 4)])
    sources = tmp_path / "sources.toml"
    sources.write_text(
        f'[[source]]\nurl = "{site.base}/feed.xml"\noutlet = "Warta Berkas"\ninterval = 0.2\n',
        "utf-8",
    )
    db = tmp_path / "s.db"
    started = time.monotonic()
    # --interval 600 applies to sources without their own: this one is polled every 0.2 s
    result = _watch(str(sources), "--db", str(db), "--cycles", "2", "--interval", "600",
                    "--stages", "none", "--host-delay", "0.3")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 30
    assert "cycle 2 · polled 1 (0 not modified) · new 0" in result.stderr
    with Store(db, readonly=True) as store:
        outlets = {r[0] for r in store.db.execute("SELECT outlet FROM articles")}
        assert outlets == {"Warta Berkas"} and store.count() == 3
    # one host: every two requests at least --host-delay apart (robots.txt included)
    stamps = [t for _path, t in site.times]
    assert len(stamps) >= 6
    assert min(b - a for a, b in itertools.pairwise(stamps)) >= 0.29


def test_kill_9_and_restart_lose_nothing_and_store_nothing_twice(
    site: Site, tmp_path: Path
) -> None:
    total = 40
    site.pages(range(1, total + 1))
    for n in range(1, total + 1):
        site.routes[f"/b/{n}"] = slow(site.routes[f"/b/{n}"], 0.05)
    site.feed("/feed.xml", [(f"/b/{n}", f"Berita {n}") for n in range(1, total + 1)])
    db = tmp_path / "k.db"
    url = f"{site.base}/feed.xml"
    proc = subprocess.Popen(
        [sys.executable, "-m", "warta", "watch", url, "--db", str(db), "--cycles", "1", *FAST],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    stored, deadline = 0, time.monotonic() + 60
    while time.monotonic() < deadline and stored < 8:
        time.sleep(0.1)
        try:
            with Store(db, readonly=True) as store:
                stored = store.count()
        except Exception:
            stored = 0
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 8 <= stored < total
    with Store(db) as store:
        kept = store.count()
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        done = store.db.execute("SELECT count(*) FROM watch_entries WHERE state = 'done'")
        done_before = int(done.fetchone()[0])
        entries = int(store.db.execute("SELECT count(*) FROM watch_entries").fetchone()[0])
    assert entries == total  # every entry of the poll was recorded before any page
    assert kept in (done_before, done_before + 1)  # at most the article in hand is unmarked
    feed_polls = len(site.hits("/feed.xml"))

    # the restart polls nothing (the feed is not due) and finishes the pending entries
    again = _watch(url, "--db", str(db), "--cycles", "1", *FAST)
    assert again.returncode == 0, again.stderr
    assert len(site.hits("/feed.xml")) == feed_polls
    summary = next(x for x in again.stderr.splitlines() if "cycle 1" in x)
    assert f"polled 0 (0 not modified) · new {total - kept} ·" in summary
    assert f"duplicates {kept - done_before} ·" in summary
    with Store(db, readonly=True) as store:
        assert store.count() == total
        urls = [r[0] for r in store.db.execute("SELECT url FROM articles")]
        states = dict(store.db.execute("SELECT state, count(*) FROM watch_entries GROUP BY 1"))
    assert sorted(urls) == sorted(f"{site.base}/b/{n}" for n in range(1, total + 1))
    assert states == {"done": total}


def test_sigterm_stops_a_watch_without_cycles(site: Site, tmp_path: Path) -> None:
    site.pages([1])
    site.feed("/feed.xml", [("/b/1", "Satu")])
    db = tmp_path / "t.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "warta", "watch", f"{site.base}/feed.xml", "--db", str(db), *FAST],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    first = proc.stderr.readline()  # the first cycle's line; then it waits 600 s
    assert "cycle 1 · polled 1 (0 not modified) · new 1" in first
    started = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=10) == 0
    assert time.monotonic() - started < 5
    proc.stderr.close()


def test_once_polls_every_source_now_and_exits(site: Site, tmp_path: Path) -> None:
    site.pages([1])
    site.feed("/feed.xml", [("/b/1", "Satu")])
    db = tmp_path / "o.db"
    url = f"{site.base}/feed.xml"
    first = _watch(url, "--db", str(db), "--once", *FAST)
    assert first.returncode == 0 and "new 1" in first.stderr
    second = _watch(url, "--db", str(db), "--once", *FAST)  # not due, polled anyway
    assert second.returncode == 0 and "polled 1 (0 not modified) · new 0" in second.stderr
    assert len(site.hits("/feed.xml")) == 2 and len(site.hits("/b/1")) == 1


def test_a_failing_source_sets_exit_code_1(site: Site, tmp_path: Path) -> None:
    result = _watch(f"{site.base}/none.xml", "--db", str(tmp_path / "f.db"), "--once", *FAST)
    assert result.returncode == 1
    assert f"warta watch: {site.base}/none.xml: HTTP 404 Not Found [fetch]" in result.stderr
    assert "Traceback" not in result.stderr


def test_usage_errors_exit_2_with_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "sources.toml"
    bad.write_text('[[source]]\nurl = "ftp://x"\n', "utf-8")
    result = _watch(str(bad), "--db", str(tmp_path / "u.db"), "--once")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"warta watch: error: {bad} (source 1): url must be an http(s):// URL, not 'ftp://x'"
    )
    assert main(["watch", "nothing-here", "--db", str(tmp_path / "u.db"), "--once"]) == 2
    rules = tmp_path / "rules.toml"
    rules.write_text('[[rule]]\nname = "x"\nprovince = "Atlantis"\n', "utf-8")
    code = main(["watch", "http://127.0.0.1:9/f", "--db", str(tmp_path / "u.db"),
                 "--alerts", str(rules), "--once"])  # fmt: skip
    assert code == 2
