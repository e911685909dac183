"""The language-identification evaluation sets, built from public corpora and our own writing.

Every set is a list of ``Sample`` (gold language, length bucket, origin, text) in one
split. Buckets: ``1`` (one sentence), ``2-3`` (two or three consecutive sentences of
one document or file) and ``article`` (a whole document).

Sources (``../shared/data`` unless said otherwise; see its README for licences):

- Indonesian: the ``# text`` sentences of UD Indonesian CSUI, GSD and PUD; the
  sentences of the NER corpora NER-UGM, NER-UI and NERGRIT (tokens re-joined);
  NERP, which is lower-cased, as its own origin; whole articles of
  ``news/id-news-282.jsonl`` and ``quotes/pfsa-id/dev-40.articles.jsonl``; the PUD
  documents (sentences grouped by their ``sent_id`` document prefix) as articles.
- English: the ``# text_en`` translations in the same UD treebanks (PUD's are the
  English originals) and the PUD documents as articles.
- Malay: ``tests/data/lang/ms-*.txt``, news-style articles written by the warta
  developers for this evaluation (one sentence a line, a blank line between
  articles; people invented, places and institutions real).

Splits: ``dev`` is what the rules were tuned on (UD CSUI train, GSD dev, folds 1-2 of
NER-UGM and NER-UI, NERGRIT train, id-news-282, odd PUD documents, ``ms-dev.txt``);
``test`` is everything else, scored once per change.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from warta.errors import EvalError
from warta.evaluation import gold_path

OWN = gold_path("lang")
BUCKETS = ("1", "2-3", "article")


@dataclass(frozen=True, slots=True)
class Sample:
    lang: str
    bucket: str
    origin: str
    text: str


def load_sets(root: Path, *, split: str, own: Path = OWN) -> list[Sample]:
    """Every sample of ``split`` (``dev`` or ``test``) from the shared data and ``own``."""
    if split not in ("dev", "test"):
        raise EvalError(f"unknown split {split!r} (dev or test)")
    dev = split == "dev"
    out: list[Sample] = []
    ud = {
        "ud-csui": ["CSUI/id_csui-ud-train.conllu"] if dev else ["CSUI/id_csui-ud-test.conllu"],
        "ud-gsd": ["GSD/id_gsd-ud-dev.conllu"] if dev else ["GSD/id_gsd-ud-test.conllu"],
    }
    for origin, files in ud.items():
        for name in files:
            docs = _conllu_docs(_need(root / "ud" / name), by_prefix=False)
            for lang, key in (("id", "text"), ("en", "text_en")):
                out += _from_documents([[s[key] for s in d] for d in docs], lang, origin)
    pud = _conllu_docs(_need(root / "ud" / "PUD" / "id_pud-ud-test.conllu"), by_prefix=True)
    pud = [d for i, d in enumerate(pud) if (i % 2 == 1) == dev]
    for lang, key in (("id", "text"), ("en", "text_en")):
        texts = [[s[key] for s in d] for d in pud]
        out += _from_documents(texts, lang, "ud-pud", articles=True)
    ner = {
        "ner-ugm": [f"nerugm/test.0{n}.tsv" for n in ((1, 2) if dev else (3, 4, 5))],
        "ner-ui": [f"nerui/test.0{n}.tsv" for n in ((1, 2) if dev else (3, 4, 5))],
        "ner-grit": ["nergrit/train.txt" if dev else "nergrit/valid.txt"],
        "ner-p": [] if dev else ["nerp/valid.txt"],
    }
    for origin, files in ner.items():
        for name in files:
            out += _from_documents([_bio_sentences(_need(root / "ner" / name))], "id", origin)
    articles = (
        [("news/id-news-282.jsonl", "id-news")]
        if dev
        else [("quotes/pfsa-id/dev-40.articles.jsonl", "pfsa-id")]
    )
    for name, origin in articles:
        for line in _need(root / name).read_text(encoding="utf-8").splitlines():
            text = json.loads(line)["text"]
            out.append(Sample("id", "article", origin, text))
    own_file = _need(own / f"ms-{split}.txt")
    out += _from_documents(_own_articles(own_file), "ms", "own-ms", articles=True)
    return out


def _need(path: Path) -> Path:
    if not path.is_file():
        raise EvalError(f"{path}: evaluation source not found")
    return path


def _from_documents(
    docs: list[list[str]], lang: str, origin: str, *, articles: bool = False
) -> list[Sample]:
    """Each sentence alone, then runs of 2 and 3 in turn, then (optionally) each document."""
    out = [Sample(lang, "1", origin, s) for d in docs for s in d]
    for d in docs:
        at, size = 0, 2
        while at + size <= len(d):
            out.append(Sample(lang, "2-3", origin, " ".join(d[at : at + size])))
            at += size
            size = 5 - size
    if articles:
        out += [Sample(lang, "article", origin, " ".join(d)) for d in docs if len(d) >= 3]
    return out


def _conllu_docs(path: Path, *, by_prefix: bool) -> list[list[dict[str, str]]]:
    """Sentences' comment fields, grouped by document (PUD: the sent_id's first 6 characters)."""
    docs: dict[str, list[dict[str, str]]] = {}
    current: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# ") and " = " in line:
            key, _, value = line[2:].partition(" = ")
            current[key.strip()] = value.strip()
        elif not line.strip() and current:
            if "text" in current and "text_en" in current:
                doc = current.get("sent_id", "")[:6] if by_prefix else "all"
                docs.setdefault(doc, []).append(current)
            current = {}
    return list(docs.values())


_NO_SPACE_BEFORE = re.compile(r"^[.,;:!?%)\]}”’]+$")
_NO_SPACE_AFTER = re.compile(r"^[(\[{“‘]+$")


def _bio_sentences(path: Path) -> list[str]:
    """Sentences of a token<TAB>tag file, tokens joined back with the usual spacing."""
    sentences: list[str] = []
    tokens: list[str] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        token = line.split("\t")[0].split(" ")[0].strip() if line.strip() else ""
        if token:
            tokens.append(token)
        elif tokens:
            sentences.append(_detokenize(tokens))
            tokens = []
    return sentences


def _detokenize(tokens: list[str]) -> str:
    out = ""
    quote_open = False
    for token in tokens:
        glue = not out or bool(_NO_SPACE_BEFORE.match(token) or _NO_SPACE_AFTER.match(out[-1]))
        if token == '"':
            glue = not out or quote_open
            quote_open = not quote_open
            if out.endswith('"') and not quote_open:
                glue = True
        elif out.endswith('"') and quote_open:
            glue = True
        out += token if glue else " " + token
    return out


def _own_articles(path: Path) -> list[list[str]]:
    docs: list[list[str]] = [[]]
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        if line.strip():
            docs[-1].append(line.strip())
        elif docs[-1]:
            docs.append([])
    return [d for d in docs if d]


def iter_buckets(samples: list[Sample]) -> Iterator[tuple[str, str, list[Sample]]]:
    """(lang, bucket, samples) for every pair that has samples, in a stable order."""
    for lang in sorted({s.lang for s in samples}):
        for bucket in BUCKETS:
            chosen = [s for s in samples if s.lang == lang and s.bucket == bucket]
            if chosen:
                yield lang, bucket, chosen
