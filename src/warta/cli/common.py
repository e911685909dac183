"""What ``extract`` and ``ingest`` share: input options, the run loop, errors and the summary."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

from tqdm import tqdm

from warta.errors import InputError
from warta.ingest import RawDocument, iter_documents
from warta.pipeline import STAGES, PipelineConfig
from warta.record import Article
from warta.run.known import KnownArticles
from warta.run.local import RunStats, run_pipeline
from warta.run.quarantine import Quarantine


def add_run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "inputs", nargs="+", metavar="INPUT", help="files, directories, globs or feed URLs"
    )
    parser.add_argument("--jobs", "-j", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument(
        "--stages",
        default=None,
        help=f"comma-separated stages to run (default: all available of {','.join(STAGES)}; "
        "'none' for cleaning and metadata only)",
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


def pipeline_config(args: argparse.Namespace) -> PipelineConfig:
    if args.stages is None:
        return PipelineConfig()
    if args.stages.strip().lower() in ("", "none"):
        return PipelineConfig(stages=())
    return PipelineConfig(stages=tuple(s.strip() for s in args.stages.split(",") if s.strip()))


def run_inputs(
    args: argparse.Namespace,
    *,
    stats: RunStats,
    quarantine: Quarantine,
    known: KnownArticles | None = None,
) -> Iterator[Article]:
    """Processed articles in input order; each failure is reported on stderr and quarantined.

    With ``known`` (a store's), documents already stored unchanged skip the pipeline and
    count as duplicates.
    """
    config = pipeline_config(args)
    skipped: list[RawDocument] = []
    docs = iter_documents(args.inputs)
    if known is not None:
        docs = known.skip_known(docs, skipped=skipped)
    results = run_pipeline(docs, config=config, jobs=max(1, args.jobs))
    show = args.progress if args.progress is not None else sys.stderr.isatty()
    bar = tqdm(results, unit="doc", disable=not show, file=sys.stderr, dynamic_ncols=True)
    for result in bar:
        if isinstance(result, InputError):
            stats.failed += 1
            quarantine.add(result)
            bar.write(f"warta: {result.where}: {result.message} [{result.reason}]", file=sys.stderr)
            continue
        stats.processed += 1
        yield result
    stats.unchanged += len(skipped)


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
