"""A weekday written beside a day/month checks the year the context lends it."""

from __future__ import annotations

from warta.times import find_times


def test_a_weekday_that_disagrees_with_the_context_year_leaves_the_year_open() -> None:
    # idnews-0082's case: the only full date is history (1985); "Selasa (19/9)" is a Tuesday,
    # and 19 September 1985 was a Thursday, so the text's date cannot lend its year
    text = "Gempa terjadi pada 19 September 1985 di Meksiko. Selasa siang (19/9), gempa kembali."
    by_text = {t.text: t for t in find_times(text)}
    assert by_text["19 September 1985"].value == "1985-09-19"
    assert by_text["Selasa siang (19/9)"].value is not None
    assert by_text["Selasa siang (19/9)"].value.startswith("XXXX-09-19")
    assert by_text["Selasa siang (19/9)"].anchor == "none"


def test_a_weekday_that_agrees_keeps_the_context_year() -> None:
    text = "Sidang digelar Senin (3/1/2022). Selasa (4/1) sidang dilanjutkan."
    by_text = {t.text: t for t in find_times(text)}
    assert by_text["Selasa (4/1)"].value == "2022-01-04"
    assert by_text["Selasa (4/1)"].anchor == "text"
