from __future__ import annotations

import json
from pathlib import Path

from tests.ingest.helpers import article_html
from warta.errors import InputError, MalformedRecordError
from warta.ingest import RawDocument, iter_documents


def _docs(*inputs: str) -> list[RawDocument | InputError]:
    return list(iter_documents(inputs))


def test_text_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("JAKARTA – Presiden berpidato.", encoding="utf-8")
    [doc] = _docs(str(path))
    assert isinstance(doc, RawDocument)
    assert doc.kind == "text" and doc.text == "JAKARTA – Presiden berpidato."
    assert len(doc.sha256) == 64 and doc.source == str(path)


def test_html_file(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_text(article_html(), encoding="utf-8")
    [doc] = _docs(str(path))
    assert isinstance(doc, RawDocument) and doc.kind == "html" and doc.html
    assert "<article>" in doc.html


def test_jsonl_fields_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    lines = [
        json.dumps(
            {
                "id": "x1",
                "text": "Satu.",
                "url": "https://contoh.invalid/1",
                "title": "T",
                "published": "2024-05-01",
                "outlet": "Warta Contoh",
            }
        ),
        "{not json",
        json.dumps({"id": "x3", "html": "<p>Dua</p>"}),
        json.dumps([1, 2]),
        json.dumps({"id": "x5"}),
        "",
        json.dumps({"id": 6, "text": "Enam.", "title": 7}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs = _docs(str(path))
    assert len(docs) == 6  # the blank line is skipped
    first = docs[0]
    assert isinstance(first, RawDocument)
    assert (first.id, first.url, first.title, first.published, first.outlet) == (
        "x1",
        "https://contoh.invalid/1",
        "T",
        "2024-05-01",
        "Warta Contoh",
    )
    assert first.locator == "line 1"
    bad = docs[1]
    assert isinstance(bad, MalformedRecordError)
    assert str(bad).startswith(f"{path} (line 2): invalid JSON")
    assert bad.raw == "{not json"
    html_doc = docs[2]
    assert isinstance(html_doc, RawDocument) and html_doc.html == "<p>Dua</p>"
    assert "expected a JSON object, got list" in str(docs[3])
    assert 'no "text" or "html" string field' in str(docs[4])
    assert 'field "title" must be a string' in str(docs[5])


def test_directories_and_globs_in_order(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Dua.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Satu.", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "c.txt").write_text("Tiga.", encoding="utf-8")
    from_dir = [d.text for d in _docs(str(tmp_path)) if isinstance(d, RawDocument)]
    assert from_dir == ["Satu.", "Dua.", "Tiga."]
    from_glob = [d.text for d in _docs(str(tmp_path / "*.txt")) if isinstance(d, RawDocument)]
    assert from_glob == ["Satu.", "Dua."]


def test_missing_unsupported_and_empty_pattern(tmp_path: Path) -> None:
    other = tmp_path / "x.pdf"
    other.write_bytes(b"%PDF")
    errors = _docs(str(tmp_path / "nope.txt"), str(other), str(tmp_path / "*.none"))
    messages = [str(e) for e in errors]
    assert all(isinstance(e, InputError) for e in errors)
    assert messages[0].endswith("nope.txt: no such file or directory")
    assert "unsupported file type '.pdf'" in messages[1]
    assert messages[2].endswith("pattern matches no files")
