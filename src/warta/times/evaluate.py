"""``warta eval times``: detection and value scores on the hand-annotated dev set.

Gold: ``tests/data/times-dev.jsonl``, one article a line (``source`` file under
``../shared/data``, article ``id``, ``published`` or null, ``expressions`` with start, end,
text, type, value). Texts are read from ``../shared/data``; the offsets are checked against
them. ``--dateparser`` scores ``dateparser.search.search_dates`` on the same articles side by
side (values compared at the gold value's precision) and times both.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from warta.errors import EvalError
from warta.evaluation import add_options, gate, gold_path, write_json
from warta.evaluation import below_floors as shared_below_floors
from warta.paths import shared_data
from warta.times import find_times

GOLD = gold_path("times-dev.jsonl")


@dataclass(slots=True)
class Span:
    start: int
    end: int
    value: str | None = None
    type: str | None = None
    text: str = ""


@dataclass(slots=True)
class GoldArticle:
    id: str
    text: str
    published: dt.date | None
    spans: list[Span]


@dataclass(slots=True)
class Scores:
    gold: int = 0
    predicted: int = 0
    exact: int = 0
    overlap: int = 0
    value_ok: int = 0
    type_ok: int = 0
    seconds: float = 0.0
    errors: list[dict[str, Any]] = field(default_factory=list)

    @staticmethod
    def _prf(hits: int, predicted: int, gold: int) -> tuple[float, float, float]:
        p = hits / predicted if predicted else 0.0
        r = hits / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def figures(self) -> dict[str, float]:
        ep, er, ef = self._prf(self.exact, self.predicted, self.gold)
        op, orc, of = self._prf(self.overlap, self.predicted, self.gold)
        return {
            "exact_p": ep, "exact_r": er, "exact_f1": ef,
            "overlap_p": op, "overlap_r": orc, "overlap_f1": of,
            "value_acc": self.value_ok / self.overlap if self.overlap else 0.0,
            "value_acc_all": self.value_ok / self.gold if self.gold else 0.0,
            "type_acc": self.type_ok / self.overlap if self.overlap else 0.0,
        }  # fmt: skip


def load_gold(path: Path = GOLD, *, data: Path | None = None) -> list[GoldArticle]:
    """The gold articles with their texts from ``../shared/data``; offsets are verified."""
    root = data or shared_data(required=True)
    assert root is not None
    if not path.is_file():
        raise EvalError(f"{path}: gold file not found")
    texts: dict[tuple[str, str], str] = {}
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        row = json.loads(line)
        source = row["source"]
        if (source, row["id"]) not in texts:
            for raw in (root / source).read_text(encoding="utf-8").splitlines():
                item = json.loads(raw)
                texts[(source, item["id"])] = item["text"]
        text = texts.get((source, row["id"]))
        if text is None:
            raise EvalError(f"{path}:{n}: article {row['id']} not in {source}")
        spans = []
        for e in row["expressions"]:
            if text[e["start"] : e["end"]] != e["text"]:
                raise EvalError(f"{path}:{n}: {e['text']!r} is not at {e['start']}-{e['end']}")
            spans.append(Span(e["start"], e["end"], e["value"], e["type"], e["text"]))
        published = dt.date.fromisoformat(row["published"]) if row.get("published") else None
        out.append(GoldArticle(row["id"], text, published, spans))
    return out


Matcher = Callable[[str, "Span | None"], bool]


def score(
    gold: Sequence[GoldArticle],
    predict: Callable[[GoldArticle], list[Span]],
    *,
    value_ok: Matcher | None = None,
) -> Scores:
    """Exact and overlap detection, then value and type accuracy on overlap matches."""
    same: Matcher = value_ok or (lambda value, g: g is not None and value == g.value)
    s = Scores()
    for article in gold:
        t0 = time.perf_counter()
        pred = predict(article)
        s.seconds += time.perf_counter() - t0
        s.gold += len(article.spans)
        s.predicted += len(pred)
        exact = {(p.start, p.end) for p in pred}
        used: set[int] = set()
        for g in article.spans:
            s.exact += (g.start, g.end) in exact
            best, best_len = -1, 0
            for i, p in enumerate(pred):
                overlap = min(g.end, p.end) - max(g.start, p.start)
                if i not in used and overlap > best_len:
                    best, best_len = i, overlap
            if best < 0:
                s.errors.append({"id": article.id, "missed": g.text, "gold": g.value})
                continue
            used.add(best)
            s.overlap += 1
            p = pred[best]
            s.type_ok += p.type == g.type
            if same(p.value or "", g) if p.value is not None else g.value is None:
                s.value_ok += 1
            else:
                s.errors.append(
                    {"id": article.id, "text": g.text, "gold": g.value, "got": p.value,
                     "got_text": article.text[p.start : p.end]}
                )  # fmt: skip
        for i, p in enumerate(pred):
            if i not in used:
                s.errors.append({"id": article.id, "spurious": article.text[p.start : p.end]})
    return s


def ours(article: GoldArticle) -> list[Span]:
    found = find_times(article.text, published=article.published)
    return [Span(t.start, t.end, t.value, t.type) for t in found]


def _base_date(article: GoldArticle) -> dt.datetime:
    """dateparser's relative base: the first fully written date of the article (else today)."""
    for g in article.spans:
        if g.value and re.fullmatch(r"\d{4}-\d\d-\d\d", g.value) and re.search(r"\d{4}", g.text):
            return dt.datetime.fromisoformat(g.value)
    if article.published:
        return dt.datetime.combine(article.published, dt.time())
    return dt.datetime.now()


