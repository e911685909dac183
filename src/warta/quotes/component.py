"""The ``quotes`` stage: fill ``Article.quotes`` (see ``warta.quotes.extract``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from warta.kb import load_kb
from warta.nlp import doc_for
from warta.quotes import lexicon
from warta.quotes.extract import QUOTE_MARKS, Found, find
from warta.quotes.speakers import Word
from warta.record import Article, Cue, Quote, Speaker

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from warta.pipeline import PipelineConfig

PERSON_LABELS = frozenset({"PER", "PERSON"})


@lru_cache(maxsize=1)
def _canonical() -> Callable[[str], str | None]:
    """Full names of the people the knowledge base knows ("Jokowi" -> "Joko Widodo")."""
    kb = load_kb()

    def canonical(name: str) -> str | None:
        entry = kb.lookup(name)
        return entry.name if entry is not None and entry.kind == "person" else None

    return canonical


_HAS_MARK = re.compile("[" + re.escape("".join(sorted(QUOTE_MARKS))) + "]")
_MARK_SPLIT = re.compile(r"[“”\"„«»″]|,|[^“”\"„«»″,]+")


def words_of(doc: Doc) -> list[Word]:
    """The words the rules read, the same whichever tokenizer made the Doc: quotation marks
    stand alone ("Oke,”kata" -> Oke , ” kata) and a split-off "-nya" is glued back to its
    word ("ujar" "nya" -> "ujarnya"), since "ujarnya" is one cue."""
    out: list[Word] = []
    for t in doc:
        if t.is_space:
            continue
        text, start = t.text, t.idx
        if text.lower() == "nya" and out and out[-1].end == start and out[-1].text.isalpha():
            prev = out.pop()
            out.append(Word(prev.text + text, prev.start, start + len(text)))
            continue
        if len(text) > 1 and _HAS_MARK.search(text):
            for m in _MARK_SPLIT.finditer(text):
                out.append(Word(m.group(), start + m.start(), start + m.end()))
            continue
        out.append(Word(text, start, start + len(text)))
    return out


def found_in(article: Article, *, doc: Doc | None = None) -> list[Found]:
    """The quotations of an article with all their parts (what ``evaluate`` scores), read
    from the article's Doc (``warta.nlp.doc_for``) or from ``doc`` when one is given."""
    doc = doc if doc is not None else doc_for(article)
    words = words_of(doc)
    if article.sentences:
        sentences = [(s.start, s.end) for s in article.sentences]
    else:
        sentences = [(s.start_char, s.end_char) for s in doc.sents]
    persons = [(e.start, e.end) for e in article.entities if e.label in PERSON_LABELS]
    return find(
        article.text, words, sentences, lexicon.load(), persons=persons, canonical=_canonical()
    )


def to_quote(text: str, f: Found) -> Quote:
    cue = Cue(f.cue[0], f.cue[1], text[f.cue[0] : f.cue[1]]) if f.cue else None
    speaker = None
    if f.name is not None and f.speaker_span is not None:
        s, e = f.speaker_span
        speaker = Speaker(s, e, text[s:e], f.name, f.role, f.affiliation)
    return Quote(f.start, f.end, text[f.start : f.end], f.kind, cue, speaker)


def extract_quotes(article: Article) -> list[Quote]:
    """The article's quotations as record items (what the stage adds to ``article.quotes``)."""
    return [to_quote(article.text, f) for f in found_in(article)]


def make_stage(config: PipelineConfig) -> Callable[[Article], None]:
    # read the tables once per process, not per article
    lexicon.load().is_place("Bogor")  # the word tables and the gazetteer's town names
    _canonical()  # the knowledge base's people

    def stage(article: Article) -> None:
        article.quotes.extend(extract_quotes(article))

    return stage
