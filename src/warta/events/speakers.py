"""Speakers of direct quotes as event actors: inside a quote, "kami" / "saya" is the speaker.

"“Dari tangan para tersangka kami menyita ...,” ujar Hendra": the seizure is Hendra's (his
police unit's), not the suspects'. The quotes stage (``article.quotes``) gives each quote's
span and speaker; the speaker's actor mention carries the country and sector.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from warta.events.actors import Mention
from warta.record import Article

if TYPE_CHECKING:
    from spacy.tokens import Doc

FIRST_PERSON = frozenset({"kami", "kita", "saya", "aku"})


def quote_speakers(article: Article, mentions: list[Mention]) -> list[tuple[int, int, Mention]]:
    """(start, end, speaker) of each direct quote whose speaker the quotes stage found, the
    speaker as the actor mention that names them (their fullest mention in the article)."""
    out = []
    for q in article.quotes:
        sp = q.speaker
        if sp is None or q.kind not in ("direct", "mixed"):
            continue
        over = [m for m in mentions if m.start < sp.end and sp.start < m.end and not m.locative]
        if not over:
            words = sp.name.split()
            last = words[-1] if words else ""
            over = [m for m in mentions if last and last in m.text.split() and m.sector]
        if over:
            best = max(over, key=lambda m: (m.sector is not None, m.end - m.start))
            out.append((q.start, q.end, best))
    return out


def speaker_acting(
    doc: Doc, tok: int, since: int, sent_start: int, speakers: list[tuple[int, int, Mention]]
) -> Mention | None:
    """The speaker, when token ``tok`` (an active trigger) is inside a direct quote and a
    first-person pronoun stands between token ``since`` (the end of the actor found so far,
    or the sentence start) and the trigger."""
    if not speakers:
        return None
    at = doc[tok].idx
    speaker = next((m for s, e, m in speakers if s <= at < e), None)
    if speaker is None:
        return None
    if since > tok:
        since = sent_start
    if any(t.lower_ in FIRST_PERSON for t in doc[since:tok]):
        return speaker
    return None
