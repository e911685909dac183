"""Canonical actors: one name per real-world actor, no pronouns, numbers or common words."""

from __future__ import annotations

import pytest

from warta.serve.actors import canonical, is_junk


@pytest.mark.parametrize(
    ("name", "country", "sector", "expected"),
    [
        ("Rusia", "RUS", "GOV", "RUS GOV"),  # the state
        ("Moskow", "RUS", "GOV", "RUS GOV"),  # its capital
        ("Kremlin", "RUS", "GOV", "RUS GOV"),  # its seat of government
        ("Pemerintah Rusia", "RUS", "GOV", "RUS GOV"),
        ("Pemerintah Mesir", "IDN", "GOV", "EGY GOV"),  # the state named, not the coded one
        ("Polda Jawa Tengah", "IDN", "COP", "Polda Jawa Tengah"),
        ("Polda Jawa Timur", "IDN", "COP", "Polda Jawa Timur"),
        ("Gedung Putih", "USA", "GOV", "USA GOV"),
        ("polisi", "IDN", "COP", "IDN COP"),
        ("Polisi", "IDN", "COP", "IDN COP"),
        ("pihak kepolisian", "IDN", "COP", "IDN COP"),
        ("Presiden", "IDN", "GOV", "IDN GOV"),
        ("Jokowi", "IDN", "GOV", "Joko Widodo"),
        ("Presiden Jair Bolsonaro", "BRA", "GOV", "Jair Bolsonaro"),
        ("Pemerintah Provinsi Papua", "IDN", "GOV", "Pemerintah Provinsi Papua"),
        ("Gubernur Papua", "IDN", "GOV", "Gubernur Papua"),
        (None, "IDN", "MIL", "IDN MIL"),
        ("mereka", "IDN", "CVL", "IDN CVL"),  # a pronoun: only its codes are kept
        ("mereka", None, None, None),
        ("Empat", "USA", None, None),
        ("O", "IDN", None, None),
        ("Alasan", "IDN", None, None),  # a common word ("reason"), no sector coded
        ("Bermobil", "IDN", None, None),  # a derived form of one ("mobil", car)
        ("Sumarno", "IDN", None, "Sumarno"),  # a name: no dictionary word under it
        ("Akbar", "IDN", None, "Akbar"),  # a name the dictionary does not know
        ("Korban", "IDN", "CVL", "IDN CVL"),
        ("", None, None, None),
    ],
)
def test_canonical(
    name: str | None, country: str | None, sector: str | None, expected: str
) -> None:
    assert canonical(name, country, sector) == expected


def test_junk_names() -> None:
    for junk in ("dia", "Mereka", "12", "3,5", "dua puluh", "yang", "x"):
        assert is_junk(junk), junk
    for name in ("Joko Widodo", "Polisi", "Akbar", "KPK"):
        assert not is_junk(name), name
