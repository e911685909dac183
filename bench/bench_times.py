"""Time-expression speed: warta's ``find_times`` against ``dateparser.search.search_dates``.

Both run in this process on the same articles (../shared/data news and PFSA-ID texts), one
article at a time, after a warm-up call each (so loading tables and dateparser's language data
is not counted). Reports milliseconds per article, characters per second and the ratio.
Writes bench/results/times-<date>.json.

    python bench/bench_times.py [--articles 120] [--repeat 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import machine_info, write_result
from warta.paths import shared_data
from warta.times import find_times


def load_texts(limit: int) -> list[str]:
    root = shared_data(required=True)
    assert root is not None
    texts: list[str] = []
    for name in ("news/id-news-282.jsonl", "quotes/pfsa-id/dev-40.articles.jsonl"):
        rows = [json.loads(line) for line in (root / name).open(encoding="utf-8")]
        texts += [r["text"] for r in rows[: limit // 2]]
    return texts


def per_article(fn: Callable[[str], object], texts: list[str], repeat: int) -> list[float]:
    fn(texts[0])  # warm-up: compile rules, load language data
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        for text in texts:
            fn(text)
        runs.append((time.perf_counter() - started) / len(texts))
    return runs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=120, help="half news, half PFSA-ID")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from dateparser.search import search_dates

    texts = load_texts(args.articles)
    chars = sum(map(len, texts)) / len(texts)
    base = dt.datetime(2022, 3, 1)
    ours = per_article(lambda t: find_times(t, published=base.date()), texts, args.repeat)
    theirs = per_article(
        lambda t: search_dates(t, languages=["id", "en"], settings={"RELATIVE_BASE": base}),
        texts,
        max(1, args.repeat // 3),
    )
    best_ours, best_theirs = min(ours), min(theirs)
    result = {
        "machine": machine_info(),
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "articles": len(texts),
        "mean_chars": round(chars),
        "warta_ms_per_article": round(1000 * best_ours, 2),
        "warta_ms_runs": [round(1000 * r, 2) for r in ours],
        "warta_chars_per_s": round(chars / best_ours),
        "dateparser_ms_per_article": round(1000 * best_theirs, 2),
        "dateparser_ms_runs": [round(1000 * r, 2) for r in theirs],
        "speedup": round(best_theirs / best_ours, 1),
        "speedup_median": round(statistics.median(theirs) / statistics.median(ours), 1),
    }
    print(json.dumps(result, indent=1))
    write_result("times", result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
