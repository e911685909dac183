"""Builders for test inputs: small HTML pages, WARC files and feeds written on the fly."""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

BODY = (
    "JAKARTA, WARTA CONTOH – Pemerintah kota mengumumkan rencana perbaikan jalan di "
    "kawasan Jakarta Pusat pada Senin (13/5/2024). Wali kota mengatakan pekerjaan akan "
    "selesai dalam tiga bulan dan warga diminta memakai jalur alternatif selama proyek berjalan."
)


def article_html(
    body: str = BODY, *, title: str = "Perbaikan jalan", date: str = "2024-05-13"
) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n"))
    return f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>{title}</title><meta property="article:published_time" content="{date}T09:00:00+07:00">
</head><body>
<nav><ul><li><a href="/">Beranda</a></li><li><a href="/politik">Politik</a></li>
<li><a href="/ekonomi">Ekonomi</a></li></ul></nav>
<article><h1>{title}</h1>{paragraphs}
<p>Ia menambahkan bahwa anggaran proyek berasal dari APBD tahun ini dan sudah disetujui DPRD.</p>
</article>
<section id="comments" class="comments"><h3>Komentar</h3>
<div class="comment">Komentar pembaca: jalan di depan rumah saya juga rusak parah sejak lama.</div>
</section>
<footer>Hak cipta 2024 Warta Contoh. Semua hak dilindungi.</footer>
</body></html>"""


def write_warc(path: Path, pages: list[tuple[str, str]], *, gzip: bool = False) -> list[int]:
    """A WARC with a request record, and a response per (url, html) plus one image response."""
    offsets = []
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        request = writer.create_warc_record(
            "http://contoh.invalid/", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
        )
        writer.write_record(request)
        for url, html in pages:
            offsets.append(handle.tell())
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(html.encode("utf-8")), http_headers=headers
            )
            writer.write_record(record)
        image = writer.create_warc_record(
            "http://contoh.invalid/logo.png",
            "response",
            payload=io.BytesIO(b"\x89PNG\r\n\x1a\n"),
            http_headers=StatusAndHeaders(
                "200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1"
            ),
        )
        writer.write_record(image)
    return offsets
