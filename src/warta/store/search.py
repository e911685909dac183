"""Article search, the one implementation behind ``warta search`` and ``GET /api/search``.

Full text through the FTS5 index (best first), or the newest articles when there are no
words; filters on language, outlet and publication date. A date bound may be partial:
``to="2024-03"`` includes all of March, as in the event filters (``until``).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

from warta.errors import StoreError

# FTS marks a match with control characters that cannot occur in article text, so the
# snippet is returned as plain text with the offsets of the matched words.
_OPEN, _CLOSE = "\u0002", "\u0003"
SNIPPET_WORDS = 20
_STORY = (
    "(SELECT story_id FROM story_members m WHERE m.article_id = a.id) AS story_id, "
    "(SELECT s.num_articles FROM story_members m JOIN stories s ON s.id = m.story_id "
    "WHERE m.article_id = a.id) AS story_articles"
)


@dataclass(frozen=True, slots=True)
class SearchHit:
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    lang: str | None
    snippet: str  # plain text
    score: float  # higher is better; 0.0 without words
    highlights: list[list[int]] = field(default_factory=list)  # [start, end) in the snippet
    story_id: str | None = None
    story_articles: int | None = None

    def marked(self, open_: str = "[", close: str = "]") -> str:
        """The snippet with each matched word between ``open_`` and ``close``."""
        out, pos = [], 0
        for start, end in self.highlights:
            out += [self.snippet[pos:start], open_, self.snippet[start:end], close]
            pos = end
        return "".join([*out, self.snippet[pos:]])


@dataclass(frozen=True, slots=True)
class SearchPage:
    hits: list[SearchHit]
    has_more: bool


def fts_query(text: str) -> str:
    """A user's words as an FTS5 query: each word quoted (so ``-`` or ``:`` are not syntax)."""
    words = [w.replace('"', '""') for w in text.split()]
    if not words:
        raise StoreError("empty search query")
    return " ".join(f'"{w}"' for w in words)


def until(column: str, value: str) -> str:
    """SQL for ``column`` on or before a date given as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``:
    compare as many characters as were given, so the whole last month or year is included."""
    return f"substr({column}, 1, {len(value)}) <= ?"


def search(
    db: sqlite3.Connection,
    *,
    query: str | None = None,
    lang: str | None = None,
    outlet: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> SearchPage:
    """Articles matching every word (best first), or the newest when there are no words."""
    where: list[str] = []
    params: list[Any] = []
    date_to = date_to[:10] if date_to else None
    for clause, value in (
        ("a.lang = ?", lang),
        ("a.outlet = ?", outlet),
        ("a.published >= ?", date_from),
        (until("a.published", date_to or ""), date_to),
    ):
        if value:
            where.append(clause)
            params.append(value)
    if query and query.strip():
        sql = (
            "SELECT a.id, a.title, a.outlet, a.published, a.lang, "
            f"snippet(articles_fts, 1, '{_OPEN}', '{_CLOSE}', ' … ', {SNIPPET_WORDS}) AS snippet, "
            f"bm25(articles_fts) AS score, {_STORY} "
            "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
            f"WHERE {' AND '.join(['articles_fts MATCH ?', *where])} "
            "ORDER BY score LIMIT ? OFFSET ?"
        )
        params = [fts_query(query), *params]
    else:
        sql = (
            "SELECT a.id, a.title, a.outlet, a.published, a.lang, "
            f"substr(a.text, 1, 200) AS snippet, 0.0 AS score, {_STORY} FROM articles a "
            f"WHERE {' AND '.join(where) or '1'} "
            "ORDER BY a.published DESC, a.rowid DESC LIMIT ? OFFSET ?"
        )
    try:
        rows = db.execute(sql, [*params, limit + 1, offset]).fetchall()
    except sqlite3.OperationalError as exc:
        raise StoreError(f"search {query!r}: {exc}") from None
    hits = []
    for row in rows[:limit]:
        highlights, snippet = _marks(row[5] or "")
        hits.append(
            SearchHit(
                id=row[0],
                title=row[1],
                outlet=row[2],
                published=row[3],
                lang=row[4],
                snippet=snippet,
                score=-float(row[6] or 0.0),
                highlights=highlights,
                story_id=row[7],
                story_articles=row[8],
            )
        )
    return SearchPage(hits=hits, has_more=len(rows) > limit)


def _marks(snippet: str) -> tuple[list[list[int]], str]:
    """The snippet's plain text and the [start, end) of each matched word in it."""
    marks: list[list[int]] = []
    out: list[str] = []
    start = pos = 0
    for char in snippet:
        if char == _OPEN:
            start = pos
        elif char == _CLOSE:
            marks.append([start, pos])
        else:
            out.append(char)
            pos += 1
    return marks, "".join(out)
