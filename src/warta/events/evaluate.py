"""``warta eval events``: score the event coder on the hand-annotated dev gold set.

Gold (``tests/data/events-dev.jsonl``): one line per article, ``{"id", "source", "published",
"events": [...]}``; ``source`` is the file under ``../shared/data`` the text comes from (the
texts stay there), and every event carries its type, mode, actor / recipient
(``text``, ``country``, ``sector``), location, date, evidence sentence (``start``, ``end``,
``text``: offsets into the clean text warta builds from that source), the sentences that
repeat it (``mentions``), trigger, dead / injured and the flags, as defined by
``../shared/docs/event-annotation-guide.md``.

A predicted event matches a gold one when the types are equal and their sentences overlap
(evidence or repeated mentions, on either side); matching is one-to-one, evidence-to-evidence
overlaps first. Reported: event precision / recall / F1 overall and per type; on matched
pairs, actor and recipient country and sector accuracy (a missing participant counts as
wrong), date accuracy (where the gold has a date), mode, casualty and flag accuracy; and
whether the seed article comes out fully right.
"""

from __future__ import annotations

import argparse
import json
import re
from argparse import SUPPRESS
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from warta.errors import EvalError, WartaError
from warta.evaluation import FLOORS, add_options, below_floors, gate, gold_path, write_json
from warta.events.gold import fill_texts
from warta.record import Article, Event, Participant

REPO_GOLD = gold_path("events-dev.jsonl")

FIELDS = (
    "actor_mention", "actor_country", "actor_sector",
    "recipient_mention", "recipient_country", "recipient_sector",
    "date", "location_country", "mode", "dead", "injured", "casualties", "flags",
)  # fmt: skip
TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip


@dataclass(slots=True)
class Pair:
    gold: dict[str, Any]
    pred: Event


@dataclass(slots=True)
class ArticleResult:
    id: str
    gold: list[dict[str, Any]]
    pred: list[Event]
    pairs: list[Pair] = field(default_factory=list)
    article: Article | None = None


