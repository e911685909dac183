"""Cleaning and metadata: raw document in, article with clean text and provenance out.

Order of work: HTML main text (if HTML) → plain-text clean-up (boilerplate lines,
whitespace) → dateline and credit tag → publication date → language. The clean
text is what every later offset indexes; ``Article.raw_map`` maps it back to the
raw text (for HTML: the text trafilatura extracted, since markup has no
character offsets worth keeping; the page's bytes are identified by
``provenance.sha256``).
"""

from __future__ import annotations

from warta.clean import lang as _lang
from warta.clean.dateline import parse_credit, parse_dateline
from warta.clean.published import date_from_path, infer_published, parse_date
from warta.clean.text import clean_text
from warta.errors import EmptyInputError, NoArticleTextError
from warta.ingest.document import RawDocument, sha256_hex
from warta.record import Article, Provenance

__all__ = ["build_article", "clean_text", "parse_dateline"]


def build_article(doc: RawDocument, *, detect_language: bool = True) -> Article:
    """Clean ``doc`` into an article; raise an InputError when there is no article in it."""
    title, outlet, published_raw = doc.title, doc.outlet, doc.published
    published_source = _metadata_source(doc.kind) if published_raw else None
    if doc.html is not None:
        # trafilatura and htmldate cost 0.2 CPU-seconds to import: only for HTML input
        from warta.clean.html import extract_page

        page = extract_page(doc.html, url=doc.url)
        if page is None:
            raise NoArticleTextError(
                "HTML page has no article text", source=doc.source, locator=doc.locator
            )
        raw = page.text
        title = title or page.title
        outlet = outlet or page.outlet
        if not published_raw and page.published:
            published_raw, published_source = page.published, "html"
    else:
        raw = doc.text or ""
    text, runs = clean_text(raw)
    if not text:
        raise EmptyInputError(
            "no article text after clean-up", source=doc.source, locator=doc.locator
        )
    dateline = parse_dateline(text)
    if dateline and dateline.outlet and not outlet:
        outlet = dateline.outlet
    credit = parse_credit(text)
    published = parse_date(published_raw)
    confidence = _CONFIDENCE.get(published_source or "") if published else None
    if published is None:
        published_source = None
        if doc.kind in ("text", "jsonl") and (from_path := date_from_path(doc.source)):
            published, published_source, confidence = from_path, "path", _CONFIDENCE["path"]
        elif inferred := infer_published(text, dateline_end=dateline.end if dateline else 0):
            published, published_source = inferred.date, inferred.source
            confidence = inferred.confidence
    lang, lang_score = None, None
    if detect_language:
        # the dateline names an outlet and a place; it says nothing of the language
        lang, lang_score = _lang.detect_language(text, skip=dateline.end if dateline else 0)
        if lang is None and dateline:
            lang, lang_score = _lang.detect_language(text)

    return Article(
        id=doc.id or sha256_hex(text.encode("utf-8"))[:16],
        text=text,
        url=doc.url,
        title=title,
        outlet=outlet,
        published=published,
        published_source=published_source,
        published_confidence=confidence,
        lang=lang,
        lang_score=lang_score,
        dateline=dateline,
        credit=credit[0] if credit else None,
        provenance=Provenance(
            source=doc.source,
            kind=doc.kind,
            sha256=doc.sha256,
            locator=doc.locator,
            record_offset=doc.record_offset,
        ),
        raw_map=runs,
    )


# How sure a date from metadata is (the inferred ones say so themselves).
_CONFIDENCE = {"jsonl": 1.0, "feed": 1.0, "metadata": 1.0, "html": 0.9, "path": 0.8}


def _metadata_source(kind: str) -> str:
    return {"jsonl": "jsonl", "feed": "feed", "warc": "html"}.get(kind, "metadata")
