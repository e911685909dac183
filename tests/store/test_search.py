"""One search for `warta search` and GET /api/search; the store's tables are every query's."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import make_article
from warta.cli.main import main
from warta.serve import queries
from warta.store import Store
from warta.store.search import search
from warta.store.tables import DERIVED_TABLES, TABLES, column_names


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "s.db"
    with Store(path) as store:
        for n, day in enumerate(("2024-02-29", "2024-03-15", "2024-04-01")):
            article = make_article(f"Banjir merendam Demak hari ke-{n}.", id=f"d{n}", lang="id")
            article.published = dt.date.fromisoformat(day)
            store.upsert(article)
    return path


@pytest.mark.parametrize(
    ("date_from", "date_to", "ids"),
    [
        (None, "2024-03", {"d0", "d1"}),  # all of March
        (None, "2024", {"d0", "d1", "d2"}),
        (None, "2024-03-14", {"d0"}),
        ("2024-03", None, {"d1", "d2"}),
        ("2024-03", "2024-03", {"d1"}),
    ],
)
def test_cli_and_api_find_the_same_articles(
    db: Path,
    capsys: pytest.CaptureFixture[str],
    date_from: str | None,
    date_to: str | None,
    ids: set[str],
) -> None:
    dates = [*(["--from", date_from] if date_from else []), *(["--to", date_to] if date_to else [])]
    assert main(["search", "banjir", "--db", str(db), "--json", *dates]) == 0
    cli = {json.loads(line)["id"] for line in capsys.readouterr().out.splitlines()}
    with sqlite3.connect(db) as conn:
        page = queries.search_articles(
            conn, query="banjir", lang=None, outlet=None, date_from=date_from,
            date_to=date_to, limit=20, offset=0,
        )  # fmt: skip
    assert cli == {item["id"] for item in page.items} == ids


def test_without_words_the_newest_first(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        page = search(conn, date_to="2024-03", limit=1)
    assert [h.id for h in page.hits] == ["d1"] and page.has_more


def test_every_table_has_the_columns_of_the_one_list(tmp_path: Path) -> None:
    with Store(tmp_path / "t.db") as store:
        for table in (*TABLES, *DERIVED_TABLES):
            stored = [row[1] for row in store.db.execute(f"PRAGMA table_info({table})")]
            declared = column_names(table)
            if table == "articles":  # and the store's own bookkeeping (hash, ingest time, ...)
                stored = [name for name in stored if name in declared]
            assert stored == declared, table
    assert column_names("events") == queries.ARTICLE_EVENT_COLUMNS
    assert column_names("story_events") == queries.STORY_EVENT_COLUMNS
