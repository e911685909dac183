"""A trained check on the rule coder's events: is this an event, and of which type?

The lexicon and the rules propose events; a spaCy text classifier trained on warta's own
event annotations (``warta train events``) reads each proposal — its type, trigger, the
participants' sectors and the evidence sentence with the trigger marked — and says which
PLOVER type it is, or ``NONE`` (not an event: a trigger in another sense, a non-factual
mention, a trivial act). A proposal whose ``NONE`` probability reaches the threshold chosen
on the dev sets is dropped; one the model gives another type with high confidence is
retyped; every kept event's ``confidence`` becomes the model's probability of its type.

Training data (licences: README): warta's annotations of ``news/id-news-282.jsonl`` articles
outside every evaluation set and of sentences of IndoLEM NER-UGM and NER-UI and IndoNLU
NERGRIT; the PFSA-ID texts (non-commercial) are never used for training. The model ships in
``warta/models/events_check`` (weights only).
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from warta.record import Article, Event

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "events_check"
NONE = "NONE"
RETYPE_AT = 0.75  # a different type must be this sure to replace the rule's type


def features(article: Article, event: Event) -> str:
    """The text the classifier reads: marker tokens for the proposal, then its sentence
    with the trigger between brackets (the classifier's n-grams see its neighbours)."""
    s, e = event.evidence.start, event.evidence.end
    ts, te = event.trigger.start, event.trigger.end
    sentence = article.text[s:ts] + " [[ " + article.text[ts:te] + " ]] " + article.text[te:e]
    marks = [
        f"TYPE_{event.type}",
        f"MODE_{event.mode or 'none'}",
        "TRG_" + "_".join(event.trigger.text.lower().split()),
        f"ACT_{event.actor.sector if event.actor else 'none'}",
        f"REC_{event.recipient.sector if event.recipient else 'none'}",
    ]
    marks += [f"FLAG_{f}" for f in ("negated", "hypothetical", "future") if getattr(event, f)]
    return " ".join(marks) + " || " + " ".join(sentence.split())


class EventCheck:
    """The trained classifier, loaded once per process; :meth:`apply` keeps no state."""

    def __init__(self, path: Path = MODEL_DIR) -> None:
        import spacy

        self.nlp: Language = spacy.load(path)
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        self.threshold = float(meta.get("warta", {}).get("none_threshold", 0.5))

    @staticmethod
    def available(path: Path = MODEL_DIR) -> bool:
        return (path / "meta.json").is_file() and (path / "config.cfg").is_file()

    def scores(self, article: Article, events: Sequence[Event]) -> list[dict[str, float]]:
        docs = self.nlp.pipe(features(article, ev) for ev in events)
        return [dict(doc.cats) for doc in docs]

    def apply(self, article: Article, events: list[Event]) -> list[Event]:
        if not events:
            return events
        kept = []
        for ev, cats in zip(events, self.scores(article, events), strict=True):
            if cats.get(NONE, 0.0) >= self.threshold:
                continue
            best = max((k for k in cats if k != NONE), key=lambda k: cats[k])
            if best != ev.type and cats[best] >= RETYPE_AT:
                ev = replace(ev, type=best, mode=None, cameo=None)
            kept.append(replace(ev, confidence=round(cats.get(ev.type, 0.0), 3)))
        return kept


def label_of(event: Event, gold: list[dict[str, Any]]) -> str:
    """The gold type of the annotated event a proposal stands for, else ``NONE``: the same
    trigger in the same sentence whatever its type, else the same type in the sentence."""

    def overlap(a: tuple[int, int], span: dict[str, Any]) -> bool:
        return a[0] < int(span["end"]) and int(span["start"]) < a[1]

    ev_span = (event.evidence.start, event.evidence.end)
    tr_span = (event.trigger.start, event.trigger.end)
    for g in gold:
        if overlap(ev_span, g["evidence"]) and overlap(tr_span, g["trigger"]):
            return str(g["type"])
    for g in gold:
        if g["type"] == event.type and overlap(ev_span, g["evidence"]):
            return str(g["type"])
    return NONE


def train_textcat(
    examples: Sequence[tuple[str, str]], *, epochs: int = 12, seed: int = 0
) -> Language:
    """A bag-of-n-grams classifier (exclusive classes) trained on (features text, label)."""
    import spacy
    from spacy.training import Example

    labels = sorted({label for _, label in examples} | {NONE})
    nlp = spacy.blank("id")
    textcat = nlp.add_pipe(
        "textcat",
        config={
            "model": {
                "@architectures": "spacy.TextCatBOW.v3",
                "exclusive_classes": True,
                "ngram_size": 2,
                "no_output_layer": False,
                "length": 262144,
            }
        },
    )
    for label in labels:
        textcat.add_label(label)  # type: ignore[attr-defined]

    def make(text: str, label: str) -> Example:
        return Example.from_dict(
            nlp.make_doc(text), {"cats": {k: float(k == label) for k in labels}}
        )

    data = [make(t, lab) for t, lab in examples]
    nlp.initialize(lambda: data)
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(data)
        for at in range(0, len(data), 16):
            nlp.update(data[at : at + 16], drop=0.1)
    return nlp


def proposals(
    articles: Iterable[Article], gold: dict[str, list[dict[str, Any]]]
) -> list[tuple[str, str]]:
    """(features text, label) for every event the rule coder proposes in ``articles``; the
    articles must carry the rule coder's events (``article.events``)."""
    out = []
    for article in articles:
        for ev in article.events:
            out.append((features(article, ev), label_of(ev, gold.get(article.id, []))))
    return out
