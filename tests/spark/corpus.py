"""Generated inputs for the Spark tests and benchmark: JSONL, WARC and text files.

Articles are assembled from sentence templates written for these tests (no news
text is copied); a seed makes every run produce the same files.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import random
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

_PEOPLE = ["Budi Santoso", "Siti Rahmawati", "Agus Wijaya", "Dewi Lestari", "Joko Prasetyo"]
_ROLES = ["Gubernur", "Kapolda", "Menteri Dalam Negeri", "Ketua DPRD", "Wali Kota"]
_PLACES = ["Jakarta", "Bandung", "Surabaya", "Medan", "Makassar", "Yogyakarta", "Ambon"]
_GROUPS = ["mahasiswa", "buruh pabrik", "nelayan", "pedagang pasar", "warga desa"]
_MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
           "September", "Oktober", "November", "Desember"]  # fmt: skip
_SENTENCES = [
    "Ratusan {group} berunjuk rasa di depan kantor gubernur {place} pada {date}.",
    "Polisi menangkap {n} orang yang diduga terlibat bentrokan di {place}.",
    '"Kami akan menindak tegas siapa pun yang melanggar hukum," kata {role} {person}.',
    "{role} {person} mengatakan pemerintah siap berdialog dengan perwakilan {group}.",
    "Menurut {person}, aksi itu berlangsung damai hingga sore hari.",
    "Pemerintah Provinsi menyalurkan bantuan kepada {n} keluarga korban banjir di {place}.",
    "Ia menambahkan bahwa anggaran tambahan sudah disetujui DPRD sejak {date}.",
    "Sebanyak {n} personel gabungan dikerahkan untuk mengamankan jalannya aksi.",
]


def _date_text(day: dt.date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def make_article(rng: random.Random, number: int) -> dict[str, str]:
    """One synthetic Indonesian news article with metadata, as a JSONL-style dict."""
    day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(0, 10))
    place = rng.choice(_PLACES)
    fill = {
        "group": rng.choice(_GROUPS),
        "place": place,
        "date": _date_text(day),
        "n": str(rng.randrange(2, 400)),
        "role": rng.choice(_ROLES),
        "person": rng.choice(_PEOPLE),
    }
    body = [f"{place.upper()}, WARTA UJI – " + _SENTENCES[0].format(**fill)]
    for _ in range(rng.randrange(3, 7)):
        fill["n"] = str(rng.randrange(2, 400))
        body.append(rng.choice(_SENTENCES[1:]).format(**fill))
    return {
        "id": f"uji-{number:06d}",
        "title": f"Aksi {fill['group']} di {place} ({number})",
        "published": day.isoformat(),
        "outlet": "Warta Uji",
        "url": f"https://uji.invalid/berita/{number}",
        "text": "\n\n".join(body),
    }


def page(article: dict[str, str]) -> str:
    """The article as a small news page (for WARC responses)."""
    paragraphs = "".join(f"<p>{p}</p>" for p in article["text"].split("\n\n"))
    return (
        f'<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>{article["title"]}'
        f'</title><meta property="article:published_time" content="{article["published"]}'
        'T08:00:00+07:00"></head><body><nav><a href="/">Beranda</a> <a href="/politik">Politik'
        f"</a></nav><article><h1>{article['title']}</h1>{paragraphs}</article>"
        "<footer>Hak cipta Warta Uji.</footer></body></html>"
    )


def write_warc(path: Path, articles: list[dict[str, str]]) -> None:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=path.name.endswith(".gz"))
        for article in articles:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            payload = io.BytesIO(page(article).encode("utf-8"))
            record = writer.create_warc_record(
                article["url"], "response", payload=payload, http_headers=headers
            )
            writer.write_record(record)


def write_jsonl(path: Path, articles: list[dict[str, str]], *, bad_lines: int = 0) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for i, article in enumerate(articles):
            handle.write(json.dumps(article, ensure_ascii=False) + "\n")
            if i < bad_lines:
                handle.write('{"id": "rusak", "text": \n')  # truncated JSON: quarantined
                handle.write('{"id": "kosong", "title": "tanpa teks"}\n')  # no text field


def build_corpus(
    folder: Path,
    *,
    jsonl_files: int,
    per_jsonl: int,
    warc_files: int = 0,
    per_warc: int = 0,
    text_files: int = 0,
    bad_lines: int = 1,
    seed: int = 7,
) -> int:
    """Write the corpus under ``folder``; return how many good articles it holds."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    number = 0

    def batch(size: int) -> list[dict[str, str]]:
        nonlocal number
        out = [make_article(rng, number + i) for i in range(size)]
        number += size
        return out

    for i in range(jsonl_files):
        write_jsonl(folder / f"part-{i:03d}.jsonl", batch(per_jsonl), bad_lines=bad_lines)
    for i in range(warc_files):
        suffix = ".warc.gz" if i % 2 else ".warc"
        write_warc(folder / f"crawl-{i:03d}{suffix}", batch(per_warc))
    for article in batch(text_files):
        name = f"teks-{article['published']}-{article['id']}.txt"
        (folder / name).write_text(article["text"], encoding="utf-8")
    return number
