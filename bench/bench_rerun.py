"""Seconds of a first ``warta ingest`` and of re-runs over the same input (issue 19).

A re-run finds every document known (same id or raw hash, same stages) and skips the
pipeline; before, it reprocessed everything to find each record unchanged. Runs the
real command on ../shared/data/news/id-news-282.jsonl (or a generated corpus) into a
fresh database, then twice more. Writes bench/results/rerun-<date>.json.

    python bench/bench_rerun.py [--stages none] [--count 2000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus
from machine import machine_info, write_result
from warta.paths import shared_data


def ingest(inputs: Path, db: Path, stages: str | None) -> dict[str, object]:
    cmd = [sys.executable, "-m", "warta", "ingest", str(inputs), "--db", str(db), "--no-progress"]
    if stages is not None:
        cmd += ["--stages", stages]
    started = time.perf_counter()
    done = subprocess.run(cmd, check=True, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    summary = done.stderr.strip().splitlines()[-1]
    return {"seconds": round(seconds, 2), "summary": summary}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stages", default=None, help="default: every stage")
    parser.add_argument("--count", type=int, default=0, help="a generated corpus of this size")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        shared = shared_data()
        if args.count or shared is None:
            corpus, name = write_corpus(tmp / "c.jsonl", args.count or 2000), "synthetic"
        else:
            corpus, name = shared / "news" / "id-news-282.jsonl", "id-news-282"
        runs = []
        for label in ("first", "rerun", "rerun"):
            row = {"run": label, **ingest(corpus, tmp / "w.db", args.stages)}
            runs.append(row)
            print(json.dumps(row))
    results = {
        "machine": machine_info(),
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "corpus": name,
        "stages": args.stages or "all",
        "runs": runs,
    }
    out = write_result("rerun", results)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
