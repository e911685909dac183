"""Triggers in one sentence -> event candidates: the lexicon's matches that no rule vetoes
(a requested action is coded as the request only; a purpose clause, a relative clause
describing a person, a lexicon veto), with the flags negated / hypothetical / future read
from the words before the trigger and the participants of ``warta.events.roles``."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from warta.events.actors import Mention
from warta.events.candidate import Candidate
from warta.events.lexicon import TriggerRule
from warta.events.roles import participants
from warta.events.words import (
    ANAPHORA,
    CLAUSE_OPENERS,
    CONDITIONALS,
    CONTENT_VERBS,
    FRAMES,
    FUTURES,
    HOPES,
    LIGHT_VERBS,
    MODALS,
    NEGATORS,
    NEW_EVENT,
    PROMISE_VERBS,
    PURPOSE,
    RESTATING,
    SCOPE_END,
    TEMPORAL_FRAMES,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


def sentence_candidates(
    doc: Doc,
    sent: Span,
    found: list[tuple[str, int, int]],
    mentions: list[Mention],
    rules: dict[str, TriggerRule],
) -> list[Candidate]:
    """The candidates of one sentence from the trigger matches ``found`` in it."""
    out: list[Candidate] = []
    lower = sent.text.lower()
    request_at: int | None = None
    permit_at: int | None = None
    protest_at: int | None = None
    promised_events = promises(doc, sent, mentions)
    out.extend(promised_events)
    # "mengatakan kepada Macron akan menyelamatkan ...": what is promised is not done yet
    promised = {p.start + 1 for p in promised_events}
    for phrase, s, e in found:
        rule = rules[phrase]
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
        negated = any(w in NEGATORS for w in before) and not any(w in {",", "."} for w in before)
        etype = rule.type
        if negated and phrase == "mengizinkan":
            etype, negated = "REJECT", False
        hypothetical = any(w in CONDITIONALS for w in clause) or any(
            w in MODALS for w in before[-2:]
        )
        future = not framed and any(w in FUTURES for w in clause_tail(doc, sent.start, s, 4))
        if permit_at is not None and not scope_ended(permit_at):
            future = True  # "mengizinkan Moskow memasang senjata": allowed, not yet done
        nxt = doc[e].lower_ if e < sent.end else ""
        nxt2 = doc[e + 1].lower_ if e + 1 < sent.end else ""
        actor, recipient = participants(doc, sent, rule, s, e, mentions)
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
            Candidate(
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


def promises(doc: Doc, sent: Span, mentions: list[Mention]) -> list[Candidate]:
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
                Candidate(
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


def _inside_name(doc: Doc, sent: Span, i: int) -> bool:
    tok = doc[i]
    return (
        i > sent.start
        and tok.text[:1].isupper()
        and doc[i - 1].text[:1].isupper()
        and doc[i - 1].is_alpha
    )


def clause_tail(doc: Doc, sent_start: int, i: int, width: int) -> list[str]:
    """Up to ``width`` words before token ``i``, not crossing a clause boundary."""
    out: list[str] = []
    for tok in reversed(doc[max(sent_start, i - width) : i]):
        if tok.lower_ in CLAUSE_OPENERS or tok.lower_ in {"yang", "."}:
            break
        out.append(tok.lower_)
    return out


def _is_verb(word: str) -> bool:
    """A rough test for an Indonesian active or ber- verb (meN-, ber-, ter- prefixes)."""
    return len(word) > 5 and word.startswith(("me", "ber", "ter", "mem", "men", "meng", "meny"))
