"""Actor and recipient of a trigger among the sentence's actor mentions, by the trigger's
voice: active (subject acts on object), passive (the subject is the target and the agent
follows, "ditangkap polisi"), noun (the agent follows, "serangan Rusia")."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from warta.events.actors import Mention
from warta.events.lexicon import TriggerRule
from warta.events.words import (
    AGENT_SECTORS,
    CASUALTY,
    CLAUSE_OPENERS,
    GENITIVE_AGENTS,
    NOUN_MODIFIERS,
    SPEECH_TYPES,
    SUBORDINATORS,
    UNDERGO,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


def participants(
    doc: Doc, sent: Span, rule: TriggerRule, s: int, e: int, mentions: list[Mention]
) -> tuple[Mention | None, Mention | None]:
    usable = [m for m in mentions if not m.locative]
    left = [m for m in usable if m.tok_end <= s]
    right = [m for m in usable if m.tok_start >= e]
    actor = recipient = None

    def after(window: int) -> Mention | None:
        for m in right:
            gap = [t.lower_ for t in doc[e : m.tok_start]]
            if m.tok_start - e > window or any(t in {".", ";", "karena", "yang"} for t in gap):
                return None
            return m
        return None

    def agent_by_oleh(preps: tuple[str, ...] = ("oleh",)) -> Mention | None:
        for m in right:
            if m.tok_start - e > 8:
                break
            gap = {t.lower_ for t in doc[e : m.tok_start]}
            if doc[m.tok_start - 1].lower_ in preps and "yang" not in gap:
                return m
        return None

    def subject() -> tuple[Mention | None, Mention | None]:
        """The nearest mention on the left; with "X dan Y" both parts."""
        if not left:
            return None, None
        pool = left
        if rule.type in SPEECH_TYPES or rule.voice == "noun":
            # "Putin menekankan bahwa ... syarat utama": the speaker is before "bahwa"
            cut = [t.i for t in doc[sent.start : s] if t.lower_ == "bahwa"]
            if cut:
                pool = [m for m in left if m.tok_end <= cut[-1]] or left
        last = pool[-1]
        if len(pool) > 1:
            between = {t.lower_ for t in doc[pool[-2].tok_end : last.tok_start]}
            if "yang" in between and not between & {",", "dan", "."}:
                last = pool[-2]  # "Massa yang mendukung Ahok ... menggelar aksi"
        if last.tok_start >= 2 and doc[last.tok_start - 1].lower_ == "dan":
            for m in pool:
                if m.tok_end == last.tok_start - 1:
                    return m, last
        return last, None

    undergo = s > sent.start and doc[s - 1].lower_ in UNDERGO
    if rule.voice == "noun" and undergo:
        # "X terjaring operasi tangkap tangan KPK": X is the target, the agent follows
        subj, _ = subject()
        recipient = subj
        actor = agent_by_oleh(("oleh", "dari")) or after(0)
        return actor, recipient
    if rule.voice == "act":
        actor, partner = subject()
        subs = [t.i for t in doc[sent.start : s] if t.lower_ in SUBORDINATORS]
        if subs and not any(subs[-1] < m.tok_start for m in left):
            # "X dipecat ... meskipun telah meminta maaf": the elided subject is X
            firsts = [m for m in usable if m.tok_end <= subs[-1]]
            if firsts:
                actor, partner = firsts[0], None
        if s > sent.start and doc[s - 1].lower_ == "dengan":
            # "peran negara itu dalam memfasilitasi ... dengan menampung": the agent is
            # the subject of the clause the manner phrase belongs to
            bounds = [t.i for t in doc[sent.start : s] if t.lower_ in CLAUSE_OPENERS]
            opener = bounds[-1] if bounds else sent.start
            first = [m for m in left if m.tok_start >= opener]
            if first:
                actor, partner = first[0], None
        recipient = after(6)
        adjacent = recipient is not None and recipient.tok_start == e
        for m in right:
            if adjacent:
                break
            gap = {t.lower_ for t in doc[e : m.tok_start]}
            if m.tok_start - e > 10 or gap & {".", ";", "karena", "yang", "untuk", "agar"}:
                break
            if doc[m.tok_start - 1].lower_ in ("kepada", "terhadap"):
                recipient = m  # "menjatuhkan hukuman ... kepada Bupati X"
                break
        if partner is not None:
            if rule.type == "CONSULT" and recipient is None:
                recipient = partner
                if partner.kind == "state" and actor is not None and actor.kind != "state":
                    recipient = replace(partner, sector=actor.sector)
            elif actor is not None:
                actor = _compound(doc, actor, partner)
    elif rule.voice == "pas":
        recipient = left[-1] if left else None
        actor = agent_by_oleh() or after(1)
        if actor is None and rule.type in AGENT_SECTORS:
            fits = [
                m
                for m in left
                if m is not recipient
                and m.kind in ("gov", "group")
                and m.sector in AGENT_SECTORS[rule.type]
            ]
            actor = fits[-1] if fits else None
    else:
        genitive = after(0)
        if genitive is None and e < sent.end and doc[e].lower_ in NOUN_MODIFIERS:
            genitive = after(1)  # "serangan udara Rusia"
        agent = agent_by_oleh()
        if agent is None and doc[e : e + 2].text.lower() == "yang dilakukan":
            # "penyiksaan yang dilakukan personel Brimob"
            agent = next((m for m in right if m.tok_start in (e + 2, e + 3)), None)
        if genitive is not None and genitive.kind == "pronoun":
            genitive = None
        if agent is not None:
            actor = agent
            if genitive is not None and genitive is not agent:
                recipient = genitive  # "pembantaian pekerja ... oleh kelompok bersenjata"
        elif genitive is not None and (
            genitive.kind in ("state", "capital", "gov", "igo")
            or rule.type not in GENITIVE_AGENTS
            or genitive.sector in GENITIVE_AGENTS[rule.type]
        ):
            actor = genitive  # "serangan Rusia", "operasi tangkap tangan KPK"
        elif genitive is not None:
            recipient = genitive  # "penembakan warga": the genitive is the target
            subj, partner = subject()
            actor = subj
        else:
            subj, partner = subject()
            actor = agent_by_oleh() or subj
            if partner is not None and actor is subj and subj is not None:
                if rule.type == "CONSULT":
                    recipient = partner
                    if partner.kind == "state" and subj.kind != "state":
                        recipient = replace(partner, sector=subj.sector)
                else:
                    actor = _compound(doc, subj, partner)
        if rule.type == "ASSAULT" and left and recipient is None:
            # "11 warga sipil tewas dalam serangan Rusia": the left mention is the victim
            gap = {t.lower_ for t in doc[left[-1].tok_end : s]}
            if gap & CASUALTY:
                recipient = left[-1]
                if actor is not None and actor.tok_start == left[-1].tok_start:
                    actor = None
        for m in right:
            if recipient is not None:
                break
            if m is not actor and doc[m.tok_start - 1].lower_ in {"terhadap", "kepada", "atas"}:
                recipient = m
    if rule.type == "CONSULT" and actor is not None and recipient is None:
        # "bertemu dengan X": X is the other party
        for m in right:
            if m.tok_start > 0 and doc[m.tok_start - 1].lower_ == "dengan":
                recipient = m
                break
    if (
        recipient is not None
        and recipient.kind in ("group", "gov")
        and recipient.defaulted
        and recipient.tok_end + 1 < sent.end
        and doc[recipient.tok_end].lower_ in ("ke", "kepada")
    ):
        # "enggan mengirim delegasi ke Belarusia": the state is the one addressed
        for m in mentions:
            if m.tok_start == recipient.tok_end + 1 and m.kind in ("state", "capital"):
                recipient = replace(m, sector=m.sector or "GOV", locative=False)
    if actor is not None and recipient is not None and actor.name == recipient.name:
        recipient = None
    return actor, recipient


def _compound(doc: Doc, first: Mention, second: Mention) -> Mention:
    span = doc[first.tok_start : second.tok_end]
    country = first.country if first.country == second.country else None
    sector = first.sector if first.sector == second.sector else None
    return replace(
        first, end=second.end, tok_end=second.tok_end, text=span.text, name=span.text,
        country=country, sector=sector, kind="group",
    )  # fmt: skip
