"""Event gold sets whose offsets point into the shared source texts, never copying them.

An annotator works to ``../shared/docs/event-annotation-brief.md`` and writes spans as text
(``evidence``, ``trigger``, actor / recipient / location ``text``, time ``text``). The
texts belong to their publishers (``news/``) or are non-commercial (``quotes/pfsa-id``), so
the repository keeps only offsets and labels: ``convert`` turns the annotator's file into
gold rows ``{"id", "source", "offsets": "source", "published", "events", "times"}`` whose
spans are ``{"start", "end"}`` into the source's own ``text`` field, and fails on any span
that is not an exact substring. ``fill_texts`` puts the span texts back from
``../shared/data`` when a gold file is read, so the scorer can anchor them in the clean text.

    python -m warta.events.gold convert ANNOTATED.jsonl -o tests/data/events-blind3.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from warta.errors import EvalError
from warta.evaluation import source_of, source_texts

PARTICIPANTS = ("actor", "recipient", "location")


def _find(text: str, needle: str, *, within: tuple[int, int] | None = None) -> tuple[int, int]:
    """The occurrence of ``needle`` inside ``within`` if there is one, else the nearest."""
    if not needle:
        raise EvalError("empty span text")
    hits = []
    at = text.find(needle)
    while at >= 0:
        hits.append(at)
        at = text.find(needle, at + 1)
    if not hits:
        raise EvalError(f"not a substring of the text: {needle[:70]!r}")
    if within is None:
        return hits[0], hits[0] + len(needle)
    lo, hi = within
    inside = [h for h in hits if lo <= h and h + len(needle) <= hi]
    if inside:
        return inside[0], inside[0] + len(needle)
    # the nearest mention before the sentence (a name introduced earlier), else after it
    before = [h for h in hits if h + len(needle) <= lo]
    best = before[-1] if before else min(hits, key=lambda h: abs(h - lo))
    return best, best + len(needle)


def _span(start_end: tuple[int, int]) -> dict[str, int]:
    return {"start": start_end[0], "end": start_end[1]}


def convert_event(text: str, ev: dict[str, Any]) -> dict[str, Any]:
    evidence = _find(text, ev["evidence"])
    trigger = _find(text, ev["trigger"], within=evidence)
    if not (evidence[0] <= trigger[0] and trigger[1] <= evidence[1]):
        raise EvalError(f"trigger {ev['trigger']!r} is not inside its evidence")
    out: dict[str, Any] = {"type": ev["type"], "mode": ev.get("mode")}
    for role in PARTICIPANTS:
        part = ev.get(role)
        if not part or not part.get("text"):
            out[role] = None
            continue
        row = _span(_find(text, part["text"], within=evidence))
        row["country"] = part.get("country")
        if role != "location":
            row["sector"] = part.get("sector")
        out[role] = row
    out["date"] = ev.get("date")
    out["evidence"] = _span(evidence)
    out["trigger"] = _span(trigger)
    for key in ("dead", "injured"):
        out[key] = ev.get(key)
    for key in ("negated", "hypothetical", "future"):
        out[key] = bool(ev.get(key))
    return out


def convert_times(text: str, times: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Time spans in reading order: each is looked for after the previous one first."""
    out = []
    pos = 0
    for t in times:
        needle = t["text"]
        at = text.find(needle, pos)
        start, end = (at, at + len(needle)) if at >= 0 else _find(text, needle)
        pos = end if at >= 0 else pos
        out.append({"start": start, "end": end, "value": t.get("value")})
    return out


def convert(rows: Iterable[dict[str, Any]], *, data: Path, annotator: str) -> list[dict[str, Any]]:
    rows = list(rows)
    texts = source_texts((source_of(r["id"]) for r in rows), data)
    out = []
    for row in rows:
        text = texts[row["id"]]
        try:
            events = [convert_event(text, ev) for ev in row.get("events") or []]
            times = convert_times(text, row.get("times") or [])
        except EvalError as exc:
            raise EvalError(f"{row['id']}: {exc}") from None
        out.append(
            {
                "id": row["id"],
                "source": source_of(row["id"]),
                "offsets": "source",
                "annotator": annotator,
                "published": row.get("pub_date"),
                "events": events,
                "times": times,
            }
        )
    return out


def _spans(ev: dict[str, Any]) -> Iterable[dict[str, Any]]:
    yield ev["evidence"]
    yield ev["trigger"]
    yield from ev.get("mentions") or []
    for role in PARTICIPANTS:
        if ev.get(role):
            yield ev[role]


