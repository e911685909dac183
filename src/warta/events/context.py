"""Dates, places and casualty counts for an event, read from its sentences.

Every fact here is another stage's, read from the record: dates are the times stage's
(``article.times``; this module only tells a date of the report from a date of an event),
places the places stage's (``warta.places.locate`` and its ``specificity`` order), else a
state or capital named after a locative preposition.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from warta.events.actors import Mention
from warta.places import locate, specificity
from warta.record import Article, Event, Location

# A clock time is the event's day only where the text names the day too ("Senin (4/3) pukul
# 10.00", "9 Mei pukul 10.00"); alone, its day is the times stage's guess.
_WRITTEN_DAY = re.compile(
    r"\d{1,2}/\d{1,2}|\b(januari|februari|maret|april|mei|juni|juli|agustus|september|"
    r"oktober|november|desember|senin|selasa|rabu|kamis|jumat|sabtu|minggu|kemarin)\b",
    re.IGNORECASE,
)
# A date after one of these within the clause dates the report, not the event.
_REPORT_CUE = re.compile(
    r"\b(kata|ujar|ucap|tutur|ungkap|jelas|imbuh|sebut|dikutip|dilansir|mengatakan|menyatakan|"
    r"menjelaskan|menuturkan|keterangan|konferensi pers|dihubungi|melaporkan|seperti)\b[^.]{0,80}$",
    re.IGNORECASE,
)
# ... unless the date is introduced as the time of what is told ("terjadi pada Kamis (7/6)")
_REPORT_AFTER = re.compile(
    r"^[^.,]{0,25},\s*(mengatakan|menyatakan|menjelaskan|mengungkapkan|menuturkan|menegaskan|"
    r"menyampaikan|menyebutkan|memaparkan)\b",
    re.IGNORECASE,
)
_EVENT_TIME = re.compile(r"\b(pada|terjadi|sejak|tanggal|tertanggal)\s+(\w+\s+){0,2}$", re.I)
_BACKGROUND = re.compile(
    r"\b(sebelumnya|pernah|sejak|lalu|silam|dahulu|dulu|terakhir|tahun ini)\b", re.IGNORECASE
)
_CURRENT = re.compile(r"\b(saat ini|tengah|sedang|hari ini|kini)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    value: str  # YYYY-MM-DD or YYYY-MM
    report: bool  # dates the report, not an event
    text: str = ""  # as written (``article.text[start:end]``)


def article_dates(article: Article) -> list[DateMention]:
    """The dates the times stage found (``article.times``), each marked when it dates the
    report rather than an event."""
    out = []
    text = article.text
    for t in article.times:
        m = re.match(r"\d{4}-\d{2}(-\d{2})?(?=$|T)", t.value or "")
        if m is None or t.type not in ("DATE", "TIME"):
            continue
        if t.type == "TIME" and not _WRITTEN_DAY.search(t.text):
            continue  # a clock time alone: its day is the times stage's guess
        clause_start = max(text.rfind(". ", 0, t.start), text.rfind("\n", 0, t.start)) + 1
        before = text[clause_start : t.start]
        report = bool(_REPORT_CUE.search(before)) and not _EVENT_TIME.search(before)
        report = report or bool(_REPORT_AFTER.match(text[t.end : t.end + 60]))
        out.append(DateMention(t.start, t.end, m.group(0), report, t.text))
    return out


def main_date(dates: Sequence[DateMention]) -> str | None:
    """The first full date that does not date the report: the article's lead event date."""
    for d in dates:
        if not d.report and len(d.value) == 10:
            return d.value
    return None


def event_date(
    article: Article,
    dates: Sequence[DateMention],
    spans: Sequence[tuple[int, int]],
    *,
    lead: str | None,
    future: bool,
) -> tuple[str | None, str]:
    """(date, source) for an event stated in ``spans`` (evidence first, then mentions).

    Sources: ``text`` (a date in the event's sentences), ``text:context`` (the date of the
    sentence or two before, which the story goes on from), ``text:article`` (the article's
    lead event date, for an undated mention of its main story), ``published`` (the text
    presents the event as current, or it is the lede of a story with no other date, and the
    publication date is known), ``none``.
    """
    if future:
        return None, "none"  # a date in the sentence dates the announcement, not the event
    for start, end in spans:
        inside = [d for d in dates if start <= d.start < end and not d.report]
        if inside:
            return inside[0].value, "text"
    start, end = spans[0]
    sentence = article.text[start:end]
    if _BACKGROUND.search(sentence):
        return None, "none"
    # the two sentences before, within the paragraph
    window = max(article.text.rfind(". ", 0, max(0, start - 2)), 0)
    window = max(article.text.rfind(". ", 0, max(0, window - 2)), 0)
    window = max(window, article.text.rfind("\n", 0, start))
    near = [d for d in dates if window <= d.start < start and not d.report and len(d.value) == 10]
    if near:
        return near[-1].value, "text:context"
    if lead is not None:
        return lead, "text:article"
    if article.published is not None and (_CURRENT.search(sentence) or start < 120):
        return article.published.isoformat(), "published"
    return None, "none"


