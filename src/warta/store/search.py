"""Article search, the one implementation behind ``warta search`` and ``GET /api/search``.

Full text through an FTS5 index (best first), or the newest articles when there are no
words; filters on language, outlet and publication date. A date bound may be partial:
``to="2024-03"`` includes all of March, as in the event filters (``until``).

Query syntax (``parse_query``): every word must occur; ``"two words"`` is a phrase;
``OR`` between words or phrases gives alternatives (``banjir OR longsor``). By default
words match in the stemmed index (``warta.store.stem``: "tangkap" finds "menangkap",
"ditangkap", "penangkapan"); ``exact=True`` matches the words as written.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from warta.errors import StoreError
from warta.store import stem as stemmer

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
    headline: str = ""  # the title, else the text's first sentence

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
    total: int = 0  # every matching article


_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')


def parse_query(text: str, *, exact: bool = True) -> str:
    """A user's query as an FTS5 expression: words and ``"phrases"`` all required, ``OR``
    between alternatives; every word quoted, so ``-``, ``:`` or ``*`` are never syntax.
    ``exact=False`` replaces each word by its lemma (for the stemmed index)."""
    groups: list[list[str]] = []
    join_next = False
    for match in _TOKEN.finditer(text):
        phrase, word = match.group(1), match.group(2)
        if word == "OR":
            join_next = bool(groups)
            continue
        raw = phrase if phrase is not None else word
        parts = raw.split() if exact else stemmer.stem_text(raw).split()
        if not parts:
            continue
        term = '"' + " ".join(p.replace('"', '""') for p in parts) + '"'
        if join_next:
            groups[-1].append(term)
        else:
            groups.append([term])
        join_next = False
    if not groups:
        raise StoreError("empty search query")
    return " AND ".join(g[0] if len(g) == 1 else "(" + " OR ".join(g) + ")" for g in groups)


def headline(title: str | None, text: str) -> str:
    """What a list shows for an article: its title, else its first sentence (shortened)."""
    if title and title.strip():
        return title.strip()
    first = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
    return first if len(first) <= 140 else first[:137].rsplit(" ", 1)[0] + " …"


def _stem_snippet(text: str, lemmas: set[str]) -> tuple[list[list[int]], str]:
    """A window of the text around its first word whose lemma was searched for, and the
    offsets of every such word in it (the stemmed index has no snippet of the original)."""
    found = list(stemmer.words(text))
    first = next((i for i, (_, _, lemma) in enumerate(found) if lemma in lemmas), 0)
    lo = max(0, first - SNIPPET_WORDS // 3)
    hi = min(len(found), lo + SNIPPET_WORDS)
    if not found:
        return [], text[:200]
    start = found[lo][0] if lo > 0 else 0
    end = found[hi][0] if hi < len(found) else len(text)  # keep the punctuation after a word
    prefix = "… " if start > 0 else ""
    body = text[start:end].rstrip()
    snippet = prefix + body + (" …" if end < len(text) else "")
    marks = [
        [a - start + len(prefix), b - start + len(prefix)]
        for a, b, lemma in found[lo:hi]
        if lemma in lemmas
    ]
    return marks, snippet


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
    exact: bool = False,
) -> SearchPage:
    """Articles matching the query (best first; ``parse_query``), or the newest when there
    are no words. ``exact`` matches words as written instead of by their lemma."""
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
    lemmas: set[str] = set()
    if not exact and not _has_stem_index(db):
        exact = True  # a database no writer has migrated yet (read-only): the exact index
    if query and query.strip():
        index = "articles_fts" if exact else "articles_stem"
        expression = parse_query(query, exact=exact)
        if not exact:
            lemmas = set(stemmer.stem_text(re.sub(r"\bOR\b", " ", query)).split())
        snippet = (
            f"snippet(articles_fts, 1, '{_OPEN}', '{_CLOSE}', ' … ', {SNIPPET_WORDS})"
            if exact
            else "''"
        )
        source = f"{index} JOIN articles a ON a.rowid = {index}.rowid"
        conditions = " AND ".join([f"{index} MATCH ?", *where])
        sql = (
            f"SELECT a.id, a.title, a.outlet, a.published, a.lang, {snippet} AS snippet, "
            f"bm25({index}) AS score, {_STORY}, a.text FROM {source} "
            f"WHERE {conditions} ORDER BY score LIMIT ? OFFSET ?"
        )
        count = f"SELECT count(*) FROM {source} WHERE {conditions}"
        params = [expression, *params]
    else:
        sql = (
            "SELECT a.id, a.title, a.outlet, a.published, a.lang, "
            f"substr(a.text, 1, 200) AS snippet, 0.0 AS score, {_STORY}, '' FROM articles a "
            f"WHERE {' AND '.join(where) or '1'} "
            "ORDER BY a.published DESC, a.rowid DESC LIMIT ? OFFSET ?"
        )
        count = f"SELECT count(*) FROM articles a WHERE {' AND '.join(where) or '1'}"
    try:
        rows = db.execute(sql, [*params, limit + 1, offset]).fetchall()
        total = int(db.execute(count, params).fetchone()[0])
    except sqlite3.OperationalError as exc:
        raise StoreError(f"search {query!r}: {exc}") from None
    hits = []
    for row in rows[:limit]:
        if lemmas:
            highlights, snippet = _stem_snippet(row[9] or "", lemmas)
        else:
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
                headline=headline(row[1], row[9] or row[5] or ""),
            )
        )
    return SearchPage(hits=hits, has_more=len(rows) > limit, total=total)


def _has_stem_index(db: sqlite3.Connection) -> bool:
    found = db.execute("SELECT 1 FROM sqlite_master WHERE name = 'articles_stem'").fetchone()
    return found is not None


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
