"""``warta extract INPUT... [-o out.jsonl]``: stream records as JSONL, no database."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from pathlib import Path
from typing import Any

from warta.cli.common import add_run_options, finish, run_inputs
from warta.errors import ConfigError, OutputError
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
    output: Path | None = args.output
    if output is not None and output.is_dir():
        raise ConfigError(f"--output {output} is a folder; give a file name")
    try:
        if output is not None:
            output.parent.mkdir(parents=True, exist_ok=True)
        out = output.open("w", encoding="utf-8") if output is not None else sys.stdout
    except OSError as exc:
        raise OutputError(f"cannot write {output}: {exc.strerror or exc}") from None
    outputs = (output,) if output is not None else ()
    try:
        for article in run_inputs(args, stats=stats, quarantine=quarantine, outputs=outputs):
            out.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
            out.flush()
    except BrokenPipeError:  # `warta extract ... | head`: the reader has all it wants
        _quiet_stdout()
        return finish(args, stats, quarantine, stored=False)
    except OSError as exc:  # a full disk, a file-size limit
        where = output if output is not None else "standard output"
        raise OutputError(f"cannot write {where}: {exc.strerror or exc}") from None
    finally:
        if output is not None:
            with contextlib.suppress(OSError):  # the write error was reported already
                out.close()
    return finish(args, stats, quarantine, stored=False)


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so Python's final flush of a closed pipe stays silent."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
