"""Long fuzz run of the whole pipeline: the generators of tests/test_fuzz.py, many examples.

Counts articles tried, records made, inputs refused (by reason), crashes (a stage raised)
and invalid spans, and writes bench/results/fuzz-<date>.json. A failing example is kept
(its route and first bytes) and the run goes on.

    python bench/bench_fuzz.py --examples 3000 --seconds 1500
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the tests' generators

from hypothesis import HealthCheck, given, settings
from tests.test_fuzz import check_record, documents, raw_input

from machine import machine_info, write_result
from warta.errors import InputError, StageError, WorkerDiedError
from warta.ingest import RawDocument
from warta.pipeline import Pipeline
from warta.run.local import process_one


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=3000)
    parser.add_argument("--seconds", type=float, default=1500.0, help="stop after this long")
    args = parser.parse_args()
    pipeline = Pipeline()
    counts: collections.Counter[str] = collections.Counter()
    refused: collections.Counter[str] = collections.Counter()
    failures: list[dict[str, Any]] = []
    started = time.perf_counter()
    slowest = 0.0

    @settings(
        max_examples=args.examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(raw_input())
    def run(sample: tuple[str, bytes]) -> None:
        nonlocal slowest
        if time.perf_counter() - started > args.seconds:
            return
        route, data = sample
        counts["tried"] += 1
        counts[f"route:{route}"] += 1
        for doc in documents(route, data):
            if not isinstance(doc, RawDocument):
                refused[doc.reason] += 1
                continue
            begin = time.perf_counter()
            result = process_one(pipeline, doc)
            slowest = max(slowest, time.perf_counter() - begin)
            if isinstance(result, StageError | WorkerDiedError):
                counts["crashes"] += 1
            elif isinstance(result, InputError):
                refused[result.reason] += 1
            else:
                counts["records"] += 1
                counts["spans"] += sum(
                    len(getattr(result, f)) for f in ("entities", "times", "quotes", "places")
                )
            try:
                check_record(doc, result)
            except AssertionError as exc:
                counts["failed checks"] += 1
                failures.append(
                    {
                        "route": route,
                        "head": data[:300].decode("utf-8", "replace"),
                        "error": str(exc)[:500],
                    }
                )

    run()
    seconds = time.perf_counter() - started
    result = {
        "machine": machine_info(),
        "examples_requested": args.examples,
        "seconds": round(seconds, 1),
        "counts": dict(counts),
        "refused_by_reason": dict(refused),
        "slowest_article_s": round(slowest, 3),
        "failures": failures[:50],
    }
    out = write_result("fuzz", result, ensure_ascii=False)
    print(json.dumps({k: v for k, v in result.items() if k != "failures"}, indent=1))
    print(f"{len(failures)} failing examples; written to {out}")
    return 1 if failures or counts["crashes"] else 0


if __name__ == "__main__":
    sys.exit(main())
