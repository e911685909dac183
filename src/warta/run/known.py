"""Known articles skip the pipeline: the check made where documents enter it for a store.

A raw document is *known* when the store already holds an article with its id, or
(without an id) its raw-byte hash, or (a feed entry) its URL, and that stored
article has the same raw-byte hash and was made by the same pipeline (stage names
and warta version, the ``pipeline`` column). A known document is counted as a
duplicate and never cleaned or annotated again. A feed entry whose page changed
keeps the id of the article stored for its URL, so it is stored as an update.

The check reads through its own connection: with ``--jobs`` the worker pool pulls
documents from a feeder thread while the main thread writes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

from warta import __version__
from warta.errors import InputError
from warta.ingest.document import RawDocument, sha256_hex
from warta.pipeline import PipelineConfig, resolve_stages


def pipeline_key(config: PipelineConfig) -> str:
    """Which stages (and warta version) make a record: ``nlp,times@0.1.0``; ``*`` for the
    default, every stage warta ships (not looked up: that would import them all). Named
    stages count with the stages they bring (the declared contract, no import)."""
    if config.stages is None:
        return f"*@{__version__}"
    return f"{','.join(resolve_stages(config.stages)) or 'none'}@{__version__}"


class KnownArticles:
    """Looks documents up in a store; ``mark`` records the pipeline of a stored article."""

    def __init__(self, path: Path, *, config: PipelineConfig) -> None:
        self.key = pipeline_key(config)
        self._read = sqlite3.connect(path, check_same_thread=False)
        self._read.execute("PRAGMA query_only = ON")

    def close(self) -> None:
        self._read.close()

    def stored_for(self, doc: RawDocument) -> tuple[str, str | None, str | None] | None:
        """(id, raw hash, pipeline) of the stored article this document would replace."""
        queries: list[tuple[str, str]] = []
        if doc.id is not None:
            queries.append(("id = ?", doc.id))
        else:
            queries.append(("sha256 = ?", doc.sha256))
            if doc.kind == "feed" and doc.url:
                queries.append(("url = ? AND kind = 'feed'", doc.url))
        for where, value in queries:
            row = self._read.execute(
                f"SELECT id, sha256, pipeline FROM articles WHERE {where} ORDER BY rowid LIMIT 1",
                (value,),
            ).fetchone()
            if row is not None:
                return str(row[0]), row[1], row[2]
        return None

    def is_known(self, doc: RawDocument) -> bool:
        """True when the stored article is this document, unchanged; else prepares an update."""
        found = self.stored_for(doc)
        if found is None:
            return False
        article_id, sha256, pipeline = found
        if sha256 == doc.sha256 and pipeline == self.key:
            doc.id = article_id  # its id counts as used in this run (see ``run_inputs``)
            return True
        if doc.id is None and doc.kind == "feed":
            doc.id = article_id  # the page at this URL changed: update the stored article
        return False

    def text_digest(self, article_id: str) -> str | None:
        """SHA-256 of the stored article's clean text."""
        row = self._read.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
        return sha256_hex(str(row[0]).encode("utf-8")) if row else None

    def skip_known(
        self, items: Iterable[RawDocument | InputError], *, skipped: list[RawDocument]
    ) -> Iterator[RawDocument | InputError]:
        """The items that need the pipeline; known documents are appended to ``skipped``."""
        for item in items:
            if isinstance(item, RawDocument) and self.is_known(item):
                skipped.append(item)
                continue
            yield item

    def mark(self, db: sqlite3.Connection, article_id: str) -> None:
        """Record (on the writer's connection) that the current pipeline made this article."""
        with db:
            db.execute(
                "UPDATE articles SET pipeline = ? WHERE id = ? AND pipeline IS NOT ?",
                (self.key, article_id, self.key),
            )
