from __future__ import annotations

import pytest

from warta.kb import KnowledgeBase, load_kb, normalize


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


@pytest.mark.parametrize(
    ("name", "kb_id", "country"),
    [
        ("Rusia", "state:RUS", "RUS"),
        ("Prancis", "state:FRA", "FRA"),
        ("Perancis", "state:FRA", "FRA"),
        ("Tiongkok", "state:CHN", "CHN"),
        ("China", "state:CHN", "CHN"),
        ("Belarusia", "state:BLR", "BLR"),
        ("Amerika Serikat", "state:USA", "USA"),
        ("AS", "state:USA", "USA"),
        ("Korea Selatan", "state:KOR", "KOR"),
        ("Arab Saudi", "state:SAU", "SAU"),
        ("Krimea", "region:crimea", "UKR"),
        ("Kiev", "capital:UKR", "UKR"),
        ("Kyiv", "capital:UKR", "UKR"),
        ("Moskow", "capital:RUS", "RUS"),
        ("Teheran", "capital:IRN", "IRN"),
        ("Kremlin", "metonym:kremlin", "RUS"),
        ("Gedung Putih", "metonym:gedung-putih", "USA"),
        ("Polri", "org:polri", "IDN"),
        ("Vladimir Putin", "person:vladimir-putin", "RUS"),
        ("Zelensky", "person:volodymyr-zelensky", "UKR"),
        ("Jokowi", "person:joko-widodo", "IDN"),
    ],
)
def test_names_in_indonesian_spelling(
    kb: KnowledgeBase, name: str, kb_id: str, country: str
) -> None:
    entry = kb.lookup(name)
    assert entry is not None and entry.id == kb_id
    assert kb.country_of(name) == country


@pytest.mark.parametrize(
    ("name", "sector"),
    [
        ("TNI", "MIL"),
        ("KPK", "GOV"),
        ("DPR", "LEG"),
        ("BIN", "SPY"),
        ("Gerindra", "PTY"),
        ("PDI-P", "PTY"),
        ("OPM", "REB"),
        ("LBH", "CVL"),
        ("Komnas HAM", "GOV"),
        ("Mahkamah Konstitusi", "JUD"),
        ("Polda Metro Jaya", "COP"),
        ("Polres Jakarta Selatan", "COP"),
        ("Pengadilan Negeri Jakarta Pusat", "JUD"),
        ("Kementerian Luar Negeri", "GOV"),
        ("Kodam Jaya", "MIL"),
        ("DPRD Jawa Barat", "LEG"),
    ],
)
def test_institution_sectors(kb: KnowledgeBase, name: str, sector: str) -> None:
    entry = kb.lookup(name)
    assert entry is not None and entry.kind == "institution" and entry.label == "ORG"
    assert entry.sector == sector


def test_igos_have_no_country_and_sector_igo(kb: KnowledgeBase) -> None:
    for name in ("PBB", "NATO", "Uni Eropa", "UE", "ASEAN", "WHO", "IMF", "Bank Dunia"):
        entry = kb.lookup(name)
        assert entry is not None and entry.kind == "igo", name
        assert entry.country is None and entry.sector == "IGO"


def test_people_have_office_and_titles_are_skipped(kb: KnowledgeBase) -> None:
    putin = kb.lookup("Presiden Rusia Vladimir Putin")
    assert putin is None  # "Rusia" is part of the phrase, not a title: no guess
    entry = kb.lookup("Presiden Vladimir Putin")
    assert entry is not None and entry.id == "person:vladimir-putin"
    assert entry.sector == "GOV" and entry.office == "Presiden Rusia"
    assert kb.lookup("Bapak Joko Widodo") == kb.lookup("Joko Widodo")


def test_offices(kb: KnowledgeBase) -> None:
    for title, sector in [
        ("Kapolda", "COP"),
        ("Panglima TNI", "MIL"),
        ("Jaksa", "JUD"),
        ("Hakim", "JUD"),
        ("Ketua DPR", "LEG"),
        ("Perdana Menteri", "GOV"),
    ]:
        office = kb.office(title)
        assert office is not None and office.sector == sector, title
    found = kb.office_prefix("Panglima TNI Jenderal Andika Perkasa")
    assert found is not None and found[1] == "Panglima TNI"


def test_state_by_code(kb: KnowledgeBase) -> None:
    ru = kb.state("RU")
    assert ru is not None and ru.id == "state:RUS" and ru.iso2 == "RU"
    assert kb.state("RUS") == ru == kb.state("Rusia")
    assert kb.state("Kremlin") is None  # a seat of government is not a state
    assert len(kb.entries(kind="state")) > 240


def test_short_acronyms_are_case_sensitive(kb: KnowledgeBase) -> None:
    assert kb.lookup("as") is None  # the Indonesian word, not Amerika Serikat
    assert kb.lookup("U.S.") is not None and normalize("U.S.") == normalize("US")


def test_ruler_patterns_skip_ambiguous_names(kb: KnowledgeBase) -> None:
    patterns = {p["pattern"]: p for p in kb.ruler_patterns()}
    assert patterns["Kremlin"]["id"] == "metonym:kremlin" and patterns["PBB"]["label"] == "ORG"
    assert "Istana" not in patterns and "Polda" not in patterns


def test_company_names_and_no_false_prefix(kb: KnowledgeBase) -> None:
    entry = kb.lookup("PT Pertamina (Persero)")
    assert entry is not None and entry.id == "org:pertamina"
    # "PT" (Perseroan Terbatas) is not the court "Pengadilan Tinggi"
    assert kb.lookup("PT Bank Tabungan Negara") is None
