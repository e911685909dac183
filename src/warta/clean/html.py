"""Main text and metadata of an HTML page (trafilatura for the text, htmldate for the date)."""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura
from htmldate import find_date

# Fewer words than this is a navigation stub or an error page, not an article.
MIN_WORDS = 8


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
    if document is None:
        return None
    text = _get(document, "text") or ""
    title = _get(document, "title")
    if title and text.lstrip().startswith(title):
        # trafilatura repeats the headline as the first line; it is metadata, not body
        text = text.lstrip()[len(title) :].lstrip("\n")
    if len(text.split()) < MIN_WORDS:
        return None
    try:
        published = find_date(html, url=url, original_date=True, outputformat="%Y-%m-%d")
    except (ValueError, TypeError):
        published = None
    return PageContent(
        text=text,
        title=title,
        published=published or None,
        outlet=_get(document, "sitename"),
    )


def _get(document: object, name: str) -> str | None:
    value = getattr(document, name, None)
    if value is None and isinstance(document, dict):
        value = document.get(name)
    return str(value) if value else None
