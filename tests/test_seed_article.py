"""End to end: the real scraped seed article through the ``warta`` command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from warta.schema import validation_errors


def test_seed_article_end_to_end(seed_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "seed.jsonl"
    result = subprocess.run(
        [sys.executable, "-m", "warta", "extract", str(seed_path), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    [record] = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert validation_errors(record) == []
    assert record["outlet"] == "ASIATODAY.ID"
    assert record["dateline"]["place"] == "MOSKOW"
    assert record["dateline"]["text"] == "ASIATODAY.ID, MOSKOW –"
    assert record["lang"] == "id"
    assert record["published"] == "2022-03-01"
    assert record["credit"] == "ATN"
    text = record["text"]
    assert "Discussion about this post" not in text
    raw = seed_path.read_text("utf-8")
    # the body is intact: every line of the article is in the clean text, word for word
    body_lines = [line for line in raw.splitlines() if line.strip()][:-1]
    assert len(body_lines) == 12
    for line in body_lines:
        assert line.strip() in text
    assert text.endswith("di kota terpadat kedua di Ukraina, Kharkiv. (ATN)")
    assert record["provenance"]["sha256"] and record["provenance"]["source"] == str(seed_path)
    for field in ("entities", "times", "quotes", "places"):
        for item in record[field]:
            assert text[item["start"] : item["end"]] == item["text"], (field, item)
