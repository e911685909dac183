"""Linking an upserted article into a story, and refreshing the story's fused events.

Runs inside the store's upsert transaction (``Store._after_upsert``), so a story
never points at an article that was not written. The LSH buckets live in the
database (``story_bands``) rather than in a datasketch index in memory, because
they must survive the process and roll back with the article.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from typing import Any

from warta.store.tables import column_names
from warta.stories.fuse import fuse_events
from warta.stories.minhash import (
    DedupConfig,
    band_keys,
    from_blob,
    signature,
    similarity,
    to_blob,
)

# Members of one story compared with a new article at most (best band overlap first),
# and candidates compared in all: the best-overlapping ones are the likely matches, and a
# corpus of many alike-but-distinct articles must not make linking quadratic.
MAX_COMPARED_PER_STORY = 8
MAX_CANDIDATES = 64

_STORY_EVENT_COLUMNS = column_names("story_events")[2:]  # after story_id, idx


def _text(record: dict[str, Any]) -> str:
    return f"{record.get('title') or ''}\n{record.get('text') or ''}"


def _days_apart(a: str | None, b: str | None) -> int | None:
    if not a or not b:
        return None
    try:
        return abs((dt.date.fromisoformat(a[:10]) - dt.date.fromisoformat(b[:10])).days)
    except ValueError:
        return None


def link_article(
    db: sqlite3.Connection,
    record: dict[str, Any],
    *,
    config: DedupConfig | None = None,
    defer: bool = False,
) -> str:
    """Put the article in the story of its most similar earlier article, or begin one.

    Returns the story id. An article that bridges two stories merges them into
    the older one. With ``defer`` the touched stories are only marked for
    ``refresh_pending``: a bulk ingest then refreshes a big story once, not once
    per article.
    """
    config = config or DedupConfig()
    article_id = str(record["id"])
    sig = signature(_text(record))
    keys = band_keys(sig, threshold=config.threshold)
    old = db.execute(
        "SELECT story_id FROM story_members WHERE article_id = ?", (article_id,)
    ).fetchone()
    db.execute("DELETE FROM story_bands WHERE article_id = ?", (article_id,))
    db.execute("DELETE FROM story_members WHERE article_id = ?", (article_id,))

    # Candidates sharing more band keys are likelier matches; compare those first and
    # only a few per story, so a story of thousands of copies costs no more than a small one.
    shared: dict[str, int] = {}
    for band, key in keys:
        for (other,) in db.execute(
            "SELECT article_id FROM story_bands WHERE band = ? AND key = ?", (band, key)
        ):
            shared[other] = shared.get(other, 0) + 1
    published = record.get("published")
    matches: list[tuple[float, str, str]] = []  # (similarity, article id, story id)
    compared: dict[str, int] = {}
    ranked = sorted(shared, key=lambda o: (-shared[o], o))[:MAX_CANDIDATES]
    for other in ranked:
        row = db.execute(
            "SELECT m.story_id, m.signature, a.published FROM story_members m "
            "JOIN articles a ON a.id = m.article_id WHERE m.article_id = ?",
            (other,),
        ).fetchone()
        if row is None:
            continue
        story = str(row[0])
        if compared.get(story, 0) >= MAX_COMPARED_PER_STORY:
            continue
        apart = _days_apart(published, row[2])
        if apart is not None and apart > config.window_days:
            continue
        compared[story] = compared.get(story, 0) + 1
        score = similarity(sig, from_blob(row[1]))
        if score >= config.threshold:
            matches.append((score, other, story))
            compared[story] = MAX_COMPARED_PER_STORY  # one match puts the article in the story

    if matches:
        score, linked_to, story_id = max(matches, key=lambda m: (m[0], m[1]))
        stories = {m[2] for m in matches}
        story_id = _oldest(db, stories)
        for other_story in stories - {story_id}:
            db.execute(
                "UPDATE story_members SET story_id = ? WHERE story_id = ?", (story_id, other_story)
            )
            _drop_story(db, other_story)
    else:
        score, linked_to, story_id = 1.0, None, article_id
    db.execute(
        "INSERT INTO story_members (article_id, story_id, linked_to, similarity, signature) "
        "VALUES (?, ?, ?, ?, ?)",
        (article_id, story_id, linked_to, score if linked_to else None, to_blob(sig)),
    )
    db.executemany(
        "INSERT OR IGNORE INTO story_bands (band, key, article_id) VALUES (?, ?, ?)",
        [(band, key, article_id) for band, key in keys],
    )
    touched = [story_id]
    if old is not None and old[0] != story_id:
        touched.append(str(old[0]))
    for story in touched:
        if defer:
            db.execute("INSERT OR IGNORE INTO story_pending (story_id) VALUES (?)", (story,))
        else:
            refresh_story(db, story, config=config)
    return story_id


def refresh_pending(db: sqlite3.Connection, *, config: DedupConfig | None = None) -> int:
    """Refresh every story marked by a deferred link, each in its own transaction."""
    pending = [str(r[0]) for r in db.execute("SELECT story_id FROM story_pending")]
    for story in pending:
        with db:
            refresh_story(db, story, config=config)
            db.execute("DELETE FROM story_pending WHERE story_id = ?", (story,))
    return len(pending)


def _oldest(db: sqlite3.Connection, stories: set[str]) -> str:
    """The story whose first article was stored first (a stable choice of survivor)."""
    best: tuple[int, str] | None = None
    for story in stories:
        row = db.execute(
            "SELECT min(a.rowid) FROM story_members m JOIN articles a ON a.id = m.article_id "
            "WHERE m.story_id = ?",
            (story,),
        ).fetchone()
        rank = (int(row[0]) if row and row[0] is not None else 1 << 62, story)
        best = rank if best is None or rank < best else best
    assert best is not None
    return best[1]


def _drop_story(db: sqlite3.Connection, story_id: str) -> None:
    db.execute("DELETE FROM story_events WHERE story_id = ?", (story_id,))
    db.execute("DELETE FROM stories WHERE id = ?", (story_id,))


def refresh_story(
    db: sqlite3.Connection, story_id: str, *, config: DedupConfig | None = None
) -> None:
    """Recompute a story's summary row and fused events from its members' events."""
    config = config or DedupConfig()
    _drop_story(db, story_id)
    members = db.execute(
        "SELECT a.id, a.title, a.outlet, a.published FROM story_members m "
        "JOIN articles a ON a.id = m.article_id WHERE m.story_id = ? ORDER BY a.rowid",
        (story_id,),
    ).fetchall()
    if not members:
        return
    outlet_of = {str(m[0]): m[2] for m in members}
    cursor = db.execute(
        "SELECT e.* FROM events e JOIN story_members m ON m.article_id = e.article_id "
        "WHERE m.story_id = ? ORDER BY e.article_id, e.idx",
        (story_id,),
    )
    names = [d[0] for d in cursor.description]
    rows = [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
    for row in rows:
        row["outlet"] = outlet_of.get(str(row["article_id"]))
    fused = fuse_events(rows, window_days=config.event_window_days)
    dates = sorted(str(m[3]) for m in members if m[3])
    outlets = {m[2] or f"article:{m[0]}" for m in members}
    db.execute(
        "INSERT INTO stories (id, title, first_published, last_published, num_articles, "
        "num_sources, num_events) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            story_id,
            next((m[1] for m in members if m[1]), None),
            dates[0] if dates else None,
            dates[-1] if dates else None,
            len(members),
            len(outlets),
            len(fused),
        ),
    )
    marks = ", ".join("?" for _ in range(len(_STORY_EVENT_COLUMNS) + 2))
    db.executemany(
        f"INSERT INTO story_events (story_id, idx, {', '.join(_STORY_EVENT_COLUMNS)}) "
        f"VALUES ({marks})",
        [
            [story_id, idx]
            + [
                json.dumps(ev[c], ensure_ascii=False) if c == "sources" else ev[c]
                for c in _STORY_EVENT_COLUMNS
            ]
            for idx, ev in enumerate(fused)
        ],
    )


def rebuild_stories(db: sqlite3.Connection, *, config: DedupConfig | None = None) -> int:
    """Link every article that has no story yet (a database written before stories existed)."""
    missing = db.execute(
        "SELECT a.record FROM articles a LEFT JOIN story_members m ON m.article_id = a.id "
        "WHERE m.article_id IS NULL ORDER BY a.rowid"
    ).fetchall()
    with db:
        for (raw,) in missing:
            link_article(db, json.loads(raw), config=config)
    refresh_pending(db, config=config)  # left by a bulk ingest that was killed
    return len(missing)
