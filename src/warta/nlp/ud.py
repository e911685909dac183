"""The UD Indonesian treebanks as spaCy training data, and the split the parser is scored on.

Trained on (``../shared/data/ud``, CC BY-SA): CSUI train, GSD dev, and the first 80 % of GSD
test and of PUD (in file order). Held out for ``warta eval parse``: CSUI test (all of it), the
last 20 % of GSD test and the last 20 % of PUD. A multi-word token ("bukunya") becomes its
syntactic words ("buku" + "nya") with no space between them, as warta's tokenizer splits it;
``root`` becomes spaCy's ``ROOT``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from warta.errors import EvalError
from warta.paths import shared_data

TREEBANK_FILES = {
    "CSUI-train": "CSUI/id_csui-ud-train.conllu",
    "CSUI-test": "CSUI/id_csui-ud-test.conllu",
    "GSD-dev": "GSD/id_gsd-ud-dev.conllu",
    "GSD-test": "GSD/id_gsd-ud-test.conllu",
    "PUD": "PUD/id_pud-ud-test.conllu",
}
HELD_OUT_SHARE = 0.2  # of GSD test and PUD, their last sentences


@dataclass(frozen=True, slots=True)
class Tree:
    text: str
    words: tuple[str, ...]
    spaces: tuple[bool, ...]
    pos: tuple[str, ...]
    morphs: tuple[str, ...]
    heads: tuple[int, ...]  # absolute word index; the root points at itself
    deps: tuple[str, ...]


def read_conllu(path: Path) -> list[Tree]:
    if not path.is_file():
        raise EvalError(f"{path}: treebank not found")
    trees: list[Tree] = []
    block: list[str] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.strip():
            block.append(line)
        elif block:
            tree = _tree(block)
            if tree is not None:
                trees.append(tree)
            block = []
    return trees


def _tree(lines: list[str]) -> Tree | None:
    text = ""
    rows: list[list[str]] = []
    no_space_after: set[int] = set()  # word ids followed by no space
    for line in lines:
        if line.startswith("# text ="):
            text = line.split("=", 1)[1].strip()
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 10 or "." in cols[0]:
            continue  # empty nodes of enhanced graphs
        if "-" in cols[0]:  # a multi-word token: its words are written together
            first, last = (int(x) for x in cols[0].split("-"))
            no_space_after.update(range(first, last))
            if "SpaceAfter=No" in cols[9]:
                no_space_after.add(last)
            continue
        rows.append(cols)
        if "SpaceAfter=No" in cols[9]:
            no_space_after.add(int(cols[0]))
    if not rows:
        return None
    ids = [int(c[0]) for c in rows]
    index = {wid: i for i, wid in enumerate(ids)}
    heads, deps = [], []
    for i, c in enumerate(rows):
        head = int(c[6]) if c[6].isdigit() else 0
        heads.append(i if head == 0 else index.get(head, i))
        deps.append("ROOT" if head == 0 else c[7])
    return Tree(
        text=text or " ".join(c[1] for c in rows),
        words=tuple(c[1] for c in rows),
        spaces=tuple(wid not in no_space_after for wid in ids),
        pos=tuple(c[3] for c in rows),
        morphs=tuple("" if c[5] == "_" else c[5] for c in rows),
        heads=tuple(heads),
        deps=tuple(deps),
    )


def splits(root: Path | None = None) -> tuple[list[Tree], dict[str, list[Tree]]]:
    """(training trees, held-out trees by treebank name)."""
    base = (root or shared_data(required=True) or Path()) / "ud"
    banks = {name: read_conllu(base / rel) for name, rel in TREEBANK_FILES.items()}
    train = banks["CSUI-train"] + banks["GSD-dev"]
    held: dict[str, list[Tree]] = {"CSUI-test": banks["CSUI-test"]}
    for name in ("GSD-test", "PUD"):
        trees = banks[name]
        cut = len(trees) - round(len(trees) * HELD_OUT_SHARE)
        train += trees[:cut]
        held[name] = trees[cut:]
    return train, held


def to_doc(vocab: Any, tree: Tree) -> Any:
    from spacy.tokens import Doc

    return Doc(
        vocab,
        words=list(tree.words),
        spaces=list(tree.spaces),
        pos=list(tree.pos),
        morphs=list(tree.morphs),
        heads=list(tree.heads),
        deps=list(tree.deps),
    )


def to_docbin(vocab: Any, trees: list[Tree]) -> Any:
    from spacy.tokens import DocBin

    out = DocBin(attrs=["ORTH", "SPACY", "POS", "MORPH", "HEAD", "DEP"])
    for tree in trees:
        out.add(to_doc(vocab, tree))
    return out


def iter_examples(nlp: Any, trees: list[Tree]) -> Iterator[Any]:
    """Examples whose predicted side is the raw sentence through warta's own tokenizer."""
    from spacy.training import Example

    for tree in trees:
        yield Example(nlp.make_doc(tree.text), to_doc(nlp.vocab, tree))
