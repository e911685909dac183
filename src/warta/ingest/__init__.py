"""Ingest: turn paths, globs, directories and feed URLs into a stream of raw documents.

``iter_documents`` yields, in input order, a ``RawDocument`` for every article
it could read and an ``InputError`` for every input (or line, record, entry)
it could not; the caller decides what to do with each.

Formats, chosen by file name:

==========================  ====================================================
``.txt``                    one article, plain text (UTF-8)
``.html``, ``.htm``         one article page; main text extracted
``.jsonl``                  one article per line: ``id``, ``text`` or ``html``,
                            ``url``, ``title``, ``published`` (``YYYY-MM-DD`` or
                            ISO date-time), ``outlet``; all strings, all optional
                            but ``text``/``html``
``.warc``, ``.warc.gz``     every HTTP response record with an HTML payload
``.rss``, ``.atom``,        RSS/Atom feed: every entry's link is fetched
``.xml``, ``http(s)://``
``-``                       standard input: JSONL if it starts with ``{``, else one
                            text (or HTML) article
==========================  ====================================================

Readers take ``limits`` (``warta.ingest.limits.ReadLimits``): a document or line over
its cap is reported as ``TooLargeError``, never read whole.
"""

from __future__ import annotations

import glob
import sys
from collections.abc import Callable, Collection, Iterable, Iterator
from pathlib import Path

from warta.errors import InputError
from warta.ingest.document import RawDocument, sha256_hex
from warta.ingest.feeds import Fetcher, read_feed
from warta.ingest.files import (
    STDIN,
    parse_jsonl_line,
    read_html_file,
    read_jsonl_file,
    read_stdin,
    read_text_file,
)
from warta.ingest.limits import DEFAULT_LIMITS, ReadLimits
from warta.ingest.warc import read_warc_file

__all__ = [
    "Fetcher",
    "RawDocument",
    "ReadLimits",
    "iter_documents",
    "parse_jsonl_line",
    "sha256_hex",
]

# file suffix -> reader of one file (``reader(path, limits=...)``); the Spark job reads
# files with the same table
READERS: dict[str, Callable[..., Iterator[RawDocument | InputError]]] = {
    ".txt": read_text_file,
    ".text": read_text_file,
    ".html": read_html_file,
    ".htm": read_html_file,
    ".jsonl": read_jsonl_file,
    ".warc": read_warc_file,
    ".warc.gz": read_warc_file,
}
_FEED_SUFFIXES = (".rss", ".atom", ".xml")


def _suffix(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(".warc.gz"):
        return ".warc.gz"
    return path.suffix.lower()


def is_supported(path: Path) -> bool:
    if path.name.endswith(".quarantine.jsonl"):  # warta's own failure log, not articles
        return False
    suffix = _suffix(path)
    return suffix in READERS or suffix in _FEED_SUFFIXES


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()


def expand_inputs(
    inputs: Iterable[str], *, exclude: Collection[Path] = ()
) -> Iterator[str | InputError]:
    """Paths, directories (recursively, supported files only, sorted), globs and URLs.

    ``exclude`` names files never read as input (the run's own output): a folder or glob
    that holds one skips it, so a run never reads what it writes.
    """
    skip = {_resolved(p) for p in exclude}

    def wanted(p: Path) -> bool:
        return not skip or _resolved(p) not in skip

    for item in inputs:
        if item.startswith(("http://", "https://")) or item == STDIN:
            yield item
            continue
        path = Path(item)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.is_file() and is_supported(p) and wanted(p)
            )
            if not found:
                yield InputError("directory holds no supported files", source=item)
            yield from (str(p) for p in found)
        elif path.exists():
            if not wanted(path):
                yield InputError("is the run's own output file, not read", source=item)
                continue
            yield item
        elif any(ch in item for ch in "*?["):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                yield InputError("pattern matches no files", source=item)
            yield from (m for m in matches if Path(m).is_file() and wanted(Path(m)))
        else:
            yield InputError("no such file or directory", source=item)


def iter_documents(
    inputs: Iterable[str],
    *,
    fetcher: Fetcher | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
    exclude: Collection[Path] = (),
) -> Iterator[RawDocument | InputError]:
    """Every document of every input, in order; unreadable ones as InputError."""
    for item in expand_inputs(inputs, exclude=exclude):
        if isinstance(item, InputError):
            yield item
            continue
        if item == STDIN:
            yield from read_stdin(sys.stdin.buffer, limits=limits)
            continue
        if item.startswith(("http://", "https://")):
            yield from read_feed(item, fetcher=fetcher)
            continue
        path = Path(item)
        suffix = _suffix(path)
        try:
            if suffix in _FEED_SUFFIXES:
                yield from read_feed(item, fetcher=fetcher)
            elif suffix in READERS:
                yield from READERS[suffix](path, limits=limits)
            else:
                yield InputError(f"unsupported file type {suffix or '(none)'!r}", source=item)
        except OSError as exc:
            yield InputError(f"cannot read ({exc.strerror or exc})", source=item)
        except Exception as exc:  # a reader library's failure on odd input ends this input only
            yield InputError(f"cannot read ({type(exc).__name__}: {exc})", source=item)
