"""The shipped gazetteer: size, contents, exonyms, and that it is what the build writes."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from warta.places.build import main as build_main
from warta.places.build import source_versions
from warta.places.gazetteer import GAZETTEER_PATH, Gazetteer, load_gazetteer, normalize


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def test_shipped_file_is_compact_and_attributed() -> None:
    assert GAZETTEER_PATH.stat().st_size <= 20_000_000
    with gzip.open(GAZETTEER_PATH, "rt", encoding="utf-8") as handle:
        header = handle.readline()
    assert "GeoNames" in header and "CC BY 4.0" in header


def test_normalize_ignores_case_accents_and_spacing() -> None:
    assert normalize("  Bělarus ") == normalize("belarus")
    assert normalize("Jakarta   Pusat") == "jakarta pusat"
    assert normalize("Kab. Bogor") != normalize("Kab Bogor")


@pytest.mark.parametrize(
    ("name", "country", "level"),
    [
        ("Rusia", "RUS", "country"),
        ("Prancis", "FRA", "country"),
        ("Belarusia", "BLR", "country"),
        ("Tiongkok", "CHN", "country"),
        ("Inggris", "GBR", "country"),
        ("Amerika Serikat", "USA", "country"),
        ("Korea Selatan", "KOR", "country"),
        ("Belanda", "NLD", "country"),
        ("Jepang", "JPN", "country"),
        ("Arab Saudi", "SAU", "country"),
        ("Moskow", "RUS", "city"),
        ("Kiev", "UKR", "city"),
        ("Kyiv", "UKR", "city"),
        ("Beijing", "CHN", "city"),
        ("Teheran", "IRN", "city"),
        ("Krimea", "UKR", "admin1"),
    ],
)
def test_indonesian_exonyms(gaz: Gazetteer, name: str, country: str, level: str) -> None:
    found = [e for e in gaz.lookup(name) if e.country == country and e.level == level]
    assert found, f"{name} is not a {level} of {country}"


def test_moscow_is_the_geonames_entry(gaz: Gazetteer) -> None:
    (moscow,) = gaz.lookup("Moskow")
    assert moscow.id == 524901  # GeoNames id of Moscow
    assert abs(moscow.lat - 55.75) < 0.1 and abs(moscow.lon - 37.62) < 0.1


def test_indonesian_regions(gaz: Gazetteer) -> None:
    provinces = [e for e in gaz.entries if e.level == "admin1" and e.country == "IDN"]
    assert len(provinces) == 38
    assert {e.id for e in gaz.lookup("Jawa Barat")} == {"ID-JB"}
    assert {e.id for e in gaz.lookup("Jabar")} == {"ID-JB"}
    (kab,) = gaz.lookup("Kabupaten Bogor")
    assert kab.id == "warta:ID-JB-kab-bogor" and kab.admin1 == "ID-JB"
    kota = [e for e in gaz.lookup("Kota Bogor") if isinstance(e.id, int)]
    assert kota and kota[0].admin1 == "ID-JB"  # GeoNames Bogor, mapped to its province
    (pusat,) = gaz.lookup("Jakarta Pusat")
    assert pusat.admin1 == "ID-JK" and pusat.level == "admin2"
    regencies = [e for e in gaz.entries if e.level == "admin2" and e.country == "IDN"]
    assert len(regencies) >= 500


def test_every_indonesian_city_has_a_province(gaz: Gazetteer) -> None:
    missing = [
        e.name for e in gaz.entries if e.country == "IDN" and e.level != "country" and not e.admin1
    ]
    assert len(missing) <= 0.02 * len(gaz.entries), missing[:20]


@pytest.mark.slow
def test_shipped_gazetteer_is_what_the_build_writes(tmp_path: Path) -> None:
    with gzip.open(GAZETTEER_PATH, "rt", encoding="utf-8") as handle:
        handle.readline()
        built_from = handle.readline().removeprefix("# sources: ").strip()
    if built_from != source_versions():
        pytest.skip(f"gazetteer built from {built_from}, installed: {source_versions()}")
    out = tmp_path / "gazetteer.tsv.gz"
    assert build_main(["--out", str(out)]) == 0
    assert out.read_bytes() == GAZETTEER_PATH.read_bytes(), "run python -m warta.places.build"
