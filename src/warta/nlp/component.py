"""The ``nlp`` stage: Doc, sentences and named entities of an article."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from warta.kb import load_kb
from warta.nlp import load_pipeline, make_doc
from warta.record import Article, Entity, Offsets

if TYPE_CHECKING:
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


def make_stage(config: PipelineConfig) -> Callable[[Article], None]:
    """Load the pipeline and the KB once; the stage fills sentences, entities, state["doc"]."""
    nlp = load_pipeline()
    kb = load_kb()
    sentences_only = [name for name in nlp.pipe_names if name != "sentencizer"]

    def stage(article: Article) -> None:
        if article.lang is not None and article.lang not in NER_LANGUAGES:
            doc = make_doc(nlp, article.text, disable=sentences_only)
            why = f"sentences only; the NER model is Indonesian/Malay (lang {article.lang})"
            article.skip("nlp", why, partial=True)
        else:
            doc = make_doc(nlp, article.text)
        article.state["doc"] = doc
        article.sentences = sentences_of(doc)
        dateline_end = article.dateline.end if article.dateline else 0
        article.entities = entities_of(doc, kb=kb, dateline_end=dateline_end)

    return stage
