"""``warta ingest INPUT... --db PATH``: process inputs into the SQLite store."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from warta.cli.common import add_run_options, finish, pipeline_config, run_inputs
from warta.run.known import KnownArticles
from warta.run.local import RunStats
from warta.run.quarantine import QUARANTINE_NAME, Quarantine
from warta.store import Store

DEFAULT_DB = Path("warta.db")


def add_parser(sub: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(
        "ingest",
        help="process inputs into a SQLite database",
        description="Process inputs and store the records (idempotent: re-running adds nothing).",
    )
    add_run_options(parser)
    parser.add_argument("--db", type=Path, default=DEFAULT_DB, help="database (default: warta.db)")
    return parser


def run(args: argparse.Namespace) -> int:
    stats = RunStats()
    quarantine = Quarantine(args.quarantine or args.db.with_name(QUARANTINE_NAME))
    with Store(args.db, defer_stories=True) as store:
        known = KnownArticles(args.db, config=pipeline_config(args))
        try:
            for article in run_inputs(
                args, stats=stats, quarantine=quarantine, known=known, outputs=(args.db,)
            ):
                outcome = store.upsert(article)
                known.mark(store.db, article.id)
                setattr(stats, outcome, getattr(stats, outcome) + 1)
        finally:
            known.close()
    return finish(args, stats, quarantine, stored=True)
