"""``warta spark INPUT... -o OUT``: the pipeline on Apache Spark, writing partitioned Parquet."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from warta.cli.common import pipeline_config
from warta.errors import ConfigError
from warta.pipeline import STAGES


def add_parser(sub: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(
        "spark",
        help="run the pipeline on Apache Spark into partitioned Parquet",
        description="Read WARC, JSONL, text and HTML files from any path Spark reads (local, "
        "hdfs://, s3a://), run the pipeline on the executors and write the Parquet tables "
        "(articles, entities, times, quotes, places, events; partitioned by published_date) "
        "plus a quarantine table of failed inputs. Needs the spark extra: "
        'pip install "warta[spark]". See docs/spark.md.',
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders (recursive)")
    parser.add_argument("-o", "--output", required=True, help="output folder or URI")
    parser.add_argument(
        "--master",
        default=None,
        help="Spark master (e.g. local[2], yarn); default: spark-submit's, else local[*]",
    )
    parser.add_argument(
        "--partitions",
        type=int,
        default=None,
        help="document partitions to process in parallel (default: 4 x default parallelism)",
    )
    parser.add_argument(
        "--mode",
        choices=("merge", "overwrite"),
        default="merge",
        help="merge (default): replace the articles and date partitions this run touches; "
        "overwrite: replace the whole output",
    )
    parser.add_argument(
        "--stages",
        default=None,
        help=f"comma-separated stages (default: all available of {','.join(STAGES)}; 'none'); "
        "a stage brings the stages it requires",
    )
    parser.add_argument(
        "--conf",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="extra Spark setting (repeatable), e.g. spark.executor.memory=4g",
    )
    parser.add_argument("--quiet", "-q", action="store_true", help="no summary line")
    return parser


def run(args: argparse.Namespace) -> int:
    try:
        from warta.spark.job import build_session, run_job
    except ImportError as exc:
        raise ConfigError(f'pyspark is not installed ({exc}); pip install "warta[spark]"') from None
    conf = {}
    for item in args.conf:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise ConfigError(f"--conf expects KEY=VALUE, got {item!r}")
        conf[key.strip()] = value.strip()
    spark = build_session(master=args.master, conf=conf)
    try:
        result = run_job(
            spark,
            inputs=list(args.inputs),
            output=args.output,
            config=pipeline_config(args),
            partitions=args.partitions,
            mode=args.mode,
        )
    finally:
        spark.stop()
    if not args.quiet:
        print(f"warta: {result.summary()}", file=sys.stderr)
        if result.failed:
            print(
                f"warta: {result.failed} failed input(s) written to {result.output}/quarantine",
                file=sys.stderr,
            )
    return 1 if result.failed else 0
