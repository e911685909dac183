"""``warta watch SOURCE... --db PATH``: keep a database current from feeds and sitemaps."""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path
from types import FrameType
from typing import Any

from warta.cli.common import pipeline_config
from warta.cli.options import positive_int, terminal_safe
from warta.errors import ConfigError
from warta.ingest.feeds import Fetcher
from warta.run.quarantine import QUARANTINE_NAME, Quarantine
from warta.store import Store
from warta.watch.alerts import Alerts
from warta.watch.loop import WatchConfig, Watcher
from warta.watch.rules import read_rules
from warta.watch.sources import resolve_sources


def add_parser(sub: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(
        "watch",
        help="poll feeds and sitemaps, keep a database current, raise alerts",
        description="Poll RSS/Atom feeds and news sitemaps on a schedule, store new and "
        "changed articles, and fire alerts on new matching events. State lives in the "
        "database: a restart resumes where the last run stopped.",
    )
    parser.add_argument(
        "sources",
        nargs="+",
        metavar="SOURCE",
        help="feed or sitemap URLs, or TOML files listing sources with their settings",
    )
    parser.add_argument("--db", type=Path, default=Path("warta.db"), help="database")
    parser.add_argument(
        "--interval",
        type=float,
        default=600.0,
        help="seconds between polls of a source that sets none (default 600)",
    )
    stop = parser.add_mutually_exclusive_group()
    stop.add_argument(
        "--cycles",
        type=positive_int,
        default=None,
        help="stop after this many cycles (default: never)",
    )
    stop.add_argument(
        "--once",
        action="store_true",
        help="poll every source now, store what is new, and exit (for cron)",
    )
    parser.add_argument("--alerts", type=Path, default=None, help="alert rules (TOML)")
    parser.add_argument(
        "--stages", default=None, help="comma-separated stages (default: all; 'none')"
    )
    parser.add_argument(
        "--timeout", type=float, default=10.0, help="seconds per request (default 10)"
    )
    parser.add_argument(
        "--host-delay",
        type=float,
        default=1.0,
        help="pause in seconds between two requests to one host (default 1)",
    )
    parser.add_argument(
        "--quarantine", type=Path, default=None, help="where given-up entries are written"
    )
    parser.add_argument("--quiet", "-q", action="store_true", help="no per-cycle summary lines")
    return parser


def run(args: argparse.Namespace) -> int:
    if args.interval < 0.05 or args.timeout <= 0 or args.host_delay < 0:
        raise ConfigError("--interval must be >= 0.05, --timeout > 0 and --host-delay >= 0")
    sources = resolve_sources(args.sources)
    rules = read_rules(args.alerts) if args.alerts else None

    def log(line: str) -> None:
        if args.quiet and line.startswith("warta watch: cycle "):
            return
        print(terminal_safe(line), file=sys.stderr, flush=True)

    quarantine = Quarantine(args.quarantine or args.db.with_name(QUARANTINE_NAME))
    config = WatchConfig(interval=args.interval, pipeline=pipeline_config(args))
    fetcher = Fetcher(timeout=args.timeout, delay=args.host_delay)
    with Store(args.db) as store:
        watcher = Watcher(
            store=store,
            sources=sources,
            config=config,
            fetcher=fetcher,
            quarantine=quarantine,
            alerts=Alerts(rules, log=log, timeout=args.timeout) if rules else None,
            log=log,
        )

        def on_term(signum: int, frame: FrameType | None) -> None:
            watcher.stop()  # finish the entry in hand, then leave

        previous = signal.signal(signal.SIGTERM, on_term)
        try:
            watcher.run(cycles=args.cycles, once=args.once)
        finally:
            signal.signal(signal.SIGTERM, previous)
            watcher.close()
            quarantine.close()
    return 1 if watcher.failed_total else 0
