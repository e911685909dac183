"""What every ``warta eval …`` shares: its options, where gold and floors live, one floor check.

Each stage scores itself (``warta.<stage>.evaluate``); this module gives them the same
command line — ``--gold PATH``, ``--floors [PATH]`` (``tests/eval_floors.json`` when no
path is given), ``--json PATH`` (``-`` for standard output), ``--errors`` — and the one
strict floor check: every floor of the run's prefix needs its figure, and a missing figure
fails like a figure below its floor.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from warta.errors import EvalError
from warta.paths import repo_tests

FLOORS = repo_tests() / "eval_floors.json"
GOLD_DIR = repo_tests() / "data"


# Gold files keep offsets and labels, never the texts: these read the texts back from
# ../shared/data. The shared files annotated texts come from, by id prefix.
SOURCES = {
    "idnews-": "news/id-news-282.jsonl",
    "pfsa-dev-": "quotes/pfsa-id/dev-40.articles.jsonl",
    # single sentences of the permissive NER corpora: "nerugm:train.01:17" is sentence 17 of
    # ner/nerugm/train.01.tsv, its text the corpus tokens joined by single spaces
    "nerugm:": "ner/nerugm",
    "nerui:": "ner/nerui",
    "nergrit:": "ner/nergrit",
}
SPLITS = ("train", "dev", "test", "valid")


def source_of(article_id: str) -> str:
    for prefix, source in SOURCES.items():
        if article_id.startswith(prefix):
            return source
    raise EvalError(f"no shared source known for article id {article_id!r}")


def sentence_texts(corpus: str, data: Path) -> dict[str, str]:
    """``id -> text`` of every sentence of a NER corpus folder (``ner/nerugm``)."""
    from warta.nlp.corpora import read_bio

    texts: dict[str, str] = {}
    name = corpus.rsplit("/", 1)[-1]
    for path in sorted((data / corpus).glob("*.t*")):
        if path.suffix not in (".tsv", ".txt") or not path.stem.startswith(SPLITS):
            continue
        for i, sentence in enumerate(read_bio(path)):
            texts[f"{name}:{path.stem}:{i}"] = " ".join(sentence.words)
    return texts


def source_texts(sources: Iterable[str], data: Path) -> dict[str, str]:
    """``id -> text`` of every article in the named shared JSONL files or NER corpora."""
    texts: dict[str, str] = {}
    for source in sorted(set(sources)):
        if source.startswith("ner/"):
            texts.update(sentence_texts(source, data))
            continue
        path = data / source
        if not path.is_file():
            raise EvalError(f"gold source not found: {path}")
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                texts[str(row["id"])] = str(row["text"])
    return texts


def gold_path(name: str) -> Path:
    """A gold file of the repository's ``tests/data`` (the package's checkout paths)."""
    return GOLD_DIR / name


def read_floors(path: Path = FLOORS) -> dict[str, float]:
    floors: dict[str, float] = json.loads(path.read_text(encoding="utf-8"))
    return floors


def below_floors(
    figures: Mapping[str, float | None],
    floors: Mapping[str, float] | Path,
    *,
    prefix: str,
    nested: bool = False,
) -> list[str]:
    """The floors ``prefix.NAME`` that ``figures[NAME]`` misses: below it, or not there.

    ``NAME`` holds no dot unless ``nested`` (``events.heldout.f1`` is the held-out set's
    floor, not the dev set's); floors of other prefixes are not this run's.
    """
    pinned = read_floors(floors) if isinstance(floors, Path) else floors
    out = []
    for key, floor in pinned.items():
        if not key.startswith(prefix + "."):
            continue
        name = key.removeprefix(prefix + ".")
        if "." in name and not nested:
            continue
        value = figures.get(name)
        if value is None or (isinstance(value, float) and math.isnan(value)):
            out.append(f"{key} missing (floor {floor})")
        elif value < floor:
            out.append(f"{key} {value:.4f} < {floor}")
    return out


def add_options(parser: argparse.ArgumentParser, *, gold: Path | None, what: str) -> None:
    """The options of every evaluation; ``gold=None`` when the default lies in shared data."""
    parser.add_argument(
        "--gold",
        type=Path,
        default=gold,
        help=f"{what} (default: {gold if gold is not None else 'in ../shared/data'})",
    )
    parser.add_argument(
        "--floors",
        type=Path,
        nargs="?",
        const=FLOORS,
        default=None,
        help="exit 1 when a figure is below its floor or missing (default file: "
        "tests/eval_floors.json)",
    )
    parser.add_argument(
        "--json",
        type=Path,
        default=None,
        metavar="PATH",
        help="write the figures here (- : stdout)",
    )
    parser.add_argument(
        "--errors", action="store_true", help="list the errors (misses, wrong values)"
    )


def write_json(path: Path | None, value: Any) -> None:
    if path is None:
        return
    text = json.dumps(value, indent=2, ensure_ascii=False) + "\n"
    if str(path) == "-":
        sys.stdout.write(text)
    else:
        path.write_text(text, encoding="utf-8")


def gate(
    figures: Mapping[str, float | None],
    floors: Path | None,
    *,
    prefix: str,
    nested: bool = False,
) -> int:
    """Exit code of an evaluation: 1 (and a line per floor on stderr) when a floor is missed."""
    if floors is None:
        return 0
    below = below_floors(figures, floors, prefix=prefix, nested=nested)
    for line in below:
        print(f"below floor: {line}", file=sys.stderr)
    return 1 if below else 0
