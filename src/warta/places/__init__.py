"""Places: find place names in an article and resolve them to coordinates.

- The ``places`` stage (:func:`warta.places.component.make_stage`) fills
  ``article.places`` with :class:`warta.record.Place` records: span, name, gazetteer
  id (a GeoNames id, or an own stable id such as ``ID-JB`` for a province or
  ``warta:ID-JB-kab-bogor`` for a regency), lat/lon, country (ISO3), admin1 (ISO
  3166-2 code for Indonesia, GeoNames ``CC.code`` elsewhere), feature (country |
  admin | city | other), resolution level and a confidence in [0, 1].
- The gazetteer ships in the package (``data/gazetteer.tsv.gz``, built by
  ``python -m warta.places.build``; GeoNames data, CC BY 4.0).
- :func:`locate` gives the event stage an event's location::

      place = warta.places.locate(article, start=sentence.start, end=sentence.end)

  returns the most specific resolved place mentioned inside ``[start, end)`` (a
  building or street before a district, a district before a city, a city before a
  regency, then province, country, continent; ties go to the higher confidence,
  then to the earlier mention), or ``None`` when no place is mentioned there. It
  reads ``article.places``, so the ``places`` stage must have run.
"""

from __future__ import annotations

from warta.places.gazetteer import LEVELS
from warta.record import Article, Place

__all__ = ["locate", "specificity"]


def locate(article: Article, *, start: int, end: int) -> Place | None:
    """The most specific resolved place mentioned within ``[start, end)`` of the text."""
    inside = [
        p
        for p in article.places
        if start <= p.start and p.end <= end and p.lat is not None and p.lon is not None
    ]
    if not inside:
        return None

    return min(inside, key=specificity)


def specificity(place: Place) -> tuple[int, float, int]:
    """How specific a place is (smaller: more), by ``gazetteer.LEVELS``, then confidence
    and position: the one order for every reader of ``article.places``."""
    level = LEVELS.index(place.level) if place.level in LEVELS else len(LEVELS)
    return (level, -(place.confidence or 0.0), place.start)
