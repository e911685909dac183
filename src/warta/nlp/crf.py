"""The alternative NER architecture compared in ``warta eval ner --cv``: a linear-chain CRF
(python-crfsuite, the ``train`` extra) over hand-written word-shape and context features."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from warta.errors import ConfigError
from warta.nlp.corpora import Sentence

_DIGIT = re.compile(r"\d")


def _shape(word: str) -> str:
    shape = re.sub(r"[A-Z]+", "A", re.sub(r"[a-z]+", "a", _DIGIT.sub("0", word)))
    return shape[:6]


def _word_features(word: str, tag: str) -> list[str]:
    lower = word.lower()
    return [
        f"{tag}w={lower}",
        f"{tag}s3={lower[-3:]}",
        f"{tag}p3={lower[:3]}",
        f"{tag}sh={_shape(word)}",
        f"{tag}t={word[:1].isupper()}",
    ]


def features(words: Sequence[str]) -> list[list[str]]:
    out = []
    n = len(words)
    for i, word in enumerate(words):
        feats = ["bias", f"s2={word.lower()[-2:]}", f"p2={word.lower()[:2]}", f"u={word.isupper()}"]
        feats += _word_features(word, "")
        for off in (-2, -1, 1, 2):
            j = i + off
            if 0 <= j < n:
                context = _word_features(words[j], f"{off}:")[:2]
                feats += [*context, f"{off}:t={words[j][:1].isupper()}"]
            else:
                feats.append(f"{off}:edge")
        if i > 0:
            feats.append(f"bi={words[i - 1].lower()}|{word.lower()}")
        out.append(feats)
    return out


def _crfsuite() -> Any:
    try:
        import pycrfsuite
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ConfigError("the CRF needs python-crfsuite: pip install 'warta[train]'") from exc
    return pycrfsuite


def train_crf(
    sentences: Sequence[Sentence],
    *,
    model: Path,
    iterations: int = 100,
    c1: float = 0.05,
    c2: float = 0.01,
) -> Path:
    trainer = _crfsuite().Trainer(verbose=False)
    for sentence in sentences:
        trainer.append(features(sentence.words), list(sentence.tags))
    trainer.set_params(
        {"c1": c1, "c2": c2, "max_iterations": iterations, "feature.possible_transitions": True}
    )
    model.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model))
    return model


class CRFTagger:
    def __init__(self, model: Path) -> None:
        self._tagger = _crfsuite().Tagger()
        self._tagger.open(str(model))

    def tag(self, words: Sequence[str]) -> list[str]:
        tags: list[str] = self._tagger.tag(features(words))
        return tags
