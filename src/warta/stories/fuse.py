"""Event fusion: the events of one story that report the same happening become one event.

Several articles of a story (copies, updates) each code the event, often more
than once (one event per sentence that reports it). Counting each of them would
inflate the event counts the way GDELT's per-article records do. A fused event
keeps one row with every source listed, and counts three things separately:
``num_mentions`` (article events fused), ``num_articles`` (distinct articles) and
``num_sources`` (distinct outlets), so no report is counted twice.

Two article events fuse when they have the same type, the same flags (negated,
hypothetical, future: a threatened attack is not the attack), the same actor and
recipient (by country and sector where coded, else by name), a compatible location
(same country and name where both are known) and dates no more than ``window_days``
apart (an event without a date takes its article's publication date).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

Row = dict[str, Any]


@dataclass(slots=True)
class FusedEvent:
    rows: list[Row] = field(default_factory=list)
    first: dt.date | None = None
    last: dt.date | None = None

    def to_row(self) -> Row:
        rows = self.rows
        out: Row = {
            "type": rows[0]["type"],
            "mode": _most_common(r.get("mode") for r in rows),
            # every report of a fused event carries the same flags (they are in the key)
            "negated": bool(rows[0].get("negated")),
            "hypothetical": bool(rows[0].get("hypothetical")),
            "future": bool(rows[0].get("future")),
        }
        for role in ("actor", "recipient"):
            for key in ("name", "country", "sector"):
                out[f"{role}_{key}"] = _most_common(r.get(f"{role}_{key}") for r in rows)
        located = [r for r in rows if r.get("location_name") or r.get("location_lat") is not None]
        where = max(located, key=lambda r: r.get("location_lat") is not None, default={})
        for key in ("name", "lat", "lon", "country"):
            out[f"location_{key}"] = where.get(f"location_{key}")
        out["date"] = _most_common(_event_date(r) for r in rows)
        out["date_first"] = self.first.isoformat() if self.first else None
        out["date_last"] = self.last.isoformat() if self.last else None
        # one incident, one toll: the largest figure any report gives (reports repeat a toll,
        # they do not add to it); totals over incidents sum these, never the reports
        for key in ("dead", "injured"):
            values = [int(r[key]) for r in rows if r.get(key) is not None]
            out[key] = max(values) if values else None
        out["confidence"] = max(float(r.get("confidence") or 0.0) for r in rows)
        articles = sorted({r["article_id"] for r in rows})
        outlets = {r.get("outlet") or f"article:{r['article_id']}" for r in rows}
        out["num_mentions"] = len(rows)
        out["num_articles"] = len(articles)
        out["num_sources"] = len(outlets)
        out["sources"] = [
            {"article_id": r["article_id"], "idx": r["idx"], "outlet": r.get("outlet")}
            for r in rows
        ]
        return out


def _most_common(values: Any) -> Any:
    counts = Counter(v for v in values if v not in (None, ""))
    if not counts:
        return None
    # ties go to the smallest value so that the result does not depend on row order
    best = max(counts.values())
    return min(v for v, c in counts.items() if c == best)


def _event_date(row: Row) -> str | None:
    value = row.get("date") or row.get("published")
    return str(value)[:10] if value else None


def _parse(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _norm(value: Any) -> str:
    return " ".join(str(value).casefold().split()) if value else ""


def _participant(row: Row, role: str) -> tuple[str, str, str]:
    country, sector = row.get(f"{role}_country"), row.get(f"{role}_sector")
    if country or sector:
        return (_norm(country), _norm(sector), "")
    return ("", "", _norm(row.get(f"{role}_name")))


def _key(row: Row) -> tuple[Any, ...]:
    return (
        row.get("type"),
        bool(row.get("negated")),
        bool(row.get("hypothetical")),
        bool(row.get("future")),
        _participant(row, "actor"),
        _participant(row, "recipient"),
    )


def _place_compatible(group: FusedEvent, row: Row) -> bool:
    country, name = _norm(row.get("location_country")), _norm(row.get("location_name"))
    for other in group.rows:
        c2, n2 = _norm(other.get("location_country")), _norm(other.get("location_name"))
        if country and c2 and country != c2:
            return False
        if name and n2 and name != n2:
            return False
    return True


def _date_compatible(group: FusedEvent, day: dt.date | None, window: int) -> bool:
    if day is None or group.first is None or group.last is None:
        return True
    span = max(group.last, day) - min(group.first, day)
    return span.days <= window


def fuse_events(rows: list[Row], *, window_days: int = 2) -> list[Row]:
    """Fused events (``FusedEvent.to_row``) of one story's article events.

    ``rows`` are rows of the store's ``events`` table plus ``outlet``; the result
    is in order of first date, then type.
    """
    ordered = sorted(
        rows, key=lambda r: (_event_date(r) or "9999", str(r["article_id"]), int(r["idx"]))
    )
    groups: dict[tuple[Any, ...], list[FusedEvent]] = {}
    fused: list[FusedEvent] = []
    for row in ordered:
        day = _parse(_event_date(row))
        candidates = groups.setdefault(_key(row), [])
        target = next(
            (
                g
                for g in candidates
                if _date_compatible(g, day, window_days) and _place_compatible(g, row)
            ),
            None,
        )
        if target is None:
            target = FusedEvent()
            candidates.append(target)
            fused.append(target)
        target.rows.append(row)
        if day is not None:
            target.first = min(target.first or day, day)
            target.last = max(target.last or day, day)
    out = [g.to_row() for g in fused]
    out.sort(key=lambda r: (r["date_first"] or "9999", r["type"] or ""))
    return out
