"""Tokenization and sentence segmentation scored against the UD Indonesian treebanks.

Gold tokens are UD *words* as character spans (a multi-word token such as "bukunya" counts
as "buku" + "nya" when the words spell the token); gold sentences are the treebank's
sentences, joined with a space into blocks of ``block`` sentences. Both are scored as P/R/F1
of exact character spans (sentences: of sentence starts).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from warta.paths import shared_data

TREEBANKS = {
    "GSD-test": "GSD/id_gsd-ud-test.conllu",
    "CSUI-test": "CSUI/id_csui-ud-test.conllu",
    "PUD": "PUD/id_pud-ud-test.conllu",
}


@dataclass(frozen=True, slots=True)
class UDSentence:
    text: str
    words: tuple[tuple[int, int], ...]  # character spans in text


def _spans(text: str, tokens: list[tuple[str, list[str]]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    for surface, words in tokens:
        start = text.find(surface, pos)
        if start < 0:
            continue  # a form the text spells differently; not scored
        pos = start + len(surface)
        if len(words) > 1 and "".join(words) == surface:
            for word in words:
                out.append((start, start + len(word)))
                start += len(word)
        else:
            out.append((start, pos))
    return out


def read_conllu(path: Path) -> Iterator[UDSentence]:
    text = ""
    tokens: list[tuple[str, list[str]]] = []
    mwt_end = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# text = "):
            text = line[len("# text = ") :]
        elif not line.strip():
            if text:
                yield UDSentence(text, tuple(_spans(text, tokens)))
            text, tokens, mwt_end = "", [], 0
        elif not line.startswith("#"):
            cols = line.split("\t")
            ident, form = cols[0], cols[1]
            if "-" in ident:
                last = int(ident.split("-")[1])
                tokens.append((form, []))
                mwt_end = last
            elif "." not in ident:
                if int(ident) <= mwt_end:
                    tokens[-1][1].append(form)
                else:
                    tokens.append((form, [form]))
    if text:
        yield UDSentence(text, tuple(_spans(text, tokens)))


def _prf(gold: set[Any], pred: set[Any]) -> dict[str, float]:
    tp = len(gold & pred)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if tp else 0.0}


def evaluate_treebank(
    nlp: Any, sentences: Sequence[UDSentence], *, block: int = 10
) -> dict[str, Any]:
    gold_tokens: set[tuple[int, int]] = set()
    pred_tokens: set[tuple[int, int]] = set()
    gold_starts: set[int] = set()
    pred_starts: set[int] = set()
    offset = 0
    for i in range(0, len(sentences), block):
        chunk = sentences[i : i + block]
        pieces, starts, pos = [], [], 0
        for sentence in chunk:
            starts.append(pos)
            gold_tokens.update((offset + pos + s, offset + pos + e) for s, e in sentence.words)
            pieces.append(sentence.text)
            pos += len(sentence.text) + 1
        text = " ".join(pieces)
        gold_starts.update(offset + s for s in starts)
        doc = nlp(text)
        pred_tokens.update((offset + t.idx, offset + t.idx + len(t.text)) for t in doc)
        pred_starts.update(offset + s.start_char for s in doc.sents)
        offset += len(text) + 1
    return {
        "tokens": _prf(gold_tokens, pred_tokens),
        "sentences": _prf(gold_starts, pred_starts),
        "sentences_n": len(sentences),
    }


def evaluate_ud(nlp: Any) -> dict[str, Any]:
    root = shared_data(required=True)
    assert root is not None
    return {
        name: evaluate_treebank(nlp, list(read_conllu(root / "ud" / rel)))
        for name, rel in TREEBANKS.items()
    }
