"""Speed of the events stage on one core: milliseconds per article, the stage alone.

Runs in a child process pinned to one CPU (``taskset -c 0`` where available) with one BLAS
thread. Articles: the 260 texts of ../shared/data/news/id-news-282.jsonl and the first
``--pfsa`` PFSA-ID articles (longer, ~4,900 characters). The earlier stages (nlp, times,
places) run first and are not timed, as in a pipeline where the Doc, times and places are
already there; then the events stage runs ``--repeat`` times over all articles and the best
pass counts. Times are CPU time of the process (``time.process_time``), since on a shared
machine wall time also counts waiting for the core; the best wall time is reported beside
them. Writes bench/results/events-<date>.json.

    python bench/bench_events.py [--repeat 3] [--pfsa 60]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import machine_info
from warta.paths import shared_data

RESULTS = Path(__file__).resolve().parent / "results"


def _texts(pfsa: int) -> list[str]:
    data = shared_data(required=True)
    assert data is not None
    news = (data / "news" / "id-news-282.jsonl").read_text(encoding="utf-8").splitlines()
    texts = [json.loads(line)["text"] for line in news if line.strip()]
    path = data / "quotes" / "pfsa-id" / "dev-40.articles.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()[:pfsa]
    return texts + [json.loads(line)["text"] for line in lines if line.strip()]


def child(repeat: int, pfsa: int) -> dict[str, object]:
    from warta.pipeline import PipelineConfig, available_stages, load_stage
    from warta.record import Article

    config = PipelineConfig()
    t0 = time.perf_counter()
    events = load_stage("events", config)
    load_s = time.perf_counter() - t0
    before = [load_stage(n, config) for n in available_stages() if n in ("nlp", "times", "places")]
    articles = []
    for n, text in enumerate(_texts(pfsa)):
        article = Article(id=str(n), text=text, lang="id")
        for stage in before:
            stage(article)
        articles.append(article)
    for article in articles[:20]:
        events(article)  # warm up (first calls import the places lookup, fill caches)
    best = best_wall = float("inf")
    per_article: list[float] = []
    count = 0
    for _ in range(repeat):
        times = []
        wall = time.perf_counter()
        for article in articles:
            # CPU time of this process: on a shared machine wall time also counts the waits
            t = time.process_time()
            events(article)
            times.append(time.process_time() - t)
        best_wall = min(best_wall, time.perf_counter() - wall)
        count = sum(len(a.events) for a in articles)
        if sum(times) < best:
            best, per_article = sum(times), times
    per_article.sort()
    chars = sum(len(a.text) for a in articles)
    return {
        "load_s": round(load_s, 3),
        "articles": len(articles),
        "characters": chars,
        "events": count,
        "stages_before": [n for n in available_stages() if n in ("nlp", "times", "places")],
        "ms_per_article": round(1000 * best / len(articles), 3),
        "wall_ms_per_article": round(1000 * best_wall / len(articles), 3),
        "ms_p95": round(1000 * per_article[int(0.95 * (len(per_article) - 1))], 3),
        "ms_max": round(1000 * per_article[-1], 3),
        "chars_per_s": round(chars / best),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pfsa", type=int, default=60, help="PFSA-ID articles to add")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.repeat, args.pfsa)))
        return 0
    cmd = [sys.executable, __file__, "--child", "--repeat", str(args.repeat)]
    cmd += ["--pfsa", str(args.pfsa)]
    if shutil.which("taskset"):
        cmd = ["taskset", "-c", "0", *cmd]
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    done = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env)
    result = {
        "bench": "events",
        "date": dt.date.today().isoformat(),
        "machine": machine_info(),
        **json.loads(done.stdout.strip().splitlines()[-1]),
    }
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"events-{result['date']}.json"
    path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
