"""Fuzzing the whole pipeline in process: mutated real and synthetic articles (odd Unicode,
dashes and quote marks, long tokens and runs, cut UTF-8, NUL bytes, CR line ends, long
lines), through the readers and every stage. No exception escapes and every span of every
record indexes its text. A bounded run here; bench/bench_fuzz.py runs long."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterator
from importlib import resources

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warta.clean.offsets import span_to_raw
from warta.errors import InputError, StageError, WorkerDiedError
from warta.ingest import RawDocument
from warta.ingest.files import parse_jsonl_line, read_stdin
from warta.pipeline import Pipeline
from warta.record import Article
from warta.run.local import process_one
from warta.schema import span_errors, validation_errors

ODD = [
    "—",
    "–",
    "‒",
    "―",
    "-",
    "“",
    "”",
    "„",
    "«",
    "»",
    "‘",
    "’",
    "'",
    '"',
    "\u00a0",
    "\u200b",
    "\ufeff",
    "\r\n",
    "\r",
    "\n",
    "\x00",
    "\u2028",
    "😀",
    "\u202e",
    "…",
    "\t",
    "(",
    ")",
    "Rp",
    "%",
    "/",
    ".",
    ",",
    "nya",
    "di",
    "Presiden",
    "Jakarta",
    " kata ",
    "ujarnya",
]


def base_texts() -> list[str]:
    """The demo articles that ship with warta, and a synthetic one with every annotation."""
    lines = resources.files("warta").joinpath("data/demo/articles.jsonl").read_text("utf-8")
    texts = [json.loads(line)["text"] for line in lines.splitlines() if line.strip()]
    texts.append(
        "JAKARTA, WARTA CONTOH – Ratusan buruh berunjuk rasa di depan Istana Merdeka, Jakarta, "
        "pada Senin (13/5/2024). “Kami menuntut kenaikan upah,” kata koordinator aksi Budi "
        "Santoso. Presiden Joko Widodo bertemu Presiden Prancis Emmanuel Macron di Paris "
        "kemarin. Polisi menangkap dua orang di Bandung, Jawa Barat. (ATN)"
    )
    return [t for t in texts if t.strip()]


BASES = base_texts()


@st.composite
def mutation(draw: st.DrawFn) -> tuple[str, object]:
    kind = draw(st.sampled_from(["odd", "unicode", "long", "run", "delete", "cut", "line"]))
    if kind == "odd":
        return kind, draw(st.lists(st.sampled_from(ODD), min_size=1, max_size=8)).__iter__()
    if kind == "unicode":
        return kind, draw(st.text(max_size=12))
    if kind == "long":
        return kind, draw(st.sampled_from("xA1")) * draw(st.integers(50, 3000))
    if kind == "run":
        return kind, draw(st.sampled_from(["-", "»", "😀", "!", "“", ".", "=*"])) * draw(
            st.integers(10, 3000)
        )
    if kind == "line":
        return kind, "kata " * draw(st.integers(100, 3000))
    return kind, draw(st.integers(1, 200))


@st.composite
def mutated_text(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(BASES))
    for kind, payload in draw(st.lists(mutation(), max_size=6)):
        at = draw(st.integers(0, len(text)))
        if kind == "delete":
            text = text[:at] + text[at + int(payload) :]  # type: ignore[call-overload]
        elif kind == "cut":
            text = text[:at]
        elif kind == "odd":
            text = text[:at] + "".join(payload) + text[at:]  # type: ignore[arg-type]
        else:
            text = text[:at] + str(payload) + text[at:]
    return text


@st.composite
def raw_input(draw: st.DrawFn) -> tuple[str, bytes]:
    """(how it enters, its bytes): a text file, a JSONL line, an HTML page, cut UTF-8."""
    text = draw(mutated_text())
    route = draw(st.sampled_from(["text", "jsonl", "html", "cut-utf8"]))
    if route == "jsonl":
        meta = draw(
            st.fixed_dictionaries(
                {},
                optional={
                    "id": st.one_of(st.text(max_size=8), st.integers()),
                    "title": st.text(max_size=20),
                    "published": st.sampled_from(
                        ["2024-05-13", "2024-05-13T09:00:00+07:00", "kemarin"]
                    ),
                    "outlet": st.text(max_size=10),
                },
            )
        )
        return route, json.dumps({"text": text, **meta}).encode("utf-8")
    data = text.encode("utf-8", "surrogatepass")
    if route == "html":
        paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n"))
        page = f"<html><head><title>x</title></head><body><article>{paragraphs}</article></body>"
        return route, (page + "</html>").encode("utf-8", "surrogatepass")
    if route == "cut-utf8":
        return route, data[: draw(st.integers(0, len(data)))]
    return route, data


def documents(route: str, data: bytes) -> Iterator[RawDocument | InputError]:
    if route == "jsonl":
        yield parse_jsonl_line(data, source="fuzz", locator="line 1")
    else:
        yield from read_stdin(io.BufferedReader(io.BytesIO(data)))  # type: ignore[arg-type]


def check_record(doc: RawDocument, result: Article | InputError) -> None:
    """What every fuzzed document must satisfy."""
    assert not isinstance(result, StageError | WorkerDiedError), str(result)  # a stage raised
    if isinstance(result, InputError):
        return  # an input that is no article, reported with its reason
    record = result.to_dict()
    json.dumps(record, ensure_ascii=False).encode("utf-8")  # writable as UTF-8
    assert span_errors(record) == []
    assert validation_errors(record) == []
    if doc.text is not None:  # raw_map leads each entity back to the same raw characters
        for entity in result.entities:
            start, end = span_to_raw(result.raw_map, entity.start, entity.end)
            raw = doc.text[start:end]
            assert raw.split() == entity.text.split(), (entity, raw)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


@settings(
    max_examples=int(os.environ.get("WARTA_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
@given(raw_input())
def test_fuzzed_articles_give_valid_records(pipeline: Pipeline, sample: tuple[str, bytes]) -> None:
    route, data = sample
    for doc in documents(route, data):
        if isinstance(doc, RawDocument):
            check_record(doc, process_one(pipeline, doc))


def test_span_errors_finds_bad_spans() -> None:
    record = {
        "text": "Joko Widodo tiba.",
        "entities": [
            {"start": 0, "end": 4, "text": "Joko"},
            {"start": 5, "end": 9, "text": "Wido"},
            {"start": 12, "end": 40, "text": "x"},
            {"start": 3, "end": 3},
        ],
        "quotes": [
            {"start": 0, "end": 4, "text": "Joko", "speaker": {"start": 0, "end": 2, "text": "Jx"}}
        ],
    }
    errors = span_errors(record)
    assert errors == [
        "entities/2: span [12, 40) outside the text (17)",
        "entities/3: span [3, 3) outside the text (17)",
        "quotes/0/speaker: text 'Jx' != text[0:2] 'Jo'",
    ]
