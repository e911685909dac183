"""warta's Indonesian language pipeline: tokenizer, sentences, named entities.

- :func:`load_pipeline` returns the spaCy pipeline, loaded once per process: the trained model
  shipped in ``warta/models/id_news`` when present, otherwise ``spacy.blank("id")`` with
  warta's tokenizer rules and a sentencizer; in both cases followed by an entity ruler built
  from the knowledge base (``warta.kb``) that adds the names the model missed and sets
  ``ent.ent_id_`` to the KB id, and ``warta_kb_labels``, which gives a name the KB knows
  exactly the KB's label, and ``warta_ner_fixes`` (``warta.nlp.fixes``), rules that repair the
  model's systematic errors on whole articles (brackets, datelines, titles before names).
- :func:`doc_for` returns the Doc of an article (``article.state["doc"]``, built and cached
  there when missing), for the stages after ``nlp``.
- The ``nlp`` stage itself is :func:`warta.nlp.component.make_stage`.

Entity labels: PER, ORG, LOC (states, regions and other places alike; the KB tells which
names are states).
"""

from __future__ import annotations

import functools
import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from warta.record import Article

__all__ = ["LABELS", "MODEL_DIR", "doc_for", "load_pipeline", "make_doc"]

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "id_news"
LABELS = ("PER", "ORG", "LOC")

_lock = threading.Lock()


def _has_model(path: Path) -> bool:
    return (path / "config.cfg").is_file() and (path / "meta.json").is_file()


def build_pipeline(
    *, model: Path | None = MODEL_DIR, ruler: bool = True, parse: bool = False
) -> Language:
    """A fresh pipeline (not cached): the model at ``model`` if it exists, else the blank
    fallback; ``ruler=False`` leaves out the knowledge-base entity ruler; ``parse=True`` adds
    the shipped UD morphologizer and dependency parser (``warta.nlp.parse``). The ``nlp`` stage
    does not parse yet: the parse costs 2.4x the stage's CPU, and no later stage reads it
    until the event coder takes its arguments from it."""
    import spacy

    from warta.nlp.tokenizer import blank

    if model is not None and _has_model(model):
        # the tokenizer is not saved with the model: it is rebuilt from warta's rules
        nlp = spacy.load(model, exclude=["tokenizer"])
    else:
        nlp = blank()
    if not any(n in nlp.pipe_names for n in ("senter", "parser", "sentencizer")):
        first = nlp.pipe_names[0] if nlp.pipe_names else None
        nlp.add_pipe("sentencizer", before=first) if first else nlp.add_pipe("sentencizer")
    if ruler and "entity_ruler" not in nlp.pipe_names:
        from warta.kb import load_kb

        after = {"after": "ner"} if "ner" in nlp.pipe_names else {}
        entity_ruler = nlp.add_pipe(
            "entity_ruler",
            config={"overwrite_ents": False, "phrase_matcher_attr": "ORTH"},
            **after,  # type: ignore[arg-type]
        )
        with nlp.select_pipes(enable=[]):
            entity_ruler.add_patterns(load_kb().ruler_patterns())  # type: ignore[attr-defined]
        import warta.nlp.kblabels

        nlp.add_pipe("warta_kb_labels", after="entity_ruler")
        import warta.nlp.fixes  # noqa: F401  (registers the component)

        nlp.add_pipe("warta_ner_fixes", after="warta_kb_labels")
    if parse and model is not None and _has_model(model):
        from warta.nlp.parse import add_to

        add_to(nlp)  # last: after the splitter, whose sentence boundaries the parser keeps
    from warta.nlp.blas import use_numpy_blas

    use_numpy_blas(nlp)  # only where BLIS runs its generic kernel: same records, faster
    return nlp


@functools.cache
def _cached() -> Language:
    return build_pipeline()


def load_pipeline() -> Language:
    """The shipped pipeline, loaded once per process (thread-safe)."""
    with _lock:
        return _cached()


# spaCy refuses texts over nlp.max_length (1,000,000 characters) and needs memory in
# proportion to the text at once; a longer text goes through in pieces of at most this
# many characters, cut at line breaks (else at a space), and the pieces' Docs are joined.
PIECE_CHARS = 50_000


def pieces_of(text: str, *, size: int = PIECE_CHARS) -> list[str]:
    """``text`` cut into consecutive pieces of at most ``size`` characters, each ending at a
    line break or a space where there is one; ``"".join(pieces) == text``."""
    pieces = []
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = window.rfind("\n") + 1 or window.rfind(" ") + 1 or size
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def make_doc(nlp: Language, text: str, *, disable: list[str] | None = None) -> Doc:
    """``nlp(text)`` for a text of any length: over ``PIECE_CHARS`` it runs piece by piece
    (``pieces_of``) and the Docs are joined, with the same character offsets."""
    from spacy.tokens import Doc

    if len(text) <= PIECE_CHARS:
        return nlp(text, disable=disable or [])
    import numpy

    # One piece at a time (batch_size=1): a batch of pieces would hold all their working
    # memory at once, which for a 1 MB text is the whole article's. No stage reads the
    # tok2vec output left in ``Doc.tensor`` (96 floats a token, the largest part of a
    # Doc), so it is dropped from each piece and not joined.
    docs = []
    for piece in nlp.pipe(pieces_of(text, size=PIECE_CHARS), disable=disable or [], batch_size=1):
        piece.tensor = numpy.zeros((0,), dtype="float32")
        docs.append(piece)
    doc = Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor"])  # type: ignore[call-arg]
    assert doc.text == text  # pieces are joined as cut: every offset still indexes ``text``
    return doc


def doc_for(article: Article) -> Doc:
    """The article's spaCy Doc, the one way every stage gets it: the nlp stage's
    (``article.state["doc"]``) when it is a Doc of ``article.text``, else one built with the
    shipped pipeline and kept there.

    A Doc is taken as the text's when its length and both ends match: comparing whole texts
    (``doc.text`` joins every token) would cost more than some stages.
    """
    from spacy.tokens import Doc

    doc = article.state.get("doc")
    if isinstance(doc, Doc) and _covers(doc, article.text):
        return doc
    doc = make_doc(load_pipeline(), article.text)
    article.state["doc"] = doc
    return doc


def _covers(doc: Doc, text: str) -> bool:
    if not len(doc):
        return not text
    last = doc[-1]
    return last.idx + len(last.text_with_ws) == len(text) and text.startswith(doc[0].text)
