"""``warta demo``: process the sample articles that ship with warta and show what came out."""

from __future__ import annotations

import argparse
import sys
import time
from importlib import resources
from pathlib import Path
from typing import Any

from warta.errors import InputError
from warta.ingest import parse_jsonl_line
from warta.pipeline import Pipeline, PipelineConfig
from warta.record import Article
from warta.store import Store
from warta.times.readable import readable


def add_parser(sub: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(
        "demo",
        help="process the built-in sample articles into a database and summarise them",
        description="Process the sample articles shipped with warta into a SQLite database "
        "and print what every stage found.",
    )
    parser.add_argument(
        "--db", type=Path, default=Path("warta-demo.db"), help="database (default warta-demo.db)"
    )
    return parser


def sample_lines() -> list[bytes]:
    data = resources.files("warta").joinpath("data/demo/articles.jsonl").read_bytes()
    return [line for line in data.splitlines() if line.strip()]


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    pipeline = Pipeline(config=PipelineConfig())
    articles: list[Article] = []
    with Store(args.db) as store:
        for number, line in enumerate(sample_lines(), start=1):
            doc = parse_jsonl_line(line, source="warta demo", locator=f"sample {number}")
            if isinstance(doc, InputError):  # the samples ship with the package; this is a bug
                print(f"warta: {doc}", file=sys.stderr)
                return 1
            article = pipeline.process(doc)
            store.upsert(article)
            articles.append(article)
        total = store.count()
    seconds = time.perf_counter() - started
    stages = ", ".join(pipeline.stage_names) or "none (cleaning and metadata only)"
    print(f"warta demo: {len(articles)} sample articles → {args.db} ({total} stored)")
    print(f"stages: {stages}\n")
    for article in articles:
        print(describe(article))
    print(f"done in {seconds:.1f} s. Try: warta search banjir --db {args.db}")
    return 0


def describe(article: Article) -> str:
    """A few readable lines about one article: metadata, then what each stage found."""
    head = " · ".join(
        x for x in (str(article.published or "date?"), article.outlet, article.lang) if x
    )
    lines = [f"■ {article.title or article.id}", f"  {head}"]
    if article.dateline:
        lines.append(f"  dateline: {article.dateline.text!r} → place {article.dateline.place}")
    counts = {
        name: len(getattr(article, name))
        for name in ("sentences", "entities", "times", "quotes", "places", "events")
    }
    lines.append("  " + ", ".join(f"{n} {c}" for n, c in counts.items()))
    if article.lang not in ("id", "ms"):
        lines.append(
            "  (entities and events are coded for Indonesian and Malay only so far; "
            "dates, quotes and places are found in every language)"
        )
    if article.entities:
        names = sorted({f"{e.text} ({e.label})" for e in article.entities})
        lines.append("  entities: " + ", ".join(names[:8]) + (" …" if len(names) > 8 else ""))
    for time_ in article.times[:4]:
        # in words: a TIMEX code such as 2024-05-13TNI ("night") reads as the army (TNI)
        lines.append(f"  time: {time_.text!r} = {readable(time_.value)} ({time_.type.lower()})")
    for quote in article.quotes[:3]:
        who = quote.speaker.name if quote.speaker else "?"
        lines.append(f"  quote ({quote.kind}) by {who}: {_short(quote.text)}")
    for place in article.places[:5]:
        lines.append(f"  place: {place.text} → {place.name}, {place.country}")
    for event in article.events:
        actor = event.actor.name if event.actor else "?"
        target = event.recipient.name if event.recipient else "—"
        where = event.location.name if event.location else "?"
        lines.append(
            f"  event {event.type}{':' + event.mode if event.mode else ''}: {actor} → {target}"
            f" ({readable(event.date) if event.date else 'date?'}, {where}) «{event.trigger.text}»"
        )
    return "\n".join(lines) + "\n"


def _short(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
