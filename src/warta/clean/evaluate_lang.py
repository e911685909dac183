"""``warta eval lang``: language identification by language and length bucket.

The sets and their sources are described in ``warta.clean.lang_sets``; ``--split dev``
is what the word lists were tuned on, ``--split test`` (the default) the rest.
``--compare`` scores, side by side, fastText's ``lite`` model alone and, where they
are installed, ``lingua-language-detector`` and ``py3langid`` (neither is a warta
dependency: they were measured when the detector was chosen).
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from warta.clean.lang import detect_language, fasttext_scores
from warta.clean.lang_sets import Sample, iter_buckets, load_sets
from warta.evaluation import below_floors as shared_below_floors
from warta.paths import shared_data

Detector = Callable[[str], str | None]


@dataclass(slots=True)
class Cell:
    total: int = 0
    right: int = 0
    wrong: Counter[str] = field(default_factory=Counter)

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0


@dataclass(slots=True)
class Result:
    cells: dict[str, Cell]  # "lang.bucket" and "lang.bucket.origin"
    seconds: float
    errors: list[dict[str, str | None]]

    def figures(self) -> dict[str, float]:
        return {key: round(cell.accuracy, 4) for key, cell in self.cells.items()}


def score(samples: list[Sample], detect: Detector) -> Result:
    cells: dict[str, Cell] = {}
    errors: list[dict[str, str | None]] = []
    started = time.perf_counter()
    for lang, bucket, chosen in iter_buckets(samples):
        for sample in chosen:
            got = detect(sample.text)
            for key in (f"{lang}.{bucket}", f"{lang}.{bucket}.{sample.origin}"):
                cell = cells.setdefault(key, Cell())
                cell.total += 1
                cell.right += got == lang
                if got != lang:
                    cell.wrong[str(got)] += 1
            if got != lang:
                errors.append({"origin": sample.origin, "gold": lang, "got": got,
                               "text": sample.text[:200]})  # fmt: skip
    return Result(cells, time.perf_counter() - started, errors)


def warta_detector(text: str) -> str | None:
    return detect_language(text)[0]


def fasttext_detector(text: str) -> str | None:
    sample = " ".join(text[:2000].split())
    scores = fasttext_scores(sample, k=1) if sample else {}
    return next(iter(scores), None)


def optional_detectors() -> dict[str, Detector]:
    """lingua (all its languages) and py3langid, when installed."""
    out: dict[str, Detector] = {}
    try:
        from lingua import LanguageDetectorBuilder  # type: ignore[import-not-found]
    except ImportError:
        pass
    else:
        lingua = LanguageDetectorBuilder.from_all_languages().build()

        def by_lingua(text: str) -> str | None:
            found = lingua.detect_language_of(text)
            return found.iso_code_639_1.name.lower() if found else None

        out["lingua"] = by_lingua
    try:
        import py3langid  # type: ignore[import-not-found]
    except ImportError:
        pass
    else:
        out["py3langid"] = lambda text: str(py3langid.classify(text)[0])
    return out


def _table(rows: list[tuple[str, Result]]) -> str:
    keys = [k for k in rows[0][1].cells if k.count(".") == 1]
    lines = ["set          n      " + "  ".join(f"{name:>10}" for name, _ in rows)]
    for key in keys:
        n = rows[0][1].cells[key].total
        cols = "  ".join(f"{r.cells[key].accuracy:>10.4f}" for _, r in rows)
        lines.append(f"{key:<12} {n:>5}  {cols}")
    count = sum(rows[0][1].cells[k].total for k in keys)
    speed = "  ".join(f"{1000 * r.seconds / max(count, 1):>10.3f}" for _, r in rows)
    lines.append(f"ms/sample          {speed}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="warta eval lang", description=__doc__)
    parser.add_argument("--data", type=Path, default=None, help="the shared data folder")
    parser.add_argument("--split", choices=("dev", "test"), default="test")
    parser.add_argument("--compare", action="store_true", help="also score other detectors")
    parser.add_argument("--origins", action="store_true", help="figures per source too")
    parser.add_argument("--errors", action="store_true", help="list every error of warta")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--floors", type=Path, help="exit 1 below a lang.* floor of this file")
    args = parser.parse_args(argv)
    root = args.data or shared_data(required=True)
    assert root is not None
    samples = load_sets(root, split=args.split)
    detect_language("Warga berkumpul di balai desa.")  # warm-up: the model loads once
    rows = [("warta", score(samples, warta_detector))]
    if args.compare:
        rows.append(("fasttext", score(samples, fasttext_detector)))
        rows += [(name, score(samples, f)) for name, f in optional_detectors().items()]
    if args.json:
        print(json.dumps({name: r.figures() for name, r in rows}, indent=2))
    else:
        print(f"lang {args.split}: {len(samples)} samples")
        print(_table(rows))
        if args.origins:
            for key, cell in rows[0][1].cells.items():
                if key.count(".") == 2:
                    wrong = ", ".join(f"{k} {v}" for k, v in cell.wrong.most_common(3))
                    print(f"  {key:<24} {cell.right}/{cell.total} {cell.accuracy:.4f} {wrong}")
    if args.errors:
        for error in rows[0][1].errors:
            print(json.dumps(error, ensure_ascii=False))
    if args.floors:
        failed = below_floors(rows[0][1].figures(), args.floors, split=args.split)
        for line in failed:
            print(f"below floor: {line}")
        return 1 if failed else 0
    return 0


def below_floors(figures: dict[str, float], path: Path, *, split: str) -> list[str]:
    """The ``lang.SPLIT.LANG.BUCKET`` floors of ``path`` that ``figures`` fall below or miss."""
    return shared_below_floors(figures, path, prefix=f"lang.{split}", nested=True)
