"""Articles per second and peak memory of ``warta extract`` on one core.

Runs the real command in a child process pinned to one CPU (``taskset -c 0``
where available), on ../shared/data/news/id-news-282.jsonl and on a generated
10,000-article corpus, once with cleaning and metadata only (``--stages none``)
and once with every stage. Writes bench/results/extract-<date>.json.

    python bench/bench_extract.py [--count 10000] [--stages-only none]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus
from machine import machine_info, write_result
from warta.paths import shared_data


def run_extract(inputs: Path, stages: str | None, out: Path) -> dict[str, float]:
    cmd = [sys.executable, "-m", "warta", "extract", str(inputs), "-o", str(out), "-q"]
    if stages is not None:
        cmd += ["--stages", stages]
    if shutil.which("taskset"):
        cmd = ["taskset", "-c", "0", *cmd]
    # A fresh wrapper process per run, so that its children's peak RSS is this run's alone.
    wrapper = [sys.executable, "-c", _PEAK, *cmd]
    started = time.perf_counter()
    done = subprocess.run(wrapper, check=True, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    articles = sum(1 for _ in out.open(encoding="utf-8"))
    return {
        "articles": articles,
        "seconds": round(seconds, 2),
        "articles_per_s": round(articles / seconds, 1),
        "peak_rss_mb": round(int(done.stdout.split()[-1]) / 1024, 1),
    }


_PEAK = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--stages", nargs="*", default=["none", "all"])
    args = parser.parse_args()
    results: dict[str, object] = {
        "machine": machine_info(),
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        corpora = {f"synthetic-{args.count}": write_corpus(tmp / "synthetic.jsonl", args.count)}
        shared = shared_data()
        if shared is not None:
            corpora["id-news-282"] = shared / "news" / "id-news-282.jsonl"
        runs = []
        for name, path in corpora.items():
            for stages in args.stages:
                figures = run_extract(path, None if stages == "all" else stages, tmp / "out.jsonl")
                row = {"corpus": name, "stages": stages, **figures}
                runs.append(row)
                print(json.dumps(row))
        results["runs"] = runs
    out = write_result("extract", results)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
