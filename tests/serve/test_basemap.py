"""The offline base map: the TopoJSON conversion and the shipped world.json."""

from __future__ import annotations

import json
from importlib import resources

from warta.serve.basemap import build


def test_topojson_arcs_are_decoded_and_joined() -> None:
    # two quantized, delta-encoded arcs forming a square around (100..110 E, 0..10 N);
    # the second is used reversed (~1), as shared borders are in TopoJSON
    topology = {
        "type": "Topology",
        "transform": {"scale": [0.1, 0.1], "translate": [100, 0]},
        "arcs": [[[0, 0], [100, 0], [0, 100]], [[0, 0], [0, 100], [100, 0]]],
        "objects": {
            "countries": {
                "type": "GeometryCollection",
                "geometries": [
                    {
                        "type": "Polygon",
                        "arcs": [[0, ~1]],
                        "id": "360",
                        "properties": {"name": "Indonesia"},
                    },
                    {"type": "Point", "coordinates": [0, 0]},
                ],
            }
        },
    }
    result = build(topology)
    (country,) = result["countries"]
    assert country["id"] == "IDN" and country["name"] == "Indonesia"
    (ring,) = country["rings"]
    points = list(zip(ring[::2], ring[1::2], strict=True))
    assert points == [(1000, 0), (1100, 0), (1100, 100), (1000, 100), (1000, 0)]


def test_shipped_world_map() -> None:
    world = json.loads(resources.files("warta.serve").joinpath("static/world.json").read_text())
    ids = {c["id"] for c in world["countries"]}
    assert len(world["countries"]) > 170
    assert {"IDN", "MYS", "AUS", "USA", "PNG", "TLS"} <= ids
    assert "Natural Earth" in world["source"]
    indonesia = next(c for c in world["countries"] if c["id"] == "IDN")
    lons = [x / world["scale"] for r in indonesia["rings"] for x in r[::2]]
    lats = [y / world["scale"] for r in indonesia["rings"] for y in r[1::2]]
    assert 94 < min(lons) < 97 and 139 < max(lons) < 142
    assert -12 < min(lats) < -9 and 5 < max(lats) < 7
