"""``warta export --db PATH --format jsonl|csv|parquet|plover -o OUT``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from warta.errors import ConfigError, OutputError
from warta.store import Store
from warta.store.export import EXPORTERS, exporter, store_tables
from warta.store.reviews import apply_reviews, latest_reviews

_DEFAULT_OUT = {"jsonl": "warta.jsonl", "csv": "warta-csv", "parquet": "warta-parquet",
                "plover": "warta-plover.jsonl"}  # fmt: skip
_FOLDER_FORMATS = ("csv", "parquet")


def add_parser(sub: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(
        "export",
        help="export the store",
        description="Export stored records: JSONL records, a folder of CSV or Parquet tables "
        "(articles, entities, times, quotes, places, events, and stories, story_events — the "
        "fused events — and event_reviews), or PLOVER event records.",
    )
    parser.add_argument("--db", type=Path, default=Path("warta.db"), help="database")
    parser.add_argument("--format", "-f", choices=sorted(EXPORTERS), default="jsonl")
    parser.add_argument("-o", "--output", type=Path, default=None, help="file or folder")
    parser.add_argument(
        "--reviewed",
        action="store_true",
        help="apply the analysts' reviews: corrected values, events marked wrong left out",
    )
    return parser


def run(args: argparse.Namespace) -> int:
    out = args.output or Path(_DEFAULT_OUT.get(args.format, f"warta-{args.format}"))
    write: Any = exporter(args.format)
    folder = args.format in _FOLDER_FORMATS
    if folder and out.exists() and not out.is_dir():
        raise ConfigError(f"--output {out} exists and is a file; {args.format} writes a folder")
    if not folder and out.is_dir():
        raise ConfigError(f"--output {out} is a folder; {args.format} writes a file")
    with Store(args.db, readonly=True) as store:
        records = store.records()
        if args.reviewed:
            reviews = latest_reviews(store.db)
            records = (apply_reviews(r, reviews) for r in records)
        try:
            if args.format in ("csv", "parquet"):
                extra = store_tables(store.db, reviewed=args.reviewed)
                count = write(records, out, extra=extra)
            else:
                count = write(records, out)
        except OSError as exc:
            raise OutputError(f"cannot write {out}: {exc.strerror or exc}") from None
    print(f"warta: wrote {count} {args.format} item(s) to {out}", file=sys.stderr)
    return 0