def fill_texts(rows: list[dict[str, Any]], data: Path) -> None:
    """Give the spans of ``"offsets": "source"`` rows their text from the shared sources."""
    wanted = [r for r in rows if r.get("offsets") == "source"]
    if not wanted:
        return
    texts = source_texts((r["source"] for r in wanted), data)
    for row in wanted:
        text = texts.get(row["id"])
        if text is None:
            raise EvalError(f"gold article {row['id']} not in {row['source']}")
        for ev in row["events"]:
            for span in _spans(ev):
                span["text"] = text[span["start"] : span["end"]]
        for t in row.get("times") or []:
            t["text"] = text[t["start"] : t["end"]]


def _overlaps(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return bool(a["start"] < b["end"] and b["start"] < a["end"])


def agreement(first: list[dict[str, Any]], second: list[dict[str, Any]]) -> dict[str, Any]:
    """Inter-annotator agreement on the articles both annotated (converted gold rows):
    event F1 (same type, overlapping evidence, one-to-one), type agreement on events whose
    evidence and trigger overlap whatever their type, and on matched events the share with
    the same actor mention (overlapping spans) and the same actor / recipient country."""
    by_id = {r["id"]: r for r in second}
    both = [(r, by_id[r["id"]]) for r in first if r["id"] in by_id]
    n1 = n2 = tp = same_type = anchored = 0
    hits: dict[str, int] = {"actor_mention": 0, "actor_country": 0, "recipient_country": 0}
    totals: dict[str, int] = dict.fromkeys(hits, 0)
    for a, b in both:
        ea, eb = a["events"], b["events"]
        n1, n2 = n1 + len(ea), n2 + len(eb)
        used: set[int] = set()
        for x in ea:  # type-blind pairing on the same trigger: does the type agree?
            for j, y in enumerate(eb):
                if j not in used and _overlaps(x["trigger"], y["trigger"]):
                    used.add(j)
                    anchored += 1
                    same_type += x["type"] == y["type"]
                    break
        used = set()
        for x in ea:
            for j, y in enumerate(eb):
                if (
                    j in used
                    or x["type"] != y["type"]
                    or not _overlaps(x["evidence"], y["evidence"])
                ):
                    continue
                used.add(j)
                tp += 1
                xa, ya = x.get("actor"), y.get("actor")
                if xa or ya:
                    totals["actor_mention"] += 1
                    hits["actor_mention"] += bool(xa and ya and _overlaps(xa, ya))
                for role in ("actor", "recipient"):
                    xr, yr = x.get(role), y.get(role)
                    if (xr and xr.get("country")) or (yr and yr.get("country")):
                        totals[f"{role}_country"] += 1
                        hits[f"{role}_country"] += bool(
                            xr and yr and xr.get("country") == yr.get("country")
                        )
                break
    p = tp / n2 if n2 else 0.0
    r = tp / n1 if n1 else 0.0
    out: dict[str, Any] = {
        "articles": len(both), "events_first": n1, "events_second": n2, "matched": tp,
        "event_f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
        "type_agreement": round(same_type / anchored, 3) if anchored else None,
        "same_trigger": anchored,
    }  # fmt: skip
    for key, total in totals.items():
        out[key] = round(hits[key] / total, 3) if total else None
        out[f"{key}_n"] = total
    return out


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m warta.events.gold")
    sub = parser.add_subparsers(dest="command", required=True)
    conv = sub.add_parser("convert", help="annotator JSONL -> gold JSONL with offsets only")
    conv.add_argument("inputs", nargs="+", type=Path)
    conv.add_argument("-o", "--output", type=Path, required=True)
    conv.add_argument("--annotator", default=None, help="label (default: input file stem)")
    conv.add_argument("--data", type=Path, default=None)
    agr = sub.add_parser("agree", help="agreement of two converted gold files")
    agr.add_argument("first", type=Path)
    agr.add_argument("second", type=Path)
    args = parser.parse_args(argv)
    if args.command == "agree":
        first, second = (
            [json.loads(x) for x in p.read_text(encoding="utf-8").splitlines() if x]
            for p in (args.first, args.second)
        )
        print(json.dumps(agreement(first, second), indent=1))
        return 0
    from warta.paths import shared_data

    data = args.data or shared_data(required=True)
    assert data is not None
    out: list[dict[str, Any]] = []
    try:
        for path in args.inputs:
            rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x]
            out += convert(rows, data=data, annotator=args.annotator or path.stem)
    except EvalError as exc:
        print(f"warta: {exc}", file=sys.stderr)
        return 1
    args.output.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out), encoding="utf-8"
    )
    n_ev = sum(len(r["events"]) for r in out)
    n_t = sum(len(r["times"]) for r in out)
    print(f"{args.output}: {len(out)} articles, {n_ev} events, {n_t} times")
    print(f"sha256 {sha256(args.output)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
