"""The event coder: triggers in a sentence -> PLOVER events with actor, recipient and context.

Per sentence: match the trigger lexicon on the spaCy tokens; drop triggers that a rule
vetoes (a requested action is coded as the request only; a purpose clause, a relative clause
describing a person, or a lexicon veto); set the flags negated / hypothetical / future from
the words before the trigger; pick actor and recipient among the actor mentions by the
trigger's voice (active: subject acts on object; passive: subject is the target and the agent
follows, "ditangkap polisi"; noun: the agent follows, "serangan Rusia"). Per article: merge
repeated mentions of one action into one event (its ``mentions``), then add dates, places,
casualties, confidence and the CAMEO code.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from warta.events.actors import ActorFinder, Mention, Tokens, home_country, with_default_country
from warta.events.context import (
    DateMention,
    article_dates,
    casualties,
    event_date,
    event_location,
    main_date,
    one_toll_per_count,
)
from warta.events.lexicon import TriggerRule, cameo_code, triggers
from warta.events.speakers import quote_speakers, speaker_acting
from warta.record import Article, Event, Offsets, Participant, Trigger

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

NEGATORS = frozenset({"tidak", "tak", "belum", "bukan", "tanpa", "batal"})
CONDITIONALS = frozenset({"jika", "kalau", "apabila", "bila", "seandainya", "andaikan", "apakah"})
# Hopes and wishes with no addressee are not events (the guide's "not coded" list).
HOPES = frozenset({"berharap", "semoga", "diharapkan", "harapan", "mudah-mudahan"})
TEMPORAL_FRAMES = frozenset({"saat", "ketika", "sewaktu", "tatkala"})
MODALS = frozenset({"bisa", "dapat", "mungkin", "berpotensi", "ingin", "berharap", "harus"})
FUTURES = frozenset({"akan", "hendak", "berencana", "bakal", "segera"})
PURPOSE = frozenset({"untuk", "agar", "supaya", "guna", "demi"})
# Words that end the scope of a request ("meminta X menghentikan serangan") in a sentence.
SCOPE_END = frozenset({"karena", "sementara", "setelah", "namun", "sedangkan", "sebab", ";"})
ANAPHORA = frozenset({"itu", "tersebut", "ini"})
# A nominal trigger after one of these is the setting of another statement: it restates an
# event already reported ("Dalam pembicaraan itu", "Saat pembicaraan berlangsung").
FRAMES = frozenset({"dalam", "pada", "saat", "selama", "seusai", "usai", "sepanjang", "sejak"})
# Verbs that report a nominal event as happening ("melakukan serangan", "mengalami kekerasan");
# after any other verb the noun is only the object ("memfasilitasi serangan").
LIGHT_VERBS = frozenset(
    """melakukan melancarkan menggelar mengadakan menjalankan memulai mengalami menerima
    mendapat mendapatkan menghadapi menjadi terlibat berupa menegaskan menyatakan
    menyampaikan mengungkapkan memberikan memberi mengumumkan memberlakukan menerapkan
    menetapkan terjaring terkena kena menembakkan melepaskan melemparkan""".split()
)
CLAUSE_OPENERS = frozenset({"karena", "bahwa", "sementara", "namun", "setelah", ",", "sebab"})
# Before an event noun these make the clause subject its target: "Bupati X terjaring operasi
# tangkap tangan KPK", "pelajar yang menerima tindakan kekerasan dari aparat".
UNDERGO = frozenset(
    {"terjaring", "terkena", "kena", "mengalami", "menerima", "mendapat", "mendapatkan"}
)
# Sectors whose genitive after an event noun is its agent; other genitives are its target
# ("serangan ISIS" vs "penangkapan puluhan terduga teroris").
GENITIVE_AGENTS = {
    "ASSAULT": frozenset({"MIL", "REB", "COP", "UAF", "IGO"}),
    "COERCE": frozenset({"COP", "MIL", "GOV", "JUD"}),
    "SANCTION": frozenset({"GOV", "JUD", "IGO", "LEG"}),
}
NOUN_MODIFIERS = frozenset(
    {"udara", "roket", "rudal", "bom", "artileri", "drone", "militer", "darat", "balasan"}
)
CASUALTY = frozenset({"tewas", "meninggal", "terluka", "luka", "korban", "gugur", "terbunuh"})
NEW_EVENT = frozenset({"terpisah", "lainnya", "lain", "berikutnya", "kedua", "baru", "juga"})
AGENT_SECTORS = {
    "COERCE": {"COP", "JUD", "GOV", "MIL"},
    "SANCTION": {"JUD", "GOV", "COP"},
    "ACCUSE": {"COP", "JUD", "GOV"},
}
# What follows these is said, denied or suspected, not reported as done: "menuding TNI
# melakukan penyanderaan", "membantah bahwa aparatnya melepaskan tembakan".
CONTENT_VERBS = frozenset(
    """membantah menampik menyangkal mengklaim menduga diduga menuding menuduh dituduh
    tudingan tuduhan ditengarai disinyalir""".split()
)
SUBORDINATORS = frozenset(
    {"meskipun", "walaupun", "meski", "sambil", "seraya", "sebelum", "sesudah", "setelah"}
)
# Nouns after which an event noun names the event already told ("pelaku penusukan").
RESTATING = frozenset(
    {"pelaku", "korban", "kasus", "motif", "lokasi", "terduga", "tersangka", "penyebab", "dalang"}
)
PROMISE_VERBS = frozenset({"mengatakan", "menyatakan", "berkata", "menegaskan", "berjanji"})
SPEECH_TYPES = frozenset({"REQUEST", "ACCUSE", "SUPPORT", "AGREE", "REJECT", "THREATEN"})


@dataclass(slots=True)
class _Candidate:
    rule: TriggerRule
    sent: Span
    start: int  # trigger token span in the doc
    end: int
    actor: Mention | None
    recipient: Mention | None
    negated: bool
    hypothetical: bool
    future: bool
    fresh: bool  # the text marks it as another occurrence ("serangan udara terpisah")
    anaphoric: bool  # "serangan itu", "tudingan tersebut"
    framed: bool = False  # "Dalam pembicaraan itu, ...": restates, names no new participants
    mentions: list[tuple[int, int]] = field(default_factory=list)  # merged sentence spans


@dataclass(frozen=True, slots=True)
class _ArticleScope:
    """What ``code`` works out for one article and ``_finish`` reads: kept per call, never on
    the coder, which one process (or ``warta serve``'s threads) shares across articles."""

    home: str  # the country the story is about
    next_sentence: dict[int, tuple[int, int]]  # sentence start token -> the untold next sentence


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
        _name_coreference(by_sent)
        for ms in by_sent:
            for n, m in enumerate(ms):
                if m.defaulted and m.sector == "MIL" and not m.proper:
                    # "serangan Rusia ... menampung pasukan": the troops of the state named
                    states = [
                        x for x in ms[:n] if x.kind in ("state", "capital") and not x.locative
                    ]
                    if states and states[-1].country:
                        ms[n] = replace(m, country=states[-1].country, defaulted=False)
        self._resolve_pronouns(by_sent)
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
        events: list[_Candidate] = []
        speakers = quote_speakers(article, [m for ms in by_sent for m in ms])
        for n, found in sorted(per_sent.items()):
            for cand in self._sentence(doc, sents[n], found, by_sent[n]):
                if cand.rule.voice == "act":
                    since = cand.actor.tok_end if cand.actor is not None else cand.sent.start
                    speaker = speaker_acting(doc, cand.start, since, cand.sent.start, speakers)
                    if speaker is not None:
                        cand.actor = speaker
                        if cand.recipient is not None and cand.recipient.name == speaker.name:
                            cand.recipient = None
                self._add(events, cand, dates)
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
        told = {c.sent.start for c in events} | {
            s.start for c in events for s in sents if (s.start_char, s.end_char) in c.mentions
        }
        scope = _ArticleScope(
            home=home,
            next_sentence={
                sents[n].start: (sents[n + 1].start_char, sents[n + 1].end_char)
                for n in range(len(sents) - 1)
                if sents[n + 1].start not in told
            },
        )
        coded = [self._finish(article, c, dates, lead, all_mentions, scope) for c in events]
        one_toll_per_count(coded, article.text)
        return coded

    # -- per sentence -------------------------------------------------------------------

    def _sentence(
        self, doc: Doc, sent: Span, found: list[tuple[str, int, int]], mentions: list[Mention]
    ) -> list[_Candidate]:
        out: list[_Candidate] = []
        lower = sent.text.lower()
        request_at: int | None = None
        permit_at: int | None = None
        protest_at: int | None = None
        promises = self._promises(doc, sent, mentions)
        out.extend(promises)
        # "mengatakan kepada Macron akan menyelamatkan ...": what is promised is not done yet
        promised = {p.start + 1 for p in promises}
        for phrase, s, e in found:
            rule = self.rules[phrase]
            if s in promised:
                continue
            if rule.vetoes is not None and rule.vetoes.search(lower):
                continue
            if rule.requires is not None:
                after = doc[e : min(e + 10, sent.end)].text.lower()
                if not rule.requires.search(after):
                    continue
            before = [t.lower_ for t in doc[max(sent.start, s - 3) : s]]

            def scope_ended(at: int, s: int = s) -> bool:
                return any(t.lower_ in SCOPE_END for t in doc[at:s])

            requested = request_at is not None and not scope_ended(request_at)
            if rule.type == "REQUEST" and before[-1:] in (["serta"], ["dan"]):
                requested = False  # "menyerukan ... serta mengimbau ...": two requests
            content = [t.i for t in doc[sent.start : s] if t.lower_ in CONTENT_VERBS]
            if content and not scope_ended(content[-1]):
                if rule.type == "ACCUSE" and doc[s].lower_ in CONTENT_VERBS:
                    pass  # the accusation itself ("menuding") is coded
                else:
                    continue
            if rule.type == "REQUEST":
                request_at = e  # what follows a request is only requested, coded or not
            if requested:
                continue  # a requested action: only the request is coded
            if (
                protest_at is not None
                and rule.type in ("REQUEST", "REJECT")
                and not scope_ended(protest_at)
            ):
                continue  # "menggelar aksi ..., meminta X": the demand is the protest's content
            if _inside_name(doc, sent, s):
                continue  # "Tim Evakuasi Kemanusiaan": a trigger word inside a proper name
            if any(w in PURPOSE for w in before) and not any(w in {",", "."} for w in before):
                continue
            if before[-1:] == ["yang"] and not (
                rule.voice == "pas" and any(m.tok_start == e for m in mentions)
            ):
                continue  # "pelajar yang diamankan": describes people, restates an event
            clause = [t.lower_ for t in doc[sent.start : s]]
            if any(w in HOPES for w in clause[-6:]):
                continue
            framed = any(w in TEMPORAL_FRAMES for w in before[-2:])
            if rule.voice == "noun" and before:
                prev = before[-1]
                if prev in FRAMES or prev in RESTATING:
                    framed = True
                elif _is_verb(prev) and prev not in LIGHT_VERBS:
                    continue  # "memfasilitasi serangan": the attack is only the object
            negated = any(w in NEGATORS for w in before) and not any(
                w in {",", "."} for w in before
            )
            etype = rule.type
            if negated and phrase == "mengizinkan":
                etype, negated = "REJECT", False
            hypothetical = any(w in CONDITIONALS for w in clause) or any(
                w in MODALS for w in before[-2:]
            )
            future = not framed and any(w in FUTURES for w in _clause_tail(doc, sent.start, s, 4))
            if permit_at is not None and not scope_ended(permit_at):
                future = True  # "mengizinkan Moskow memasang senjata": allowed, not yet done
            nxt = doc[e].lower_ if e < sent.end else ""
            nxt2 = doc[e + 1].lower_ if e + 1 < sent.end else ""
            actor, recipient = self._participants(doc, sent, rule, s, e, mentions)
            if etype == "ASSAULT" and actor is not None and actor.kind in ("state", "capital"):
                actor = replace(actor, sector="MIL")
            mode = rule.mode
            if etype == "CONSULT" and "telepon" in lower:
                mode = "phone"
            if etype == "MOBILIZE" and actor is not None and actor.sector == "COP":
                mode = "police"
            if etype == "MOBILIZE" and re.search(r"\b(pengungsi|bantuan|evakuasi)\b", lower):
                etype, mode = "AID", "humanitarian"
            if etype == "ASSAULT" and mode is None and "udara" in (nxt, nxt2):
                mode = "aerial"
            out.append(
                _Candidate(
                    rule=replace(rule, type=etype, mode=mode),
                    sent=sent,
                    start=s,
                    end=e,
                    actor=actor,
                    recipient=recipient,
                    negated=negated,
                    hypothetical=hypothetical,
                    future=future,
                    fresh=bool({nxt, nxt2, *before[-2:]} & NEW_EVENT),
                    anaphoric=nxt in ANAPHORA or framed,
                    framed=framed,
                )
            )
            if phrase == "mengizinkan":
                permit_at = e
            if etype == "PROTEST":
                protest_at = e
        return out

    def _promises(self, doc: Doc, sent: Span, mentions: list[Mention]) -> list[_Candidate]:
        """ "X mengatakan kepada Y akan menyelamatkan ...": a promise (AGREE) from X to Y."""
        out = []
        for m in mentions:
            i = m.tok_start
            if (
                i >= 2
                and doc[i - 1].lower_ == "kepada"
                and doc[i - 2].lower_ in PROMISE_VERBS
                and m.tok_end + 1 < sent.end
                and doc[m.tok_end].lower_ == "akan"
            ):
                left = [x for x in mentions if x.tok_end <= i - 2 and not x.locative]
                rule = TriggerRule(
                    phrase="akan", type="AGREE", mode=None, voice="act", merge=True,
                    requires=None, vetoes=None,
                )  # fmt: skip
                out.append(
                    _Candidate(
                        rule=rule,
                        sent=sent,
                        start=m.tok_end,
                        end=m.tok_end + 2,
                        actor=left[-1] if left else None,
                        recipient=m,
                        negated=False,
                        hypothetical=False,
                        future=False,
                        fresh=False,
                        anaphoric=False,
                    )
                )
        return out

    def _participants(
        self, doc: Doc, sent: Span, rule: TriggerRule, s: int, e: int, mentions: list[Mention]
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
            if genitive is not None and genitive.kind.startswith("pronoun"):
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

    @staticmethod
    def _resolve_pronouns(by_sent: list[list[Mention]]) -> None:
        last: dict[str, Mention] = {}
        for ms in by_sent:
            for n, m in enumerate(ms):
                if m.kind == "pronoun":
                    low = m.text.lower()
                    want = "person" if low in ("ia", "dia") else "group"
                    if low.startswith("negara"):
                        want = "state"
                    ref = last.get(want) or (last.get("gov") if want == "group" else None)
                    if ref is not None:
                        ms[n] = replace(
                            m, name=ref.name, country=ref.country, sector=ref.sector,
                            kind=f"pronoun:{ref.kind}",
                        )  # fmt: skip
                elif m.kind in ("person", "name"):
                    last["person"] = m
                elif m.kind in ("group", "gov"):
                    last["group"] = m
                if m.kind in ("state", "capital") or (m.locative and m.countries):
                    last["state"] = replace(m, kind="state", sector="GOV", locative=False)

    # -- per article --------------------------------------------------------------------

    def _add(
        self, events: list[_Candidate], cand: _Candidate, dates: Sequence[DateMention]
    ) -> None:
        order = list(reversed(events))
        if cand.anaphoric and cand.rule.mode:
            # "Dalam panggilan telepon ...": the phone call, not the latest talks
            order.sort(key=lambda ev: ev.rule.mode != cand.rule.mode)
        for ev in order:
            if ev.rule.type != cand.rule.type or cand.fresh:
                continue
            span = (cand.sent.start_char, cand.sent.end_char)
            same_sentence = ev.sent.start == cand.sent.start or span in ev.mentions
            if same_sentence and not _modes_agree(ev.rule.mode, cand.rule.mode):
                continue
            if same_sentence and not (cand.rule.merge or cand.rule.phrase == ev.rule.phrase):
                continue  # "menyerukan ... serta mengimbau ...": two speech acts
            anaphoric = cand.anaphoric and ev.negated == cand.negated and ev.future == cand.future
            merge = cand.rule.merge and _compatible(ev, cand, dates)
            mergeable = same_sentence or anaphoric or merge
            if not mergeable:
                continue
            if ev.sent.start != cand.sent.start and span not in ev.mentions:
                ev.mentions.append(span)
            if cand.framed:
                return
            if ev.actor is None or (ev.actor.kind.startswith("pronoun") and cand.actor):
                ev.actor = cand.actor
            if ev.rule.mode == "explosives" and cand.rule.mode == "suicide":
                ev.rule = replace(ev.rule, mode="suicide")
            if ev.recipient is None:
                ev.recipient = cand.recipient
            return
        events.append(cand)

    def _finish(
        self,
        article: Article,
        c: _Candidate,
        dates: Sequence[DateMention],
        lead: str | None,
        mentions: list[Mention],
        scope: _ArticleScope,
    ) -> Event:
        doc = c.sent.doc
        trig = doc[c.start : c.end]
        evidence = _strip(article.text, c.sent.start_char, c.sent.end_char)
        spans = [evidence, *(_strip(article.text, s, e) for s, e in c.mentions)]
        date, source = event_date(article, dates, spans, lead=lead, future=c.future)
        dead, injured = (None, None)
        if c.rule.type in ("ASSAULT", "PROTEST", "COERCE"):
            extra = scope.next_sentence.get(c.sent.start)
            dead, injured = casualties(article.text, [*spans, *([extra] if extra else [])])
        exclude = [(m.start, m.end) for m in (c.actor, c.recipient) if m is not None]
        location = event_location(article, evidence[0], evidence[1], mentions, exclude=exclude)
        recipient = c.recipient
        if (
            recipient is not None
            and recipient.defaulted
            and recipient.sector == "CVL"
            and location is not None
            and location.country
        ):
            recipient = replace(recipient, country=location.country)
        actor = _participant(c.actor)
        if actor is None and c.rule.type == "PROTEST":
            # protesters nobody names are civilians of the country the story is about
            actor = Participant(
                text=trig.text, start=trig.start_char, end=trig.end_char, name="massa",
                country=scope.home, sector="CVL",
            )  # fmt: skip
        confidence = 0.55 + 0.2 * (c.actor is not None) + 0.1 * (c.recipient is not None)
        confidence -= 0.1 * (c.hypothetical or c.negated)
        return Event(
            type=c.rule.type,
            mode=c.rule.mode,
            actor=actor,
            recipient=_participant(recipient),
            location=location,
            date=date,
            evidence=Offsets(start=evidence[0], end=evidence[1]),
            trigger=Trigger(start=trig.start_char, end=trig.end_char, text=trig.text),
            dead=dead,
            injured=injured,
            negated=c.negated,
            hypothetical=c.hypothetical,
            future=c.future,
            confidence=round(min(confidence, 0.95), 2),
            cameo=cameo_code(c.rule.type, c.rule.mode),
            date_source=source,
            mentions=[Offsets(start=s, end=e) for s, e in spans],
        )


def _inside_name(doc: Doc, sent: Span, i: int) -> bool:
    tok = doc[i]
    return (
        i > sent.start
        and tok.text[:1].isupper()
        and doc[i - 1].text[:1].isupper()
        and doc[i - 1].is_alpha
    )


def _clause_tail(doc: Doc, sent_start: int, i: int, width: int) -> list[str]:
    """Up to ``width`` words before token ``i``, not crossing a clause boundary."""
    out: list[str] = []
    for tok in reversed(doc[max(sent_start, i - width) : i]):
        if tok.lower_ in CLAUSE_OPENERS or tok.lower_ in {"yang", "."}:
            break
        out.append(tok.lower_)
    return out


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


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_verb(word: str) -> bool:
    """A rough test for an Indonesian active or ber- verb (meN-, ber-, ter- prefixes)."""
    return len(word) > 5 and word.startswith(("me", "ber", "ter", "mem", "men", "meng", "meny"))


def _compound(doc: Doc, first: Mention, second: Mention) -> Mention:
    span = doc[first.tok_start : second.tok_end]
    country = first.country if first.country == second.country else None
    sector = first.sector if first.sector == second.sector else None
    return replace(
        first, end=second.end, tok_end=second.tok_end, text=span.text, name=span.text,
        country=country, sector=sector, kind="group",
    )  # fmt: skip


def _countries(c: _Candidate) -> set[str]:
    return {
        m.country
        for m in (c.actor, c.recipient)
        if m is not None and m.country and not m.defaulted and not m.kind.startswith("pronoun")
    }


KINDRED_MODES = ({"explosives", "suicide"}, {"arrest", "raid"}, {"demo", "riot", "obstruct"})


def _modes_agree(a: str | None, b: str | None) -> bool:
    return not a or not b or a == b or any({a, b} <= pair for pair in KINDRED_MODES)


def _compatible(a: _Candidate, b: _Candidate, dates: Sequence[DateMention]) -> bool:
    if not _modes_agree(a.rule.mode, b.rule.mode):
        return False
    if a.negated != b.negated or a.future != b.future:
        return False
    ca, cb = _countries(a), _countries(b)
    if ca and cb and not (ca <= cb or cb <= ca):
        return False
    for x, y in ((a.recipient, b.recipient), (a.actor, b.actor)):
        if x is None or y is None or x.kind.startswith("pronoun") or y.kind.startswith("pronoun"):
            continue
        if x.country and y.country and x.country != y.country:
            return False
    for x, y in ((a.recipient, b.recipient), (a.actor, b.actor)):
        if x is None or y is None or x.kind.startswith("pronoun") or y.kind.startswith("pronoun"):
            continue
        if x.sector and y.sector and x.sector != y.sector and "CRM" not in (x.sector, y.sector):
            return False  # ("pelaku", a perpetrator, may be anyone)
    ra, rb = a.recipient, b.recipient
    if (
        ra is not None
        and rb is not None
        and ra.proper
        and rb.proper
        and not _same_name(ra.name, rb.name)
    ):
        return False
    da, db = _explicit_date(a, dates), _explicit_date(b, dates)
    return not (da and db and da != db)


def _same_name(a: str, b: str) -> bool:
    wa, wb = set(a.lower().split()), set(b.lower().split())
    return bool(wa & wb)


def _explicit_date(c: _Candidate, dates: Sequence[DateMention]) -> str | None:
    """The first date the candidate's sentence writes out with its year (the times stage's)."""
    text = c.sent.doc.text
    for d in dates:
        if c.sent.start_char <= d.start < c.sent.end_char and _YEAR.search(text[d.start : d.end]):
            return d.value
    return None


_YEAR = re.compile(r"\b(19|20)\d\d\b")


def _name_coreference(by_sent: list[list[Mention]]) -> None:
    """Give a bare name the sector of a fuller mention of the same person ("Sugeng")."""
    known: dict[str, Mention] = {}
    for ms in by_sent:
        for m in ms:
            if m.proper and m.sector and m.kind in ("person", "name"):
                for word in m.text.split():
                    if len(word) > 2 and word[:1].isupper():
                        known.setdefault(word, m)
    for ms in by_sent:
        for n, m in enumerate(ms):
            if m.kind == "name" and m.sector is None:
                ref = next((known[w] for w in m.text.split() if w in known), None)
                if ref is not None:
                    country = ref.country if m.defaulted else m.country
                    ms[n] = replace(m, sector=ref.sector, country=country, kind="person")


def _participant(m: Mention | None) -> Participant | None:
    if m is None:
        return None
    return Participant(
        text=m.text, start=m.start, end=m.end, name=m.name, country=m.country, sector=m.sector
    )