def load_gold(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        raise EvalError(f"gold file not found: {path}")
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvalError(f"{path} line {n}: not JSON ({exc})") from None
        if not isinstance(row, dict) or "id" not in row or "source" not in row:
            raise EvalError(f"{path} line {n}: needs id and source")
        rows.append(row)
    return rows


def load_articles(rows: Iterable[dict[str, Any]], data: Path) -> dict[str, Article]:
    """Build the clean articles of the gold rows from their sources in ``data``."""
    from warta.clean import build_article
    from warta.ingest import iter_documents

    wanted: dict[str, set[str]] = {}
    for row in rows:
        wanted.setdefault(row["source"], set()).add(row["id"])
    out: dict[str, Article] = {}
    for source, ids in wanted.items():
        path = data / source
        if not path.is_file():
            raise EvalError(f"gold source not found: {path}")
        for doc in iter_documents([str(path)]):
            if isinstance(doc, WartaError):
                continue
            article = build_article(doc, detect_language=False)
            if source.endswith(".txt"):
                (key,) = ids  # a text file holds one article; the gold names it
                out[key] = article
                article.id = key
            elif article.id in ids:
                out[article.id] = article
    missing = [i for ids in wanted.values() for i in ids if i not in out]
    if missing:
        raise EvalError(f"gold articles not found in their sources: {', '.join(missing[:5])}")
    return out


def _anchor(text: str, span: dict[str, Any]) -> tuple[int, int]:
    """Gold offsets, re-found by their text if the clean text moved under them."""
    start, end, quote = int(span["start"]), int(span["end"]), span.get("text")
    if quote is None or text[start:end] == quote:
        return start, end
    found = text.find(quote)
    if found >= 0:
        return found, found + len(quote)
    # clean-up collapses runs of spaces: match the quote with any whitespace between words
    pattern = r"\s+".join(re.escape(word) for word in quote.split())
    hit = re.search(pattern, text) if pattern else None
    if hit is None:
        raise EvalError(f"gold evidence not in the text: {quote[:60]!r}")
    return hit.start(), hit.end()


def _spans_gold(text: str, ev: dict[str, Any]) -> tuple[tuple[int, int], list[tuple[int, int]]]:
    main = _anchor(text, ev["evidence"])
    return main, [main, *(_anchor(text, m) for m in ev.get("mentions") or [])]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def match(text: str, gold: list[dict[str, Any]], pred: list[Event]) -> list[Pair]:
    """One-to-one matching, as the guide defines an event: the same type, stated in the same
    sentence (the gold evidence and the predicted evidence overlap). Repeated mentions do not
    match: an event coded at a restatement is coded at the wrong place."""
    candidates = []
    for gi, g in enumerate(gold):
        g_main = _anchor(text, g["evidence"])
        for pi, p in enumerate(pred):
            if p.type != g["type"]:
                continue
            p_main = (p.evidence.start, p.evidence.end)
            if not _overlap(g_main, p_main):
                continue
            # closest trigger first, so two same-type events of one sentence pair up right
            g_trig = int(g["trigger"].get("start", g_main[0]))
            candidates.append((abs(p.trigger.start - g_trig), gi, pi))
    candidates.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in candidates:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append(Pair(gold[gi], pred[pi]))
    return pairs


def same_mention(gold: dict[str, Any], pred: Participant | None, text: str) -> bool:
    """The predicted participant is the gold one's mention: their spans overlap, or one text
    contains the other ("Putin" in "Presiden Rusia Vladimir Putin")."""
    if pred is None:
        return False
    g_text = (gold.get("text") or "").casefold()
    p_text = pred.text.casefold()
    if g_text and (g_text in p_text or p_text in g_text):
        return True
    if "start" in gold and "end" in gold:
        g = _anchor(text, gold)
        return _overlap(g, (pred.start, pred.end))
    return False


def run_coder(articles: dict[str, Article], *, stages: list[str] | None) -> float:
    """Run the pipeline up to ``events`` on every article, as a user's article goes through
    it (the stages events requires come with it); seconds spent in events, as the pipeline
    measured them."""
    from warta.pipeline import Pipeline, PipelineConfig

    names = None if stages is None else tuple(dict.fromkeys([*stages, "events"]))
    pipeline = Pipeline(config=PipelineConfig(stages=names))
    spent = 0.0
    for article in articles.values():
        pipeline.annotate(article)
        spent += article.timings.get("events", 0.0)
    return spent


def _acc(hits: int, total: int) -> float | None:
    return round(hits / total, 3) if total else None


def score(results: list[ArticleResult]) -> dict[str, Any]:
    tp = sum(len(r.pairs) for r in results)
    n_gold = sum(len(r.gold) for r in results)
    n_pred = sum(len(r.pred) for r in results)
    p = tp / n_pred if n_pred else 0.0
    rc = tp / n_gold if n_gold else 0.0
    f1 = 2 * p * rc / (p + rc) if p + rc else 0.0
    field_hits: Counter[str] = Counter()
    field_total: Counter[str] = Counter()
    spurious_dates = 0
    for r in results:
        text = r.article.text if r.article is not None else ""
        for pair in r.pairs:
            g, e = pair.gold, pair.pred
            for role in ("actor", "recipient"):
                gp = g.get(role)
                pp = getattr(e, role)
                if gp is None:
                    continue
                if gp.get("text"):
                    field_total[f"{role}_mention"] += 1
                    field_hits[f"{role}_mention"] += same_mention(gp, pp, text)
                for attr in ("country", "sector"):
                    if gp.get(attr) is None:
                        continue
                    field_total[f"{role}_{attr}"] += 1
                    field_hits[f"{role}_{attr}"] += pp is not None and getattr(pp, attr) == gp[attr]
            gl = g.get("location")
            if gl and gl.get("country"):
                field_total["location_country"] += 1
                field_hits["location_country"] += (
                    e.location is not None and e.location.country == gl["country"]
                )
            if g.get("date"):
                field_total["date"] += 1
                field_hits["date"] += e.date == g["date"]
            elif e.date:
                spurious_dates += 1
            if g.get("mode"):
                field_total["mode"] += 1
                field_hits["mode"] += e.mode == g["mode"]
            for attr in ("dead", "injured"):
                if g.get(attr) is not None:
                    field_total[attr] += 1
                    field_hits[attr] += getattr(e, attr) == g[attr]
            # a count on either side must be the same count: a toll copied onto an event it
            # does not belong to is as wrong as a toll missed
            if any(x is not None for x in (g.get("dead"), g.get("injured"), e.dead, e.injured)):
                field_total["casualties"] += 1
                field_hits["casualties"] += (e.dead, e.injured) == (g.get("dead"), g.get("injured"))
            field_total["flags"] += 1
            field_hits["flags"] += all(
                bool(getattr(e, f)) == bool(g.get(f)) for f in ("negated", "hypothetical", "future")
            )
    per_type = {}
    for t in TYPES:
        g_n = sum(1 for r in results for g in r.gold if g["type"] == t)
        p_n = sum(1 for r in results for e in r.pred if e.type == t)
        t_tp = sum(1 for r in results for pair in r.pairs if pair.gold["type"] == t)
        tp_ = t_tp / p_n if p_n else None
        tr_ = t_tp / g_n if g_n else None
        tf = 2 * tp_ * tr_ / (tp_ + tr_) if tp_ and tr_ else 0.0 if g_n or p_n else None
        per_type[t] = {
            "gold": g_n, "pred": p_n, "tp": t_tp,
            "precision": None if tp_ is None else round(tp_, 3),
            "recall": None if tr_ is None else round(tr_, 3),
            "f1": None if tf is None else round(tf, 3),
        }  # fmt: skip
    out: dict[str, Any] = {
        "articles": len(results),
        "gold_events": n_gold,
        "predicted_events": n_pred,
        "matched": tp,
        "precision": round(p, 3),
        "recall": round(rc, 3),
        "f1": round(f1, 3),
    }
    for key in FIELDS:
        out[f"{key}_acc"] = _acc(field_hits[key], field_total[key])
        out[f"{key}_n"] = field_total[key]
    out["spurious_dates"] = spurious_dates
    out["per_type"] = per_type
    return out


def seed_check(result: ArticleResult) -> list[str]:
    """Every difference between the seed article's coding and its gold (empty: fully right)."""
    problems = []
    matched = {id(p.gold) for p in result.pairs}
    for g in result.gold:
        if id(g) not in matched:
            problems.append(f"missed {g['type']} {g['trigger']['text']!r}")
    paired = {id(p.pred) for p in result.pairs}
    for e in result.pred:
        if id(e) not in paired:
            problems.append(f"spurious {e.type} {e.trigger.text!r}")
    for pair in result.pairs:
        g, e = pair.gold, pair.pred
        for role in ("actor", "recipient"):
            gp, pp = g.get(role), getattr(e, role)
            if gp is None:
                continue
            got = None if pp is None else (pp.country, pp.sector)
            if got != (gp.get("country"), gp.get("sector")):
                problems.append(
                    f"{g['type']} {role}: {got} != {(gp.get('country'), gp.get('sector'))}"
                )
        if g.get("date") and e.date != g["date"]:
            problems.append(f"{g['type']} date {e.date} != {g['date']}")
        for f in ("negated", "hypothetical", "future"):
            if bool(getattr(e, f)) != bool(g.get(f)):
                problems.append(f"{g['type']} {f} {getattr(e, f)} != {bool(g.get(f))}")
        if g.get("mode") and e.mode != g["mode"]:
            problems.append(f"{g['type']} mode {e.mode} != {g['mode']}")
        if g.get("dead") is not None and e.dead != g["dead"]:
            problems.append(f"{g['type']} dead {e.dead} != {g['dead']}")
    return problems


def evaluate(
    *, gold_path: Path = REPO_GOLD, data: Path | None = None, stages: list[str] | None = None
) -> tuple[dict[str, Any], list[ArticleResult]]:
    from warta.paths import shared_data

    data_dir = data or shared_data(required=True)
    assert data_dir is not None
    rows = load_gold(gold_path)
    fill_texts(rows, data_dir)
    articles = load_articles(rows, data_dir)
    for row in rows:
        if row.get("published"):
            import datetime as dt

            articles[row["id"]].published = dt.date.fromisoformat(row["published"])
    spent = run_coder(articles, stages=stages)
    results = []
    for row in rows:
        article = articles[row["id"]]
        res = ArticleResult(row["id"], row["events"], list(article.events), article=article)
        res.pairs = match(article.text, res.gold, res.pred)
        results.append(res)
    metrics = score(results)
    metrics["events_ms_per_article"] = round(1000 * spent / max(len(rows), 1), 2)
    seed = [r for r in results if r.id.startswith("seed:")]
    if seed:
        problems = seed_check(seed[0])
        metrics["seed_fully_right"] = not problems
        metrics["seed_problems"] = problems
    return metrics, results


def _fmt(value: Any) -> str:
    return "–" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)


