"""Load benchmark for ``warta serve``: p50/p99 latency of search and event queries.

Builds (or reuses) a database of generated annotated articles
(``warta.serve.synthetic``, 10,000 by default), starts the real server with
uvicorn on 127.0.0.1, and sends a bounded number of requests (and stops at a time
limit) from a few client threads. Writes a JSON result with machine information
to bench/results/serve.json and prints a table.

    python bench/bench_serve.py --articles 10000 --requests 2000 --concurrency 4
    python bench/bench_serve.py --requests 1000000 --seconds 30 --concurrency 32  # 30 s of load
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import socket
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from warta.serve import ServeConfig, create_app
from warta.serve.synthetic import synthetic_articles
from warta.store import Store

ROOT = Path(__file__).resolve().parent
WORDS = "banjir polisi mahasiswa harga beras pelabuhan nelayan listrik vaksin kereta".split()
TYPES = ["PROTEST", "COERCE", "CONSULT", "DEMAND", "ASSAULT", "AID"]


def build_db(path: Path, count: int) -> float:
    started = time.perf_counter()
    with Store(path) as store:
        for article in synthetic_articles(count, seed=11):
            store.upsert(article)
    return time.perf_counter() - started


def queries(rng: random.Random) -> list[tuple[str, str, dict[str, Any]]]:
    """(kind, path, params) of one round of requests, as the web app sends them."""
    month = rng.randint(1, 12)
    return [
        ("search", "/api/search", {"q": rng.choice(WORDS), "limit": 20}),
        ("search", "/api/search", {"q": " ".join(rng.sample(WORDS, 2)), "limit": 20}),
        (
            "search_filtered",
            "/api/search",
            {"q": rng.choice(WORDS), "outlet": "kompas.com", "from": "2024-03-01", "limit": 20},
        ),
        ("events", "/api/events", {"type": rng.choice(TYPES), "limit": 50}),
        (
            "events",
            "/api/events",
            {
                "actor_country": "IDN",
                "recipient_sector": "GOV",
                "from": f"2024-{month:02d}-01",
                "limit": 50,
                "offset": rng.choice([0, 50, 100]),
            },
        ),
        ("events_article", "/api/events", {"fused": "false", "place": "Medan", "limit": 50}),
        ("timeline", "/api/timeline", {"bucket": "month"}),
        ("map", "/api/map", {"type": rng.choice(TYPES)}),
        ("network", "/api/network", {}),
    ]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--db", type=Path, default=ROOT / "results" / "tmp" / "serve-bench.db")
    parser.add_argument("--requests", type=int, default=2000, help="at most this many requests")
    parser.add_argument("--seconds", type=float, default=120.0, help="and at most this long")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--out", type=Path, default=ROOT / "results" / "serve.json")
    args = parser.parse_args(argv)

    build_seconds = None
    if args.db.exists():
        with Store(args.db, readonly=True) as store:
            have = store.count()
        if have != args.articles:
            args.db.unlink()
    if not args.db.exists():
        args.db.parent.mkdir(parents=True, exist_ok=True)
        build_seconds = build_db(args.db, args.articles)
        print(f"built {args.db} with {args.articles} articles in {build_seconds:.1f} s")

    app = create_app(ServeConfig(db=args.db))
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)

    base = f"http://127.0.0.1:{port}"
    rng = random.Random(5)
    plan: list[tuple[str, str, dict[str, Any]]] = []
    while len(plan) < args.requests:
        plan.extend(queries(rng))
    plan = plan[: args.requests]
    timings: dict[str, list[float]] = {}
    errors = 0
    lock = threading.Lock()
    deadline = time.monotonic() + args.seconds
    finished = [0.0]  # when the last request ended: skipping the rest of a long plan is no load
    local = threading.local()

    def one(item: tuple[str, str, dict[str, Any]]) -> None:
        nonlocal errors
        if time.monotonic() > deadline:
            return
        client = getattr(local, "client", None)
        if client is None:
            client = local.client = httpx.Client(base_url=base, timeout=30)
        kind, path, params = item
        started = time.perf_counter()
        try:
            status = client.get(path, params=params).status_code
        except httpx.HTTPError:  # a refused or dropped connection is an error, not a crash
            status = 0
        elapsed = (time.perf_counter() - started) * 1000
        with lock:
            finished[0] = max(finished[0], time.perf_counter())
            if status != 200:
                errors += 1
            timings.setdefault(kind, []).append(elapsed)

    with httpx.Client(base_url=base) as warm:  # first requests open connections and caches
        for _kind, path, params in queries(random.Random(1)):
            warm.get(path, params=params)
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
        list(pool.map(one, plan))
    wall = min(time.perf_counter(), finished[0] or time.perf_counter()) - started
    server.should_exit = True
    thread.join(timeout=10)

    rows = {}
    for kind, values in sorted(timings.items()):
        rows[kind] = {
            "n": len(values),
            "p50_ms": round(statistics.median(values), 2),
            "p99_ms": round(percentile(values, 0.99), 2),
            "max_ms": round(max(values), 2),
        }
    groups = {
        "search (all)": [v for k, vs in timings.items() if k.startswith("search") for v in vs],
        "events (all)": [v for k, vs in timings.items() if k.startswith("events") for v in vs],
    }
    for name, values in groups.items():
        if values:
            rows[name] = {
                "n": len(values),
                "p50_ms": round(statistics.median(values), 2),
                "p99_ms": round(percentile(values, 0.99), 2),
                "max_ms": round(max(values), 2),
            }
    done = sum(len(v) for v in timings.values())
    result = {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "articles": args.articles,
        "db_build_seconds": build_seconds,
        "requests": done,
        "errors": errors,
        "concurrency": args.concurrency,
        "wall_seconds": round(wall, 2),
        "requests_per_second": round(done / wall, 1) if wall else None,
        "latency": rows,
        "machine": {
            "python": sys.version.split()[0],
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "load_average": os.getloadavg(),
        },
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2), "utf-8")
    print(
        f"{done} requests in {wall:.1f} s ({result['requests_per_second']}/s), "
        f"{errors} errors, concurrency {args.concurrency}"
    )
    print(f"{'query':<18}{'n':>6}{'p50 ms':>10}{'p99 ms':>10}{'max ms':>10}")
    for kind, row in rows.items():
        print(f"{kind:<18}{row['n']:>6}{row['p50_ms']:>10}{row['p99_ms']:>10}{row['max_ms']:>10}")
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
