"""The seed article's places resolve to the right countries and coordinates."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from warta.pipeline import PipelineConfig
from warta.places.component import make_stage
from warta.record import Article

# name in the text -> (ISO3 country, lat, lon) of the place it names
EXPECTED = {
    "Moskow": ("RUS", 55.75, 37.62),
    "Rusia": ("RUS", None, None),
    "Prancis": ("FRA", None, None),
    "Ukraina": ("UKR", None, None),
    "Belarusia": ("BLR", None, None),
    "Kiev": ("UKR", 50.45, 30.52),
    "Krimea": ("UKR", 45.3, 34.4),
    "Minsk": ("BLR", 53.90, 27.57),
    "Kharkiv": ("UKR", 49.99, 36.23),
}


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    dy = (lat1 - lat2) * 111.0
    dx = (lon1 - lon2) * 111.0 * math.cos(math.radians((lat1 + lat2) / 2))
    return math.hypot(dx, dy)


@pytest.mark.shared
def test_seed_places(seed_path: Path) -> None:
    text = seed_path.read_text(encoding="utf-8")
    article = Article(id="seed", text=text)
    make_stage(PipelineConfig())(article)
    found: dict[str, list[tuple[str | None, float | None, float | None]]] = {}
    for p in article.places:
        found.setdefault(p.text.title() if p.text.isupper() else p.text, []).append(
            (p.country, p.lat, p.lon)
        )
    for name, (country, lat, lon) in EXPECTED.items():
        assert name in found, f"{name} not found"
        for got_country, got_lat, got_lon in found[name]:
            assert got_country == country, f"{name}: {got_country}"
            assert got_lat is not None and got_lon is not None
            if lat is not None and lon is not None:
                assert km(got_lat, got_lon, lat, lon) < 100, f"{name}: {got_lat}, {got_lon}"
    # every mention of a country name is found, not only the first
    assert len(found["Rusia"]) == text.count("Rusia")
    assert len(found["Ukraina"]) == text.count("Ukraina")
