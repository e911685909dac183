"""Dates and casualty counts read from sentences."""

from __future__ import annotations

import datetime as dt

from warta.events.context import (
    DateMention,
    article_dates,
    casualties,
    event_location,
    main_date,
)
from warta.places import specificity
from warta.record import Article, Place
from warta.times.resolve import resolve


def _dates(text: str, published: dt.date | None = None) -> list[DateMention]:
    """The event stage's dates of a text: the times stage's, read from the record."""
    article = Article(id="t", text=text, published=published)
    article.times = resolve(text, published=published)
    return article_dates(article)


def test_weekday_with_day_and_month_takes_the_publication_year() -> None:
    found = _dates("Pada hari Minggu (27/2), pemerintah ...", dt.date(2022, 3, 1))
    assert [d.value for d in found] == ["2022-02-27"]


def test_report_date_is_not_the_event_date() -> None:
    text = (
        "Polisi menangkap AD pada 16 Agustus 2019. "
        "Hal itu disampaikan dalam keterangan pers, Kamis (5/9/2019)."
    )
    found = _dates(text)
    assert [(d.value, d.report) for d in found] == [("2019-08-16", False), ("2019-09-05", True)]
    assert main_date(found) == "2019-08-16"


def test_told_event_time_after_a_speech_verb_is_an_event_date() -> None:
    found = _dates("Ia menjelaskan peristiwa itu terjadi pada Kamis (7/6/2018).")
    assert [(d.value, d.report) for d in found] == [("2018-06-07", False)]


def test_month_and_year() -> None:
    found = _dates("Kerusuhan terjadi pada Mei 2018.")
    assert [d.value for d in found] == ["2018-05"]


def test_a_clock_time_alone_is_not_an_event_day() -> None:
    found = _dates("Ledakan terdengar pukul 10.00 WIB.", dt.date(2024, 3, 4))
    assert found == []


def test_the_most_specific_place_in_the_order_of_the_places_stage() -> None:
    text = "Bentrokan terjadi di Jawa Barat, tepatnya di Kota Bogor."
    article = Article(id="p", text=text)
    article.places = [
        Place(21, 31, "Jawa Barat", "Jawa Barat", "1", -6.9, 107.6, "IDN", level="admin1"),
        Place(50, 55, "Bogor", "Bogor", "2", -6.6, 106.8, "IDN", level="city"),
    ]
    location = event_location(article, 0, len(text), [])
    assert location is not None and location.name == "Bogor"
    assert [p.level for p in sorted(article.places, key=specificity)] == ["city", "admin1"]


def test_casualty_counts() -> None:
    text = "Sebanyak 91 orang tewas dan 300 orang mengalami luka akibat ledakan itu."
    assert casualties(text, [(0, len(text))]) == (91, 300)
    text = "Serangan itu menewaskan sedikitnya tiga orang."
    assert casualties(text, [(0, len(text))]) == (3, None)
    assert casualties("Tidak ada korban.", [(0, 17)]) == (None, None)


def test_a_toll_stated_once_goes_to_one_event() -> None:
    from warta.events.context import one_toll_per_count
    from warta.record import Event, Offsets, Trigger

    # idnews-0005: the protest and the shooting share the sentence; the dead are the shooting's
    text = (
        "Ratusan pedemo berunjuk rasa memprotes militer Iran yang menembak jatuh pesawat "
        "Ukraina hingga menewaskan 176 orang."
    )

    def event(kind: str, trigger: str, dead: int = 176) -> Event:
        at = text.index(trigger)
        return Event(
            type=kind, mode=None, actor=None, recipient=None, location=None, date=None,
            evidence=Offsets(0, len(text)), trigger=Trigger(at, at + len(trigger), trigger),
            dead=dead, mentions=[Offsets(0, len(text))],
        )  # fmt: skip

    protest, shooting = event("PROTEST", "berunjuk rasa"), event("ASSAULT", "menembak")
    one_toll_per_count([protest, shooting], text)
    assert (protest.dead, shooting.dead) == (None, 176)
    # two triggers of one attack: the toll once, on the trigger nearest the count
    text = "Teror Bom dan Penembakan di masjid. Pemerintah melaporkan 309 orang tewas."
    bomb, gun = event("ASSAULT", "Teror Bom", 309), event("ASSAULT", "Penembakan", 309)
    one_toll_per_count([bomb, gun], text)
    assert (bomb.dead, gun.dead) == (None, 309)
