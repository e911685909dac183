"""Speed of the places stage on one core: gazetteer load time and size, ms per article.

Runs in a child process pinned to one CPU (``taskset -c 0`` where available) on the texts
of ../shared/data/news/id-news-282.jsonl and the PFSA-ID articles. The Docs are built
first with the shipped ``nlp`` pipeline (as the ``nlp`` stage does before ``places``), so
the time is the places stage's own: matching, resolution, streets and buildings. Writes
bench/results/places-<date>.json.

    python bench/bench_places.py [--repeat 3]
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
    from warta.places.gazetteer import GAZETTEER_PATH, load_villages, read_gazetteer

    t0 = time.perf_counter()
    gaz = read_gazetteer(GAZETTEER_PATH)
    load_s = time.perf_counter() - t0
    # the stage reads the village index and the id table when it is made, not per article
    t0 = time.perf_counter()
    villages = load_villages()
    _ = gaz.by_id
    villages_s = time.perf_counter() - t0

    from warta.nlp import load_pipeline
    from warta.places.component import places_of
    from warta.record import Article

    nlp = load_pipeline()
    out: dict[str, object] = {
        "gazetteer_load_s": round(load_s, 3),
        "gazetteer_mb": round(GAZETTEER_PATH.stat().st_size / 1e6, 2),
        "gazetteer_places": len(gaz),
        "gazetteer_names": len(gaz.names),
        "villages_load_s": round(villages_s, 3),
        "village_names": len(villages),
    }
    for name, texts in shared_texts().items():
        docs = list(nlp.pipe(texts, batch_size=64))
        articles = [Article(id=str(i), text=t) for i, t in enumerate(texts)]
        best = float("inf")
        found = 0
        for _ in range(repeat):
            t0 = time.perf_counter()
            found = sum(len(places_of(a, d, gaz)) for a, d in zip(articles, docs, strict=True))
            best = min(best, time.perf_counter() - t0)
        chars = sum(len(t) for t in texts)
        out[name] = {
            "articles": len(texts),
            "mean_chars": round(chars / len(texts)),
            "places_found": found,
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
    run_pinned_and_record(__file__, "places", ["--repeat", str(args.repeat)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