def report(metrics: dict[str, Any]) -> str:
    lines = [
        f"articles {metrics['articles']}, gold events {metrics['gold_events']}, "
        f"predicted {metrics['predicted_events']}, matched {metrics['matched']}",
        f"events  P {metrics['precision']:.3f}  R {metrics['recall']:.3f}  F1 {metrics['f1']:.3f}",
        "",
        "| field (on matched events) | accuracy | n |",
        "|---|---|---|",
    ]
    for key in FIELDS:
        lines.append(f"| {key} | {_fmt(metrics[key + '_acc'])} | {metrics[key + '_n']} |")
    lines.append(f"\npredicted dates where the gold has none: {metrics['spurious_dates']}")
    lines += ["", "| type | gold | pred | matched | P | R | F1 |", "|---|---|---|---|---|---|---|"]
    for t, row in metrics["per_type"].items():
        if row["gold"] or row["pred"]:
            lines.append(
                f"| {t} | {row['gold']} | {row['pred']} | {row['tp']} | {_fmt(row['precision'])}"
                f" | {_fmt(row['recall'])} | {_fmt(row['f1'])} |"
            )
    if "seed_fully_right" in metrics:
        lines.append("")
        lines.append(f"seed article fully right: {metrics['seed_fully_right']}")
        lines += [f"  - {p}" for p in metrics["seed_problems"]]
    lines.append(f"\nevents stage: {metrics['events_ms_per_article']} ms per article")
    return "\n".join(lines)


