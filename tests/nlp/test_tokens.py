"""One token view per Doc: the same lists for every stage, built once, and serializable."""

from __future__ import annotations

from warta.nlp import load_pipeline
from warta.nlp.tokens import token_view


def test_the_view_is_the_docs_tokens_and_is_built_once() -> None:
    text = "Polisi menangkap dua pencuri di Depok. Warga lega."
    doc = load_pipeline()(text)
    view = token_view(doc, text)
    assert view.words == [t.text for t in doc]
    assert view.idx == [t.idx for t in doc]
    assert view.space == [bool(t.whitespace_) for t in doc]
    assert view.sent_start == [t.is_sent_start is True for t in doc]
    assert token_view(doc).words is view.words  # the same lists, not built again
    doc.to_bytes()  # the cached view does not stop a Doc from serializing
