"""The article record: what every stage reads and fills, and what the store keeps.

The field names follow the contract in ``schema/record.schema.json`` (version
``SCHEMA_VERSION``); later stages add items to the lists. Every ``start``/``end``
is a character offset into ``Article.text`` (the clean text), end exclusive.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field, fields
from typing import Any

SCHEMA_VERSION = "1.0"


@dataclass(slots=True)
class Provenance:
    """Where an article came from, so that any record can be traced to its bytes."""

    source: str  # path or URL of the input
    kind: str  # text | html | jsonl | warc | feed
    sha256: str  # of the raw bytes of this article (the line, record or file)
    locator: str | None = None  # "line 3", "record at offset 1234", feed entry URL
    record_offset: int | None = None  # byte offset of the WARC record


@dataclass(slots=True)
class Dateline:
    text: str
    start: int
    end: int
    place: str | None = None
    outlet: str | None = None


@dataclass(slots=True)
class Entity:
    start: int
    end: int
    text: str
    label: str
    kb_id: str | None = None  # canonical knowledge-base id when the name is known


@dataclass(slots=True)
class TimeExpr:
    start: int
    end: int
    text: str
    value: str | None
    type: str  # DATE | TIME | DURATION | SET
    anchor: str | None = None  # how a relative value was anchored: published | text | none


@dataclass(slots=True)
class Cue:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Speaker:
    start: int
    end: int
    text: str
    name: str
    role: str | None = None
    affiliation: str | None = None


@dataclass(slots=True)
class Quote:
    start: int
    end: int
    text: str
    kind: str  # direct | indirect | mixed
    cue: Cue | None = None
    speaker: Speaker | None = None


@dataclass(slots=True)
class Place:
    start: int
    end: int
    text: str
    name: str
    geonameid: int | str | None
    lat: float | None
    lon: float | None
    country: str | None  # ISO 3166-1 alpha-3
    admin1: str | None = None
    feature: str | None = None  # country | admin | city | other
    confidence: float | None = None
    # resolution level: country | admin1 | admin2 | admin3 | city | feature | street | building
    level: str | None = None


@dataclass(slots=True)
class Participant:
    text: str
    start: int
    end: int
    name: str
    country: str | None
    sector: str | None


@dataclass(slots=True)
class Location:
    text: str
    name: str
    lat: float | None
    lon: float | None
    country: str | None
    start: int | None = None
    end: int | None = None


@dataclass(slots=True)
class Offsets:
    start: int
    end: int


@dataclass(slots=True)
class Trigger:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Event:
    type: str
    mode: str | None
    actor: Participant | None
    recipient: Participant | None
    location: Location | None
    date: str | None
    evidence: Offsets
    trigger: Trigger
    dead: int | None = None
    injured: int | None = None
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    confidence: float = 0.5
    cameo: str | None = None
    date_source: str | None = None  # text | published | none
    mentions: list[Offsets] = field(default_factory=list)  # every sentence reporting it


# Article fields for the run only, not part of the record.
WORKING_FIELDS = frozenset({"state", "timings"})


@dataclass(slots=True)
class Article:
    id: str
    text: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    # how it was found (see warta.clean.published) and how sure that is, 0-1
    published_source: str | None = None
    published_confidence: float | None = None
    lang: str | None = None
    lang_score: float | None = None
    dateline: Dateline | None = None
    credit: str | None = None  # trailing tag such as "(ATN)"
    provenance: Provenance | None = None
    # runs of [clean_start, raw_start]: from clean_start on, clean offsets map to raw
    # offsets advancing together until the next run; see warta.clean.offsets.
    raw_map: list[tuple[int, int]] = field(default_factory=list)
    sentences: list[Offsets] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    # stage name -> "ran", "partial: why" or "skipped: why", for every stage warta knows
    stages: dict[str, str] = field(default_factory=dict)
    # working state for stages (a spaCy Doc, for example); never serialized
    state: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    # seconds each stage took on this article (the pipeline measures them); never serialized
    timings: dict[str, float] = field(default_factory=dict, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"schema": SCHEMA_VERSION}
        for f in fields(self):
            if f.name in WORKING_FIELDS:
                continue
            value = getattr(self, f.name)
            if f.name == "published":
                out[f.name] = value.isoformat() if value else None
            elif f.name == "raw_map":
                out[f.name] = [list(pair) for pair in value]
            elif f.name == "stages":
                out[f.name] = dict(value)
            elif isinstance(value, list):
                out[f.name] = [asdict(item) for item in value]
            elif value is not None and hasattr(value, "__dataclass_fields__"):
                out[f.name] = asdict(value)
            else:
                out[f.name] = value
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        published = data.get("published")
        return cls(
            id=data["id"],
            text=data["text"],
            url=data.get("url"),
            title=data.get("title"),
            outlet=data.get("outlet"),
            published=dt.date.fromisoformat(published) if published else None,
            published_source=data.get("published_source"),
            published_confidence=data.get("published_confidence"),
            lang=data.get("lang"),
            lang_score=data.get("lang_score"),
            dateline=_opt(Dateline, data.get("dateline")),
            credit=data.get("credit"),
            provenance=_opt(Provenance, data.get("provenance")),
            raw_map=[(int(a), int(b)) for a, b in data.get("raw_map") or []],
            sentences=[Offsets(**s) for s in data.get("sentences") or []],
            entities=[Entity(**e) for e in data.get("entities") or []],
            times=[TimeExpr(**t) for t in data.get("times") or []],
            quotes=[_quote(q) for q in data.get("quotes") or []],
            places=[Place(**p) for p in data.get("places") or []],
            events=[_event(e) for e in data.get("events") or []],
            stages=dict(data.get("stages") or {}),
        )

    def skip(self, stage: str, why: str, *, partial: bool = False) -> None:
        """Say that ``stage`` did not run on this article (or ran only in part), and why."""
        self.stages[stage] = f"{'partial' if partial else 'skipped'}: {why}"


def _opt(kind: Any, value: dict[str, Any] | None) -> Any:
    return kind(**value) if value else None


def _quote(data: dict[str, Any]) -> Quote:
    return Quote(
        **{k: v for k, v in data.items() if k not in ("cue", "speaker")},
        cue=_opt(Cue, data.get("cue")),
        speaker=_opt(Speaker, data.get("speaker")),
    )


def _event(data: dict[str, Any]) -> Event:
    nested = {"actor", "recipient", "location", "evidence", "trigger", "mentions"}
    return Event(
        **{k: v for k, v in data.items() if k not in nested},
        actor=_opt(Participant, data.get("actor")),
        recipient=_opt(Participant, data.get("recipient")),
        location=_opt(Location, data.get("location")),
        evidence=Offsets(**data["evidence"]),
        trigger=Trigger(**data["trigger"]),
        mentions=[Offsets(**m) for m in data.get("mentions") or []],
    )
