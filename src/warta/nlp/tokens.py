"""One plain view of a Doc's tokens, for the stages that read them word by word.

Indexing a Doc makes a spaCy Token object each time, which is most of a rule stage's cost;
:func:`token_view` reads the token table with one ``Doc.to_array`` call and keeps the result
on the Doc (``doc.user_data``), so each stage after ``nlp`` reads the same lists instead of
building its own. The events stage's actor finder and the places stage's resolver build
their views (lower-cased words, place keys) on top of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

_KEY = "warta_token_view"


@dataclass(frozen=True, slots=True)
class TokenView:
    """Token ``i`` is ``text[idx[i] : idx[i] + length[i]]`` of the article, ``words[i]``."""

    idx: list[int]
    length: list[int]
    words: list[str]
    space: list[bool]  # followed by whitespace
    sent_start: list[bool]  # first token of a sentence (False when the Doc has no sentences)


def token_view(doc: Doc, text: str | None = None) -> TokenView:
    """The Doc's token view, built once per Doc; ``text`` is the Doc's text when the caller
    has it (``Doc.text`` joins every token again)."""
    cached = doc.user_data.get(_KEY)
    if isinstance(cached, tuple) and len(cached) == 5:
        return TokenView(*cached)
    if text is None:
        text = doc.text
    rows = doc.to_array(["IDX", "LENGTH", "SPACY", "SENT_START"]).tolist() if len(doc) else []
    has_sents = doc.has_annotation("SENT_START")
    view = TokenView(
        idx=[int(r[0]) for r in rows],
        length=[int(r[1]) for r in rows],
        words=[text[r[0] : r[0] + r[1]] for r in rows],
        space=[bool(r[2]) for r in rows],
        sent_start=[has_sents and r[3] == 1 for r in rows],
    )
    # kept as plain lists, so a Doc with its user_data still serializes (Doc.to_bytes)
    doc.user_data[_KEY] = (view.idx, view.length, view.words, view.space, view.sent_start)
    return view
