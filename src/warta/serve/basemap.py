"""Build the web app's offline base map (``static/world.json``) from a world-atlas TopoJSON.

The shapes are Natural Earth's admin-0 countries (public domain) as packaged in
the npm package ``world-atlas`` (ISC licence, Mike Bostock); ISO alpha-3 codes
come from ``pycountry``. Run it again to rebuild the file::

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python -m warta.serve.basemap package/countries-110m.json src/warta/serve/static/world.json \
        --detail package/countries-50m.json

Coordinates are rounded to 0.1 degree and stored as integers (tenths of a
degree), ring by ring as flat [lon, lat, lon, lat, ...] lists: small enough to
ship, detailed enough to find an event's province.
"""

from __future__ import annotations

import argparse
import itertools
import json
from pathlib import Path
from typing import Any

import pycountry

SCALE = 10  # tenths of a degree


def decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat points of every arc (TopoJSON arcs are quantized and delta-encoded)."""
    transform = topology.get("transform")
    out = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            if transform:
                x, y = x + dx, y + dy
                (kx, ky), (tx, ty) = transform["scale"], transform["translate"]
                points.append((x * kx + tx, y * ky + ty))
            else:
                points.append((float(dx), float(dy)))
        out.append(points)
    return out


def ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[int]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc[1:] if points else arc)
    flat: list[int] = []
    last: tuple[int, int] | None = None
    for lon, lat in points:
        point = (round(lon * SCALE), round(lat * SCALE))
        if point != last:
            flat.extend(point)
            last = point
    return flat


def split_antimeridian(flat: list[int]) -> list[list[int]]:
    """A ring that crosses the 180° meridian, drawn right on a flat map.

    Natural Earth cuts such rings at ±180 and joins the two sides, so drawn as they are
    a line runs across the whole map (Russia, Fiji) or along it (Antarctica). The ring is
    unwrapped into continuous longitudes (beyond 180 where it crosses) and, where it now
    reaches past ±180, a copy shifted by 360° is added, so both sides show. A ring round
    a pole (Antarctica: one crossing) is closed along the pole's parallel.
    """
    half = 180 * SCALE
    lons, lats = flat[::2], flat[1::2]
    if not any(abs(a - b) > half for a, b in itertools.pairwise(lons)):
        return [flat]
    unwrapped = [lons[0]]
    for lon in lons[1:]:
        prev = unwrapped[-1]
        while lon - prev > half:
            lon -= 2 * half
        while prev - lon > half:
            lon += 2 * half
        unwrapped.append(lon)
    points = list(zip(unwrapped, lats, strict=True))
    if abs(unwrapped[-1] - unwrapped[0]) > half:  # round a pole: close along it
        pole = 90 * SCALE if sum(lats) > 0 else -90 * SCALE
        points += [(unwrapped[-1], pole), (unwrapped[0], pole), points[0]]
    rings = [points]
    low, high = min(unwrapped), max(unwrapped)
    if high > half:
        rings.append([(x - 2 * half, y) for x, y in points])
    if low < -half:
        rings.append([(x + 2 * half, y) for x, y in points])
    return [[v for point in r for v in point] for r in rings]


def iso3(numeric: str | None, name: str) -> str | None:
    if numeric:
        found = pycountry.countries.get(numeric=numeric.zfill(3))
        if found is not None:
            return str(found.alpha_3)
    return {"Kosovo": "XKX", "N. Cyprus": "CYN", "Somaliland": "SOL"}.get(name)


# Countries drawn from the finer 1:50m outlines when given (``--detail``): Indonesia and
# its neighbours, where the map is most often zoomed in.
DETAIL = frozenset({"IDN", "MYS", "SGP", "BRN", "PHL", "TLS", "PNG", "AUS", "THA", "VNM", "KHM"})


def build(topology: dict[str, Any], *, detail: dict[str, Any] | None = None) -> dict[str, Any]:
    fine = {c["id"]: c for c in _countries(detail)} if detail is not None else {}
    countries = [fine.get(c["id"], c) if c["id"] in DETAIL else c for c in _countries(topology)]
    source = "Natural Earth admin-0 countries 1:110m"
    if fine:
        source += " (1:50m for " + ", ".join(sorted(DETAIL & set(fine))) + ")"
    return {
        "source": f"{source} (public domain) via the npm package world-atlas 2.0.2 (ISC "
        "licence, Copyright 2013-2019 Michael Bostock); built by warta.serve.basemap",
        "scale": SCALE,
        "countries": countries,
    }


def _countries(topology: dict[str, Any]) -> list[dict[str, Any]]:
    arcs = decode_arcs(topology)
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("type") == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry.get("type") == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        rings = [ring(arcs, r) for polygon in polygons for r in polygon]
        rings = [part for r in rings if len(r) >= 8 for part in split_antimeridian(r)]
        if not rings:
            continue
        name = geometry.get("properties", {}).get("name", "")
        countries.append({"id": iso3(geometry.get("id"), name), "name": name, "rings": rings})
    return countries


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--detail", type=Path, help="countries-50m.json, for DETAIL")
    args = parser.parse_args(argv)
    detail = json.loads(args.detail.read_text("utf-8")) if args.detail else None
    result = build(json.loads(args.topojson.read_text("utf-8")), detail=detail)
    args.out.write_text(json.dumps(result, separators=(",", ":")), "utf-8")
    print(f"{len(result['countries'])} countries → {args.out} ({args.out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
