"""The ``warta`` command: one module per subcommand, each with ``add_parser`` and ``run``.

Exit codes (documented in the README): 0 everything went through; 1 some inputs
failed (they are in the quarantine file) or an evaluation fell below its floor;
2 usage or configuration error; 130 interrupted.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from warta import __version__
from warta.cli.options import terminal_safe
from warta.errors import WartaError

# subcommand -> module with add_parser(subparsers) and run(args) -> int
COMMANDS: dict[str, str] = {
    "extract": "warta.cli.extract",
    "ingest": "warta.cli.ingest",
    "search": "warta.cli.search",
    "export": "warta.cli.export",
    "demo": "warta.cli.demo",
    "eval": "warta.cli.evaluate",
    "train": "warta.cli.train",
    "serve": "warta.cli.serve",
    "spark": "warta.cli.spark",
    "load": "warta.cli.load",
    "watch": "warta.cli.watch",
}

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def build_parser(*, only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; ``only`` (a subcommand) imports just that subcommand's
    module: the others pull in pyarrow, pandas, the store and the web server (about 1
    CPU-second), which ``warta extract`` never uses."""
    parser = argparse.ArgumentParser(
        prog="warta",
        description="Turn news articles into structured, verifiable event data.",
    )
    parser.add_argument("--version", action="version", version=f"warta {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, module_name in COMMANDS.items():
        if only is not None and name != only:
            continue
        module = importlib.import_module(module_name)
        sub_parser = module.add_parser(sub)
        sub_parser.set_defaults(_run=module.run, _name=name)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    first = words[0] if words else None  # the subcommand, when it comes first (no options)
    parser = build_parser(only=first if first in COMMANDS else None)
    args = parser.parse_args(words)
    try:
        code: int = args._run(args)
    except KeyboardInterrupt:
        print("warta: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except WartaError as exc:
        print(terminal_safe(f"warta {args._name}: error: {exc}"), file=sys.stderr)
        return EXIT_USAGE
    return code


if __name__ == "__main__":
    sys.exit(main())
