"""``warta_kb_labels``: a pipeline component that gives an entity the knowledge base's label
when its text is exactly a name the KB knows ("Macron" tagged ORG becomes PER, "Krimea"
tagged ORG becomes LOC). The KB is curated and the model is not: where they disagree on a
known name, the KB is right far more often. Ambiguous short names and lower-case text are
left alone."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from warta.kb import load_kb


def relabel(doc: Doc) -> Doc:
    kb = load_kb()
    changed = False
    ents = []
    for ent in doc.ents:
        # lower-case text (NERP-like) matches the KB case-insensitively too loosely
        label = kb.label_of(ent.text) if not ent.text.islower() else None
        if label is not None and label != ent.label_:
            ent = Span(doc, ent.start, ent.end, label=label, span_id=ent.id)
            changed = True
        ents.append(ent)
    if changed:
        doc.ents = ents
    return doc


Language.component("warta_kb_labels", func=relabel)
