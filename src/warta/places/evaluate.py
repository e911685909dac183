"""``warta eval places``: score the places stage on the annotated dev set.

Gold (``tests/data/places-dev.jsonl``) is one place mention a line: the article
(``source`` news | pfsa | seed, and ``article`` id in ``../shared/data``), the
character span, the resolved gazetteer id (``null`` when the place is not in the
gazetteer) and the coordinates. Articles are read from ``../shared/data`` and run
through the ``nlp`` and ``places`` stages as they are, without cleaning, so that
the offsets are those of the shared text.

A gold mention counts as found when a system place overlaps it. Figures, over all
gold mentions (a missed mention counts as wrong):

* exact: the system's id equals the gold id;
* within 161 km: the system's point is at most 161 km (100 miles) from the gold point;
* country: the system's country equals the gold country;

and the same over found mentions only (resolution given detection), plus
detection precision, recall and F1 (a system place is right when it overlaps a
gold mention).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from warta.errors import EvalError
from warta.evaluation import add_options, gate, gold_path, write_json
from warta.evaluation import below_floors as shared_below_floors
from warta.paths import shared_data
from warta.record import Article, Place

DEFAULT_GOLD = gold_path("places-dev.jsonl")
RADIUS_KM = 161.0


@dataclass(frozen=True, slots=True)
class Gold:
    source: str
    article: str
    start: int
    end: int
    text: str
    id: int | str | None
    lat: float
    lon: float
    country: str | None


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def read_gold(path: Path) -> list[Gold]:
    if not path.is_file():
        raise EvalError(f"gold file not found: {path}")
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
            out.append(
                Gold(
                    d["source"],
                    d["article"],
                    int(d["start"]),
                    int(d["end"]),
                    d["text"],
                    d.get("id"),
                    float(d["lat"]),
                    float(d["lon"]),
                    d.get("country") or None,
                )
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise EvalError(f"{path}: line {n}: {exc}") from None
    return out


def read_texts(root: Path, wanted: set[tuple[str, str]]) -> dict[tuple[str, str], str]:
    texts: dict[tuple[str, str], str] = {}
    files = {
        "news": root / "news" / "id-news-282.jsonl",
        "pfsa": root / "quotes" / "pfsa-id" / "dev-40.articles.jsonl",
    }
    for source, path in files.items():
        if not any(s == source for s, _ in wanted):
            continue
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                d = json.loads(line)
                if (source, d["id"]) in wanted:
                    texts[(source, d["id"])] = d["text"]
    for source, aid in wanted:
        if source == "seed":
            texts[(source, aid)] = (root / "seed" / f"{aid}.txt").read_text(encoding="utf-8")
    missing = wanted - texts.keys()
    if missing:
        raise EvalError(f"articles of the gold not found in {root}: {sorted(missing)[:5]}")
    return texts


def score(gold: list[Gold], system: dict[tuple[str, str], list[Place]]) -> dict[str, Any]:
    n = len(gold)
    found = exact = near = country = 0
    errors = []
    for g in gold:
        cands = [
            p for p in system.get((g.source, g.article), []) if p.start < g.end and g.start < p.end
        ]
        if not cands:
            errors.append(
                {"gold": g.text, "article": g.article, "start": g.start, "error": "missed"}
            )
            continue
        # the largest overlap, then the tightest span (a place inside a building's name)
        p = max(cands, key=lambda p: (min(p.end, g.end) - max(p.start, g.start), p.start - p.end))
        found += 1
        ok_exact = g.id is not None and p.geonameid == g.id
        dist = km(p.lat, p.lon, g.lat, g.lon) if p.lat is not None and p.lon is not None else 1e9
        exact += ok_exact
        near += dist <= RADIUS_KM
        country += (p.country or None) == g.country
        if dist > RADIUS_KM:
            errors.append(
                {
                    "gold": g.text,
                    "article": g.article,
                    "start": g.start,
                    "error": f"{p.name} ({p.geonameid}, {p.country}) {dist:.0f} km",
                }
            )
    predicted = [p for key, ps in system.items() for p in ps]
    right = sum(
        1
        for (source, aid), ps in system.items()
        for p in ps
        if any(
            g.source == source and g.article == aid and p.start < g.end and g.start < p.end
            for g in gold
        )
    )
    precision = right / len(predicted) if predicted else 0.0
    recall = found / n if n else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "mentions": n,
        "articles": len({(g.source, g.article) for g in gold}),
        "exact": exact / n,
        "within_161km": near / n,
        "country": country / n,
        "resolved_exact": exact / found if found else 0.0,
        "resolved_within_161km": near / found if found else 0.0,
        "resolved_country": country / found if found else 0.0,
        "detection_precision": precision,
        "detection_recall": recall,
        "detection_f1": f1,
        "errors": errors,
    }


def evaluate(*, gold_path: Path = DEFAULT_GOLD, root: Path | None = None) -> dict[str, Any]:
    """Run nlp + places over the gold articles and score them."""
    from warta.clean import parse_dateline
    from warta.pipeline import PipelineConfig, load_stage

    root = root or shared_data(required=True)
    assert root is not None
    gold = read_gold(gold_path)
    texts = read_texts(root, {(g.source, g.article) for g in gold})
    for g in gold:
        if texts[(g.source, g.article)][g.start : g.end] != g.text:
            raise EvalError(f"{gold_path}: {g.article}:{g.start} is not {g.text!r} in the text")
    nlp, stage = (load_stage(name, PipelineConfig()) for name in ("nlp", "places"))
    system: dict[tuple[str, str], list[Place]] = {}
    spent = 0.0
    for key, text in sorted(texts.items()):
        # as a user's article reaches the stage: its dateline parsed, the nlp stage run
        # (not the places stage's time); the text is kept as it is, since gold offsets index it
        article = Article(id=key[1], text=text, dateline=parse_dateline(text))
        nlp(article)
        t0 = time.perf_counter()
        stage(article)
        spent += time.perf_counter() - t0
        system[key] = article.places
    result = score(gold, system)
    result["ms_per_article"] = 1000 * spent / max(1, len(texts))
    return result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="warta eval places",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_options(parser, gold=DEFAULT_GOLD, what="gold JSONL")
    parser.add_argument("--shared", type=Path, default=None, help="the shared data folder")
    parser.add_argument(
        "--prefix",
        default=None,
        help="floor keys to check (default: places, or places.heldout for the held-out gold)",
    )
    args = parser.parse_args(argv)
    result = evaluate(gold_path=args.gold, root=args.shared)
    errors = result.pop("errors")
    write_json(args.json, result)
    if str(args.json) != "-":
        print(f"{args.gold.name}: {result['mentions']} mentions in {result['articles']} articles")
        for key in ("exact", "within_161km", "country"):
            print(f"  {key:<14} {result[key]:.3f}   (of found: {result['resolved_' + key]:.3f})")
        for key in ("detection_precision", "detection_recall", "detection_f1"):
            print(f"  {key:<20} {result[key]:.3f}")
        print(f"  places stage: {result['ms_per_article']:.2f} ms per article (nlp stage apart)")
    if args.errors:
        for e in errors:
            print(f"  {e['article']}:{e['start']} {e['gold']!r}: {e['error']}", file=sys.stderr)
    prefix = args.prefix or ("places.heldout" if "heldout" in args.gold.name else "places")
    return gate(result, args.floors, prefix=prefix)


def below_floors(result: dict[str, Any], floors: dict[str, Any], prefix: str) -> list[str]:
    """The ``prefix.*`` figures of ``result`` that are below (or miss) their floor."""
    return shared_below_floors(result, floors, prefix=prefix)
