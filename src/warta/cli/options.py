"""Option types and output helpers every subcommand shares: a bad value is a usage error
(exit 2, one line), never a traceback, and nothing an input says reaches the terminal raw."""

from __future__ import annotations

import argparse
import re

from warta.ingest.limits import DEFAULT_MAX_BYTES

_DAY = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def positive_int(value: str) -> int:
    """An integer ≥ 1 (``--jobs``, ``--limit``, size caps)."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {number}")
    return number


def day(value: str) -> str:
    """A date as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (a real month and day)."""
    import datetime as dt

    if not _DAY.fullmatch(value):
        raise argparse.ArgumentTypeError(f"not a date as YYYY[-MM[-DD]]: {value!r}")
    parts = [int(p) for p in value.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date: {value!r} ({exc})") from None
    return value


def add_limit_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--max-doc-bytes",
        type=positive_int,
        default=DEFAULT_MAX_BYTES,
        metavar="N",
        help="largest document read: a .txt/.html file, a WARC payload once decompressed, "
        f"standard input (default {DEFAULT_MAX_BYTES}); larger ones are quarantined",
    )
    parser.add_argument(
        "--max-line-bytes",
        type=positive_int,
        default=DEFAULT_MAX_BYTES,
        metavar="N",
        help=f"longest JSONL line read (default {DEFAULT_MAX_BYTES}); longer ones are quarantined",
    )


def terminal_safe(text: str) -> str:
    """``text`` with control and other unprintable characters escaped (``\\x1b``), so bytes
    from an input (ESC sequences that set the title or clear the screen) print as text."""
    if text.isprintable():
        return text
    out = []
    for char in text:
        if char.isprintable():
            out.append(char)
        elif ord(char) < 0x100:
            out.append(f"\\x{ord(char):02x}")
        else:
            out.append(f"\\u{ord(char):04x}" if ord(char) < 0x10000 else f"\\U{ord(char):08x}")
    return "".join(out)
