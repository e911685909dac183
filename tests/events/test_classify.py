"""The trained event check: labels from the annotations, the features it reads, and that a
proposal it calls NONE is dropped while a kept event gets the model's confidence."""

from __future__ import annotations

import json
from pathlib import Path

from warta.events.classify import NONE, EventCheck, features, label_of, train_textcat
from warta.record import Article, Event, Offsets, Participant, Trigger

TEXT = "Polisi menangkap dua pencuri di Depok. Tim sepak bola itu ditahan imbang lawannya."


def _event(sentence: str, trigger: str, type_: str = "COERCE") -> Event:
    s = TEXT.index(sentence)
    t = TEXT.index(trigger, s)
    actor = Participant(text="Polisi", start=0, end=6, name="Polisi", country="IDN", sector="COP")
    return Event(
        type=type_, mode=None, actor=actor, recipient=None, location=None, date=None,
        evidence=Offsets(start=s, end=s + len(sentence)),
        trigger=Trigger(start=t, end=t + len(trigger), text=trigger),
    )  # fmt: skip


ARREST = "Polisi menangkap dua pencuri di Depok."
DRAW = "Tim sepak bola itu ditahan imbang lawannya."


def _gold(type_: str) -> dict[str, object]:
    s = TEXT.index(ARREST)
    t = TEXT.index("menangkap")
    return {"type": type_, "evidence": {"start": s, "end": s + len(ARREST)},
            "trigger": {"start": t, "end": t + 9}}  # fmt: skip


def test_labels_come_from_the_annotated_event_a_proposal_stands_for() -> None:
    arrest = _event(ARREST, "menangkap")
    assert label_of(arrest, [_gold("COERCE")]) == "COERCE"
    assert label_of(arrest, [_gold("ASSAULT")]) == "ASSAULT"  # same trigger: the gold type
    assert label_of(_event(DRAW, "ditahan"), [_gold("COERCE")]) == NONE


def test_features_mark_the_trigger_and_the_proposal() -> None:
    text = features(Article(id="a", text=TEXT), _event(DRAW, "ditahan"))
    assert text.startswith("TYPE_COERCE MODE_none TRG_ditahan ACT_COP REC_none")
    assert "[[ ditahan ]] imbang" in text


def test_check_drops_what_it_learnt_is_not_an_event(tmp_path: Path) -> None:
    article = Article(id="a", text=TEXT)
    arrest, draw = _event(ARREST, "menangkap"), _event(DRAW, "ditahan")
    examples = [(features(article, arrest), "COERCE"), (features(article, draw), NONE)] * 30
    nlp = train_textcat(examples, epochs=6)
    nlp.meta["warta"] = {"none_threshold": 0.5}
    nlp.to_disk(tmp_path / "m")
    assert EventCheck.available(tmp_path / "m")
    assert json.loads((tmp_path / "m" / "meta.json").read_text())["warta"]["none_threshold"] == 0.5
    check = EventCheck(tmp_path / "m")
    kept = check.apply(article, [arrest, draw])
    assert [e.trigger.text for e in kept] == ["menangkap"]
    assert kept[0].type == "COERCE" and kept[0].confidence > 0.5
