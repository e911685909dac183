"""Gold sets keep offsets into the shared texts, never the texts; the scorer follows the guide."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from warta.errors import EvalError
from warta.events.evaluate import ArticleResult, Pair, match, same_mention, score
from warta.events.gold import convert, fill_texts
from warta.record import Article, Event, Offsets, Participant, Trigger

TEXT = (
    "Polisi menangkap dua pencuri di Depok, Senin (3/1/2022). "
    "Warga berunjuk rasa di depan kantor bupati. Polisi menangkap lagi seorang penadah."
)


def _data(tmp_path: Path) -> Path:
    (tmp_path / "news").mkdir()
    row = {"id": "idnews-9999", "label": "valid", "text": TEXT}
    (tmp_path / "news" / "id-news-282.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    return tmp_path


def _annotated(**over: object) -> dict[str, object]:
    ev = {
        "type": "COERCE", "mode": "arrest",
        "actor": {"text": "Polisi", "country": "IDN", "sector": "COP"},
        "recipient": {"text": "dua pencuri", "country": "IDN", "sector": "CRM"},
        "location": {"text": "Depok", "country": "IDN"}, "date": "2022-01-03",
        "evidence": "Polisi menangkap dua pencuri di Depok, Senin (3/1/2022).",
        "trigger": "menangkap", "dead": None, "injured": None,
        "negated": False, "hypothetical": False, "future": False,
    }  # fmt: skip
    ev.update(over)
    return {"id": "idnews-9999", "pub_date": "2022-01-04", "events": [ev],
            "times": [{"text": "Senin (3/1/2022)", "value": "2022-01-03"}]}  # fmt: skip


def test_convert_keeps_offsets_only_and_fill_restores_texts(tmp_path: Path) -> None:
    data = _data(tmp_path)
    (row,) = convert([_annotated()], data=data, annotator="t")
    ev = row["events"][0]
    assert row["source"] == "news/id-news-282.jsonl" and row["offsets"] == "source"
    assert "text" not in ev["evidence"] and "text" not in ev["actor"]
    assert TEXT[ev["trigger"]["start"] : ev["trigger"]["end"]] == "menangkap"
    # the trigger is the one inside the evidence, not the later "menangkap"
    assert ev["trigger"]["start"] < ev["evidence"]["end"]
    fill_texts([row], data)
    assert ev["evidence"]["text"].startswith("Polisi menangkap dua pencuri")
    assert ev["location"]["text"] == "Depok"
    assert row["times"][0]["text"] == "Senin (3/1/2022)"


def test_convert_refuses_a_span_that_is_not_in_the_text(tmp_path: Path) -> None:
    with pytest.raises(EvalError, match="not a substring"):
        convert([_annotated(trigger="meringkus")], data=_data(tmp_path), annotator="t")


def _event(start: int, end: int, trig: int, *, dead: int | None = None) -> Event:
    actor = Participant(text="Polisi", start=0, end=6, name="Polisi", country="IDN", sector="COP")
    return Event(
        type="COERCE", mode="arrest", actor=actor, recipient=None, location=None, date=None,
        evidence=Offsets(start=start, end=end), trigger=Trigger(start=trig, end=trig + 9,
        text="menangkap"), dead=dead,
    )  # fmt: skip


def test_match_is_on_the_evidence_sentence_not_on_repeated_mentions() -> None:
    first = TEXT.index("Polisi menangkap dua")
    later = TEXT.index("Polisi menangkap lagi")
    gold = [{"type": "COERCE", "evidence": {"start": first, "end": TEXT.index(" Warga")},
             "trigger": {"start": first + 7, "end": first + 16},
             "mentions": [{"start": later, "end": len(TEXT)}]}]  # fmt: skip
    coded_late = _event(later, len(TEXT), later + 7)
    assert match(TEXT, gold, [coded_late]) == []
    coded_right = _event(first, TEXT.index(" Warga"), first + 7)
    assert len(match(TEXT, gold, [coded_right])) == 1


def test_mention_and_casualty_accuracy() -> None:
    gold_actor = {"text": "Polisi", "country": "IDN", "sector": "COP"}
    assert same_mention(gold_actor, _event(0, 10, 7).actor, TEXT)
    other = Participant(text="Warga", start=58, end=63, name="Warga", country="IDN", sector="CVL")
    assert not same_mention(gold_actor, other, TEXT)
    g = {"type": "COERCE", "actor": gold_actor, "evidence": {"start": 0, "end": 10},
         "trigger": {"start": 7, "end": 16}, "dead": None, "injured": None}  # fmt: skip
    copied = _event(0, 10, 7, dead=176)  # a toll copied onto an event it does not belong to
    result = ArticleResult("a", [g], [copied], article=Article(id="a", text=TEXT))
    result.pairs = [Pair(g, copied)]
    m = score([result])
    assert m["actor_mention_acc"] == 1.0
    assert m["casualties_n"] == 1 and m["casualties_acc"] == 0.0


def test_agreement_of_two_annotators(tmp_path: Path) -> None:
    from warta.events.gold import agreement

    data = _data(tmp_path)
    first = convert([_annotated()], data=data, annotator="a")
    assert agreement(first, first)["event_f1"] == 1.0
    other = convert([_annotated(type="ASSAULT", mode=None)], data=data, annotator="b")
    figures = agreement(first, other)
    assert figures["event_f1"] == 0.0 and figures["type_agreement"] == 0.0
    assert figures["same_trigger"] == 1
