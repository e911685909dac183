"""Story linking at ingest (MinHash/LSH through the store) and event fusion."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from warta.record import Article, Event, Location, Offsets, Participant, Trigger
from warta.store import Store
from warta.stories import fuse_events, rebuild_stories, signature, similarity

BASE = (
    "Banjir merendam ratusan rumah warga di Kecamatan Medan Maimun, Kota Medan, Sumatera "
    "Utara, sejak Senin dini hari setelah hujan deras mengguyur kawasan itu selama enam jam. "
    "Kepala Badan Penanggulangan Bencana Daerah setempat mengatakan sedikitnya 1.200 jiwa "
    "mengungsi ke masjid dan sekolah terdekat. Petugas gabungan mengevakuasi warga lanjut usia "
    "dan anak-anak menggunakan perahu karet. Air setinggi satu meter juga memutus akses jalan "
    "utama menuju pusat kota, sementara aliran listrik dipadamkan untuk mencegah korban."
)
# the same report as another outlet runs it: own dateline, a changed sentence, a new closing line
COPY = (
    "MEDAN — "
    + BASE.replace("sejak Senin dini hari", "pada Senin dini hari")
    + " Pemerintah kota menyiapkan dapur umum bagi para pengungsi."
)
OTHER = (
    "Dewan Perwakilan Rakyat mengesahkan rancangan undang-undang tentang perlindungan data "
    "pribadi dalam rapat paripurna di Jakarta, Selasa. Seluruh fraksi menyatakan setuju setelah "
    "pembahasan panjang selama dua tahun bersama pemerintah. Menteri Komunikasi dan Informatika "
    "menyebut aturan baru itu memberi kepastian hukum bagi pengguna layanan digital di Indonesia."
)


def _article(aid: str, text: str, *, outlet: str, day: str, events: list[Event] = ()) -> Article:  # type: ignore[assignment]
    return Article(
        id=aid,
        text=text,
        title=None,
        outlet=outlet,
        published=dt.date.fromisoformat(day),
        events=list(events),
    )


def _flood_event(text: str, *, date: str | None, dead: int | None = None) -> Event:
    start = text.index("mengungsi")
    return Event(
        type="ASSAULT",
        mode=None,
        actor=None,
        recipient=Participant(
            text="warga",
            start=text.index("warga"),
            end=text.index("warga") + 5,
            name="warga",
            country="IDN",
            sector="CVL",
        ),
        location=Location(text="Medan", name="Medan", lat=3.58, lon=98.67, country="IDN"),
        date=date,
        evidence=Offsets(start=0, end=len(text)),
        trigger=Trigger(start=start, end=start + 9, text="mengungsi"),
        dead=dead,
    )


def test_signature_similarity_separates_copies_from_other_news() -> None:
    same = similarity(signature(BASE), signature(COPY))
    other = similarity(signature(BASE), signature(OTHER))
    assert same >= 0.5, same
    assert other < 0.2, other


def test_copies_share_a_story_and_other_news_does_not(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        assert store.upsert(_article("a", BASE, outlet="antara", day="2024-01-08")) == "inserted"
        store.upsert(_article("b", COPY, outlet="kompas", day="2024-01-08"))
        store.upsert(_article("c", OTHER, outlet="antara", day="2024-01-09"))
        members = dict(store.db.execute("SELECT article_id, story_id FROM story_members"))
        assert members["a"] == members["b"] == "a"
        assert members["c"] == "c"
        story = store.db.execute("SELECT * FROM stories WHERE id = 'a'").fetchone()
        assert story["num_articles"] == 2 and story["num_sources"] == 2
        # idempotent: the same record again changes nothing, not even the story tables
        before = store.db.execute("SELECT count(*) FROM story_bands").fetchone()[0]
        assert store.upsert(_article("b", COPY, outlet="kompas", day="2024-01-08")) == "unchanged"
        assert store.db.execute("SELECT count(*) FROM story_bands").fetchone()[0] == before


def test_copies_far_apart_in_time_are_separate_stories(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        store.upsert(_article("a", BASE, outlet="antara", day="2024-01-08"))
        store.upsert(_article("b", COPY, outlet="kompas", day="2024-03-08"))
        members = dict(store.db.execute("SELECT article_id, story_id FROM story_members"))
        assert members["a"] != members["b"]


def test_updated_article_moves_out_of_its_story(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        store.upsert(_article("a", BASE, outlet="antara", day="2024-01-08"))
        store.upsert(_article("b", COPY, outlet="kompas", day="2024-01-08"))
        assert store.upsert(_article("b", OTHER, outlet="kompas", day="2024-01-08")) == "updated"
        members = dict(store.db.execute("SELECT article_id, story_id FROM story_members"))
        assert members == {"a": "a", "b": "b"}
        count = store.db.execute("SELECT num_articles FROM stories WHERE id = 'a'").fetchone()[0]
        assert count == 1


def test_events_of_a_story_are_fused_with_all_sources(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        a_events = [_flood_event(BASE, date="2024-01-08"), _flood_event(BASE, date="2024-01-08")]
        store.upsert(_article("a", BASE, outlet="antara", day="2024-01-08", events=a_events))
        b_events = [_flood_event(COPY, date="2024-01-09", dead=2)]
        store.upsert(_article("b", COPY, outlet="kompas", day="2024-01-09", events=b_events))
        rows = store.db.execute("SELECT * FROM story_events WHERE story_id = 'a'").fetchall()
        assert len(rows) == 1
        fused = rows[0]
        assert (fused["num_mentions"], fused["num_articles"], fused["num_sources"]) == (3, 2, 2)
        assert fused["dead"] == 2
        assert (fused["date_first"], fused["date_last"]) == ("2024-01-08", "2024-01-09")
        sources = json.loads(fused["sources"])
        assert {s["article_id"] for s in sources} == {"a", "b"}
        assert store.db.execute("SELECT num_events FROM stories WHERE id='a'").fetchone()[0] == 1


def _row(aid: str, idx: int, **kw: object) -> dict[str, object]:
    base: dict[str, object] = {"article_id": aid, "idx": idx, "type": "PROTEST", "outlet": aid}
    return base | kw


MEDAN = {"location_name": "Medan", "location_country": "IDN"}


def test_fusion_keeps_apart_what_differs() -> None:
    rows = [
        _row("a", 0, date="2024-01-01", actor_country="IDN", actor_sector="CVL", **MEDAN),
        _row("b", 0, date="2024-01-02", actor_country="IDN", actor_sector="CVL"),
        # same participants but a week later: another protest
        _row("c", 0, date="2024-01-09", actor_country="IDN", actor_sector="CVL"),
        # another actor
        _row("a", 1, date="2024-01-01", actor_country="IDN", actor_sector="LAB"),
        # a denial is not the event
        _row("b", 1, date="2024-01-01", actor_country="IDN", actor_sector="CVL", negated=True),
        # different city
        _row(
            "c",
            1,
            date="2024-01-01",
            actor_country="IDN",
            actor_sector="CVL",
            location_name="Surabaya",
            location_country="IDN",
        ),
    ]
    fused = fuse_events(rows, window_days=2)
    sizes = sorted(f["num_mentions"] for f in fused)
    assert sizes == [1, 1, 1, 1, 2], fused
    pair = next(f for f in fused if f["num_mentions"] == 2)
    assert {s["article_id"] for s in pair["sources"]} == {"a", "b"}


def test_same_outlet_twice_is_one_source() -> None:
    rows = [
        _row("a", 0, date="2024-01-01", outlet="antara", actor_name="Polisi"),
        _row("b", 0, date="2024-01-01", outlet="antara", actor_name="polisi"),
    ]
    (fused,) = fuse_events(rows)
    assert (fused["num_articles"], fused["num_sources"]) == (2, 1)


def test_rebuild_links_articles_stored_without_stories(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        store.upsert(_article("a", BASE, outlet="antara", day="2024-01-08"))
        store.upsert(_article("b", COPY, outlet="kompas", day="2024-01-08"))
        with store.db:
            store.db.execute("DELETE FROM story_members")
            store.db.execute("DELETE FROM story_bands")
            store.db.execute("DELETE FROM stories")
        assert rebuild_stories(store.db) == 2
        members = dict(store.db.execute("SELECT article_id, story_id FROM story_members"))
        assert members == {"a": "a", "b": "a"}


PARAGRAPHS = [
    "Hujan deras sejak sore membuat sungai di pinggir kota meluap dan merendam jalan utama "
    "sehingga kendaraan roda dua tidak dapat melintas hingga malam hari.",
    "Petugas pemadam kebakaran dikerahkan untuk menyedot air dari rumah warga yang terendam "
    "setinggi lutut orang dewasa di tiga kelurahan sekaligus.",
    "Kepala dinas sosial menyatakan bantuan makanan siap saji dan selimut telah dikirim ke "
    "posko pengungsian yang didirikan di halaman kantor camat.",
    "Sekolah dasar di kawasan itu meliburkan murid selama dua hari karena ruang kelas masih "
    "tergenang lumpur dan buku pelajaran banyak yang rusak.",
    "Pedagang pasar tradisional mengeluhkan kerugian karena barang dagangan basah dan pembeli "
    "enggan datang selama genangan belum surut sepenuhnya.",
    "Wali kota berjanji memperbaiki saluran drainase yang tersumbat sampah sebelum puncak musim "
    "hujan tiba pada akhir tahun mendatang.",
]


def test_an_article_that_bridges_two_stories_merges_them(tmp_path: Path) -> None:
    a = " ".join(PARAGRAPHS[1:3])
    c = " ".join(PARAGRAPHS[3:6])
    b = " ".join(PARAGRAPHS[1:5])
    assert similarity(signature(a), signature(c)) < 0.1
    with Store(tmp_path / "s.db") as store:
        store.upsert(_article("a", a, outlet="x", day="2024-02-01"))
        store.upsert(_article("c", c, outlet="y", day="2024-02-01"))
        members = dict(store.db.execute("SELECT article_id, story_id FROM story_members"))
        assert members == {"a": "a", "c": "c"}
        store.upsert(_article("b", b, outlet="z", day="2024-02-01"))
        members = dict(store.db.execute("SELECT article_id, story_id FROM story_members"))
        assert members == {"a": "a", "b": "a", "c": "a"}
        stories = store.db.execute("SELECT id, num_articles FROM stories").fetchall()
        assert [tuple(r) for r in stories] == [("a", 3)]


def _story_tables(db_path: Path) -> tuple[list[tuple[object, ...]], ...]:
    with Store(db_path, readonly=True) as store:
        return tuple(
            [tuple(row) for row in store.db.execute(f"SELECT * FROM {table} ORDER BY 1")]
            for table in ("story_members", "stories", "story_events", "story_pending")
        )


def test_deferred_refresh_ends_with_the_same_stories(tmp_path: Path) -> None:
    articles = [
        _article("a", BASE, outlet="antara", day="2024-01-08",
                 events=[_flood_event(BASE, date="2024-01-08", dead=2)]),
        _article("b", COPY, outlet="kompas", day="2024-01-08",
                 events=[_flood_event(COPY, date="2024-01-08", dead=3)]),
        _article("c", OTHER, outlet="antara", day="2024-01-09"),
    ]  # fmt: skip
    with Store(tmp_path / "now.db") as store:
        for article in articles:
            store.upsert(article)
    with Store(tmp_path / "later.db", defer_stories=True) as store:
        for article in articles:
            store.upsert(article)
        pending = store.db.execute("SELECT count(*) FROM story_pending").fetchone()[0]
        assert pending == 2  # the flood story and the law story, refreshed on close
        assert store.db.execute("SELECT count(*) FROM stories").fetchone()[0] == 0
    now, later = _story_tables(tmp_path / "now.db"), _story_tables(tmp_path / "later.db")
    assert later == now
    assert now[3] == [] and len(now[1]) == 2 and len(now[2]) >= 1


def test_stories_left_pending_by_a_killed_run_are_refreshed(tmp_path: Path) -> None:
    path = tmp_path / "killed.db"
    store = Store(path, defer_stories=True)
    store.upsert(_article("a", BASE, outlet="antara", day="2024-01-08"))
    store.db.close()  # as if the process died: no close(), no refresh
    with Store(path) as reopened:
        assert reopened.db.execute("SELECT count(*) FROM story_pending").fetchone()[0] == 1
        rebuild_stories(reopened.db)
        assert reopened.db.execute("SELECT count(*) FROM story_pending").fetchone()[0] == 0
        rows = reopened.db.execute("SELECT num_articles FROM stories").fetchall()
        assert [tuple(r) for r in rows] == [(1,)]


def test_fused_events_keep_their_flags_and_one_toll_per_incident() -> None:
    who = {"actor_country": "IDN", "actor_sector": "REB", **MEDAN}
    rows = [
        # two reports of one attack: the toll is reported twice, it happened once
        _row("a", 0, date="2024-01-01", type="ASSAULT", dead=5, **who),
        _row("b", 0, date="2024-01-01", type="ASSAULT", dead=7, **who),
        # a threat of the same attack is not the attack, and keeps its flags when fused
        _row("c", 0, date="2024-01-01", type="ASSAULT", hypothetical=True, future=True, **who),
        _row("d", 0, date="2024-01-02", type="ASSAULT", hypothetical=True, future=True, **who),
    ]
    fused = fuse_events(rows, window_days=2)
    assert len(fused) == 2
    real = next(f for f in fused if not f["hypothetical"])
    threat = next(f for f in fused if f["hypothetical"])
    assert (real["dead"], real["num_mentions"], real["future"]) == (7, 2, False)
    assert (threat["future"], threat["negated"], threat["num_mentions"]) == (True, False, 2)
