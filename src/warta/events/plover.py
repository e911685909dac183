"""PLOVER export: one PLOVER-standard JSON record per coded event.

Fields follow the PLOVER data format (openeventdata/PLOVER, manual v2.0): ``id``, ``date``,
``event``, ``mode``, ``context``, ``actor``, ``recipient`` (each ``text``, ``name``,
``country``, ``sector``), ``event_loc``, ``event_text``, ``text_info`` (where in the article
the event is stated: character offsets of the evidence sentence, of every sentence that repeats
it and of the trigger), ``cite_info`` (where the article came from) and ``size``
(``dead``, ``injured``); warta adds the flags, its confidence and the CAMEO root code.
The contract is ``warta/schema/plover.schema.json``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from warta import __version__

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "schema" / "plover.schema.json"
PLOVER_VERSION = "2.0"


def _participant(p: dict[str, Any] | None) -> dict[str, Any] | None:
    if not p:
        return None
    return {
        "text": p.get("text"),
        "name": p.get("name") or p.get("text"),
        "country": p.get("country"),
        "sector": p.get("sector"),
        "offsets": {"start": p.get("start"), "end": p.get("end")},
    }


def _location(loc: dict[str, Any] | None) -> dict[str, Any] | None:
    if not loc:
        return None
    offsets = None
    if loc.get("start") is not None and loc.get("end") is not None:
        offsets = {"start": loc["start"], "end": loc["end"]}
    return {
        "text": loc.get("text"),
        "name": loc.get("name") or loc.get("text"),
        "country": loc.get("country"),
        "lat": loc.get("lat"),
        "lon": loc.get("lon"),
        "offsets": offsets,
    }


def plover_records(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The PLOVER records of one stored article record (the dict of ``Article.to_dict()``)."""
    text: str = record.get("text") or ""
    article_id = str(record.get("id"))
    provenance = record.get("provenance") or {}
    out = []
    for n, ev in enumerate(record.get("events") or [], 1):
        evidence = ev["evidence"]
        trigger = ev["trigger"]
        mentions = ev.get("mentions") or [evidence]
        context = [flag for flag in ("negated", "hypothetical", "future") if ev.get(flag)]
        out.append(
            {
                "id": f"{article_id}-e{n}",
                "date": ev.get("date"),
                "date_source": ev.get("date_source"),
                "event": ev["type"],
                "mode": ev.get("mode"),
                "context": context,
                "actor": _participant(ev.get("actor")),
                "recipient": _participant(ev.get("recipient")),
                "event_loc": _location(ev.get("location")),
                "event_text": text[evidence["start"] : evidence["end"]],
                "text_info": {
                    "article_id": article_id,
                    "lang": record.get("lang"),
                    "evidence": {"start": evidence["start"], "end": evidence["end"]},
                    "mentions": [{"start": m["start"], "end": m["end"]} for m in mentions],
                    "trigger": {
                        "text": trigger["text"],
                        "start": trigger["start"],
                        "end": trigger["end"],
                    },
                },
                "cite_info": {
                    "url": record.get("url"),
                    "title": record.get("title"),
                    "outlet": record.get("outlet"),
                    "published": record.get("published"),
                    "source": provenance.get("source"),
                    "sha256": provenance.get("sha256"),
                },
                "size": {"dead": ev.get("dead"), "injured": ev.get("injured")},
                "negated": bool(ev.get("negated")),
                "hypothetical": bool(ev.get("hypothetical")),
                "future": bool(ev.get("future")),
                "confidence": ev.get("confidence"),
                "cameo": ev.get("cameo"),
                "coder": f"warta {__version__}",
                "plover_version": PLOVER_VERSION,
            }
        )
    return out


def _events_of(records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for record in records:
        if "event_text" in record and "event" in record:
            yield record  # already a PLOVER record
        else:
            yield from plover_records(record)


def write_plover(records: Iterable[dict[str, Any]], path: Path) -> int:
    """Write the PLOVER records of article records (or PLOVER records) as JSONL; the count."""
    count = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for item in _events_of(records):
            handle.write(json.dumps(item, ensure_ascii=False) + "\n")
            count += 1
    return count


def load_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema
