"""Generated article records for exercising the server: the load benchmark and the tests.

The sentences are templates written here; every annotation's offsets point at the
words it names, as the extraction stages would produce them, so the web app can
be checked on annotated articles without running the stages. About one article in
``copy_every`` is a reworded copy of an earlier one (a syndicated version), so the
database has stories.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from warta.record import (
    Article,
    Cue,
    Entity,
    Event,
    Location,
    Offsets,
    Participant,
    Place,
    Quote,
    Speaker,
    TimeExpr,
    Trigger,
)

_CITIES = [
    ("Jakarta", -6.2, 106.85),
    ("Surabaya", -7.25, 112.75),
    ("Medan", 3.59, 98.67),
    ("Makassar", -5.14, 119.42),
    ("Jayapura", -2.53, 140.72),
    ("Bandung", -6.91, 107.61),
    ("Denpasar", -8.65, 115.22),
    ("Pontianak", -0.03, 109.33),
]
# (actor, country, sector), verb phrase, recipient, PLOVER type
_ACTORS = [
    ("Polisi", "IDN", "COP"),
    ("Mahasiswa", "IDN", "EDU"),
    ("Buruh", "IDN", "LAB"),
    ("Pemerintah", "IDN", "GOV"),
    ("TNI", "IDN", "MIL"),
    ("Warga", "IDN", "CVL"),
]
_ACTIONS = [
    ("berunjuk rasa menentang", "PROTEST"),
    ("menangkap", "COERCE"),
    ("bertemu dengan", "CONSULT"),
    ("menuntut", "DEMAND"),
    ("menyerang", "ASSAULT"),
    ("membantu", "AID"),
]
_SPEAKERS = ["Budi Santoso", "Siti Rahma", "Agus Salim", "Dewi Lestari"]
_FILLER = [
    "Situasi di lokasi dilaporkan kembali tenang menjelang sore.",
    "Sejumlah ruas jalan sempat ditutup selama beberapa jam.",
    "Aparat keamanan masih berjaga di sekitar lokasi kejadian.",
    "Peristiwa ini menarik perhatian warganet di media sosial.",
    "Pemerintah daerah berjanji akan menindaklanjuti laporan tersebut.",
    "Kegiatan ekonomi di pasar setempat berjalan seperti biasa.",
]
_SYLLABLES = "ka lu ti ma so ne ra pi du ge".split()
_OUTLETS = ["antaranews.com", "kompas.com", "tempo.co", "detik.com", "republika.co.id"]
_WORDS = (
    "rapat anggaran sekolah desa listrik pelabuhan nelayan petani harga beras jalan tol "
    "banjir longsor kebakaran hutan vaksin pasar saham bandara kereta sungai gunung"
).split()


class _Builder:
    def __init__(self) -> None:
        self.text = ""

    def add(self, piece: str) -> tuple[int, int]:
        start = len(self.text)
        self.text += piece
        return start, len(self.text)


def _article(rng: random.Random, number: int, day: dt.date) -> Article:
    b = _Builder()
    city, lat, lon = rng.choice(_CITIES)
    actor, a_country, a_sector = rng.choice(_ACTORS)
    recipient, r_country, r_sector = rng.choice([a for a in _ACTORS if a[0] != actor])
    verb, kind = rng.choice(_ACTIONS)
    topic = " ".join(rng.sample(_WORDS, 3))
    entities: list[Entity] = []
    places: list[Place] = []
    times: list[TimeExpr] = []
    s, e = b.add(city)
    places.append(Place(s, e, city, city, None, lat, lon, "IDN", feature="city", confidence=0.9))
    entities.append(Entity(s, e, city, "LOC"))
    b.add(" — ")
    a_start, a_end = b.add(actor)
    b.add(" ")
    t_start, t_end = b.add(verb)
    b.add(" ")
    r_start, r_end = b.add(recipient.lower())
    b.add(f" terkait {topic} di {city} pada ")
    s, e = b.add(f"{day.day} {_month(day)} {day.year}")
    times.append(TimeExpr(s, e, b.text[s:e], day.isoformat(), "DATE", "text"))
    b.add(f". Nomor laporan {number}. ")
    speaker = rng.choice(_SPEAKERS)
    q_start = len(b.text)
    b.add("“Kami akan terus memantau perkembangan ")
    b.add(topic)
    b.add(",” ")
    c_start, c_end = b.add("kata")
    b.add(" ")
    sp_start, sp_end = b.add(speaker)
    q_end = sp_end
    entities.append(Entity(sp_start, sp_end, speaker, "PER"))
    b.add(". ")
    for sentence in rng.sample(_FILLER, 2):
        b.add(sentence + " ")
    # a sentence of its own, so that different reports do not look like copies of each other
    # made-up words, so that the words searched in the benchmark keep their frequency
    detail = " ".join("".join(rng.choice(_SYLLABLES) for _ in range(3)) for _ in range(14))
    b.add(f"Warga menyebut {detail} sebagai persoalan utama sejak {rng.randint(2, 30)} hari. ")
    text = b.text.rstrip()
    quote = Quote(
        start=q_start,
        end=q_end,
        text=text[q_start:q_end],
        kind="direct",
        cue=Cue(c_start, c_end, "kata"),
        speaker=Speaker(sp_start, sp_end, speaker, speaker),
    )
    event = Event(
        type=kind,
        mode=None,
        actor=Participant(actor, a_start, a_end, actor, a_country, a_sector),
        recipient=Participant(recipient.lower(), r_start, r_end, recipient, r_country, r_sector),
        location=Location(city, city, lat, lon, "IDN", 0, len(city)),
        date=day.isoformat(),
        evidence=Offsets(0, text.index(". ") + 1),
        trigger=Trigger(t_start, t_end, verb),
        date_source="text",
        confidence=0.8,
    )
    return Article(
        id=f"syn-{number:06d}",
        text=text,
        title=f"{actor} {verb} {recipient.lower()} di {city}",
        outlet=rng.choice(_OUTLETS),
        published=day,
        lang="id",
        entities=entities,
        times=times,
        quotes=[quote],
        places=places,
        events=[event],
    )


def _month(day: dt.date) -> str:
    names = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember"
    return names.split()[day.month - 1]


def synthetic_articles(
    count: int, *, seed: int = 1, start: dt.date = dt.date(2024, 1, 1), copy_every: int = 10
) -> Iterator[Article]:
    """``count`` annotated articles over about a year; every ``copy_every``-th is a copy."""
    rng = random.Random(seed)
    recent: list[Article] = []
    for number in range(count):
        day = start + dt.timedelta(days=int(number * 365 / max(count, 1)))
        if copy_every and number % copy_every == copy_every - 1 and recent:
            original = rng.choice(recent[-20:])
            article = _copy(original, number, rng)
        else:
            article = _article(rng, number, day)
        recent.append(article)
        yield article


def _copy(original: Article, number: int, rng: random.Random) -> Article:
    """The original with another outlet and a sentence added at the end (offsets unchanged)."""
    extra = " " + rng.choice(_FILLER)
    copy = Article.from_dict(original.to_dict())
    copy.id = f"syn-{number:06d}"
    copy.text = original.text + extra
    copy.outlet = rng.choice([o for o in _OUTLETS if o != original.outlet])
    return copy
