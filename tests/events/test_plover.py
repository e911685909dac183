"""PLOVER export records and their JSON Schema."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from warta.events.plover import load_schema, plover_records, write_plover
from warta.record import Article, Event


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _article(code: Callable[..., list[Event]]) -> Article:
    text = (
        "Presiden Prancis Emmanuel Macron meminta Presiden Rusia Vladimir Putin menghentikan "
        "serangan. Sedikitnya 11 warga sipil tewas dalam serangan Rusia di Kharkiv, "
        "Senin (28/2/2022)."
    )
    article = Article(id="art-1", text=text, lang="id", url="https://example.org/a")
    article.events = code(text)
    return article


def test_records_validate_and_point_into_the_text(
    code: Callable[..., list[Event]], validator: jsonschema.Draft202012Validator
) -> None:
    article = _article(code)
    records = plover_records(article.to_dict())
    assert [r["event"] for r in records] == [e.type for e in article.events]
    assert {"REQUEST", "ASSAULT"} <= {r["event"] for r in records}
    for rec in records:
        validator.validate(rec)
        ev = rec["text_info"]["evidence"]
        assert article.text[ev["start"] : ev["end"]] == rec["event_text"]
        trig = rec["text_info"]["trigger"]
        assert article.text[trig["start"] : trig["end"]] == trig["text"]
        assert rec["cite_info"]["url"] == "https://example.org/a"
    assault = next(r for r in records if r["event"] == "ASSAULT")
    assert assault["size"] == {"dead": 11, "injured": None}
    assert assault["cameo"] == "18"


def test_schema_rejects_a_bad_record(
    code: Callable[..., list[Event]], validator: jsonschema.Draft202012Validator
) -> None:
    record = plover_records(_article(code).to_dict())[0]
    record["event"] = "PARTY"
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(record)


def test_write_plover_counts_and_passes_plover_records_through(
    code: Callable[..., list[Event]], tmp_path: Path
) -> None:
    article = _article(code).to_dict()
    out = tmp_path / "plover.jsonl"
    n = write_plover([article], out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert n == len(lines) == len(article["events"]) > 0
    again = tmp_path / "again.jsonl"
    assert write_plover([json.loads(line) for line in lines], again) == n
    assert again.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")
