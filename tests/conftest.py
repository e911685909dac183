"""Fixtures shared by the whole suite."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from warta.paths import shared_data
from warta.record import Article, Entity, Event, Offsets, Participant, Quote, Speaker, Trigger


@pytest.fixture(scope="session")
def shared() -> Path:
    """``../shared/data``; tests that need it skip with a message when it is absent."""
    path = shared_data()
    if path is None:
        pytest.skip("../shared/data not found (set WARTA_SHARED_DATA to run this test)")
    return path


@pytest.fixture(scope="session")
def seed_path(shared: Path) -> Path:
    return shared / "seed" / "asiatoday-2022-03-01.txt"


def make_article(text: str = "Polisi menangkap dua orang di Bogor.", **kwargs: object) -> Article:
    """A small annotated article for store and export tests."""
    start = text.find("Polisi")
    article = Article(id=str(kwargs.pop("id", "a1")), text=text, **kwargs)  # type: ignore[arg-type]
    article.published = article.published or dt.date(2024, 5, 15)
    if start >= 0:
        article.entities.append(Entity(start, start + 6, "Polisi", "ORG"))
        article.events.append(
            Event(
                type="COERCE",
                mode="arrest",
                actor=Participant("Polisi", start, start + 6, "Polri", "IDN", "COP"),
                recipient=None,
                location=None,
                date="2024-05-15",
                evidence=Offsets(0, len(text)),
                trigger=Trigger(start + 7, start + 16, text[start + 7 : start + 16]),
            )
        )
        article.quotes.append(
            Quote(
                0, len(text), text, "indirect", None, Speaker(start, start + 6, "Polisi", "Polri")
            )
        )
    return article


@pytest.fixture
def article_factory():  # type: ignore[no-untyped-def]
    return make_article
