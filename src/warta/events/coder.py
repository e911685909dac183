"""The event coder: triggers in a sentence -> PLOVER events with actor, recipient and context.

The parts, in the order ``EventCoder.code`` runs them over one article:

- mentions and actors: ``warta.events.actors`` (the actor mentions of each sentence, their
  country and sector) and ``warta.events.coreference`` (pronouns and names mentioned again);
- triggers: ``warta.events.triggers`` (the lexicon's matches in a sentence that no rule
  vetoes, with the flags negated / hypothetical / future);
- roles: ``warta.events.roles`` (actor and recipient by the trigger's voice);
- identity: ``warta.events.merge`` (repeated mentions of one action become one event);
- record building: ``warta.events.build`` (dates, place, casualties, confidence, CAMEO code,
  from the record's ``times`` and ``places``).

They pass ``warta.events.candidate.Candidate`` between them; the word classes they test
come from ``data/words-id.tsv`` (``warta.events.words``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from warta.events.actors import ActorFinder, Mention, Tokens, home_country, with_default_country
from warta.events.build import build_event
from warta.events.candidate import ArticleScope, Candidate
from warta.events.context import article_dates, main_date, one_toll_per_count
from warta.events.coreference import name_coreference, resolve_pronouns
from warta.events.lexicon import triggers
from warta.events.merge import add
from warta.events.speakers import quote_speakers, speaker_acting
from warta.events.triggers import sentence_candidates
from warta.record import Article, Event

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span


class EventCoder:
    """Built once per process and shared: ``code(article, doc)`` keeps nothing on ``self``."""

    def __init__(self, nlp: Language, *, lang: str = "id") -> None:
        from spacy.matcher import PhraseMatcher

        self.rules = {r.phrase: r for r in triggers(lang)}
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for phrase in self.rules:
            self.matcher.add(phrase, [nlp.make_doc(phrase)])
        self.actors = ActorFinder(nlp, lang=lang)
        self._strings = nlp.vocab.strings

    def code(self, article: Article, doc: Doc) -> list[Event]:
        toks = Tokens(doc, article.text)
        pieces = self.actors.pieces(doc, toks)
        sents = _sentences(article, doc)
        by_sent: list[list[Mention]] = [
            self.actors.mentions(doc, s.start, s.end, pieces, toks) for s in sents
        ]
        if article.dateline is not None:
            cut = article.dateline.end  # "ASIATODAY.ID, MOSKOW –" names the desk, not an actor
            by_sent = [[m for m in ms if m.start >= cut] for ms in by_sent]
        home = home_country(m for ms in by_sent for m in ms)
        by_sent = [[with_default_country(m, home) for m in ms] for ms in by_sent]
        name_coreference(by_sent)
        for ms in by_sent:
            for n, m in enumerate(ms):
                if m.defaulted and m.sector == "MIL" and not m.proper:
                    # "serangan Rusia ... menampung pasukan": the troops of the state named
                    states = [
                        x for x in ms[:n] if x.kind in ("state", "capital") and not x.locative
                    ]
                    if states and states[-1].country:
                        ms[n] = replace(m, country=states[-1].country, defaulted=False)
        resolve_pronouns(by_sent)
        matches = sorted(
            ((self._strings[mid], s, e) for mid, s, e in self.matcher(doc)),
            key=lambda x: (x[1], -(x[2] - x[1])),
        )
        sent_of: dict[int, int] = {}
        for n, sent in enumerate(sents):
            for i in range(sent.start, sent.end):
                sent_of[i] = n
        per_sent: dict[int, list[tuple[str, int, int]]] = {}
        last_end = -1
        for phrase, m_start, m_end in matches:
            if m_start < last_end:
                continue  # overlapping shorter match ("tewas" inside "tewas dalam operasi")
            last_end = m_end
            if (n_sent := sent_of.get(m_start)) is not None:
                per_sent.setdefault(n_sent, []).append((phrase, m_start, m_end))
        dates = article_dates(article)
        events: list[Candidate] = []
        speakers = quote_speakers(article, [m for ms in by_sent for m in ms])
        for n, found in sorted(per_sent.items()):
            for cand in sentence_candidates(doc, sents[n], found, by_sent[n], self.rules):
                if cand.rule.voice == "act":
                    since = cand.actor.tok_end if cand.actor is not None else cand.sent.start
                    speaker = speaker_acting(doc, cand.start, since, cand.sent.start, speakers)
                    if speaker is not None:
                        cand.actor = speaker
                        if cand.recipient is not None and cand.recipient.name == speaker.name:
                            cand.recipient = None
                add(events, cand, dates)
        for n, ev in enumerate(events):
            if ev.actor is None and ev.rule.type == "REQUEST" and ev.recipient is not None:
                # "Putin juga diminta ...": the same requester as the request before
                for prev in reversed(events[:n]):
                    if (
                        prev.rule.type == "REQUEST"
                        and prev.actor is not None
                        and (
                            prev.recipient is not None and prev.recipient.name == ev.recipient.name
                        )
                    ):
                        ev.actor = prev.actor
                        break
        lead = main_date(dates)
        all_mentions = [m for ms in by_sent for m in ms]
        # a sentence right after an event's own that states no event of its own often gives
        # its toll ("Sebanyak 13 orang meninggal dan 43 lainnya luka-luka.")
        sent_at: dict[tuple[int, int], list[int]] = {}  # a sentence's characters -> its start
        for s in sents:
            sent_at.setdefault((s.start_char, s.end_char), []).append(s.start)
        told = {c.sent.start for c in events} | {
            i for c in events for span in c.mentions for i in sent_at.get(span, ())
        }
        scope = ArticleScope(
            home=home,
            next_sentence={
                sents[n].start: (sents[n + 1].start_char, sents[n + 1].end_char)
                for n in range(len(sents) - 1)
                if sents[n + 1].start not in told
            },
        )
        coded = [build_event(article, c, dates, lead, all_mentions, scope) for c in events]
        one_toll_per_count(coded, article.text)
        return coded


def _sentences(article: Article, doc: Doc) -> list[Span]:
    """The nlp stage's sentences (``article.sentences``) as spans; ``doc.sents`` without it."""
    if not article.sentences:
        return list(doc.sents)
    out = []
    for o in article.sentences:
        span = doc.char_span(o.start, o.end, alignment_mode="expand")
        if span is not None and len(span):
            out.append(span)
    return out
