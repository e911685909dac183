"""Build the web app's offline base map (``static/world.json``) from a world-atlas TopoJSON.

The shapes are Natural Earth's admin-0 countries (public domain) as packaged in
the npm package ``world-atlas`` (ISC licence, Mike Bostock); ISO alpha-3 codes
come from ``pycountry``. Run it again to rebuild the file::

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python -m warta.serve.basemap package/countries-110m.json src/warta/serve/static/world.json

Coordinates are rounded to 0.1 degree and stored as integers (tenths of a
degree), ring by ring as flat [lon, lat, lon, lat, ...] lists: small enough to
ship, detailed enough to find an event's province.
"""

from __future__ import annotations

import argparse
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


def iso3(numeric: str | None, name: str) -> str | None:
    if numeric:
        found = pycountry.countries.get(numeric=numeric.zfill(3))
        if found is not None:
            return str(found.alpha_3)
    return {"Kosovo": "XKX", "N. Cyprus": "CYN", "Somaliland": "SOL"}.get(name)


def build(topology: dict[str, Any]) -> dict[str, Any]:
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
        rings = [r for r in rings if len(r) >= 8]  # at least 4 distinct points
        if not rings:
            continue
        name = geometry.get("properties", {}).get("name", "")
        countries.append({"id": iso3(geometry.get("id"), name), "name": name, "rings": rings})
    return {
        "source": "Natural Earth admin-0 countries (public domain) via the npm package "
        "world-atlas 2.0.2 (ISC licence, Copyright 2013-2019 Michael Bostock); "
        "built by warta.serve.basemap",
        "scale": SCALE,
        "countries": countries,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    result = build(json.loads(args.topojson.read_text("utf-8")))
    args.out.write_text(json.dumps(result, separators=(",", ":")), "utf-8")
    print(f"{len(result['countries'])} countries → {args.out} ({args.out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
