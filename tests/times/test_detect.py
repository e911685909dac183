"""Detection and normalization on small sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from warta.times import find_times

PUBLISHED = dt.date(2022, 3, 1)  # a Tuesday, ISO week 2022-W09


def one(text: str, published: dt.date | None = PUBLISHED) -> tuple[str, str | None, str]:
    """The single expression found in ``text``: (span text, value, type)."""
    found = find_times(text, published=published)
    assert len(found) == 1, [t.text for t in found]
    t = found[0]
    assert text[t.start : t.end] == t.text
    return t.text, t.value, t.type


@pytest.mark.parametrize(
    ("sentence", "span", "value", "kind"),
    [
        ("Gempa terjadi pada 1 Maret 2022 di Cianjur.", "1 Maret 2022", "2022-03-01", "DATE"),
        ("Surat itu bertanggal 28/2/2022 dan dikirim.", "28/2/2022", "2022-02-28", "DATE"),
        ("Ia diperiksa Selasa (1/3/2022) di Jakarta.", "Selasa (1/3/2022)", "2022-03-01", "DATE"),
        ("Rapat digelar Senin (28/2) di Bogor.", "Senin (28/2)", "2022-02-28", "DATE"),
        ("Harga naik sejak Maret 2022 lalu.", "Maret 2022", "2022-03", "DATE"),
        ("Pemilu digelar pada tahun 2024 nanti.", "tahun 2024", "2024", "DATE"),
        ("Sidang dimulai pukul 10.00 WIB di sana.", "pukul 10.00 WIB", "2022-03-01T10:00", "TIME"),
        ("Pesawat mendarat 09:15 WITA di Makassar.", "09:15 WITA", "2022-03-01T09:15", "TIME"),
        ("Ia tiba di Jakarta kemarin bersama istrinya.", "kemarin", "2022-02-28", "DATE"),
        ("Hasilnya diumumkan hari ini oleh KPU.", "hari ini", "2022-03-01", "DATE"),
        ("Hasilnya diumumkan besok oleh KPU.", "besok", "2022-03-02", "DATE"),
        ("Jenazah dimakamkan lusa di kampungnya.", "lusa", "2022-03-03", "DATE"),
        ("Ia ditangkap dua hari lalu di Medan.", "dua hari lalu", "2022-02-27", "DATE"),
        ("Pertemuan itu berlangsung pekan lalu.", "pekan lalu", "2022-W08", "DATE"),
        ("Kasus itu mencuat minggu lalu di media.", "minggu lalu", "2022-W08", "DATE"),
        ("Aturan baru berlaku bulan depan.", "bulan depan", "2022-04", "DATE"),
        ("Proyek dimulai awal tahun ini di Papua.", "awal tahun ini", "2022", "DATE"),
        ("Warga berdemo pada akhir pekan di alun-alun.", "akhir pekan", "2022-W09-WE", "DATE"),
        ("Ia bertemu menteri Senin lalu di Istana.", "Senin lalu", "2022-02-28", "DATE"),
        ("Banjir tiba hari Minggu (27/2) pagi", "hari Minggu (27/2) pagi", "2022-02-27TMO", "TIME"),
        ("Angka itu turun dibanding tahun lalu.", "tahun lalu", "2021", "DATE"),
        ("Keduanya bicara lewat telepon 90 menit.", "90 menit", "PT90M", "DURATION"),
        ("Ia sudah tinggal di sana tiga tahun.", "tiga tahun", "P3Y", "DURATION"),
        ("Ia divonis 6 tahun penjara oleh hakim.", "6 tahun", "P6Y", "DURATION"),
        ("Festival itu digelar 1–3 Maret di Solo.", "1–3 Maret", "2022-03-01/2022-03-03", "DATE"),
        ("Pasar murah digelar setiap Senin di desa.", "setiap Senin", "XXXX-WXX-1", "SET"),
        ("Arus mudik memuncak pada H-15 Lebaran nanti.", "H-15 Lebaran", "2022-04-17", "DATE"),
        ("Gedung itu dibangun pada tahun 1990-an.", "tahun 1990-an", "199", "DATE"),
        ("Produksi naik pada kuartal I 2021 lalu.", "kuartal I 2021", "2021-Q1", "DATE"),
        ("The talks took place on March 1, 2022 in Paris.", "March 1, 2022", "2022-03-01", "DATE"),
        ("The minister resigned yesterday after the vote.", "yesterday", "2022-02-28", "DATE"),
        ("Fighting lasted 90 minutes near the border.", "90 minutes", "PT90M", "DURATION"),
        ("The attack happened two days ago in the north.", "two days ago", "2022-02-27", "DATE"),
        ("The ceasefire began on Feb. 28, 2022 in Kyiv.", "Feb. 28, 2022", "2022-02-28", "DATE"),
        ("Shops open every Monday in the old town.", "every Monday", "XXXX-WXX-1", "SET"),
        (
            "Jalan ditutup pukul 10.00-12.00 WIB nanti.",
            "pukul 10.00-12.00 WIB",
            "2022-03-01T10:00/2022-03-01T12:00",
            "TIME",
        ),
        (
            "Mudik dilarang H-7 hingga H+7 Lebaran 2021.",
            "H-7 hingga H+7 Lebaran 2021",
            "2021-05-06/2021-05-20",
            "DATE",
        ),
    ],
)
def test_expressions(sentence: str, span: str, value: str, kind: str) -> None:
    assert one(sentence) == (span, value, kind)


def test_minggu_is_sunday_only_when_it_names_a_day() -> None:
    assert one("Kerusuhan pecah pada Minggu lalu di pasar.")[1] == "2022-02-27"
    assert one("Kerusuhan pecah minggu lalu di pasar.")[1] == "2022-W08"
    assert one("Ia berkata: Minggu ini semua harus jalan.")[1] == "2022-W09"


def test_a_list_of_dates_shares_the_year() -> None:
    found = find_times("Sidang digelar 21 Juni dan 17 Oktober 2017 di Jakarta.")
    assert [(t.text, t.value) for t in found] == [
        ("21 Juni", "2017-06-21"),
        ("17 Oktober 2017", "2017-10-17"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Pasien Covid-19 bertambah 3/4 dari jumlah kemarin lusa.",
        "Aturan itu tertuang dalam Peraturan Nomor 10/2022 tentang pajak.",
        "Hal itu diatur Peraturan Menteri Nomor 7 Tahun 2020 tentang harga.",
        "Persija menang 2-1 atas Persib, skor 3-0 di babak pertama.",
        "Harga gula Rp 12.500 per kilogram, naik 1.250 rupiah.",
        "Ia tinggal di Pasar Minggu bersama ibunya yang berusia 60 tahun.",
        "Bocah 8 tahun itu hilang, pria 21 tahun ditangkap.",
        "Bom meledak saat Minggu Paskah di gereja itu.",
        "Baca juga https://contoh.id/2015/11/30/berita-lama.",
    ],
)
def test_no_false_positives(sentence: str) -> None:
    texts = [t.text for t in find_times(sentence, published=PUBLISHED)]
    allowed = {"kemarin lusa"}  # the only real expression among these look-alikes
    assert set(texts) <= allowed, texts


def test_bracketed_date_is_an_aside_and_selama_makes_a_duration() -> None:
    found = find_times("Ia diculik Rabu 3 Agustus 2016 (3/8/2016) pukul 16.00 waktu setempat.")
    assert [t.text for t in found] == [
        "Rabu 3 Agustus 2016",
        "3/8/2016",
        "pukul 16.00 waktu setempat",
    ]
    found = one("Sosialisasi digelar selama tiga hari sebelumnya.")
    assert found == ("tiga hari", "P3D", "DURATION")


def test_holiday_relative_forms() -> None:
    assert one("Mudik dimulai H-7 Lebaran.", dt.date(2022, 12, 1))[1] == "2023-04-15"
    assert one("Misa digelar pada Natal 2021 di katedral.", None)[1] == "2021-12-25"
    assert one("Arus balik H+3 Lebaran 2030 diprediksi padat.", None)[1] is None  # no table


def test_weekday_with_a_date_uses_the_date() -> None:
    # 27/2/2022 was a Sunday although the text says Saturday: the date wins
    assert one("Ia datang Sabtu (27/2/2022) sore.")[1] == "2022-02-27TAF"


def test_bare_weekday_is_the_nearest_past_day() -> None:
    assert one("Ia diperiksa polisi pada Jumat di Polda.")[1] == "2022-02-25"
    assert one("Ia diperiksa polisi pada Selasa di Polda.")[1] == "2022-03-01"


def test_without_publication_date_the_nearest_full_date_anchors() -> None:
    text = "Kapolres berkata, Rabu (15/1/2020), korban ditemukan Selasa (14/1) malam dan kemarin."
    found = find_times(text)
    values = [(t.text, t.value, t.anchor) for t in found]
    assert values == [
        ("Rabu (15/1/2020)", "2020-01-15", None),
        ("Selasa (14/1) malam", "2020-01-14TNI", "text"),
        ("kemarin", "2020-01-14", "text"),
    ]


def test_without_any_anchor_relative_values_stay_null() -> None:
    found = find_times("Ia pulang pekan lalu, lalu berangkat lagi Jumat (22/11).")
    assert [(t.value, t.anchor) for t in found] == [(None, "none"), ("XXXX-11-22", "none")]


def test_standalone_time_takes_the_day_being_narrated() -> None:
    text = "Gunung itu meletus pada 21 November 2017. Letusan terjadi pukul 17.05 Wita."
    assert [t.value for t in find_times(text)] == ["2017-11-21", "2017-11-21T17:05"]


def test_anaphoric_relative_uses_the_previous_date() -> None:
    text = "Ia ditangkap pada 9 Mei 2017 dan dipindahkan keesokan harinya."
    assert [t.value for t in find_times(text)] == ["2017-05-09", "2017-05-10"]
