"""Main text and metadata of an HTML page (trafilatura for the text, htmldate for the date)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import trafilatura
from htmldate import find_date
from lxml import html as lxml_html
from lxml.etree import ParserError

# Fewer words than this is a navigation stub or an error page, not an article...
MIN_WORDS = 8
# ...unless the page is no more than its text: a JSONL ``html`` field of one paragraph
# ("<p>Polisi menangkap dua pencuri di Depok.</p>"). Then the visible text outside
# navigation, scripts and forms is the article when it has a few words and ends a sentence.
MIN_FRAGMENT_WORDS = 4
_NOT_TEXT = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button")
_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "td", "tr")
_SENTENCE_END = re.compile(r"[.!?…][\"”’)]*$")


@dataclass(slots=True, kw_only=True)
class PageContent:
    text: str
    title: str | None
    published: str | None
    outlet: str | None


def extract_page(html: str, *, url: str | None = None) -> PageContent | None:
    """The article's main text without comments, navigation and boilerplate; None if none.

    trafilatura keeps reader comments unless told not to, and they are not the article.
    """
    document = trafilatura.bare_extraction(
        html,
        url=url,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        with_metadata=True,
        deduplicate=False,
    )
    text = (_get(document, "text") or "") if document is not None else ""
    title = _get(document, "title") if document is not None else None
    if title and text.lstrip().startswith(title):
        # trafilatura repeats the headline as the first line; it is metadata, not body
        text = text.lstrip()[len(title) :].lstrip("\n")
    if len(text.split()) < MIN_WORDS:
        fragment = _fragment_text(html)
        if fragment is None:
            return None
        text = fragment
    try:
        published = find_date(html, url=url, original_date=True, outputformat="%Y-%m-%d")
    except (ValueError, TypeError):
        published = None
    return PageContent(
        text=text,
        title=title,
        published=published or None,
        outlet=_get(document, "sitename") if document is not None else None,
    )


def _fragment_text(html: str) -> str | None:
    """The visible text of a short page, one line per block; None when it is not prose."""
    try:
        root = lxml_html.fromstring(html)
    except (ParserError, ValueError):
        return None
    for element in list(root.iter(*_NOT_TEXT)):
        element.drop_tree()
    for element in root.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")  # a block ends a line; inline tags do not
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    text = "\n".join(line for line in lines if line)
    if len(text.split()) < MIN_FRAGMENT_WORDS or not _SENTENCE_END.search(text):
        return None
    return text


def _get(document: object, name: str) -> str | None:
    value = getattr(document, name, None)
    if value is None and isinstance(document, dict):
        value = document.get(name)
    return str(value) if value else None
