"""The ``places`` stage: fill ``article.places`` from the Doc (``warta.nlp.doc_for``) and the
nlp stage's entities (``article.entities``).

Each resolved mention becomes a :class:`warta.record.Place`. A street or building
("Jalan Sudirman, Jakarta Pusat", "RSUD Karangasem") becomes a place of level
``street``/``building`` and feature ``other``, with the id and point of the first known
place of the address after it, else of a place named inside a building's name; a
street's own name never locates it ("Jalan Raya Bogor" is not in Bogor), and one
nothing locates is left out. Its confidence is the locating place's, times 0.8.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from warta.nlp import doc_for
from warta.places.gazetteer import Entry, Gazetteer, load_gazetteer, load_villages
from warta.places.resolve import (
    Mention,
    add_entity_mentions,
    confidence,
    find_mentions,
    resolve,
)
from warta.record import Article, Place

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from warta.pipeline import PipelineConfig

# a street or building is located by the first known place of the address after it:
# "Jalan Bojong Nangka II, Kelurahan Jatirahayu, Kecamatan Pondok Melati, Kota Bekasi"
AFTER_SPAN = 80
ADDRESS = re.compile(r"(?:[\s,]+(?:[A-Z][\w.'/-]*|\d+))*[\s,]*\Z")
BUILDING_DISCOUNT = 0.8


def entity_spans(article: Article, doc: Doc) -> list[Span]:
    """The nlp stage's entities (``article.entities``, the record's, with the dateline cut
    off) as spans of the Doc, for the cue words a name begins with."""
    spans = []
    for e in article.entities:
        span = doc.char_span(e.start, e.end, label=e.label, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    return spans


def _place(text: str, m: Mention, entry: Entry, conf: float, *, name: str | None = None) -> Place:
    feature = "other" if m.kind != "place" else entry.feature
    return Place(
        start=m.start,
        end=m.end,
        text=text[m.start : m.end],
        name=name or entry.name,
        geonameid=entry.id,
        lat=entry.lat,
        lon=entry.lon,
        country=entry.country or None,
        admin1=entry.admin1,
        feature=feature,
        confidence=conf,
        level=m.kind if m.kind != "place" else entry.level,
    )


def dateline_country(article: Article, gaz: Gazetteer) -> str | None:
    if article.dateline is None or not article.dateline.place:
        return None
    found = gaz.lookup(article.dateline.place)
    if not found:
        return None
    return max(found, key=lambda e: (e.country == "IDN", e.population)).country


def places_of(article: Article, doc: Doc, gaz: Gazetteer) -> list[Place]:
    """Resolved places of one article, in text order."""
    text = article.text
    # the NER model's person spans are not used as vetoes: on the dev set they took more
    # towns ("Pengambilalihan Hajin", "menuju Oaxaca") than they saved from persons, whose
    # names the first-name and surname rules of the matcher already catch
    persons: list[tuple[int, int]] = []
    rejected: list[tuple[int, int]] = []
    mentions = find_mentions(doc, gaz, skip=persons, rejected=rejected, text=text)
    mentions = add_entity_mentions(mentions, entity_spans(article, doc), gaz, rejected=rejected)
    places_m = [m for m in mentions if m.kind == "place" and m.candidates]
    resolve(places_m, dateline_country=dateline_country(article, gaz))
    places_m = [m for m in places_m if m.candidates]
    conf = {id(m): confidence(m) for m in places_m}

    out: list[Place] = []
    inside: set[int] = set()
    for b in (m for m in mentions if m.kind != "place"):
        inner = [m for m in places_m if b.name_start <= m.start and m.end <= b.end]
        if b.kind == "street":
            # a street named after a place ("Jalan Bali", "Jalan Raya Bogor") is neither
            # located there nor a mention of it
            inside.update(id(m) for m in inner)
            inner = []
        after = [
            m
            for m in places_m
            if b.end <= m.start <= b.end + AFTER_SPAN and ADDRESS.match(text, b.end, m.start)
        ]
        locators = after[:1] or inner[-1:]
        if not locators:
            continue
        locator = locators[0]
        if locator.candidates[0].level in ("country", "continent"):
            continue  # "Gereja Kristen Indonesia" is not located by its name
        entry = locator.candidates[0]
        out.append(
            _place(
                text,
                b,
                entry,
                round(conf[id(locator)] * BUILDING_DISCOUNT, 3),
                name=" ".join(text[b.start : b.end].split()),
            )
        )
    for m in places_m:
        if id(m) not in inside:
            out.append(_place(text, m, m.candidates[0], conf[id(m)], name=m.village))
    out.sort(key=lambda p: (p.start, p.end))
    return out


def make_stage(config: PipelineConfig) -> Callable[[Article], None]:
    """Load the gazetteer once; the stage fills ``article.places``."""
    gaz = load_gazetteer()
    load_villages()  # read here, not on the first article that names a village

    def stage(article: Article) -> None:
        article.places = places_of(article, doc_for(article), gaz)

    return stage
