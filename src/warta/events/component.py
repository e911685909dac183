"""The ``events`` pipeline stage: fills ``article.events`` with PLOVER-coded events."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from warta.events.coder import EventCoder
from warta.record import Article

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from warta.pipeline import PipelineConfig


def _pipeline() -> Language:
    """The shared language pipeline (``warta.nlp``), or a blank Indonesian one without it."""
    try:
        from warta.nlp import load_pipeline
    except ImportError:
        import spacy

        nlp = spacy.blank("id")
        nlp.add_pipe("sentencizer")
        return nlp
    return load_pipeline()


def _doc(article: Article, nlp: Language) -> Doc:
    doc = article.state.get("doc")
    if (
        doc is not None
        and len(doc)
        and doc[-1].idx + len(doc[-1].text_with_ws) == len(article.text)
    ):
        # the nlp stage's Doc of this text (comparing doc.text would rebuild the whole string)
        return doc  # type: ignore[no-any-return]
    try:
        from warta.nlp import doc_for
    except ImportError:
        doc = article.state.get("doc")
        if doc is None or doc.text != article.text:
            doc = nlp(article.text)
            article.state["doc"] = doc
        return doc
    return doc_for(article)


def make_stage(config: PipelineConfig) -> Callable[[Article], None]:
    """Load the lexicons and the actor matchers once; return the per-article function."""
    nlp = _pipeline()
    coder = EventCoder(nlp)

    def stage(article: Article) -> None:
        if article.lang not in (None, "id"):
            return  # only Indonesian lexicons ship so far
        article.events = coder.code(article, _doc(article, nlp))

    return stage
