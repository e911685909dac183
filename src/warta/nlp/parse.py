"""warta's Indonesian tagger, morphologizer and dependency parser (``warta/models/id_ud``).

``warta train parse`` trains them with ``configs/parse.cfg`` on the UD treebanks
(:mod:`warta.nlp.ud` says which sentences), with their own ``ud_tok2vec`` so that the NER
model is untouched; :func:`add_to` puts the trained components into the shipped pipeline
after the sentence splitter, whose boundaries the parser keeps. ``warta eval parse`` scores
UPOS, morphological features, UAS and LAS per held-out treebank from the raw sentence text,
tokenized by warta's own tokenizer (spaCy's alignment scores words it splits differently).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language

UD_DIR = Path(__file__).resolve().parents[1] / "models" / "id_ud"
COMPONENTS = ("ud_tok2vec", "morphologizer", "parser")  # morphologizer: UPOS + features
CONFIG = Path(__file__).resolve().parents[3] / "configs" / "parse.cfg"
SOURCES = [
    {"name": "UD Indonesian-CSUI (train)", "license": "CC BY-SA 4.0",
     "url": "https://github.com/UniversalDependencies/UD_Indonesian-CSUI"},
    {"name": "UD Indonesian-GSD (dev, 80 % of test)", "license": "CC BY-SA 4.0",
     "url": "https://github.com/UniversalDependencies/UD_Indonesian-GSD"},
    {"name": "UD Indonesian-PUD (80 %)", "license": "CC BY-SA 3.0",
     "url": "https://github.com/UniversalDependencies/UD_Indonesian-PUD"},
]  # fmt: skip


def available(path: Path = UD_DIR) -> bool:
    return (path / "config.cfg").is_file() and (path / "meta.json").is_file()


def add_to(nlp: Language, *, path: Path = UD_DIR) -> bool:
    """Source the trained components into ``nlp`` (last, after the sentence splitter)."""
    if not available(path) or "parser" in nlp.pipe_names:
        return False
    import spacy

    import warta.nlp.tokenizer  # noqa: F401  (registers warta's tokenizer)

    trained = spacy.load(path, exclude=["tokenizer"])
    for name in COMPONENTS:
        nlp.add_pipe(name, source=trained)
    return True


def train(*, out: Path, epochs: int, work: Path | None, seed: int = 0) -> dict[str, Any]:
    from spacy.cli.train import train as spacy_train

    from warta.nlp.tokenizer import blank
    from warta.nlp.ud import splits, to_docbin

    trees, held = splits()
    rng = random.Random(seed)
    rng.shuffle(trees)
    n_dev = max(1, len(trees) // 10)
    vocab = blank().vocab
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="warta-ud-") as tmp:
        base = work or Path(tmp)
        base.mkdir(parents=True, exist_ok=True)
        to_docbin(vocab, trees[n_dev:]).to_disk(base / "train.spacy")
        to_docbin(vocab, trees[:n_dev]).to_disk(base / "dev.spacy")
        print(
            f"training on {len(trees) - n_dev} trees, early stopping on {n_dev}",
            file=sys.stderr,
        )
        settings = {
            "paths.train": str(base / "train.spacy"),
            "paths.dev": str(base / "dev.spacy"),
            "training.max_epochs": epochs,
        }
        spacy_train(CONFIG, base, overrides=settings, use_gpu=-1)
        export(base / "model-best", out=out, seconds=time.perf_counter() - started)
    return {
        "train": len(trees) - n_dev,
        "dev": n_dev,
        "held_out": {k: len(v) for k, v in held.items()},
    }


def export(best: Path, *, out: Path, seconds: float | None = None) -> None:
    """Copy a trained pipeline to ``out`` without its tokenizer, with credits in meta.json."""
    import spacy

    import warta.nlp.tokenizer  # noqa: F401

    nlp = spacy.load(best, exclude=["tokenizer"])
    nlp.meta.update(
        {
            "name": "id_ud",
            "version": "0.1.0",
            "description": "warta's Indonesian UPOS tagger, morphologizer and parser (UD)",
            "license": "CC BY-SA 4.0",
            "sources": SOURCES,
            "trained": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d"),
            "training_seconds": None if seconds is None else round(seconds),
        }
    )
    if out.exists():
        shutil.rmtree(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out, exclude=["tokenizer"])


def evaluate(*, path: Path = UD_DIR) -> dict[str, dict[str, float | int]]:
    """UPOS, morphological features, UAS and LAS (percent) per held-out treebank."""
    from warta.errors import EvalError
    from warta.nlp import build_pipeline
    from warta.nlp.ud import iter_examples, splits

    if not available(path):
        raise EvalError(f"no trained parser at {path} (warta train parse)")
    nlp = build_pipeline(ruler=False, parse=False)
    add_to(nlp, path=path)
    _, held = splits()
    out: dict[str, dict[str, float | int]] = {}
    for name, trees in held.items():
        examples = list(iter_examples(nlp, trees))
        t0 = time.process_time()
        scores = nlp.evaluate(examples)
        spent = time.process_time() - t0
        words = sum(len(t.words) for t in trees)
        out[name] = {
            "sentences": len(trees),
            "words": words,
            "upos": round(100 * float(scores.get("pos_acc") or 0.0), 1),
            "morph": round(100 * float(scores.get("morph_acc") or 0.0), 1),
            "uas": round(100 * float(scores.get("dep_uas") or 0.0), 1),
            "las": round(100 * float(scores.get("dep_las") or 0.0), 1),
            "words_per_cpu_second": round(words / spent) if spent else 0,
        }
    return out


def report(scores: dict[str, dict[str, float | int]]) -> str:
    lines = [
        "| treebank (held out) | sentences | UPOS | UFeats | UAS | LAS |",
        "|---|---|---|---|---|---|",
    ]
    for name, s in scores.items():
        lines.append(
            f"| {name} | {s['sentences']} | {s['upos']} | {s['morph']} | {s['uas']} | {s['las']} |"
        )
    return "\n".join(lines)


def train_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="warta train parse", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=UD_DIR, help="where the model goes")
    parser.add_argument("--epochs", type=int, default=30, help="training.max_epochs")
    parser.add_argument("--work", type=Path, default=None, help="keep training files here")
    parser.add_argument(
        "--export", type=Path, default=None, metavar="MODEL",
        help="export an already trained spaCy pipeline (e.g. WORK/model-best) instead",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if args.export is not None:
        export(args.export, out=args.out)
        print(f"wrote {args.out}", file=sys.stderr)
        return 0
    sizes = train(out=args.out, epochs=args.epochs, work=args.work)
    print(f"wrote {args.out} ({json.dumps(sizes)})", file=sys.stderr)
    return 0


def figures(scores: dict[str, dict[str, float | int]]) -> dict[str, float | None]:
    """``BANK.METRIC`` -> fraction, the names of the ``parse.*`` floors."""
    return {
        f"{bank}.{metric}": float(value) / 100
        for bank, row in scores.items()
        for metric, value in row.items()
        if metric in ("upos", "morph", "uas", "las")
    }


def eval_main(argv: list[str]) -> int:
    from warta.evaluation import add_options, gate, write_json

    parser = argparse.ArgumentParser(
        prog="warta eval parse",
        description="UPOS, features, UAS and LAS per held-out UD treebank, from raw text",
    )
    add_options(parser, gold=None, what="the held-out UD sentences (warta.nlp.ud)")
    args = parser.parse_args(argv)
    scores = evaluate()
    print(report(scores))
    write_json(args.json, scores)
    return gate(figures(scores), args.floors, prefix="parse", nested=True)
