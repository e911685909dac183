"""``warta eval ner``: entity-level P/R/F1 per label and micro-averaged.

Default: the shipped pipeline (``warta/models/id_news``) on the splits it never saw, NERGRIT
valid and NERP valid (gold tokenization; NERP is lower-cased), plus its speed.

Also tokenization and sentence segmentation against the UD treebanks (``warta.nlp.udeval``).

``--cv``: the IndoLEM protocol. For NER-UGM and NER-UI, for each fold N (``--folds``), train
on train.0N (early stopping on dev.0N) and score test.0N, with both architectures: the spaCy
CNN of ``configs/ner.cfg`` and the CRF of ``warta.nlp.crf``. NER-UGM keeps its TIME and
QUANTITY labels here, as in the published figures; "micro" is over every label and
"micro PER/ORG/LOC" over the three the shipped model has. Takes minutes per fold.

``--floors FILE``: exit 1 if a figure falls below its floor or is missing (keys ``ner.*``; the
one strict check of ``warta.evaluation``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from warta.nlp import MODEL_DIR
from warta.nlp.corpora import FOLDED, Sentence, read_corpus
from warta.nlp.scoring import Scores, Span

CORE = ("PER", "ORG", "LOC")


def spacy_predict(nlp: Any, sentences: Sequence[Sentence]) -> tuple[list[list[Span]], float]:
    """Entities predicted on the gold tokens, and tokens per second (this process)."""
    from spacy.tokens import Doc

    docs = [Doc(nlp.vocab, words=list(s.words)) for s in sentences]
    started = time.perf_counter()
    out = [[(e.start, e.end, e.label_) for e in doc.ents] for doc in nlp.pipe(docs, batch_size=256)]
    seconds = time.perf_counter() - started
    return out, sum(len(s.words) for s in sentences) / max(seconds, 1e-9)


def score(sentences: Sequence[Sentence], predicted: Sequence[Sequence[Span]]) -> Scores:
    scores = Scores()
    for sentence, pred in zip(sentences, predicted, strict=True):
        scores.add(sentence.spans(), pred)
    return scores


def _load_shipped(model: Path, *, ruler: bool) -> Any:
    from warta.errors import ConfigError
    from warta.nlp import build_pipeline

    if not (model / "config.cfg").is_file():
        raise ConfigError(f"{model}: no trained model (run `warta train ner`)")
    nlp = build_pipeline(model=model, ruler=ruler)
    kept = ("tok2vec", "ner", "entity_ruler", "warta_kb_labels", "warta_ner_fixes")
    keep = [n for n in nlp.pipe_names if n in kept]
    return nlp, keep


def eval_shipped(model: Path, *, ruler: bool) -> dict[str, Any]:
    nlp, keep = _load_shipped(model, ruler=ruler)
    results: dict[str, Any] = {}
    with nlp.select_pipes(enable=keep):
        for corpus in ("nergrit", "nerp"):
            sentences = read_corpus(corpus, "valid")
            predicted, speed = spacy_predict(nlp, sentences)
            scores = score(sentences, predicted)
            results[f"{corpus}_valid"] = {"scores": scores.as_dict(), "tokens_per_s": round(speed)}
    return results


def _crf_predict(model: Path, sentences: Sequence[Sentence]) -> tuple[list[list[Span]], float]:
    from warta.nlp.crf import CRFTagger

    tagger = CRFTagger(model)
    started = time.perf_counter()
    tags = [tagger.tag(s.words) for s in sentences]
    seconds = time.perf_counter() - started
    predicted = [Sentence(s.words, tuple(t)).spans() for s, t in zip(sentences, tags, strict=True)]
    return predicted, sum(len(s.words) for s in sentences) / max(seconds, 1e-9)


def eval_cv(
    *,
    corpora: Sequence[str],
    folds: Sequence[int],
    archs: Sequence[str],
    work: Path,
    max_epochs: int | None,
    partial: Path | None = None,
) -> dict[str, Any]:
    """Train and score each (corpus, fold, architecture); ``partial`` gets the results so far
    after every run, so that a long run that is stopped still leaves its figures."""
    import spacy

    from warta.nlp.crf import train_crf
    from warta.nlp.train import train_spacy

    results: dict[str, Any] = {}
    for corpus in corpora:
        for fold in folds:
            train = read_corpus(corpus, "train", fold=fold, keep_all=True)
            dev = read_corpus(corpus, "dev", fold=fold, keep_all=True)
            test = read_corpus(corpus, "test", fold=fold, keep_all=True)
            for arch in archs:
                started = time.perf_counter()
                out = work / f"{corpus}-{fold}-{arch}"
                if arch == "spacy":
                    best = train_spacy(train, dev, output=out, max_epochs=max_epochs)
                    trained = time.perf_counter() - started
                    predicted, speed = spacy_predict(spacy.load(best), test)
                else:
                    model = train_crf(train, model=out / "crf.model")
                    trained = time.perf_counter() - started
                    predicted, speed = _crf_predict(model, test)
                scores = score(test, predicted)
                key = f"{corpus}/{arch}/{fold}"
                results[key] = {
                    "scores": scores.as_dict(),
                    "micro_core": round(scores.prf(only=CORE)[2], 4),
                    "tokens_per_s": round(speed),
                    "train_s": round(trained),
                }
                print(f"{key}: F1 {scores.prf()[2]:.4f} ({speed:.0f} tok/s)", file=sys.stderr)
                if partial is not None:
                    partial.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return results


def _fmt(x: float) -> str:
    return f"{100 * x:.1f}"


def eval_ud(model: Path) -> dict[str, Any]:
    from warta.nlp.udeval import evaluate_ud

    nlp, _keep = _load_shipped(model, ruler=False)
    sentences = [n for n in nlp.pipe_names if n in ("senter", "parser", "sentencizer")]
    with nlp.select_pipes(enable=sentences):
        return evaluate_ud(nlp)


def report_ud(results: dict[str, Any]) -> str:
    lines = [
        "| treebank | sentences | token P | token R | token F1 | sentence P | sentence R "
        "| sentence F1 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, res in results.items():
        t, s = res["tokens"], res["sentences"]
        lines.append(
            f"| {name} | {res['sentences_n']} | {_fmt(t['p'])} | {_fmt(t['r'])} | {_fmt(t['f1'])} "
            f"| {_fmt(s['p'])} | {_fmt(s['r'])} | {_fmt(s['f1'])} |"
        )
    return "\n".join(lines)


def report_shipped(results: dict[str, Any]) -> str:
    lines = ["| split | label | P | R | F1 | support |", "|---|---|---|---|---|---|"]
    for split, res in results.items():
        for label, s in res["scores"].items():
            lines.append(
                f"| {split} | {label} | {_fmt(s['p'])} | {_fmt(s['r'])} | {_fmt(s['f1'])} "
                f"| {s['support']} |"
            )
        lines.append(f"| {split} | tokens/s | | | | {res['tokens_per_s']} |")
    return "\n".join(lines)


def summarize_cv(results: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Per corpus and architecture: mean over folds of every label's F1, micro and speed."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for key, res in results.items():
        corpus, arch, _fold = key.split("/")
        groups.setdefault(f"{corpus}/{arch}", []).append(res)
    summary: dict[str, dict[str, Any]] = {}
    for group, runs in groups.items():
        labels = sorted({lab for r in runs for lab in r["scores"]})
        row: dict[str, Any] = {"folds": len(runs)}
        for label in labels:
            row[label] = round(
                statistics.mean(r["scores"].get(label, {"f1": 0.0})["f1"] for r in runs), 4
            )
        row["micro_core"] = round(statistics.mean(r["micro_core"] for r in runs), 4)
        row["tokens_per_s"] = round(statistics.mean(r["tokens_per_s"] for r in runs))
        row["train_s"] = round(statistics.mean(r["train_s"] for r in runs))
        summary[group] = row
    return summary


def report_cv(summary: dict[str, dict[str, Any]]) -> str:
    labels = ["PER", "ORG", "LOC", "TIME", "QUANTITY"]
    head = (
        "| corpus / model | folds | "
        + " | ".join(labels)
        + " | micro | micro PER/ORG/LOC | tokens/s | train s |"
    )
    lines = [head, "|" + "---|" * (len(labels) + 6)]
    for group, row in summary.items():
        cells = [_fmt(row[lab]) if lab in row else "–" for lab in labels]
        lines.append(
            f"| {group} | {row['folds']} | "
            + " | ".join(cells)
            + f" | {_fmt(row['micro'])} | {_fmt(row['micro_core'])} | {row['tokens_per_s']} "
            f"| {row['train_s']} |"
        )
    return "\n".join(lines)


def shipped_figures(results: dict[str, Any]) -> dict[str, float]:
    return {f"ner.{split}_f1": res["scores"]["micro"]["f1"] for split, res in results.items()}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="warta eval ner", description=__doc__.split("\n")[0])
    parser.add_argument("--model", type=Path, default=MODEL_DIR)
    parser.add_argument("--no-ruler", action="store_true", help="the model without the KB ruler")
    parser.add_argument("--no-ud", action="store_true", help="skip tokens/sentences on UD")
    parser.add_argument("--cv", action="store_true", help="IndoLEM 5-fold protocol (trains)")
    parser.add_argument("--corpora", default=",".join(FOLDED))
    parser.add_argument("--folds", default="1,2,3,4,5")
    parser.add_argument("--archs", default="spacy,crf")
    parser.add_argument("--epochs", type=int, default=None, help="max epochs of the spaCy runs")
    parser.add_argument("--work", type=Path, default=None, help="keep the fold models here")
    parser.add_argument("--json", type=Path, default=None, help="write the results here")
    parser.add_argument("--floors", type=Path, default=None, help="tests/eval_floors.json")
    parser.add_argument(
        "--articles", type=Path, default=None, metavar="GOLD",
        help="score whole news articles instead (tests/data/ner-articles-test.jsonl)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    if args.articles is not None:
        return _articles_main(args.articles, json_path=args.json, floors=args.floors)
    info = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpu_count": os.cpu_count(),
    }
    if args.cv:
        with tempfile.TemporaryDirectory(prefix="warta-ner-cv-") as tmp:
            results = eval_cv(
                corpora=args.corpora.split(","),
                folds=[int(f) for f in args.folds.split(",")],
                archs=args.archs.split(","),
                work=args.work or Path(tmp),
                max_epochs=args.epochs,
                partial=args.json.with_suffix(".partial.json") if args.json else None,
            )
        summary = summarize_cv(results)
        print(report_cv(summary))
        payload: dict[str, Any] = {"cv": results, "summary": summary, "machine": info}
        figures = {f"ner.cv_{g.replace('/', '_')}_f1": row["micro"] for g, row in summary.items()}
    else:
        results = eval_shipped(args.model, ruler=not args.no_ruler)
        print(report_shipped(results))
        payload = {"shipped": results, "ruler": not args.no_ruler, "machine": info}
        figures = shipped_figures(results)
        if not args.no_ud:
            ud = eval_ud(args.model)
            print()
            print(report_ud(ud))
            payload["ud"] = ud
            figures.update(
                {
                    f"ner.ud_{k.lower().replace('-', '_')}_token_f1": v["tokens"]["f1"]
                    for k, v in ud.items()
                }
            )
    if args.json:
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    from warta.evaluation import gate

    names = {key.removeprefix("ner."): value for key, value in figures.items()}
    # the strict gate of every evaluation: each ner.* floor needs its figure (the
    # cross-validation run has floors of its own, ner.cv.*, none pinned so far)
    return gate(names, args.floors, prefix="ner.cv" if args.cv else "ner")


def _articles_main(gold: Path, *, json_path: Path | None, floors: Path | None) -> int:
    from warta.evaluation import gate, write_json
    from warta.nlp.articles import evaluate as eval_articles
    from warta.nlp.articles import figures as article_figures
    from warta.nlp.articles import report as report_articles

    scores = eval_articles(gold_path=gold)
    print(report_articles(scores))
    write_json(json_path, scores)
    return gate(article_figures(scores), floors, prefix="ner.articles")
