"""Speed of the quotes stage on one core: table load time, ms per article.

Runs in a child process pinned to one CPU (``taskset -c 0`` where available) on the texts
of ../shared/data/news/id-news-282.jsonl and the PFSA-ID articles. The Docs are built
first with the shipped ``nlp`` pipeline (as the ``nlp`` stage does before ``quotes``), so
the time is the quotes stage's own: quotation marks, cues, speaker mentions and their
resolution. Writes bench/results/quotes-<date>.json.

    python bench/bench_quotes.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import shared_texts
from machine import run_pinned_and_record


def child(repeat: int) -> dict[str, object]:
    from warta.pipeline import PipelineConfig
    from warta.quotes.component import make_stage

    t0 = time.perf_counter()
    stage = make_stage(PipelineConfig())
    from warta.quotes.component import _canonical
    from warta.quotes.lexicon import _cities

    _cities()
    _canonical()
    load_s = time.perf_counter() - t0

    from warta.nlp import load_pipeline
    from warta.record import Article

    nlp = load_pipeline()
    out: dict[str, object] = {"tables_load_s": round(load_s, 3)}
    for name, texts in shared_texts().items():
        docs = list(nlp.pipe(texts, batch_size=64))
        best = float("inf")
        found: dict[str, int] = {}
        for _ in range(repeat):
            articles = [Article(id=str(i), text=t) for i, t in enumerate(texts)]
            for a, d in zip(articles, docs, strict=True):
                a.state["doc"] = d
            t0 = time.perf_counter()
            for a in articles:
                stage(a)
            best = min(best, time.perf_counter() - t0)
            found = {}
            for a in articles:
                for q in a.quotes:
                    found[q.kind] = found.get(q.kind, 0) + 1
        chars = sum(len(t) for t in texts)
        out[name] = {
            "articles": len(texts),
            "mean_chars": round(chars / len(texts)),
            "quotes_found": dict(sorted(found.items())),
            "ms_per_article": round(1000 * best / len(texts), 3),
            "ms_per_1000_chars": round(1000 * best / (chars / 1000), 3),
        }
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.repeat)))
        return 0
    run_pinned_and_record(__file__, "quotes", ["--repeat", str(args.repeat)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
