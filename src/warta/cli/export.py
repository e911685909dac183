"""``warta export --db PATH --format jsonl|csv|parquet|plover -o OUT``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from warta.store import Store
from warta.store.export import EXPORTERS, exporter

_DEFAULT_OUT = {"jsonl": "warta.jsonl", "csv": "warta-csv", "parquet": "warta-parquet",
                "plover": "warta-plover.jsonl"}  # fmt: skip


def add_parser(sub: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(
        "export",
        help="export the store",
        description="Export stored records: JSONL records, a folder of CSV or Parquet tables "
        "(articles, entities, times, quotes, places, events), or PLOVER event records.",
    )
    parser.add_argument("--db", type=Path, default=Path("warta.db"), help="database")
    parser.add_argument("--format", "-f", choices=sorted(EXPORTERS), default="jsonl")
    parser.add_argument("-o", "--output", type=Path, default=None, help="file or folder")
    return parser


def run(args: argparse.Namespace) -> int:
    out = args.output or Path(_DEFAULT_OUT.get(args.format, f"warta-{args.format}"))
    write = exporter(args.format)
    with Store(args.db, readonly=True) as store:
        count = write(store.records(), out)
    print(f"warta: wrote {count} {args.format} item(s) to {out}", file=sys.stderr)
    return 0
