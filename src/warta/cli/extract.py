"""``warta extract INPUT... [-o out.jsonl]``: stream records as JSONL, no database."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from warta.cli.common import add_run_options, finish, run_inputs
from warta.run.local import RunStats
from warta.run.quarantine import QUARANTINE_NAME, Quarantine


def add_parser(sub: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(
        "extract",
        help="process inputs and write one JSON record per article",
        description="Process inputs and write one JSON record per article, in input order.",
    )
    add_run_options(parser)
    parser.add_argument(
        "-o", "--output", type=Path, default=None, help="output JSONL file (default: stdout)"
    )
    return parser


def run(args: argparse.Namespace) -> int:
    stats = RunStats()
    default_q = (args.output.parent if args.output else Path.cwd()) / QUARANTINE_NAME
    quarantine = Quarantine(args.quarantine or default_q)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
    out = args.output.open("w", encoding="utf-8") if args.output else sys.stdout
    try:
        for article in run_inputs(args, stats=stats, quarantine=quarantine):
            out.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
            out.flush()
    finally:
        if args.output:
            out.close()
    return finish(args, stats, quarantine, stored=False)
