"""The ``quotes`` stage: fill ``Article.quotes`` (see ``warta.quotes.extract``)."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from warta.quotes import lexicon
from warta.quotes.extract import Found, find
from warta.quotes.speakers import Word
from warta.record import Article, Cue, Quote, Speaker

if TYPE_CHECKING:
    from warta.pipeline import PipelineConfig

PERSON_LABELS = frozenset({"PER", "PERSON"})


@lru_cache(maxsize=1)
def _fallback_nlp() -> Any:
    import spacy

    nlp = spacy.blank("id")
    nlp.add_pipe("sentencizer")
    return nlp


def get_doc(article: Article) -> Any:
    """The article's spaCy Doc: the nlp stage's when there is one, else a plain tokenization."""
    doc = article.state.get("doc")
    if doc is not None:
        return doc
    try:
        from warta.nlp import doc_for
    except ImportError:
        doc = _fallback_nlp()(article.text)
        article.state["doc"] = doc
        return doc
    return doc_for(article)


def found_in(article: Article, *, plain: bool = False) -> list[Found]:
    """The quotations of an article with all their parts (what ``evaluate`` scores).

    ``plain=True`` tokenizes with the blank Indonesian pipeline even when the nlp stage is
    installed, so that figures do not move with the NER model.
    """
    doc = _fallback_nlp()(article.text) if plain else get_doc(article)
    words = [Word(t.text, t.idx, t.idx + len(t.text)) for t in doc if not t.is_space]
    if article.sentences:
        sentences = [(s.start, s.end) for s in article.sentences]
    else:
        sentences = [(s.start_char, s.end_char) for s in doc.sents]
    persons = [(e.start, e.end) for e in article.entities if e.label in PERSON_LABELS]
    return find(article.text, words, sentences, lexicon.load(), persons=persons)


def to_quote(text: str, f: Found) -> Quote:
    cue = Cue(f.cue[0], f.cue[1], text[f.cue[0] : f.cue[1]]) if f.cue else None
    speaker = None
    if f.name is not None and f.speaker_span is not None:
        s, e = f.speaker_span
        speaker = Speaker(s, e, text[s:e], f.name, f.role, f.affiliation)
    return Quote(f.start, f.end, text[f.start : f.end], f.kind, cue, speaker)


def extract_quotes(article: Article) -> list[Quote]:
    return [to_quote(article.text, f) for f in found_in(article)]


def make_stage(config: PipelineConfig) -> Callable[[Article], None]:
    lexicon.load()  # read the tables once per process, not per article

    def stage(article: Article) -> None:
        article.quotes.extend(extract_quotes(article))

    return stage
