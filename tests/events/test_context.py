"""Dates and casualty counts read from sentences."""

from __future__ import annotations

import datetime as dt

from warta.events.context import casualties, fallback_dates, main_date


def test_weekday_with_day_and_month_takes_the_publication_year() -> None:
    found = fallback_dates("Pada hari Minggu (27/2), pemerintah ...", dt.date(2022, 3, 1))
    assert [d.value for d in found] == ["2022-02-27"]


def test_report_date_is_not_the_event_date() -> None:
    text = (
        "Polisi menangkap AD pada 16 Agustus 2019. "
        "Hal itu disampaikan dalam keterangan pers, Kamis (5/9/2019)."
    )
    found = fallback_dates(text, None)
    assert [(d.value, d.report) for d in found] == [("2019-08-16", False), ("2019-09-05", True)]
    assert main_date(found) == "2019-08-16"


def test_told_event_time_after_a_speech_verb_is_an_event_date() -> None:
    found = fallback_dates("Ia menjelaskan peristiwa itu terjadi pada Kamis (7/6/2018).", None)
    assert [(d.value, d.report) for d in found] == [("2018-06-07", False)]


def test_month_and_year() -> None:
    found = fallback_dates("Kerusuhan terjadi pada Mei 2018.", None)
    assert [d.value for d in found] == ["2018-05"]


def test_casualty_counts() -> None:
    text = "Sebanyak 91 orang tewas dan 300 orang mengalami luka akibat ledakan itu."
    assert casualties(text, [(0, len(text))]) == (91, 300)
    text = "Serangan itu menewaskan sedikitnya tiga orang."
    assert casualties(text, [(0, len(text))]) == (3, None)
    assert casualties("Tidak ada korban.", [(0, 17)]) == (None, None)
