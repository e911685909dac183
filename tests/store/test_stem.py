"""The stemmed search index and the query syntax, on a real SQLite file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.conftest import make_article
from warta.errors import StoreError
from warta.store import Store
from warta.store.search import headline, parse_query, search
from warta.store.stem import stem, stem_text

TEXTS = {
    "a": "Polisi menangkap dua pelaku pencurian di Bogor.",
    "b": "Dua tersangka ditangkap di Depok pada Senin malam.",
    "c": "Penangkapan itu dilakukan setelah banjir surut.",
    "d": "Warga berunjuk rasa menolak tambang. Longsor menutup jalan desa.",
}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "s.db"
    with Store(path) as store:
        for key, text in TEXTS.items():
            store.upsert(make_article(id=key, text=text, title=None).to_dict())
    return path


def _ids(path: Path, query: str, **kw: object) -> set[str]:
    with Store(path, readonly=True) as store:
        return {h.id for h in search(store.db, query=query, limit=50, **kw).hits}  # type: ignore[arg-type]


def test_lemmas() -> None:
    assert {stem(w) for w in ("tangkap", "menangkap", "ditangkap", "penangkapan")} == {"tangkap"}
    assert stem_text("Polisi MENANGKAP 2 orang") == "polisi tangkap 2 orang"


def test_stemmed_and_exact_matching(db: Path) -> None:
    assert _ids(db, "tangkap") == {"a", "b", "c"}
    assert _ids(db, "tangkap", exact=True) == set()
    assert _ids(db, "ditangkap", exact=True) == {"b"}
    with Store(db, readonly=True) as store:
        page = search(store.db, query="tangkap", limit=2)
        assert page.total == 3 and len(page.hits) == 2 and page.has_more
        hit = next(h for h in search(store.db, query="tangkap").hits if h.id == "b")
    # the highlight is on the word as written in the article
    assert [hit.snippet[a:b] for a, b in hit.highlights] == ["ditangkap"]


def test_phrase_and_or(db: Path) -> None:
    assert _ids(db, '"unjuk rasa"') == {"d"}  # "berunjuk rasa", by lemma
    assert _ids(db, '"rasa unjuk"') == set()  # a phrase keeps its order
    assert _ids(db, "banjir OR longsor") == {"c", "d"}
    assert _ids(db, "dua tangkap OR banjir") == {"a", "b"}  # dua AND (tangkap OR banjir)
    assert parse_query('a "b c" OR d e') == '"a" AND ("b c" OR "d") AND "e"'
    assert parse_query('x:y -z "q"') == '"x:y" AND "-z" AND "q"'
    with pytest.raises(StoreError):
        parse_query(' "" OR ')


def test_index_follows_updates_deletes_and_old_databases(db: Path, tmp_path: Path) -> None:
    with Store(db) as store:
        store.upsert(make_article(id="a", text="Banjir merendam rumah.", title=None).to_dict())
        store.db.execute("DELETE FROM articles WHERE id = 'c'")
        store.db.commit()
        assert store.db.execute("SELECT count(*) FROM articles_stem").fetchone()[0] == 3
    assert _ids(db, "tangkap") == {"b"}
    assert _ids(db, "banjir") == {"a"}
    # a database of schema 6 (no stemmed index) gets one, filled, when a writer opens it
    old = tmp_path / "old.db"
    with Store(old) as store:
        store.upsert(make_article(id="o", text=TEXTS["b"], title=None).to_dict())
        store.db.executescript(
            "DROP TRIGGER articles_stem_ad; DROP TABLE articles_stem; PRAGMA user_version = 6;"
            # and without the columns of later migrations (8: stages, published_confidence;
            # 9: the offsets of an event's location; 10: the fused events' hypothetical, future)
            "ALTER TABLE articles DROP COLUMN stages;"
            "ALTER TABLE articles DROP COLUMN published_confidence;"
            "ALTER TABLE events DROP COLUMN location_start;"
            "ALTER TABLE events DROP COLUMN location_end;"
            "ALTER TABLE story_events DROP COLUMN hypothetical;"
            "ALTER TABLE story_events DROP COLUMN future;"
        )
    assert _ids(old, "tangkap") == set()  # read-only and not migrated: the exact index
    assert _ids(old, "ditangkap") == {"o"}
    with Store(old) as store:
        assert store.version() >= 7
    with sqlite3.connect(old) as conn:
        assert conn.execute("SELECT count(*) FROM articles_stem").fetchone()[0] == 1
    assert _ids(old, "tangkap") == {"o"}


def test_headline_is_the_title_else_the_first_sentence() -> None:
    assert headline("Judul", "Kalimat satu. Kalimat dua.") == "Judul"
    assert headline(None, "Kalimat satu. Kalimat dua.") == "Kalimat satu."
    assert headline("  ", "x" * 300).endswith("…")
