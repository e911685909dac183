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
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from warta.paths import repo_tests

FLOORS = repo_tests() / "eval_floors.json"
GOLD_DIR = repo_tests() / "data"


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
