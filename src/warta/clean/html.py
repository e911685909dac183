"""Main text and metadata of an HTML page (trafilatura for the text, htmldate for the date)."""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura
from htmldate import find_date


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
    text = document.text if hasattr(document, "text") else document.get("text")
    if not text or not text.strip():
        return None
    try:
        published = find_date(html, url=url, original_date=True, outputformat="%Y-%m-%d")
    except (ValueError, TypeError):
        published = None
    return PageContent(
        text=text,
        title=_get(document, "title"),
        published=published or None,
        outlet=_get(document, "sitename"),
    )


def _get(document: object, name: str) -> str | None:
    value = getattr(document, name, None)
    if value is None and isinstance(document, dict):
        value = document.get(name)
    return str(value) if value else None
