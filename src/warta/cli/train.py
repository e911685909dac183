"""``warta train NAME``: rebuild a model that ships inside the package."""

from __future__ import annotations

import argparse
import importlib
from typing import Any

# name -> "module:function"; the function takes the remaining argv and returns an exit code
TRAINERS: dict[str, str] = {
    "ner": "warta.nlp.train:main",
    "parse": "warta.nlp.parse:train_main",
    "events": "warta.events.train:main",
}


def add_parser(sub: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(
        "train",
        help="train a model shipped in the package",
        description="Train a model; NAME is one of: " + ", ".join(TRAINERS),
    )
    parser.add_argument("name", choices=sorted(TRAINERS), metavar="NAME")
    parser.add_argument("rest", nargs=argparse.REMAINDER, help="options of that trainer")
    return parser


def run(args: argparse.Namespace) -> int:
    module_name, _, attr = TRAINERS[args.name].partition(":")
    function = getattr(importlib.import_module(module_name), attr)
    code: int = function(list(args.rest))
    return code
