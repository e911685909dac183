"""The offline base map: the TopoJSON conversion and the shipped world.json."""

from __future__ import annotations

import itertools
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


def test_no_outline_runs_across_the_antimeridian() -> None:
    world = json.loads(resources.files("warta.serve").joinpath("static/world.json").read_text())
    half = 180 * world["scale"]
    for country in world["countries"]:
        for ring in country["rings"]:
            points = list(zip(ring[::2], ring[1::2], strict=True))
            jumps = [
                (a, b)
                for a, b in itertools.pairwise(points)
                if abs(a[0] - b[0]) > half and not abs(a[1]) == abs(b[1]) == 90 * world["scale"]
            ]  # a polar ring may run along the pole's edge of the map
            assert not jumps, (country["name"], jumps[:3])
    russia = [r for c in world["countries"] if c["id"] == "RUS" for r in c["rings"]]
    # Chukotka, east of 180°, is drawn on both edges of the map
    assert max(max(r[::2]) for r in russia) > half and min(min(r[::2]) for r in russia) < -half


def test_split_antimeridian_closes_a_polar_ring() -> None:
    from warta.serve.basemap import split_antimeridian

    # a ring round the south pole crossing 180° once, in tenths of a degree
    ring = [-1800, -700, 0, -650, 1800, -700, 1700, -750, -1700, -750, -1800, -700]
    closed = split_antimeridian(ring)[0]
    points = list(zip(closed[::2], closed[1::2], strict=True))
    long_steps = [(a, b) for a, b in itertools.pairwise(points) if abs(a[0] - b[0]) > 1800]
    assert long_steps and all(a[1] == b[1] == -900 for a, b in long_steps)  # along the pole
    assert split_antimeridian([0, 0, 10, 0, 10, 10, 0, 0]) == [[0, 0, 10, 0, 10, 10, 0, 0]]
