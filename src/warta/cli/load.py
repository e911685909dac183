"""``warta load PARQUET_DIR --db PATH``: import a Spark run's Parquet output into the store."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from warta.spark.load import load_parquet


def add_parser(sub: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(
        "load",
        help="import Parquet output of 'warta spark' into a database",
        description="Import the articles of a 'warta spark' output folder (or a "
        "'warta export --format parquet' folder) into the SQLite store for 'warta serve'. "
        "Idempotent: loading the same folder again changes nothing.",
    )
    parser.add_argument("folder", metavar="PARQUET_DIR", help="output folder of 'warta spark'")
    parser.add_argument("--db", type=Path, default=Path("warta.db"), help="database")
    parser.add_argument("--quiet", "-q", action="store_true", help="no summary line")
    return parser


def run(args: argparse.Namespace) -> int:
    counts = load_parquet(args.folder, args.db)
    if not args.quiet:
        total = sum(counts.values())
        print(
            f"warta: loaded {total} article(s) into {args.db}: new {counts['inserted']}, "
            f"updated {counts['updated']}, unchanged {counts['unchanged']}",
            file=sys.stderr,
        )
    return 0
