from __future__ import annotations

import pytest

from warta.clean.dateline import parse_credit, parse_dateline


@pytest.mark.parametrize(
    ("text", "outlet", "place", "dateline"),
    [
        (
            "ASIATODAY.ID, MOSKOW – Presiden Rusia",
            "ASIATODAY.ID",
            "MOSKOW",
            "ASIATODAY.ID, MOSKOW –",
        ),
        ("JAKARTA, KOMPAS — Pemerintah menaikkan", "KOMPAS", "JAKARTA", "JAKARTA, KOMPAS —"),
        (
            "Liputan6.com, Jakarta - Presiden Joko",
            "Liputan6.com",
            "Jakarta",
            "Liputan6.com, Jakarta -",
        ),
        (
            "Jakarta, CNN Indonesia -- Menteri",
            "CNN Indonesia",
            "Jakarta",
            "Jakarta, CNN Indonesia --",
        ),
        ("Jakarta (ANTARA) - Kementerian", "ANTARA", "Jakarta", "Jakarta (ANTARA) -"),
        ("TEMPO.CO, Jakarta - Polisi", "TEMPO.CO", "Jakarta", "TEMPO.CO, Jakarta -"),
        ("JAKARTA - Polisi menangkap", None, "JAKARTA", "JAKARTA -"),
        ("KOMPAS.com - Sebanyak 20 orang", "KOMPAS.com", None, "KOMPAS.com -"),
    ],
)
def test_datelines(text: str, outlet: str | None, place: str | None, dateline: str) -> None:
    parsed = parse_dateline(text)
    assert parsed is not None
    assert (parsed.outlet, parsed.place, parsed.text) == (outlet, place, dateline)
    assert text[parsed.start : parsed.end] == dateline


@pytest.mark.parametrize(
    "text",
    [
        "Covid-19 kembali meningkat di Jakarta.",
        "Presiden mengatakan bahwa harga - harga naik menjelang Lebaran di seluruh negeri.",
        "Warga sipil tewas dalam serangan itu.",
        "pada 2022 - 2023 anggaran naik",
    ],
)
def test_no_dateline(text: str) -> None:
    assert parse_dateline(text) is None


def test_credit_tag() -> None:
    text = "di Ukraina, Kharkiv. (ATN)"
    tag, start, end = parse_credit(text) or ("", 0, 0)
    assert tag == "ATN" and text[start:end] == "(ATN)"
    assert parse_credit("kata dia (2022).") is None
    assert parse_credit("Jakarta (ANTARA) - isi berita") is None
