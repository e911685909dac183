"""SQL pieces of the event views: the reviewed relations (from ``warta.store.reviews``),
evidence sentences and sort orders. Names come only from the constants here; no
request text reaches this SQL."""

from __future__ import annotations

from warta.store.reviews import (
    ARTICLE_EVENT_COLUMNS,
    REVIEW_COLUMNS,
    STORY_EVENT_COLUMNS,
    article_relation,
    fused_relation,
)

__all__ = [
    "ARTICLE_EVENT_COLUMNS",
    "REVIEW_COLUMNS",
    "STORY_EVENT_COLUMNS",
    "article_relation",
    "fused_relation",
]

# the evidence sentence of an event: its own, or for a fused event its first report's
ARTICLE_EVIDENCE = (
    "(SELECT substr(x.text, e.evidence_start + 1, e.evidence_end - e.evidence_start) "
    "FROM articles x WHERE x.id = e.article_id AND e.evidence_start IS NOT NULL)"
)
FUSED_EVIDENCE = (
    "(SELECT substr(x.text, ev.evidence_start + 1, ev.evidence_end - ev.evidence_start) "
    "FROM events ev JOIN articles x ON x.id = ev.article_id "
    "WHERE ev.article_id = json_extract(e.sources, '$[0].article_id') "
    "AND ev.idx = json_extract(e.sources, '$[0].idx') AND ev.evidence_start IS NOT NULL)"
)

# ``sort`` values: a column, "-" in front for descending; unknown dates and counts last
SORTS_FUSED = {
    "date": "e.date",  # indexed: a page sorted by date needs no sort of every match
    "confidence": "e.confidence",
    "dead": "e.dead",
    "injured": "e.injured",
    "articles": "e.num_articles",
    "sources": "e.num_sources",
    "type": "e.type",
}
SORTS_ARTICLE = {
    "date": "e.date",  # indexed, as for fused events
    "confidence": "e.confidence",
    "dead": "e.dead",
    "injured": "e.injured",
    "type": "e.type",
}
SORT_KEYS = tuple(SORTS_FUSED)


def order_by(sort: str, *, fused: bool) -> str:
    """The ORDER BY clause of a ``sort`` value (validated by the API against SORT_KEYS)."""
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    sorts = SORTS_FUSED if fused else SORTS_ARTICLE
    column = sorts.get(key, sorts["date"])
    tie = "e.story_id, e.idx" if fused else "e.article_id, e.idx"
    if descending:  # SQLite puts NULLs last when descending, and can then walk an index
        return f"{column} DESC, {tie.replace(',', ' DESC,')} DESC"
    return f"{column} IS NULL, {column} ASC, {tie}"
