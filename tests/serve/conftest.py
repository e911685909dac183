"""A database of hand-made and generated articles, and a real server on loopback."""

from __future__ import annotations

import datetime as dt
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from warta.record import (
    Article,
    Cue,
    Entity,
    Event,
    Location,
    Offsets,
    Participant,
    Place,
    Quote,
    Speaker,
    TimeExpr,
    Trigger,
)
from warta.serve.synthetic import synthetic_articles
from warta.store import Store

SCRIPT_TITLE = "Warga <script>alert('x')</script> berunjuk rasa di Jayapura"
SCRIPT_TEXT = (
    "JAYAPURA — Ratusan warga berunjuk rasa di depan kantor gubernur Papua di Jayapura, "
    "Senin (4/3/2024), menuntut pembebasan rekan mereka. "
    "“Kami hanya ingin didengar,” kata koordinator aksi Yosep Wenda. "
    "Sebuah spanduk bertuliskan <script>alert('x')</script> dan <b>tebal</b> ikut dibentangkan."
)


def _span(text: str, word: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(word, start + 1)
    return start, start + len(word)


def script_article() -> Article:
    """An annotated article whose title and text contain markup that must stay text."""
    t = SCRIPT_TEXT
    warga = _span(t, "warga")
    trigger = _span(t, "berunjuk rasa")
    kantor = _span(t, "kantor gubernur Papua")
    jayapura = _span(t, "Jayapura", 0)
    date = _span(t, "Senin (4/3/2024)")
    yosep = _span(t, "Yosep Wenda")
    q_start = t.index("“Kami")
    cue = _span(t, "kata")
    return Article(
        id="papua-1",
        text=t,
        title=SCRIPT_TITLE,
        outlet="jubi.id",
        published=dt.date(2024, 3, 4),
        lang="id",
        entities=[
            Entity(*yosep, "Yosep Wenda", "PER"),
            Entity(*jayapura, "Jayapura", "LOC"),
            Entity(*kantor, "kantor gubernur Papua", "ORG"),
        ],
        times=[TimeExpr(*date, t[date[0] : date[1]], "2024-03-04", "DATE", "text")],
        quotes=[
            Quote(
                start=q_start,
                end=yosep[1],
                text=t[q_start : yosep[1]],
                kind="direct",
                cue=Cue(*cue, "kata"),
                speaker=Speaker(*yosep, "Yosep Wenda", "Yosep Wenda", role="koordinator aksi"),
            )
        ],
        places=[Place(*jayapura, "Jayapura", "Jayapura", 2082600, -2.533, 140.717, "IDN")],
        events=[
            Event(
                type="PROTEST",
                mode="demonstrate",
                actor=Participant("warga", *warga, "Warga Papua", "IDN", "CVL"),
                recipient=Participant(
                    "kantor gubernur Papua", *kantor, "Pemerintah Provinsi Papua", "IDN", "GOV"
                ),
                location=Location("Jayapura", "Jayapura", -2.533, 140.717, "IDN", *jayapura),
                date="2024-03-04",
                evidence=Offsets(0, t.index("mereka.") + 7),
                trigger=Trigger(*trigger, "berunjuk rasa"),
                date_source="text",
                confidence=0.9,
            )
        ],
    )


def script_copy() -> Article:
    """The same report as another outlet ran it (a syndicated copy)."""
    article = Article.from_dict(script_article().to_dict())
    article.id = "papua-2"
    article.outlet = "antaranews.com"
    article.text += " Aksi berakhir damai menjelang sore."
    return article


CLASH_TEXT = (
    "INTAN JAYA — Kelompok bersenjata menyerang pos aparat TNI di Intan Jaya, Papua, "
    "Selasa (5/3/2024), menewaskan tiga orang dan melukai lima lainnya."
)


def clash_article() -> Article:
    """An attack with a toll: the events table's dead and injured columns."""
    t = CLASH_TEXT
    actor = _span(t, "Kelompok bersenjata")
    recipient = _span(t, "aparat TNI")
    place = _span(t, "Intan Jaya")
    return Article(
        id="papua-clash",
        text=t,
        title="Serangan di Intan Jaya",
        outlet="jubi.id",
        published=dt.date(2024, 3, 5),
        lang="id",
        places=[Place(*place, "Intan Jaya", "Intan Jaya", None, -3.42, 137.17, "IDN")],
        events=[
            Event(
                type="ASSAULT",
                mode=None,
                actor=Participant(
                    "Kelompok bersenjata", *actor, "kelompok bersenjata", "IDN", "REB"
                ),
                recipient=Participant("aparat TNI", *recipient, "TNI", "IDN", "MIL"),
                location=Location("Intan Jaya", "Intan Jaya", -3.42, 137.17, "IDN", *place),
                date="2024-03-05",
                evidence=Offsets(0, len(t)),
                trigger=Trigger(*_span(t, "menyerang"), "menyerang"),
                date_source="text",
                dead=3,
                injured=5,
                confidence=0.85,
            )
        ],
    )


@pytest.fixture(scope="session")
def serve_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("serve") / "serve.db"
    with Store(path) as store:
        store.upsert(script_article())
        store.upsert(script_copy())
        store.upsert(clash_article())
        for article in synthetic_articles(80, seed=3, start=dt.date(2024, 1, 1)):
            store.upsert(article)
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class LiveServer:
    url: str
    server: object
    thread: threading.Thread


def start_server(app: object) -> LiveServer:
    import uvicorn

    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")  # type: ignore[arg-type]
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    return LiveServer(url=f"http://127.0.0.1:{port}", server=server, thread=thread)


def stop_server(live: LiveServer) -> None:
    live.server.should_exit = True  # type: ignore[attr-defined]
    live.thread.join(timeout=10)


TOKEN = "s3cret-test-token"


@pytest.fixture(scope="session")
def live(serve_db: Path) -> Iterator[LiveServer]:
    """The server over ``serve_db`` on 127.0.0.1 (ingest on, with ``TOKEN``)."""
    from warta.serve import ServeConfig, create_app

    app = create_app(
        ServeConfig(db=serve_db, token=TOKEN, max_body_bytes=64 * 1024, ingest_stages=())
    )
    server = start_server(app)
    yield server
    stop_server(server)