def _errors(results: list[ArticleResult]) -> str:
    lines = []
    for r in results:
        matched_g = {id(p.gold) for p in r.pairs}
        matched_p = {id(p.pred) for p in r.pairs}
        for g in r.gold:
            if id(g) not in matched_g:
                quote = g["evidence"]["text"][:90]
                lines.append(f"{r.id}  MISS {g['type']:<9} {g['trigger']['text']!r}: {quote!r}")
        for e in r.pred:
            if id(e) not in matched_p:
                lines.append(
                    f"{r.id}  FP   {e.type:<9} {e.trigger.text!r} (evidence at {e.evidence.start})"
                )
    return "\n".join(lines)


HELDOUT_GOLD = REPO_GOLD.with_name("events-test.jsonl")
BLIND2_GOLD = REPO_GOLD.with_name("events-blind2.jsonl")
BLIND3_GOLD = REPO_GOLD.with_name("events-blind3.jsonl")
PFSA_DEV_GOLD = REPO_GOLD.with_name("events-pfsa-dev.jsonl")
TRAIN_GOLD = REPO_GOLD.with_name("events-train.jsonl")
# the floor-key prefix of each non-dev gold file
SET_PREFIXES = {
    HELDOUT_GOLD.name: "events.heldout.",
    BLIND2_GOLD.name: "events.blind2.",
    BLIND3_GOLD.name: "events.blind3.",
    PFSA_DEV_GOLD.name: "events.pfsadev.",
}


def check_floors(
    metrics: dict[str, Any], path: Path = FLOORS, *, prefix: str = "events."
) -> list[str]:
    """Figures below (or missing for) their floor in ``tests/eval_floors.json``: keys
    ``events.*`` for the dev set, ``events.heldout.*`` for the held-out set
    (``prefix="events.heldout."``), ``events.blind2.*`` for the second blind set."""
    return below_floors(metrics, path, prefix=prefix.rstrip("."))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="warta eval events", description=__doc__.split("\n")[0])
    add_options(parser, gold=REPO_GOLD, what="gold JSONL")
    parser.add_argument(
        "--data", type=Path, default=None, help="shared data folder (default: ../shared/data)"
    )
    parser.add_argument(
        "--stages",
        default=None,
        help="comma-separated stages to run before events (default: all available)",
    )
    # the flag of earlier versions: --floors with the default file
    parser.add_argument(
        "--check-floors", dest="floors", action="store_const", const=FLOORS, help=SUPPRESS
    )
    args = parser.parse_args(argv)
    stages = [s for s in args.stages.split(",") if s] if args.stages else None
    metrics, results = evaluate(gold_path=args.gold, data=args.data, stages=stages)
    print(report(metrics))
    if args.errors:
        print()
        print(_errors(results))
    write_json(args.json, metrics)
    other = args.gold.resolve().parent == REPO_GOLD.parent.resolve()
    prefix = SET_PREFIXES.get(args.gold.name, "events.") if other else "events."
    return gate(metrics, args.floors, prefix=prefix.rstrip("."))
