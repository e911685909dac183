"""``warta search QUERY --db PATH``: full-text search over stored articles.

The search itself is ``warta.store.search``, the same as ``GET /api/search``'s.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from pathlib import Path
from typing import Any

from warta.cli.options import day, positive_int
from warta.store import Store


def add_parser(sub: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(
        "search", help="full-text search", description="Full-text search over stored articles."
    )
    parser.add_argument(
        "query",
        nargs="+",
        help='words to look for (all must occur); "a phrase"; OR between alternatives',
    )
    parser.add_argument("--db", type=Path, default=Path("warta.db"), help="database")
    parser.add_argument("--limit", type=positive_int, default=10, help="how many hits (default 10)")
    parser.add_argument("--lang", default=None, help="only this language (id, en, ms, …)")
    parser.add_argument("--outlet", default=None, help="only this outlet")
    parser.add_argument(
        "--from",
        dest="date_from",
        type=day,
        default=None,
        help="published on/after (YYYY, YYYY-MM or YYYY-MM-DD)",
    )
    parser.add_argument(
        "--to",
        dest="date_to",
        type=day,
        default=None,
        help="published on/before (YYYY, YYYY-MM or YYYY-MM-DD: all of that year or month)",
    )
    parser.add_argument(
        "--exact",
        action="store_true",
        help="match words as written (default: by their lemma, so 'tangkap' finds 'ditangkap')",
    )
    parser.add_argument("--json", action="store_true", help="JSON lines instead of text")
    return parser


def run(args: argparse.Namespace) -> int:
    with Store(args.db, readonly=True) as store:
        hits = store.search(
            " ".join(args.query),
            limit=args.limit,
            lang=args.lang,
            outlet=args.outlet,
            date_from=args.date_from,
            date_to=args.date_to,
            exact=args.exact,
        )
    for hit in hits:
        if args.json:
            print(json.dumps(dataclasses.asdict(hit), ensure_ascii=False))
        else:
            head = " · ".join(x for x in (hit.published, hit.outlet, hit.headline) if x)
            print(f"{hit.id}  {head}\n    {hit.marked()}")
    if not hits and not args.json:
        print("no matches")
    return 0
