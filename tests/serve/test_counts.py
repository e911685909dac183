"""Counts that mean what they say: negated and hypothetical events stay out of the timeline,
the map, the actor list and the network unless asked for, and tolls count once per incident."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from warta.record import Article, Event, Location, Offsets, Participant, Trigger
from warta.serve.event_queries import EventFilter, actors, event_map, network, timeline
from warta.store import Store

# three unrelated articles (no story links them): one attack, one denied, one threatened
TEXTS = {
    "real": "Kelompok bersenjata menyerang pos polisi di Wamena dan menewaskan tiga orang.",
    "negated": "Juru bicara militer membantah bahwa tentara menembaki warga di Nduga kemarin.",
    "hypothetical": "Milisi mengancam akan menyerang kantor gubernur Jayapura pekan depan.",
}
PLACES = {"real": (-4.1, 138.95), "negated": (-4.5, 138.2), "hypothetical": (-2.53, 140.7)}


def _article(kind: str) -> Article:
    text = TEXTS[kind]
    lat, lon = PLACES[kind]
    article = Article(id=kind, text=text, outlet=f"outlet-{kind}")
    article.events.append(
        Event(
            type="ASSAULT",
            mode="firearms",
            actor=Participant("Kelompok", 0, 8, f"Kelompok {kind}", "IDN", "REB"),
            recipient=Participant("polisi", 30, 36, f"Polisi {kind}", "IDN", "COP"),
            location=Location(text="Papua", name=f"Tempat {kind}", lat=lat, lon=lon, country="IDN"),
            date="2024-05-14",
            evidence=Offsets(0, len(text)),
            trigger=Trigger(20, 28, text[20:28]),
            dead=3,
            negated=kind == "negated",
            hypothetical=kind == "hypothetical",
            future=kind == "hypothetical",
        )
    )
    return article


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite3.Connection]:
    path: Path = tmp_path_factory.mktemp("counts") / "w.db"
    with Store(path) as store:
        for kind in TEXTS:
            store.upsert(_article(kind))
    conn = sqlite3.connect(path)
    yield conn
    conn.close()


def test_fused_events_keep_their_flags(db: sqlite3.Connection) -> None:
    rows = db.execute(
        "SELECT story_id, negated, hypothetical, future FROM story_events ORDER BY story_id"
    ).fetchall()
    assert len(rows) == 3
    flags = {tuple(r[1:]) for r in rows}
    assert flags == {(0, 0, 0), (1, 0, 0), (0, 1, 1)}


def test_timeline_counts_only_what_happened(db: sqlite3.Connection) -> None:
    plain = timeline(db, EventFilter(), bucket="day")
    every = timeline(db, EventFilter(include_negated=True), bucket="day")
    assert sum(r["events"] for r in plain["rows"]) == 1
    assert sum(r["events"] for r in every["rows"]) == 3


def test_map_counts_places_and_tolls_of_what_happened(db: sqlite3.Connection) -> None:
    plain = event_map(db, EventFilter(), limit=50)
    every = event_map(db, EventFilter(include_negated=True), limit=50)
    assert [p["name"] for p in plain["points"]] == ["Tempat real"]
    assert sum(p["dead"] for p in plain["points"]) == 3  # the denied shooting adds no dead
    assert {p["name"] for p in every["points"]} == {f"Tempat {k}" for k in TEXTS}


def test_actors_count_only_what_happened(db: sqlite3.Connection) -> None:
    names = {a["name"] for a in actors(db, EventFilter(), query=None, limit=50, offset=0).items}
    every = actors(db, EventFilter(include_negated=True), query=None, limit=50, offset=0)
    assert not any("negated" in n or "hypothetical" in n for n in names)
    assert any("hypothetical" in a["name"] for a in every.items)
    assert len(every.items) > len(names)


def test_network_counts_only_what_happened(db: sqlite3.Connection) -> None:
    plain = network(db, EventFilter(), limit=50)
    every = network(db, EventFilter(include_negated=True), limit=50)
    assert sum(e["events"] for e in plain["edges"]) == 1
    assert sum(e["events"] for e in every["edges"]) == 3
