"""The stemmed search index: Indonesian words reduced to their lemma.

Indonesian builds words with prefixes and suffixes: "tangkap", "menangkap",
"ditangkap", "penangkapan" are one word to a reader, four to an exact index. Beside
the exact FTS5 index (``articles_fts``) the store keeps ``articles_stem`` (migration
007): the title and text with every word replaced by its lemma from simplemma's
Indonesian tables (other words stay as written), so a search for "tangkap" finds all
four.

simplemma was chosen over PySastrawi on the 260 real articles in ``../shared/data``
(``bench/bench_stemmers.py``): PySastrawi over-stems common words into others
("berikan" → "ikan", "dibantah" → "ban", "Bali" → "bal"), which would make a search
for "ikan" (fish) find "berikan" (give); simplemma leaves some derived words whole
("pencoblosan") but confuses fewer, and took 0.11 s against 1.27 s for the 7,089
word types.
"""

from __future__ import annotations

import functools
import re
import sqlite3
from collections.abc import Iterator
from typing import Any

LANGS = ("id",)
WORD = re.compile(r"[^\W_]+", re.UNICODE)


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The lemma of one word, lower case (the word itself when simplemma knows none)."""
    import simplemma  # late: the CLI starts faster without its tables

    lower = word.lower()
    if lower.isdigit():
        return lower
    return str(simplemma.lemmatize(lower, lang=LANGS)).lower()


def stem_text(text: str) -> str:
    """Every word of ``text`` replaced by its lemma, space-separated (the index's text)."""
    return " ".join(stem(m.group()) for m in WORD.finditer(text or ""))


def words(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, lemma) of every word of ``text``: to highlight matches in the original."""
    for m in WORD.finditer(text):
        yield m.start(), m.end(), stem(m.group())


def index_article(db: sqlite3.Connection, *, rowid: int, title: str | None, text: str) -> None:
    """Write (or replace) one article's row of the stemmed index."""
    db.execute("DELETE FROM articles_stem WHERE rowid = ?", (rowid,))
    db.execute(
        "INSERT INTO articles_stem (rowid, title, text) VALUES (?, ?, ?)",
        (rowid, stem_text(title or ""), stem_text(text)),
    )


def catch_up(db: sqlite3.Connection) -> int:
    """Index every article the stemmed index lacks (written by an older warta, or by a
    bulk load that bypassed the store); return how many. Runs in the caller's transaction."""
    missing = db.execute(
        "SELECT a.rowid, a.title, a.text FROM articles a "
        "WHERE NOT EXISTS (SELECT 1 FROM articles_stem s WHERE s.rowid = a.rowid)"
    ).fetchall()
    for row in missing:
        index_article(db, rowid=int(row[0]), title=row[1], text=row[2])
    return len(missing)


def after_migration(db: sqlite3.Connection) -> Any:
    """Migration 007's Python part: fill the new index from the stored articles."""
    return catch_up(db)
