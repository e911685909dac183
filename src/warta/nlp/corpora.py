"""Readers for the NER corpora and UD treebanks in ``../shared/data`` and their label maps.

Labels: every corpus is mapped to PER, ORG, LOC. NER-UGM's TIME and QUANTITY are kept only
for the IndoLEM cross-validation (``keep_all=True``) so that its figures compare with the
published ones; the shipped model leaves dates and amounts to the ``times`` stage. NERGRIT's
PLACE and NERP's PLC become LOC: none of the corpora tells a state (GPE) from another place,
and the knowledge base marks states. NERP's IND (institutions, companies) becomes ORG; its EVT
and FNB (events, food) have no counterpart elsewhere and become O. There is no NORP: Indonesian
writes "warga Ukraina" with the country's name, tagged LOC.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from warta.errors import EvalError
from warta.paths import shared_data

LABEL_MAP: dict[str, str] = {
    "PERSON": "PER",
    "PER": "PER",
    "PPL": "PER",
    "LOCATION": "LOC",
    "LOC": "LOC",
    "PLACE": "LOC",
    "PLC": "LOC",
    "ORGANIZATION": "ORG",
    "ORGANISATION": "ORG",
    "ORG": "ORG",
    "IND": "ORG",
}
EXTRA_LABELS: dict[str, str] = {"TIME": "TIME", "QUANTITY": "QUANTITY"}

# corpus name -> (folder, file pattern of train/dev/test); IndoLEM sets have five folds
CORPORA = ("nerugm", "nerui", "nergrit", "nerp")
FOLDED = ("nerugm", "nerui")


@dataclass(frozen=True, slots=True)
class Sentence:
    words: tuple[str, ...]
    tags: tuple[str, ...]  # BIO with mapped labels

    def spans(self) -> list[tuple[int, int, str]]:
        """Entity spans (start token, end token exclusive, label); a stray I- opens a span."""
        out: list[tuple[int, int, str]] = []
        start, label = -1, ""
        for i, tag in enumerate((*self.tags, "O")):
            prefix, _, name = tag.partition("-")
            if start >= 0 and (prefix != "I" or name != label):
                out.append((start, i, label))
                start = -1
            if prefix == "B" or (prefix == "I" and start < 0):
                start, label = i, name
        return out


def _map_tag(tag: str, *, keep_all: bool) -> str:
    prefix, _, name = tag.partition("-")
    if prefix not in ("B", "I") or not name:
        return "O"
    label = LABEL_MAP.get(name) or (EXTRA_LABELS.get(name) if keep_all else None)
    return f"{prefix}-{label}" if label else "O"


def read_bio(path: Path, *, keep_all: bool = False) -> list[Sentence]:
    """token<TAB>tag lines, blank line between sentences."""
    if not path.is_file():
        raise EvalError(f"{path}: NER data file not found")
    sentences: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.rstrip("\r")
        if not line.strip():
            if words:
                sentences.append(Sentence(tuple(words), tuple(tags)))
                words, tags = [], []
            continue
        word, _, tag = line.partition("\t")
        words.append(word.strip() or "_")
        tags.append(_map_tag(tag.strip(), keep_all=keep_all))
    if words:
        sentences.append(Sentence(tuple(words), tuple(tags)))
    return sentences


def corpus_path(
    corpus: str, split: str, *, fold: int | None = None, root: Path | None = None
) -> Path:
    """The file of a corpus split: split is train | dev | test (IndoLEM, with fold 1-5) or
    train | valid (NERGRIT, NERP)."""
    base = (root or shared_data(required=True) or Path()) / "ner" / corpus
    if corpus in FOLDED:
        if fold is None:
            raise EvalError(f"{corpus} needs a fold (1-5)")
        return base / f"{split}.{fold:02d}.tsv"
    return base / f"{split}.txt"


def read_corpus(
    corpus: str, split: str, *, fold: int | None = None, keep_all: bool = False
) -> list[Sentence]:
    return read_bio(corpus_path(corpus, split, fold=fold), keep_all=keep_all)


def iter_all_indolem(corpus: str, *, keep_all: bool = False) -> Iterator[Sentence]:
    """Every sentence of an IndoLEM corpus once (fold 1's train + dev + test)."""
    for split in ("train", "dev", "test"):
        yield from read_corpus(corpus, split, fold=1, keep_all=keep_all)
