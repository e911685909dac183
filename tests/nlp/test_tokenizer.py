from __future__ import annotations

import pytest
from spacy.language import Language

from warta.nlp.tokenizer import blank


@pytest.fixture(scope="module")
def nlp() -> Language:
    return blank()


def words(nlp: Language, text: str) -> list[str]:
    return [t.text for t in nlp(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bukunya", ["buku", "nya"]),
        ("Benarkah", ["Benar", "kah"]),
        ("pergilah", ["pergi", "lah"]),
        ("bukunyalah", ["buku", "nya", "lah"]),
        ("kuambil", ["ku", "ambil"]),
        ("kaulihat", ["kau", "lihat"]),
        # not clitics
        ("hanya", ["hanya"]),
        ("adalah", ["adalah"]),
        ("sekolah", ["sekolah"]),
        ("langkah", ["langkah"]),
        ("Abdullah", ["Abdullah"]),
        ("Kenya", ["Kenya"]),
        ("kuda", ["kuda"]),
    ],
)
def test_clitics(nlp: Language, text: str, expected: list[str]) -> None:
    assert words(nlp, text) == expected


@pytest.mark.parametrize(
    "token",
    [
        "warga-warga",
        "sehari-hari",
        "Kab.",
        "Kec.",
        "Jl.",
        "No.",
        "dr.",
        "H.",
        "Hj.",
        "S.H.",
        "M.Si.",
        "Bpk.",
        "28/2/2022",
        "85,5",
        "10.000",
        "@jokowi",
        "#RusiaBerulah",
    ],
)
def test_kept_whole(nlp: Language, token: str) -> None:
    assert words(nlp, f"Ada {token} di sini") == ["Ada", token, "di", "sini"]


def test_abbreviations_do_not_end_sentences() -> None:
    nlp = blank()
    nlp.add_pipe("sentencizer")
    doc = nlp(
        "Dia tinggal di Jl. Sudirman No. 5, Kab. Bogor. Dr. H. Ahmad, S.H. datang. Lalu pulang."
    )
    sents = [s.text for s in doc.sents]
    assert sents == [
        "Dia tinggal di Jl. Sudirman No. 5, Kab. Bogor.",
        "Dr. H. Ahmad, S.H. datang.",
        "Lalu pulang.",
    ]


def test_rupiah_and_offsets(nlp: Language) -> None:
    text = "Harganya Rp10.000 per 28/2/2022."
    doc = nlp(text)
    assert [t.text for t in doc] == ["Harga", "nya", "Rp", "10.000", "per", "28/2/2022", "."]
    assert all(text[t.idx : t.idx + len(t)] == t.text for t in doc)


def test_hyphens(nlp: Language) -> None:
    assert words(nlp, "Warga-Warga datang") == ["Warga-Warga", "datang"]
    # a pair of names is not a reduplication: each name stays a token of its own
    assert words(nlp, "konflik Rusia-Ukraina") == ["konflik", "Rusia", "-", "Ukraina"]
    assert words(nlp, "kader PDI-P") == ["kader", "PDI-P"]
