"""One loader for every rule table (warta.datatable), and no module reading one itself."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from warta.datatable import read_records, read_rows, read_words
from warta.errors import ConfigError

SRC = Path(__file__).parents[1] / "src" / "warta"


def test_rows_skip_comments_and_blanks_and_read_null_cells() -> None:
    rows = read_rows("warta.kb", "people.tsv", width=6)
    assert rows and all(len(r) == 6 for r in rows)
    assert not any(r[0].startswith("#") or not r[0].strip() for r in rows)
    assert not any("\\N" in r for r in rows)  # the table's empty cells, written \N


def test_maxsplit_keeps_the_rest_of_the_line() -> None:
    rows = read_rows("warta.nlp", "clitics.tsv", maxsplit=1)
    assert rows and all(len(r) == 2 for r in rows)


def test_records_and_words() -> None:
    provinces = read_records("warta.places", "provinces-id.tsv")
    assert len(provinces) == 38 and provinces[0]["code"] == "ID-AC"
    assert "kab." in read_words("warta.nlp", "abbreviations.txt")


def test_a_missing_table_is_a_config_error() -> None:
    with pytest.raises(
        ConfigError, match=re.escape("data table missing: warta.kb/data/nosuch.tsv")
    ):
        read_rows("warta.kb", "nosuch.tsv")


def test_no_module_reads_a_rule_table_by_itself() -> None:
    """The tables are read through warta.datatable only (the build scripts write them)."""
    # a table of a data folder named and read in one line (gazetteer.py reads its gzip
    # tables itself, a build script writes the tables)
    reading = re.compile(r"(?:DATA\w* /|[\"']data[/\"'])[^/\n]*\.(?:tsv|txt)\b(?!\.gz)")
    offenders = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if path.name not in ("datatable.py", "build.py") and reading.search(path.read_text("utf-8"))
    ]
    assert offenders == []
