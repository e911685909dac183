"""``warta eval published``: the publication date inferred with the known date withheld.

Gold: ``tests/data/published-known.jsonl``, one article a line (``split``, ``source`` under
``../shared/data`` or ``demo`` for warta's own sample articles, ``id``, ``published``,
``how`` the date is known). Known dates come from metadata (the seed article's scraper
record, the demo articles), from the times gold (a "hari ini" or "kemarin" its annotators
resolved from the text) or from a text that names its own day ("hari ini, Senin
(10/8/2020)", "Sabtu (18/04/2020) ini"); ``how`` says which. Each article goes through
``build_article`` as a ``.txt`` file would, without its date, so only the text speaks.

``--corpus`` adds the years inferred for every article of id-news-282 and PFSA-ID (no
known dates; news of 2016-2021), to show that history does not come back.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from warta.clean import build_article
from warta.errors import EvalError
from warta.evaluation import below_floors as shared_below_floors
from warta.evaluation import gold_path
from warta.ingest.document import RawDocument
from warta.paths import shared_data

GOLD = gold_path("published-known.jsonl")
CORPORA = ("news/id-news-282.jsonl", "quotes/pfsa-id/dev-40.articles.jsonl")


@dataclass(frozen=True, slots=True)
class Known:
    split: str
    id: str
    text: str
    published: dt.date
    how: str


@dataclass(slots=True)
class Scores:
    total: int = 0
    exact: int = 0
    within_1d: int = 0
    answered: int = 0
    within_30d: int = 0
    rows: list[dict[str, Any]] = field(default_factory=list)

    def figures(self) -> dict[str, float]:
        n = self.total or 1
        return {
            "exact": self.exact / n,
            "within_1d": self.within_1d / n,
            "answered": self.answered / n,
            # of the dates given, the share within 30 days (1.0: none further off)
            "answered_within_30d": self.within_30d / self.answered if self.answered else 1.0,
        }


def _texts(root: Path, source: str) -> dict[str, str]:
    if source == "demo":
        lines = resources.files("warta").joinpath("data/demo/articles.jsonl").read_text("utf-8")
        return {(row := json.loads(line))["id"]: row["text"] for line in lines.splitlines()}
    path = root / source
    if not path.is_file():
        raise EvalError(f"{path}: evaluation source not found")
    if source.endswith(".txt"):
        return {f"seed:{path.stem}": path.read_text(encoding="utf-8")}
    rows = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines())
    return {row["id"]: row["text"] for row in rows}


def load_gold(path: Path = GOLD, *, data: Path | None = None) -> list[Known]:
    root = data or shared_data(required=True)
    assert root is not None
    if not path.is_file():
        raise EvalError(f"{path}: gold file not found")
    cache: dict[str, dict[str, str]] = {}
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        row = json.loads(line)
        texts = cache.setdefault(row["source"], _texts(root, row["source"]))
        if row["id"] not in texts:
            raise EvalError(f"{path}:{n}: article {row['id']} not in {row['source']}")
        published = dt.date.fromisoformat(row["published"])
        out.append(Known(row["split"], row["id"], texts[row["id"]], published, row["how"]))
    return out


def infer(text: str) -> tuple[dt.date | None, str | None, float | None]:
    """What warta makes of a text with no date beside it (a .txt file without one in its name)."""
    doc = RawDocument(source="article.txt", kind="text", sha256="0" * 64, text=text)
    article = build_article(doc, detect_language=False)
    return article.published, article.published_source, article.published_confidence


def score(gold: list[Known]) -> Scores:
    s = Scores()
    for known in gold:
        got, source, confidence = infer(known.text)
        s.total += 1
        off = abs((got - known.published).days) if got else None
        s.exact += off == 0
        s.within_1d += off is not None and off <= 1
        s.answered += got is not None
        s.within_30d += off is not None and off <= 30
        s.rows.append({"id": known.id, "known": known.published.isoformat(),
                       "got": got.isoformat() if got else None, "source": source,
                       "confidence": confidence, "days_off": off})  # fmt: skip
    return s


def corpus_years(root: Path) -> Counter[str]:
    years: Counter[str] = Counter()
    for source in CORPORA:
        for text in _texts(root, source).values():
            got, _, _ = infer(text)
            years[str(got.year) if got else "null"] += 1
    return years


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="warta eval published", description=__doc__)
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--data", type=Path, default=None, help="the shared data folder")
    parser.add_argument("--rows", action="store_true", help="one line per article")
    parser.add_argument("--corpus", action="store_true", help="years inferred on the corpora")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--floors", type=Path, help="exit 1 below a published.* floor")
    args = parser.parse_args(argv)
    gold = load_gold(args.gold, data=args.data)
    results = {split: score([k for k in gold if k.split == split]) for split in ("test", "dev")}
    if args.json:
        print(json.dumps({split: s.figures() for split, s in results.items()}, indent=2))
    else:
        for split, s in results.items():
            f = s.figures()
            print(
                f"published {split}: {s.total} articles, exact {f['exact']:.3f}, within a day "
                f"{f['within_1d']:.3f}, answered {f['answered']:.3f}, answered within 30 days "
                f"{f['answered_within_30d']:.3f}"
            )
    if args.rows:
        for split, s in results.items():
            for row in s.rows:
                print(json.dumps({"split": split, **row}))
    if args.corpus:
        root = args.data or shared_data(required=True)
        assert root is not None
        years = corpus_years(root)
        print("years inferred on id-news-282 + PFSA-ID:", dict(sorted(years.items())))
    if args.floors:
        failed = below_floors(results, args.floors)
        for line in failed:
            print(f"below floor: {line}")
        return 1 if failed else 0
    return 0


def below_floors(results: dict[str, Scores], path: Path) -> list[str]:
    """The ``published.SPLIT.NAME`` floors of ``path`` that the figures fall below or miss."""
    return [
        line
        for split, scores in results.items()
        for line in shared_below_floors(scores.figures(), path, prefix=f"published.{split}")
    ]
