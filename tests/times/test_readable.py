"""TIMEX3 values in words for people."""

from __future__ import annotations

import pytest

from warta.times.readable import readable


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("2024-05-13", "13 May 2024"),
        ("2024-05-13TNI", "13 May 2024, at night"),
        ("2024-05-13TMO", "13 May 2024, in the morning"),
        ("2022-02-28T10:00", "28 February 2022, 10:00"),
        ("2024-06", "June 2024"),
        ("2025", "2025"),
        ("2024-W21", "week 21 of 2024"),
        ("2024-W20-WE", "the weekend of week 20 of 2024"),
        ("P2W", "2 weeks"),
        ("P1D", "1 day"),
        ("PT90M", "90 minutes"),
        ("P7Y", "7 years"),
        ("XXXX-WXX-1", "every Monday"),
        ("2024-03-01/2024-03-05", "1 March 2024 to 5 March 2024"),
        ("PRESENT_REF", "now"),
        (None, "unknown"),
        ("weird", "weird"),
    ],
)
def test_readable(value: str | None, words: str) -> None:
    assert readable(value) == words
