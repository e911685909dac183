"""``warta train ner``: train the Indonesian NER pipeline shipped in ``warta/models/id_news``.

Training data (see the README for licences): IndoLEM NER-UGM and NER-UI (every sentence of
the five folds, once), IndoNLU NERGRIT train and IndoNLU NERP train (lower-cased text, so that
the model does not depend on capitals; ``--without-nerp`` leaves it out). 5 % of the
sentences, drawn with a fixed seed, are held out for early stopping (at most 5 epochs by
default); NERGRIT valid and NERP valid stay unseen for ``warta eval ner``. The config is
``configs/ner.cfg``; the tokenizer is not saved with the model (it is rebuilt from warta's
rules on load).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from warta.errors import ConfigError
from warta.nlp import MODEL_DIR
from warta.nlp.corpora import Sentence, iter_all_indolem, read_corpus

REPO = Path(__file__).resolve().parents[3]
CONFIG = REPO / "configs" / "ner.cfg"

SOURCES = [
    {
        "name": "IndoLEM NER-UGM",
        "license": "CC BY 4.0",
        "url": "https://github.com/indolem/indolem",
    },
    {"name": "IndoLEM NER-UI", "license": "CC BY 4.0", "url": "https://github.com/indolem/indolem"},
    {
        "name": "IndoNLU NERGRIT (train)",
        "license": "MIT",
        "url": "https://github.com/indobenchmark/indonlu",
    },
]
NERP_SOURCE = {
    "name": "IndoNLU NERP (train)",
    "license": "CC BY-SA 4.0",
    "url": "https://github.com/indobenchmark/indonlu",
}


def to_docbin(sentences: Sequence[Sentence]) -> Any:
    """A spaCy DocBin of pre-tokenized sentences with their entities."""
    from spacy.tokens import Doc, DocBin, Span

    from warta.nlp.tokenizer import blank

    vocab = blank().vocab
    out = DocBin(attrs=["ORTH", "ENT_IOB", "ENT_TYPE"])
    for sentence in sentences:
        doc = Doc(vocab, words=list(sentence.words))
        doc.ents = [Span(doc, s, e, label=label) for s, e, label in sentence.spans()]
        out.add(doc)
    return out


def train_spacy(
    train: Sequence[Sentence],
    dev: Sequence[Sentence],
    *,
    output: Path,
    config: Path = CONFIG,
    max_epochs: int | None = None,
    overrides: dict[str, Any] | None = None,
) -> Path:
    """Train with ``config`` on ``train`` (early stopping on ``dev``); returns the best model."""
    from spacy.cli.train import train as spacy_train

    import warta.nlp.tokenizer  # noqa: F401  (registers warta's tokenizer)

    if not config.is_file():
        raise ConfigError(f"{config}: training config not found")
    output.mkdir(parents=True, exist_ok=True)
    train_path, dev_path = output / "train.spacy", output / "dev.spacy"
    to_docbin(train).to_disk(train_path)
    to_docbin(dev).to_disk(dev_path)
    settings: dict[str, Any] = {"paths.train": str(train_path), "paths.dev": str(dev_path)}
    if max_epochs is not None:
        settings["training.max_epochs"] = max_epochs
    settings.update(overrides or {})
    spacy_train(config, output, overrides=settings, use_gpu=-1)
    return output / "model-best"


def shipped_training_data(
    *, with_nerp: bool, seed: int = 0
) -> tuple[list[Sentence], list[Sentence]]:
    sentences = [*iter_all_indolem("nerugm"), *iter_all_indolem("nerui")]
    sentences += read_corpus("nergrit", "train")
    if with_nerp:
        sentences += read_corpus("nerp", "train")
    rng = random.Random(seed)
    rng.shuffle(sentences)
    n_dev = max(1, len(sentences) // 20)
    return sentences[n_dev:], sentences[:n_dev]


def export_model(best: Path, out: Path, *, with_nerp: bool, seconds: float) -> None:
    """Copy the trained pipeline to ``out`` without its tokenizer, with credits in meta.json."""
    import spacy

    import warta.nlp.tokenizer  # noqa: F401

    nlp = spacy.load(best)
    nlp.meta.update(
        {
            "name": "id_news",
            "version": "0.1.0",
            "description": "warta's Indonesian news NER (PER, ORG, LOC)",
            "license": "CC BY-SA 4.0" if with_nerp else "CC BY 4.0 / MIT (training data)",
            "sources": [*SOURCES, *([NERP_SOURCE] if with_nerp else [])],
            "trained": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d"),
            "training_seconds": round(seconds),
        }
    )
    if out.exists():
        shutil.rmtree(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out, exclude=["tokenizer"])


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="warta train ner", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=MODEL_DIR, help="where the model goes")
    parser.add_argument("--config", type=Path, default=CONFIG)
    parser.add_argument("--epochs", type=int, default=5, help="training.max_epochs (default 5)")
    parser.add_argument("--without-nerp", action="store_true", help="leave out NERP train")
    parser.add_argument("--work", type=Path, default=None, help="keep training files here")
    args = parser.parse_args(argv)
    train, dev = shipped_training_data(with_nerp=not args.without_nerp)
    print(f"training on {len(train)} sentences, early stopping on {len(dev)}", file=sys.stderr)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="warta-ner-") as tmp:
        work = args.work or Path(tmp)
        best = train_spacy(train, dev, output=work, config=args.config, max_epochs=args.epochs)
        export_model(
            best, args.out, with_nerp=not args.without_nerp, seconds=time.perf_counter() - started
        )
    print(f"wrote {args.out}", file=sys.stderr)
    return 0
