"""Sources on the command line and in a TOML sources file."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from warta.errors import ConfigError, MalformedRecordError
from warta.watch import Source, resolve_sources
from warta.watch.parse import gunzip, parse_body


def test_sources_file_settings_and_defaults(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(
        """
interval = 300
[[source]]
url = "https://contoh.invalid/rss"
outlet = "Warta Contoh"
lang = "id"
interval = 60
[[source]]
url = "https://contoh.invalid/sitemap.xml"
""",
        "utf-8",
    )
    sources = resolve_sources(
        [str(path), "https://lain.invalid/feed", "https://contoh.invalid/rss"]
    )
    assert sources == [
        Source(url="https://contoh.invalid/rss", interval=60.0, outlet="Warta Contoh", lang="id"),
        Source(url="https://contoh.invalid/sitemap.xml", interval=300.0),
        Source(url="https://lain.invalid/feed"),
    ]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[[source]]\nurl = "https://x.invalid/"\nevery = 5\n', "(source 1): unknown key(s) every"),
        ("[[source]]\noutlet = 'x'\n", "(source 1): url is missing"),
        ('[[source]]\nurl = "https://x.invalid/"\ninterval = 0\n', "interval must be a number"),
        ('[[source]]\nurl = "https://x.invalid/"\nlang = 1\n', "lang must be a string"),
        ("interval = 5\n", "no [[source]] entries"),
        ("[[source]\n", "not valid TOML"),
    ],
)
def test_bad_sources_files_name_the_problem(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "s.toml"
    path.write_text(body, "utf-8")
    with pytest.raises(ConfigError) as caught:
        resolve_sources([str(path)])
    assert str(caught.value).startswith(str(path)) and message in str(caught.value)


def test_a_source_that_is_neither_url_nor_file() -> None:
    with pytest.raises(ConfigError, match="not a feed or sitemap URL nor a sources file"):
        resolve_sources(["feeds.txt"])


def test_atom_feed_entries_and_a_gzip_bomb() -> None:
    atom = (
        b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
        b"<entry><id>tag:x,2024:1</id><title>Satu</title><link href='https://x.invalid/1'/>"
        b"<updated>2024-05-13T10:00:00Z</updated></entry>"
        b"<entry><title>tanpa tautan</title></entry>"
        b"<entry><title>Dua</title><link href='/berita/2'/></entry></feed>"
    )
    parsed = parse_body(atom, source="https://x.invalid/feed")
    assert parsed.kind == "feed"
    entry, relative = parsed.entries
    assert relative.link == relative.key == "https://x.invalid/berita/2"
    assert entry.key == "tag:x,2024:1" and entry.link == "https://x.invalid/1"
    assert entry.published == "2024-05-13" and entry.stamp == "2024-05-13T10:00:00Z"
    bomb = gzip.compress(b"<urlset>" + b" " * 2_000_000 + b"</urlset>")
    with pytest.raises(MalformedRecordError, match="unpacks to more than"):
        gunzip(bomb, max_bytes=1_000_000, source="s")
