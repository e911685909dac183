"""Articles per second: ``warta spark --master local[2]`` against ``warta ingest --jobs 2``.

Both read the same generated folder (JSONL files and WARC crawls from
``tests/spark/corpus.py``, with a bad line per JSONL file) and run the same
stages; each runs as its own ``warta`` process and is timed from start to exit
(Spark's session start and both systems' model loading included). Spark's own
summary (the job without session start-up) is recorded too, and so is ``warta load``
of the Spark output into a fresh database. Writes bench/results/spark-<date>.json.

    nice -n 10 python bench/bench_spark.py --articles 10000 [--masters local[2]] [--jobs 2]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from tests.spark.corpus import build_corpus  # noqa: E402

from machine import machine_info  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"
_SUMMARY = re.compile(r"processed (\d+).*?([\d.]+) articles/s \(([\d.]+) s\)")


def _warta(args: list[str]) -> tuple[float, str, int]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "warta.cli.main", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    seconds = time.perf_counter() - started
    lines = [line for line in done.stderr.splitlines() if line.startswith("warta:")]
    return seconds, "\n".join(lines[-3:]), done.returncode


def _summary(text: str) -> dict[str, float]:
    found = _SUMMARY.search(text)
    if not found:
        return {}
    return {"processed": int(found[1]), "rate": float(found[2]), "seconds": float(found[3])}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10000, help="good articles (default 10000)")
    parser.add_argument("--masters", default="local[2]", help="comma-separated Spark masters")
    parser.add_argument("--jobs", type=int, default=2, help="warta ingest --jobs (default 2)")
    parser.add_argument("--stages", default=None, help="stages for both (default: all)")
    parser.add_argument("--skip-ingest", action="store_true", help="time Spark only")
    parser.add_argument("--skip-load", action="store_true", help="do not time warta load")
    parser.add_argument("--tag", default="", help="suffix of the results file name")
    parser.add_argument("--workdir", type=Path, default=None, help="keep inputs/outputs here")
    args = parser.parse_args(argv)

    work = args.workdir or Path(tempfile.mkdtemp(prefix="warta-bench-spark-"))
    work.mkdir(parents=True, exist_ok=True)
    inputs = work / "input"
    shutil.rmtree(inputs, ignore_errors=True)
    warc_articles = args.articles // 10
    per_jsonl = 500
    jsonl_files = max(1, (args.articles - warc_articles) // per_jsonl)
    good = build_corpus(
        inputs,
        jsonl_files=jsonl_files,
        per_jsonl=per_jsonl,
        warc_files=4,
        per_warc=warc_articles // 4,
        bad_lines=1,
    )
    stage_args = ["--stages", args.stages] if args.stages else []
    runs: list[dict[str, Any]] = []
    info = machine_info()
    if not args.skip_ingest:
        db = work / "ingest.db"
        db.unlink(missing_ok=True)
        load = os.getloadavg()[0]
        seconds, text, code = _warta(
            ["ingest", str(inputs), "--db", str(db), "--jobs", str(args.jobs), *stage_args]
        )
        runs.append(
            {"system": f"warta ingest --jobs {args.jobs}", "seconds": round(seconds, 1),
             "articles_per_s": round(good / seconds, 1), "exit": code, "summary": text,
             "load_average_before": round(load, 2)}
        )  # fmt: skip
        print(json.dumps(runs[-1]), flush=True)
    for master in filter(None, args.masters.split(",")):
        out = work / f"spark-{master.replace('[', '').replace(']', '')}"
        shutil.rmtree(out, ignore_errors=True)
        load = os.getloadavg()[0]
        seconds, text, code = _warta(
            ["spark", str(inputs), "-o", str(out), "--master", master, "--mode", "overwrite",
             "--conf", "spark.ui.enabled=false", *stage_args]
        )  # fmt: skip
        job = _summary(text)
        runs.append(
            {"system": f"warta spark --master {master}", "seconds": round(seconds, 1),
             "articles_per_s": round(good / seconds, 1), "exit": code, "summary": text,
             "job_seconds": job.get("seconds"), "job_articles_per_s": job.get("rate"),
             "load_average_before": round(load, 2)}
        )  # fmt: skip
        print(json.dumps(runs[-1]), flush=True)
    if (
        not args.skip_load and runs and runs[-1]["system"].startswith("warta spark")
    ):  # then `out` is its output
        db = work / "loaded.db"
        db.unlink(missing_ok=True)
        seconds, text, code = _warta(["load", str(out), "--db", str(db)])
        runs.append({"system": "warta load", "seconds": round(seconds, 1), "summary": text,
                     "exit": code})  # fmt: skip
        print(json.dumps(runs[-1]), flush=True)
    result = {
        "machine": info,
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "corpus": {"good_articles": good, "jsonl_files": jsonl_files, "warc_files": 4,
                   "bad_lines": jsonl_files * 2, "generator": "tests/spark/corpus.py"},
        "stages": args.stages or "all available",
        "runs": runs,
    }  # fmt: skip
    RESULTS.mkdir(exist_ok=True)
    tag = f"-{args.tag}" if args.tag else ""
    path = RESULTS / f"spark-{dt.date.today().isoformat()}{tag}.json"
    path.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path}")
    if not args.workdir:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
