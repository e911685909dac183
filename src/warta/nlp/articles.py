"""Named entities scored on whole unseen news articles, the way a user's article is processed.

Gold (``tests/data/ner-articles-test.jsonl``): one line per article, ``{"id", "source",
"entities": [{"start", "end", "label"}]}`` with offsets into the source's own ``text`` field
under ``../shared/data`` (the texts never enter the repository; the annotation convention is
in docs/evaluation.md). Each article goes through the reader, the clean-up and the ``nlp``
stage exactly as ``warta extract`` runs them; a gold span is found in the clean text by its
text, in reading order (a span the clean-up removed is counted, not scored).

Two figures: **exact** (same start, end and label) and **edge-neutral** (same label and
overlapping spans, one-to-one), so that a difference of convention at a span's edge ("Bapak
Joko" against "Joko") is told apart from a missed or invented name.

    warta eval ner --articles tests/data/ner-articles-test.jsonl
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from warta.errors import EvalError
from warta.evaluation import gold_path
from warta.nlp import LABELS

REPO_ARTICLES_GOLD = gold_path("ner-articles-test.jsonl")

Span = tuple[int, int, str]


def _clean_spans(raw: str, clean: str, gold: list[dict[str, Any]]) -> tuple[list[Span], int]:
    out: list[Span] = []
    lost = 0
    pos = 0
    for g in sorted(gold, key=lambda g: int(g["start"])):
        needle = raw[int(g["start"]) : int(g["end"])]
        at = clean.find(needle, pos)
        if at < 0:
            lost += 1
            continue
        out.append((at, at + len(needle), str(g["label"])))
        pos = at + len(needle)
    return out, lost


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {
        "precision": round(100 * p, 1),
        "recall": round(100 * r, 1),
        "f1": round(100 * (2 * p * r / (p + r) if p + r else 0.0), 1),
    }


def _overlap_matches(gold: list[Span], pred: list[Span]) -> list[tuple[Span, Span]]:
    used: set[int] = set()
    pairs = []
    for g in gold:
        for j, p in enumerate(pred):
            if j not in used and p[2] == g[2] and p[0] < g[1] and g[0] < p[1]:
                used.add(j)
                pairs.append((g, p))
                break
    return pairs


def evaluate(*, gold_path: Path = REPO_ARTICLES_GOLD, data: Path | None = None) -> dict[str, Any]:
    from warta.clean import build_article
    from warta.evaluation import source_texts
    from warta.ingest import RawDocument
    from warta.paths import shared_data
    from warta.pipeline import PipelineConfig, load_stage

    data = data or shared_data(required=True)
    assert data is not None
    if not gold_path.is_file():
        raise EvalError(f"gold file not found: {gold_path}")
    rows = [json.loads(x) for x in gold_path.read_text(encoding="utf-8").splitlines() if x]
    texts = source_texts((r["source"] for r in rows), data)
    nlp_stage = load_stage("nlp", PipelineConfig())
    tp: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    loose: Counter[str] = Counter()
    lost = 0
    for row in rows:
        raw = texts[row["id"]]
        doc = RawDocument(text=raw, source=row["source"], kind="jsonl", sha256="", id=row["id"])
        article = build_article(doc, detect_language=False)
        article.lang = "id"
        nlp_stage(article)
        gold, n_lost = _clean_spans(raw, article.text, row["entities"])
        lost += n_lost
        pred = [(e.start, e.end, e.label) for e in article.entities if e.label in LABELS]
        for label in LABELS:
            g = {s for s in gold if s[2] == label}
            p = {s for s in pred if s[2] == label}
            n_gold[label] += len(g)
            n_pred[label] += len(p)
            tp[label] += len(g & p)
        for g_span, _ in _overlap_matches(gold, pred):
            loose[g_span[2]] += 1
    out: dict[str, Any] = {"articles": len(rows), "gold_lost_in_cleanup": lost}
    for label in LABELS:
        out[label] = {**_prf(tp[label], n_pred[label], n_gold[label]), "support": n_gold[label]}
        out[label]["edge_neutral_f1"] = _prf(loose[label], n_pred[label], n_gold[label])["f1"]
    total = _prf(sum(tp.values()), sum(n_pred.values()), sum(n_gold.values()))
    out["micro"] = {**total, "support": sum(n_gold.values())}
    out["micro"]["edge_neutral_f1"] = _prf(
        sum(loose.values()), sum(n_pred.values()), sum(n_gold.values())
    )["f1"]
    return out


def figures(scores: dict[str, Any]) -> dict[str, float | None]:
    """``LABEL_METRIC`` -> fraction (``micro_f1``), the names of the ``ner.articles.*`` floors."""
    out: dict[str, float | None] = {}
    for label in (*LABELS, "micro"):
        for metric in ("precision", "recall", "f1", "edge_neutral_f1"):
            out[f"{label}_{metric}"] = float(scores[label][metric]) / 100
    return out


def report(scores: dict[str, Any]) -> str:
    lines = [
        f"whole articles: {scores['articles']} (gold spans removed by clean-up: "
        f"{scores['gold_lost_in_cleanup']})",
        "| label | P | R | F1 (exact) | F1 (edge-neutral) | support |",
        "|---|---|---|---|---|---|",
    ]
    for label in (*LABELS, "micro"):
        s = scores[label]
        lines.append(
            f"| {label} | {s['precision']} | {s['recall']} | {s['f1']} | {s['edge_neutral_f1']}"
            f" | {s['support']} |"
        )
    return "\n".join(lines)


def convert(rows: list[dict[str, Any]], *, data: Path) -> list[dict[str, Any]]:
    """Annotator rows (spans with their text) -> gold rows with offsets and labels only;
    refuses a span whose text is not the source text at its offsets."""
    from warta.evaluation import source_of, source_texts

    texts = source_texts((source_of(r["id"]) for r in rows), data)
    out = []
    for row in rows:
        raw = texts[row["id"]]
        ents = []
        for e in row["entities"]:
            start, end = int(e["start"]), int(e["end"])
            if raw[start:end] != e["text"] or e["label"] not in LABELS:
                raise EvalError(f"{row['id']}: bad span {e!r}")
            ents.append({"start": start, "end": end, "label": e["label"]})
        out.append({"id": row["id"], "source": source_of(row["id"]), "entities": ents})
    return out
