"""``warta eval NAME``: score a stage on gold data. Each stage owns its evaluation module."""

from __future__ import annotations

import argparse
import importlib
from typing import Any

# name -> "module:function"; the function takes the remaining argv and returns an exit code
EVALS: dict[str, str] = {
    "lang": "warta.clean.evaluate_lang:main",
    "published": "warta.clean.evaluate_published:main",
    "ner": "warta.nlp.evaluate:main",
    "times": "warta.times.evaluate:main",
    "quotes": "warta.quotes.evaluate:main",
    "places": "warta.places.evaluate:main",
    "events": "warta.events.evaluate:main",
    "parse": "warta.nlp.parse:eval_main",
    "stories": "warta.stories.evaluate:main",
}


def add_parser(sub: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(
        "eval",
        help="evaluate a stage on gold data",
        description="Evaluate a stage on gold data; NAME is one of: " + ", ".join(EVALS),
    )
    parser.add_argument("name", choices=sorted(EVALS), metavar="NAME")
    parser.add_argument("rest", nargs=argparse.REMAINDER, help="options of that evaluation")
    return parser


def run(args: argparse.Namespace) -> int:
    module_name, _, attr = EVALS[args.name].partition(":")
    function = getattr(importlib.import_module(module_name), attr)
    code: int = function(list(args.rest))
    return code
