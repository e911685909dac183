from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.conftest import make_article
from warta.errors import StoreError
from warta.store import Store
from warta.store.sqlite import migrations


def test_upsert_is_idempotent_and_updates(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    with Store(db) as store:
        article = make_article()
        assert store.upsert(article) == "inserted"
        assert store.upsert(article) == "unchanged"
        assert store.count() == 1 and store.count("events") == 1
        article.events.clear()
        article.title = "Diperbarui"
        assert store.upsert(article) == "updated"
        assert store.count() == 1 and store.count("events") == 0
        assert store.count("entities") == 1
        stored = store.get("a1")
        assert stored is not None and stored["title"] == "Diperbarui"
    mode = sqlite3.connect(db).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_migrations_are_versioned(tmp_path: Path) -> None:
    versions = [v for v, _ in migrations()]
    assert versions == sorted(versions) and versions[0] == 1
    with Store(tmp_path / "w.db") as store:
        assert store.version() == versions[-1]
        assert store.migrate() == versions[-1]  # nothing left to apply


def test_search_with_filters(tmp_path: Path) -> None:
    with Store(tmp_path / "w.db") as store:
        store.upsert(make_article("Banjir merendam Demak.", id="b1", outlet="A", lang="id"))
        store.upsert(make_article("Flood hits Demak again.", id="b2", outlet="B", lang="en"))
        hits = store.search("Demak")
        assert {h.id for h in hits} == {"b1", "b2"}
        assert [h.id for h in store.search("Demak", lang="en")] == ["b2"]
        assert [h.id for h in store.search("Demak", outlet="A")] == ["b1"]
        assert store.search("Demak", date_from="2030-01-01") == []
        assert store.search("banjir")[0].marked() == "[Banjir] merendam Demak."
        assert store.search("banjir")[0].highlights == [[0, 6]]
        assert store.search('"; DROP TABLE articles; --') == []
        assert store.count() == 2
        with pytest.raises(StoreError, match="empty search query"):
            store.search("  ")


def test_readonly_needs_an_existing_database(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such database"):
        Store(tmp_path / "missing.db", readonly=True)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(StoreError, match=r"junk\.db"):
        Store(junk)


def test_stages_and_date_confidence_reach_the_articles_table(tmp_path: Path) -> None:
    article = make_article()
    article.stages = {"nlp": "ran", "events": "skipped: the event lexicons are Indonesian only"}
    article.published_confidence = 0.9
    with Store(tmp_path / "w.db") as store:
        store.upsert(article)
    row = (
        sqlite3.connect(tmp_path / "w.db")
        .execute("SELECT stages, published_confidence FROM articles WHERE id = ?", (article.id,))
        .fetchone()
    )
    assert row == ("nlp=ran; events=skipped: the event lexicons are Indonesian only", 0.9)