_NUM = {
    "seorang": 1, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6,
    "tujuh": 7, "delapan": 8, "sembilan": 9, "sepuluh": 10, "sebelas": 11,
}  # fmt: skip
_COUNT = (
    r"(\d+(?:\.\d{3})*|seorang|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh"
    r"|sebelas)"
)
# words between a count and its verb: no other count, no "dan" (that starts another group)
_GAP = r"(?:(?!dan\b|\d)[\w-]+\s+){0,6}?"
_DIED = r"(?:tewas|meninggal|terbunuh|gugur|korban jiwa)"
_DEAD_RES = (
    # "Dua anggota MIT dan satu anggota TNI meninggal": the groups add up
    re.compile(rf"\b{_COUNT}\s+{_GAP}dan\s+{_COUNT}\s+{_GAP}{_DIED}\b", re.IGNORECASE),
    re.compile(rf"\b{_COUNT}\s+{_GAP}{_DIED}\b", re.IGNORECASE),
    re.compile(
        rf"\b(?:menewaskan|membunuh)\s+(?:sedikitnya\s+|setidaknya\s+|seluruh\s+|sekitar\s+)?"
        rf"{_COUNT}\b",
        re.IGNORECASE,
    ),
)
_INJURED_RES = (
    re.compile(
        rf"\b{_COUNT}\s+{_GAP}(?:luka|terluka|luka-luka|cedera|korban luka)\b",
        re.IGNORECASE,
    ),
    re.compile(rf"\b(?:melukai|mencederai)\s+{_COUNT}\b", re.IGNORECASE),
    re.compile(rf"\bmemicu\s+{_COUNT}\s+korban luka\b", re.IGNORECASE),
)


def _number(word: str) -> int | None:
    word = word.lower().replace(".", "")
    if word.isdigit():
        return int(word)
    return _NUM.get(word)


def casualties(text: str, spans: Sequence[tuple[int, int]]) -> tuple[int | None, int | None]:
    """(dead, injured) stated in the event's sentences; the first count found wins."""
    dead = injured = None
    for start, end in spans:
        sentence = text[start:end]
        if dead is None:
            for rx in _DEAD_RES:
                if m := rx.search(sentence):
                    counts = [_number(g) for g in m.groups() if g]
                    if all(c is not None for c in counts):
                        dead = sum(c for c in counts if c is not None)
                    break
        if injured is None:
            for rx in _INJURED_RES:
                if m := rx.search(sentence):
                    injured = _number(m.group(1))
                    break
    return dead, injured


def casualty_at(text: str, spans: Sequence[tuple[int, int]]) -> int | None:
    """Where ``casualties`` found its first count (dead first, then injured), or None."""
    for patterns in (_DEAD_RES, _INJURED_RES):
        for start, end in spans:
            for rx in patterns:
                if m := rx.search(text, start, end):
                    return m.start()
    return None


def one_toll_per_count(events: list[Event], text: str) -> None:
    """A count stated once belongs to one event, not to every event of its sentence: an
    attack's ("berunjuk rasa ... menembak ... menewaskan 176": the shooting's, not the
    protest's), in the count's sentence, nearest to the count; two triggers of one attack
    ("Teror Bom dan Penembakan ... 309 orang tewas") report one toll."""
    by_count: dict[int, list[Event]] = {}
    for ev in events:
        if ev.dead is None and ev.injured is None:
            continue
        spans = [(m.start, m.end) for m in ev.mentions] or [(ev.evidence.start, ev.evidence.end)]
        at = casualty_at(text, spans)
        if at is not None:
            by_count.setdefault(at, []).append(ev)
    for at, sharing in by_count.items():
        if len(sharing) < 2:
            continue

        def claim(ev: Event, at: int = at) -> tuple[bool, bool, int]:
            together = any(
                m.start <= at < m.end and m.start <= ev.trigger.start < m.end for m in ev.mentions
            )
            return (not together, ev.type != "ASSAULT", abs(ev.trigger.start - at))

        keep = min(sharing, key=claim)
        for ev in sharing:
            if ev is not keep:
                ev.dead = ev.injured = None


def event_location(
    article: Article,
    start: int,
    end: int,
    mentions: Sequence[Mention],
    *,
    exclude: Sequence[tuple[int, int]] = (),
) -> Location | None:
    """Where the event in [start, end) happened, through the places stage when it exists.

    Places inside the actor's or recipient's mention (``exclude``: "pemerintah di Minsk")
    name who acted, not where.
    """
    pieces = [(start, end)]
    for a, b in sorted(exclude):
        pieces = [
            part
            for s0, e0 in pieces
            for part in ((s0, min(e0, a)), (max(s0, b), e0))
            if part[0] < part[1]
        ]
    found = [p for s0, e0 in pieces if (p := locate(article, start=s0, end=e0)) is not None]
    if found:
        place = min(found, key=specificity)  # the most specific of the pieces' places
        return Location(
            text=place.text, name=place.name, lat=place.lat, lon=place.lon,
            country=place.country, start=place.start, end=place.end,
        )  # fmt: skip
    for place in article.places:
        if start <= place.start < end:
            return Location(
                text=place.text, name=place.name, lat=place.lat, lon=place.lon,
                country=place.country, start=place.start, end=place.end,
            )  # fmt: skip
    for m in mentions:
        if m.locative and m.countries and start <= m.start < end:
            return Location(
                text=m.text, name=m.name, lat=None, lon=None, country=m.countries[-1],
                start=m.start, end=m.end,
            )  # fmt: skip
    return None
