"""The ``nlp`` stage: Doc, sentences and named entities of an article."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from warta.kb import load_kb
from warta.nlp import load_pipeline, make_doc
from warta.record import Article, Entity, Offsets

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from warta.kb import KnowledgeBase
    from warta.pipeline import PipelineConfig


def entities_of(doc: Doc, *, kb: KnowledgeBase, dateline_end: int = 0) -> list[Entity]:
    """The record entities of a Doc, with the KB id from the ruler or a KB lookup.

    A name never runs across the end of the dateline ("WARTA CONTOH – Polres Bogor"):
    the outlet and place before the dash are the dateline's, so only the part after it
    stays an entity.
    """
    out = []
    text = doc.text
    for ent in doc.ents:
        start, end = ent.start_char, ent.end_char
        if start < dateline_end < end:
            start = (
                dateline_end + len(text[dateline_end:end]) - len(text[dateline_end:end].lstrip())
            )
        if start >= end:
            continue
        mention = text[start:end]
        kb_id = ent.ent_id_ or None if start == ent.start_char else None
        if kb_id is None and (entry := kb.lookup(mention)) is not None:
            kb_id = entry.id
        out.append(Entity(start=start, end=end, text=mention, label=ent.label_, kb_id=kb_id))
    return out


def sentences_of(doc: Doc) -> list[Offsets]:
    out = []
    for sent in doc.sents:
        text = sent.text
        # whitespace around a sentence (line breaks between paragraphs) is not part of it
        start = sent.start_char + len(text) - len(text.lstrip())
        end = sent.start_char + len(text.rstrip())
        if end > start:
            out.append(Offsets(start=start, end=end))
    return out


# The model learned Indonesian (Malay writes names the same way). On other languages it
# tags function words as names, so there only sentences are found; entities wait for a
# model of that language.
NER_LANGUAGES = frozenset({"id", "ms"})


class NlpStage:
    """The stage: ``stage(article)`` fills one article; ``stage.prepare(articles)`` first
    makes the Docs of a batch in one ``nlp.pipe`` call, which the model runs faster than
    one Doc at a time (its matrix products get more rows). A runner calls ``prepare`` with a
    batch and then the stage on each article, which takes its prepared Doc; without
    ``prepare`` (or where it failed) each article's Doc is made on its own."""

    # Longer texts go alone (in pieces, see ``make_doc``), so a batch never holds the
    # working memory of several long articles at once.
    BATCH_CHARS = 20_000
    GROUP_CHARS = 50_000

    def __init__(self, nlp: Language, kb: KnowledgeBase) -> None:
        self.nlp = nlp
        self.kb = kb
        self.sentences_only = [name for name in nlp.pipe_names if name != "sentencizer"]

    def prepare(self, articles: Sequence[Article]) -> None:
        batch = [
            a
            for a in articles
            if (a.lang is None or a.lang in NER_LANGUAGES) and len(a.text) <= self.BATCH_CHARS
        ]
        if len(batch) < 2:
            return
        # the model's working memory grows with the characters of one call: at most
        # GROUP_CHARS of text go through nlp.pipe at once
        groups: list[list[Article]] = [[]]
        size = 0
        for article in batch:
            if groups[-1] and size + len(article.text) > self.GROUP_CHARS:
                groups.append([])
                size = 0
            groups[-1].append(article)
            size += len(article.text)
        for group in groups:
            docs = self.nlp.pipe([a.text for a in group], batch_size=len(group))
            for article, doc in zip(group, docs, strict=True):
                article.state[_PREPARED] = (article.text, doc)  # the text it was made of

    def __call__(self, article: Article) -> None:
        text, doc = article.state.pop(_PREPARED, (None, None))
        if doc is None or text is not article.text:
            if article.lang is not None and article.lang not in NER_LANGUAGES:
                doc = make_doc(self.nlp, article.text, disable=self.sentences_only)
            else:
                doc = make_doc(self.nlp, article.text)
        if article.lang is not None and article.lang not in NER_LANGUAGES:
            why = f"sentences only; the NER model is Indonesian/Malay (lang {article.lang})"
            article.skip("nlp", why, partial=True)
        article.state["doc"] = doc
        article.sentences = sentences_of(doc)
        dateline_end = article.dateline.end if article.dateline else 0
        article.entities = entities_of(doc, kb=self.kb, dateline_end=dateline_end)


# where ``prepare`` leaves an article's Doc for the stage
_PREPARED = "nlp.prepared"


def make_stage(config: PipelineConfig) -> NlpStage:
    """Load the pipeline and the KB once; the stage fills sentences, entities, state["doc"]."""
    return NlpStage(load_pipeline(), load_kb())
