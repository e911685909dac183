"""POST /api/ingest runs the runner of `warta extract`: same records, under concurrent requests."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.serve.conftest import TOKEN, start_server, stop_server
from warta.cli.main import main as warta
from warta.record import Article
from warta.store import Store

# Stories about different states: the events stage gives an actor named by a common noun
# ("warga", "massa") the country the story is about, which one article must never lend another.
STORIES = [
    "Ratusan warga berunjuk rasa di depan Kedutaan Besar Rusia di Moskow, Senin (4/3/2024). "
    "Polisi Rusia menangkap belasan pengunjuk rasa.",
    "Militer Israel menyerang kamp pengungsi di Gaza, Selasa (5/3/2024). Sebanyak 13 orang "
    "tewas dan 20 lainnya luka-luka.",
    "Polisi menangkap dua orang terduga teroris di Kota Bogor, Jawa Barat, dua hari lalu.",
    "Massa berunjuk rasa menolak kenaikan harga bahan bakar di Manila, Filipina, Rabu "
    "(6/3/2024). Warga Filipina menuntut pemerintah menurunkan harga.",
    "Presiden Prancis Emmanuel Macron menelepon Presiden Rusia Vladimir Putin pada Senin "
    "(28/2/2022). Keduanya membahas situasi di Ukraina.",
    "Tentara Ukraina menembaki posisi pasukan Rusia di dekat Kharkiv, Kamis (7/3/2024). "
    "Warga sipil mengungsi dari desa itu.",
    # protesters nobody names, and a toll in the sentence after the event's own
    "Unjuk rasa menolak perang digelar di Moskow, Rusia, Senin (4/3/2024). Aparat membubarkan "
    "aksi itu.",
    "Demonstrasi besar berlangsung di Manila, Filipina, Rabu. Sebanyak tiga orang tewas dan lima "
    "lainnya luka-luka.",
    "Aksi protes terjadi di Tel Aviv, Israel, Kamis (7/3/2024).",
]
THREADS = 4
ROUNDS = 5  # each story sent this many times, under its own id


def _lines() -> list[dict[str, str]]:
    demo = Path(__file__).parents[2] / "src" / "warta" / "data" / "demo" / "articles.jsonl"
    texts = STORIES + [json.loads(line)["text"] for line in demo.read_text().splitlines()]
    return [
        {"id": f"c{round_}-{n}", "published": "2024-03-08", "outlet": "uji", "text": text}
        for round_ in range(ROUNDS)
        for n, text in enumerate(texts)
    ]


def _comparable(record: dict[str, Any]) -> dict[str, Any]:
    out = Article.from_dict(record).to_dict()
    out.pop("provenance", None)  # the file and line, or the request
    return out


def test_concurrent_ingest_stores_what_extract_writes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from warta.serve import ServeConfig, create_app

    lines = _lines()
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines))
    out = tmp_path / "out.jsonl"
    assert warta(["extract", str(source), "-o", str(out), "--quiet"]) == 0
    capsys.readouterr()
    expected = {r["id"]: _comparable(r) for r in map(json.loads, out.read_text().splitlines())}
    assert len(expected) == len(lines)
    assert any(r["events"] for r in expected.values())

    live = start_server(create_app(ServeConfig(db=tmp_path / "c.db", token=TOKEN)))
    try:
        auth = {"Authorization": f"Bearer {TOKEN}"}
        with httpx.Client(base_url=live.url, timeout=120) as client:

            def send(body: dict[str, str]) -> httpx.Response:
                return client.post("/api/ingest", json=body, headers=auth)

            interval = sys.getswitchinterval()
            sys.setswitchinterval(1e-5)  # threads take turns often: races show, if any
            try:
                with ThreadPoolExecutor(THREADS) as pool:
                    answers = list(pool.map(send, lines))
            finally:
                sys.setswitchinterval(interval)
            assert [a.status_code for a in answers] == [200] * len(lines), answers[0].text
            assert {a.json()["id"] for a in answers} == {x["id"] for x in lines}
    finally:
        stop_server(live)
    with Store(tmp_path / "c.db", readonly=True) as store:  # the records as stored
        stored = {x["id"]: _comparable(store.get(x["id"]) or {}) for x in lines}
    wrong = [i for i in expected if stored[i] != expected[i]]
    assert wrong == [], wrong


def _broken_stage(config: object) -> Callable[[Article], None]:
    def stage(article: Article) -> None:
        raise ZeroDivisionError("division by zero")

    return stage


def test_bad_input_and_a_failing_stage_are_a_422_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fastapi.testclient import TestClient

    from warta import pipeline
    from warta.serve import ServeConfig, create_app

    spec = pipeline.StageSpec(name="broken", factory=f"{__name__}:_broken_stage")
    monkeypatch.setitem(pipeline.STAGES, "broken", spec)
    app = create_app(ServeConfig(db=tmp_path / "f.db", token=TOKEN, ingest_stages=("broken",)))
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with TestClient(app, raise_server_exceptions=False) as client:
        # the reader of a JSONL line, with its reason
        json_type = {"Content-Type": "application/json"}
        bad = client.post("/api/ingest", content=b"{not json", headers=auth | json_type)
        assert bad.status_code == 422 and bad.json()["detail"].endswith("[malformed]")
        broken = client.post("/api/ingest", json={"text": "Warga berkumpul."}, headers=auth)
        assert broken.status_code == 422, broken.text
        detail = broken.json()["detail"]
        assert detail == "ZeroDivisionError: division by zero (stage broken) [stage-error]"
