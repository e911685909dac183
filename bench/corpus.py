"""A synthetic Indonesian news corpus for benchmarks: template sentences, random fillers.

Written for warta's benchmarks; nothing here is real news. Deterministic for a seed.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from warta.paths import shared_data

PLACES = ["JAKARTA", "BANDUNG", "SURABAYA", "MEDAN", "MAKASSAR", "BOGOR", "DEMAK", "JAYAPURA"]
OUTLETS = ["WARTA CONTOH", "KABAR CONTOH", "BERITA CONTOH"]
ACTORS = [
    "Polres Bogor", "Kementerian Luar Negeri", "Pemerintah Provinsi Jawa Barat", "KPK",
    "TNI", "Badan Nasional Penanggulangan Bencana", "DPR", "serikat pekerja",
]  # fmt: skip
PEOPLE = ["Rudi Santoso", "Siti Rahmawati", "Hendra Wijaya", "Dewi Anggraini", "Budi Prasetyo"]
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
SENTENCES = [
    "{actor} menggelar rapat dengan perwakilan warga di {place_t} pada {day} ({d}/{m}/{y}).",
    "{person}, juru bicara {actor}, mengatakan pihaknya akan menindaklanjuti laporan itu "
    "pekan depan.",
    "“Kami meminta semua pihak menahan diri,” kata {person} kepada wartawan.",
    "Sedikitnya {n} orang ditangkap dalam operasi gabungan di {place_t} kemarin.",
    "{actor} menyalurkan bantuan berupa beras dan air bersih kepada {n} keluarga.",
    "Ratusan warga berunjuk rasa di depan kantor {actor} menuntut perbaikan jalan.",
    "Menurut {person}, anggaran proyek itu mencapai Rp {n} miliar dan disetujui tahun lalu.",
    "Pertemuan berlangsung selama {n} menit dan ditutup dengan penandatanganan kesepakatan.",
]


def article(rng: random.Random, number: int) -> dict[str, str]:
    place = rng.choice(PLACES)
    y, m, d = 2024, rng.randint(1, 12), rng.randint(1, 28)
    fill = {
        "actor": rng.choice(ACTORS),
        "person": rng.choice(PEOPLE),
        "place_t": place.title(),
        "day": rng.choice(DAYS),
        "d": d,
        "m": m,
        "y": y,
        "n": rng.randint(2, 300),
    }
    sentences = []
    for _ in range(rng.randint(8, 16)):
        fill["actor"], fill["person"] = rng.choice(ACTORS), rng.choice(PEOPLE)
        fill["n"] = rng.randint(2, 300)
        sentences.append(rng.choice(SENTENCES).format(**fill))
    paragraphs = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
    text = f"{place}, {rng.choice(OUTLETS)} – " + "\n".join(paragraphs)
    return {"id": f"syn-{number:06d}", "text": text, "published": f"{y}-{m:02d}-{d:02d}"}


def write_corpus(path: Path, count: int, *, seed: int = 7) -> Path:
    rng = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for number in range(count):
            handle.write(json.dumps(article(rng, number), ensure_ascii=False) + "\n")
    return path


def shared_texts() -> dict[str, list[str]]:
    """The real article texts of ../shared/data: news (id-news-282) and PFSA-ID (dev-40)."""
    data = shared_data(required=True)
    assert data is not None
    out = {}
    for name, path in (
        ("news", data / "news" / "id-news-282.jsonl"),
        ("pfsa", data / "quotes" / "pfsa-id" / "dev-40.articles.jsonl"),
    ):
        lines = path.read_text(encoding="utf-8").splitlines()
        out[name] = [json.loads(line)["text"] for line in lines if line.strip()]
    return out
