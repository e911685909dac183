"""``warta train events``: train the event check (:mod:`warta.events.classify`).

Train: ``tests/data/events-train.jsonl`` (warta's own annotations of news articles outside
every evaluation set and of NER-corpus sentences; never PFSA-ID). The rule coder runs on
each text; each event it proposes is labelled with the type of the annotated event it stands
for, or NONE. Threshold: the NONE probability at which a proposal is dropped is chosen on the
dev gold sets (``events-dev``, ``events-test``, ``events-blind2``, ``events-pfsa-dev``; never a
blind set) to maximise event F1, and stored in the model's ``meta.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from warta.evaluation import source_texts
from warta.events.classify import MODEL_DIR, EventCheck, proposals, train_textcat
from warta.events.evaluate import REPO_GOLD, ArticleResult, _anchor, load_gold, match, score
from warta.events.gold import fill_texts
from warta.record import Article

TRAIN_GOLD = REPO_GOLD.with_name("events-train.jsonl")
DEV_GOLDS = (
    "events-dev.jsonl",
    "events-test.jsonl",
    "events-blind2.jsonl",
    "events-pfsa-dev.jsonl",
)
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.9, 1.01)


def _articles(rows: list[dict[str, Any]], data: Path) -> dict[str, Article]:
    """Clean articles for article rows, plain one-sentence articles for corpus sentences."""
    import datetime

    from warta.events.evaluate import load_articles

    docs = [r for r in rows if not r["source"].startswith("ner/")]
    out = load_articles(docs, data) if docs else {}
    sentences = [r for r in rows if r["source"].startswith("ner/")]
    texts = source_texts((r["source"] for r in sentences), data) if sentences else {}
    for r in sentences:
        out[r["id"]] = Article(id=r["id"], text=texts[r["id"]], lang="id")
    for r in rows:
        if r.get("published"):
            out[r["id"]].published = datetime.date.fromisoformat(r["published"])
    return out


def _code(articles: dict[str, Article]) -> None:
    """The stages before events, then the rule coder alone (no check)."""
    from warta.events.coder import EventCoder
    from warta.nlp import doc_for, load_pipeline
    from warta.pipeline import PipelineConfig, load_stage

    stages = [load_stage(n, PipelineConfig()) for n in ("nlp", "times", "quotes", "places")]
    coder = EventCoder(load_pipeline())
    for article in articles.values():
        for stage in stages:
            stage(article)
        article.events = coder.code(article, doc_for(article))


def _anchored(
    rows: list[dict[str, Any]], articles: dict[str, Article]
) -> dict[str, list[dict[str, Any]]]:
    """Gold events with evidence and trigger offsets in the clean text."""
    out: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        text = articles[r["id"]].text
        events = []
        for g in r["events"]:
            ev = dict(g)
            for key in ("evidence", "trigger"):
                start, end = _anchor(text, g[key])
                ev[key] = {**g[key], "start": start, "end": end}
            events.append(ev)
        out[r["id"]] = events
    return out


def _load(path: Path, data: Path) -> tuple[list[dict[str, Any]], dict[str, Article]]:
    rows = load_gold(path)
    fill_texts(rows, data)
    articles = _articles(rows, data)
    _code(articles)
    return rows, articles


def choose_threshold(
    check: EventCheck, sets: list[tuple[list[dict[str, Any]], dict[str, Article]]]
) -> tuple[float, list[dict[str, Any]]]:
    """The NONE threshold with the best event F1 over the dev sets, and every row tried."""
    rule_events = {id(a): list(a.events) for _, arts in sets for a in arts.values()}
    tried = []
    for threshold in THRESHOLDS:
        check.threshold = threshold
        results = []
        for rows, arts in sets:
            for r in rows:
                article = arts[r["id"]]
                pred = check.apply(article, rule_events[id(article)])
                res = ArticleResult(r["id"], r["events"], pred, article=article)
                res.pairs = match(article.text, res.gold, pred)
                results.append(res)
        m = score(results)
        tried.append(
            {
                "threshold": threshold,
                "precision": m["precision"],
                "recall": m["recall"],
                "f1": m["f1"],
            }
        )
    best = max(tried, key=lambda t: (t["f1"], t["threshold"]))
    return float(best["threshold"]), tried


def main(argv: list[str]) -> int:
    from warta.paths import shared_data

    parser = argparse.ArgumentParser(prog="warta train events", description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path, default=TRAIN_GOLD)
    parser.add_argument("--out", type=Path, default=MODEL_DIR)
    parser.add_argument("--epochs", type=int, default=12)
    args = parser.parse_args(argv)
    data = shared_data(required=True)
    assert data is not None
    started = time.perf_counter()
    rows, articles = _load(args.gold, data)
    examples = proposals(articles.values(), _anchored(rows, articles))
    n_pos = sum(1 for _, label in examples if label != "NONE")
    print(
        f"{len(examples)} proposals ({n_pos} events, {len(examples) - n_pos} NONE)"
        f" from {len(rows)} texts",
        file=sys.stderr,
    )
    nlp = train_textcat(examples, epochs=args.epochs)
    if args.out.exists():
        shutil.rmtree(args.out)
    nlp.meta.update(
        {
            "name": "events_check",
            "version": "0.1.0",
            "license": "Apache-2.0",
            "description": "warta's check of rule-coded events (type or NONE)",
            "trained": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d"),
            "warta": {"none_threshold": 0.5, "proposals": len(examples), "events": n_pos},
        }
    )
    nlp.to_disk(args.out)
    check = EventCheck(args.out)
    dev_sets = [
        _load(REPO_GOLD.with_name(name), data)
        for name in DEV_GOLDS
        if REPO_GOLD.with_name(name).is_file()
    ]
    threshold, tried = choose_threshold(check, dev_sets)
    for row in tried:
        print(
            f"threshold {row['threshold']}: P {row['precision']} R {row['recall']} F1 {row['f1']}",
            file=sys.stderr,
        )
    nlp.meta["warta"].update(
        {
            "none_threshold": threshold,
            "dev_thresholds": tried,
            "training_seconds": round(time.perf_counter() - started),
        }
    )
    nlp.to_disk(args.out)
    print(f"wrote {args.out} (NONE threshold {threshold})", file=sys.stderr)
    return 0
