"""What ``extract`` and ``ingest`` share: input options, the run loop, errors and the summary."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from tqdm import tqdm

from warta.cli.options import add_limit_options, positive_int, terminal_safe
from warta.errors import DuplicateIdError, InputError
from warta.ingest import RawDocument, ReadLimits, iter_documents, sha256_hex
from warta.pipeline import STAGES, PipelineConfig
from warta.record import Article
from warta.run.known import KnownArticles
from warta.run.local import RunStats, run_pipeline
from warta.run.quarantine import Quarantine


def add_run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="files, directories, globs or feed URLs; - for standard input",
    )
    parser.add_argument(
        "--jobs", "-j", type=positive_int, default=1, help="worker processes (default 1)"
    )
    parser.add_argument(
        "--stages",
        default=None,
        help=f"comma-separated stages to run (default: all available of {','.join(STAGES)}; "
        "'none' for cleaning and metadata only); a stage brings the stages it requires",
    )
    parser.add_argument(
        "--quarantine",
        type=Path,
        default=None,
        help="where failed inputs are written (default: warta.quarantine.jsonl beside the output)",
    )
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress bar (default: when stderr is a terminal)",
    )
    parser.add_argument("--quiet", "-q", action="store_true", help="no summary line")
    add_limit_options(parser)


def pipeline_config(args: argparse.Namespace) -> PipelineConfig:
    if args.stages is None:
        return PipelineConfig()
    if args.stages.strip().lower() in ("", "none"):
        return PipelineConfig(stages=())
    return PipelineConfig(stages=tuple(s.strip() for s in args.stages.split(",") if s.strip()))


def error_line(error: InputError) -> str:
    """The one line a failed input gets on stderr, safe to print on a terminal."""
    return terminal_safe(f"warta: {error.where}: {error.explained}")


def _say_warnings(docs: Iterable[RawDocument | InputError]) -> Iterator[RawDocument | InputError]:
    """One line on stderr for each thing a reader let pass with a warning; the run goes on."""
    for doc in docs:
        if isinstance(doc, RawDocument):
            where = f"{doc.source} ({doc.locator})" if doc.locator else doc.source
            for warning in doc.warnings:
                tqdm.write(terminal_safe(f"warta: {where}: {warning} [warning]"), file=sys.stderr)
        yield doc


def run_inputs(
    args: argparse.Namespace,
    *,
    stats: RunStats,
    quarantine: Quarantine,
    known: KnownArticles | None = None,
    outputs: tuple[Path, ...] = (),
) -> Iterator[Article]:
    """Processed articles in input order; each failure is reported on stderr and quarantined.

    With ``known`` (a store's), documents already stored unchanged skip the pipeline and
    count as duplicates. ``outputs`` (the run's output and quarantine files) are never
    read as inputs. A second, different article with an id already used in this run fails
    as ``duplicate-id`` instead of silently replacing the first.
    """
    config = pipeline_config(args)
    limits = ReadLimits(
        max_document_bytes=getattr(args, "max_doc_bytes", ReadLimits().max_document_bytes),
        max_line_bytes=getattr(args, "max_line_bytes", ReadLimits().max_line_bytes),
    )
    skipped: list[RawDocument] = []
    docs = iter_documents(args.inputs, limits=limits, exclude=(*outputs, quarantine.path))
    docs = _say_warnings(docs)
    if known is not None:
        docs = known.skip_known(docs, skipped=skipped)
    results = run_pipeline(docs, config=config, jobs=args.jobs)
    show = args.progress if args.progress is not None else sys.stderr.isatty()
    bar = tqdm(results, unit="doc", disable=not show, file=sys.stderr, dynamic_ncols=True)
    seen: dict[str, tuple[str, str]] = {}  # id -> (where it came from, digest of its text)
    registered = 0  # documents skipped as known use their id in this run too
    for result in bar:
        if isinstance(result, Article):
            for doc in skipped[registered:]:
                where = f"{doc.source} ({doc.locator})" if doc.locator else doc.source
                seen.setdefault(doc.id or "", (where, ""))  # digest looked up when needed
            registered = len(skipped)
            digest = sha256_hex(result.text.encode("utf-8"))
            first = seen.setdefault(result.id, (_where(result), digest))
            if first[1] == "" and known is not None:
                first = seen[result.id] = (first[0], known.text_digest(result.id) or "")
            if first[1] != digest:
                result = DuplicateIdError(
                    f"id {result.id!r} was already used in this run by {first[0]} "
                    "for a different text; this one is not kept",
                    source=result.provenance.source if result.provenance else "?",
                    locator=result.provenance.locator if result.provenance else None,
                )
        if isinstance(result, InputError):
            stats.failed += 1
            quarantine.add(result)
            bar.write(error_line(result), file=sys.stderr)
            continue
        stats.add(result)
        yield result
    stats.unchanged += len(skipped)


def _where(article: Article) -> str:
    provenance = article.provenance
    if provenance is None:
        return "an earlier article"
    return (
        f"{provenance.source} ({provenance.locator})" if provenance.locator else provenance.source
    )


def finish(
    args: argparse.Namespace, stats: RunStats, quarantine: Quarantine, *, stored: bool
) -> int:
    quarantine.close()
    if not args.quiet:
        print(f"warta: {stats.summary(stored=stored)}", file=sys.stderr)
        if quarantine.count:
            print(
                f"warta: {quarantine.count} failed input(s) written to {quarantine.path}",
                file=sys.stderr,
            )
    return 1 if stats.failed else 0