def dateparser_predict(article: GoldArticle) -> list[Span]:
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": _base_date(article), "PREFER_DATES_FROM": "past"}
    found = search_dates(article.text, languages=["id", "en"], settings=settings) or []
    out, at = [], 0
    for sub, when in found:
        i = article.text.find(sub, at)
        if i < 0:
            continue
        at = i + len(sub)
        out.append(Span(i, at, when.isoformat(timespec="minutes"), "DATE"))
    return out


def dateparser_value_ok(value: str, g: Span | None) -> bool:
    """A datetime is right when it agrees with the gold value at the gold's precision."""
    if g is None or not g.value or not value:
        return False
    when = dt.datetime.fromisoformat(value)
    gv = g.value
    if m := re.fullmatch(r"(\d{4})-W(\d\d)", gv):
        iso = when.isocalendar()
        return (iso.year, iso.week) == (int(m[1]), int(m[2]))
    if m := re.fullmatch(r"(\d{4}-\d\d-\d\d)T(\d\d:\d\d)(?::\d\d)?", gv):
        return when.strftime("%Y-%m-%dT%H:%M") == f"{m[1]}T{m[2]}"
    if m := re.fullmatch(r"(\d{4}-\d\d-\d\d)T[A-Z]{2}", gv):
        return when.date().isoformat() == m[1]
    if re.fullmatch(r"\d{4}(-\d\d){0,2}", gv):
        return when.date().isoformat().startswith(gv)
    return False


def _table(rows: list[tuple[str, Scores]], articles: int) -> str:
    lines = [
        "system        exact P/R/F1          overlap P/R/F1        "
        "value acc  (all)  type acc  ms/article"
    ]
    for name, s in rows:
        f = s.figures()
        lines.append(
            f"{name:<13} {f['exact_p']:.3f}/{f['exact_r']:.3f}/{f['exact_f1']:.3f}   "
            f"{f['overlap_p']:.3f}/{f['overlap_r']:.3f}/{f['overlap_f1']:.3f}   "
            f"{f['value_acc']:.3f}    {f['value_acc_all']:.3f}  {f['type_acc']:.3f}     "
            f"{1000 * s.seconds / max(articles, 1):.2f}"
        )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="warta eval times", description=__doc__)
    add_options(parser, gold=GOLD, what="gold JSONL")
    parser.add_argument("--data", type=Path, default=None, help="the shared data folder")
    parser.add_argument("--dateparser", action="store_true", help="also score dateparser.search")
    args = parser.parse_args(argv)
    gold = load_gold(args.gold, data=args.data)
    find_times("Senin (28/2/2022) pukul 10.00 WIB")  # warm-up: tables and rules load once
    rows = [("warta", score(gold, ours))]
    if args.dateparser:
        from dateparser.search import search_dates

        search_dates("Senin 28 Februari 2022 pukul 10.00", languages=["id", "en"])  # warm-up
        rows.append(("dateparser", score(gold, dateparser_predict, value_ok=dateparser_value_ok)))
    n_expr = sum(len(a.spans) for a in gold)
    out = {name: {**s.figures(), "seconds": s.seconds} for name, s in rows}
    write_json(args.json, {"articles": len(gold), "expressions": n_expr, **out})
    if str(args.json) != "-":
        print(f"times gold: {len(gold)} articles, {n_expr} gold expressions ({args.gold.name})")
        print(_table(rows, len(gold)))
        if len(rows) == 2 and rows[0][1].seconds:
            ratio = rows[1][1].seconds / rows[0][1].seconds
            print(f"speed: warta is {ratio:.0f}x as fast as dateparser.search")
    if args.errors:
        for e in rows[0][1].errors:
            print(json.dumps(e, ensure_ascii=False))
    prefix = "times.heldout" if "heldout" in args.gold.name else "times"
    return gate(rows[0][1].figures(), args.floors, prefix=prefix)


def below_floors(figures: dict[str, float], path: Path, *, prefix: str) -> list[str]:
    """The ``prefix.NAME`` floors of ``path`` that ``figures`` fall below or miss."""
    return shared_below_floors(dict(figures), path, prefix=prefix)
