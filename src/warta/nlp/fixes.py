"""``warta_ner_fixes``: rules after the NER model and the KB entity ruler that repair its
systematic errors on whole news articles (the convention is in docs/evaluation.md).

Rule groups (each measured on the dev set, docs/evaluation.md), applied in this order:

- ``brackets``: no span holds a bracket or a comma ("Komisi Pemberantasan Korupsi (KPK"
  becomes two spans); after the other groups, an acronym in brackets after a name is its own
  span with the name's label (ORG after a name the model missed), and its later bare
  mentions get that label too ("Rapat Umum Anggota (RUA) ... Peserta RUA").
- ``dateline``: "BANDUNG, KOMPAS —" is a LOC and an ORG.
- ``notent`` (``warta.nlp.fixes_orgs``, as are the next two): words that are no entity
  (diseases, policies: "Covid", "PSBB"), lower-case spans in cased text and lower-case words
  at a span's end, words of a text written in capitals; role nouns ("Mendagri") are no PER.
- ``orgplace``: a place inside an organisation's name is part of the ORG ("Pemkot" +
  "Surabaya", "Timnas Perancis"); a site ("Istana Merdeka") is a LOC, an institution
  ("KJRI Davao") an ORG.
- ``orgnames``: whole organisation names ("Fraksi" + "Partai Demokrat", "Dinas Pertanahan dan
  Penataan Ruang", "Badan Legislasi" the model missed).
- ``names`` (``warta.nlp.fixes_names``): titles and honorifics outside a PER ("Presiden Joko
  Widodo", "Pak Budi"), a person's name split from the office, organisation or place before it
  ("Ketua Bawaslu Abhan"), a name's first word the model left out, initials ("berinisial RS"),
  a name the article tags PER elsewhere is no ORG.
- ``repeats``: a name of several words the article tags once is tagged where it recurs.

The word classes are ``data/ner_rules.tsv`` (read through ``warta.datatable``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from warta.datatable import read_rows

GROUPS = ("brackets", "dateline", "notent", "orgplace", "orgnames", "names", "repeats")
BRACKETS = frozenset("()[]")
SPLIT_AT = BRACKETS | {","}  # "Puncak, Bogor" is two places


@dataclass(slots=True)
class Ent:
    start: int  # token indices, end exclusive
    end: int
    label: str
    kb_id: str = ""


@lru_cache(maxsize=1)
def word_classes() -> dict[str, frozenset[str]]:
    classes: dict[str, set[str]] = {}
    for word, cls in read_rows("warta.nlp", "ner_rules.tsv", width=2):
        classes.setdefault(word.strip().lower(), set()).add(cls.strip())
    return {w: frozenset(c) for w, c in classes.items()}


def is_a(word: str, cls: str) -> bool:
    return cls in word_classes().get(word.lower(), frozenset())


def _acronym(text: str) -> bool:
    """Whether a word looks like an acronym: "KPK", "Bappenas", "Indef"; not "dan"."""
    return 2 <= len(text) <= 12 and text[0].isupper() and text.replace("-", "").isalnum()


def split_brackets(doc: Doc, ents: list[Ent]) -> list[Ent]:
    """No bracket or comma inside a span: its pieces keep the label."""
    out = []
    for e in ents:
        piece = e.start
        for i in range(e.start, e.end + 1):
            if i == e.end or doc[i].text in SPLIT_AT:
                if i > piece:
                    same = piece == e.start and i == e.end
                    out.append(Ent(piece, i, e.label, e.kb_id if same else ""))
                piece = i + 1
    return out


def bracket_acronyms(doc: Doc, ents: list[Ent]) -> list[Ent]:
    """An acronym in brackets right after a name takes the name's label, as do its later bare
    mentions in the article."""
    defined: dict[str, str] = {}
    ends = {e.end for e in ents}
    for tok in doc[1:-2]:
        # "Badan Legislasi (Baleg)" where the model missed the name: the acronym an ORG
        if (
            tok.text == "("
            and tok.i not in ends
            and doc[tok.i - 1].text[:1].isupper()
            and doc[tok.i + 2].text == ")"
            and _acronym(doc[tok.i + 1].text)
            and (tok.i - 1) not in tokens_of(ents)
        ):
            ents.append(Ent(tok.i, tok.i, "ORG"))  # an empty marker
    for e in list(ents):
        i = e.end
        if i + 2 < len(doc) and doc[i].text == "(":
            j = i + 1
            while j < len(doc) and j < i + 4 and doc[j].text != ")":
                j += 1
            if j >= len(doc) or doc[j].text != ")" or j == i + 1:
                continue
            words = [t.text for t in doc[i + 1 : j]]
            if not all(_acronym(w) for w in words):
                continue
            if e.end - e.start < 2 and not any(w.isupper() for w in words):
                continue
            old = [x for x in ents if x.start < j and i + 1 < x.end]
            if any(x.start < i + 1 or x.end > j for x in old):
                continue
            for x in old:
                ents.remove(x)
            ents.append(Ent(i + 1, j, e.label))
            if j == i + 2:
                defined[doc[i + 1].text] = e.label
    ents = [e for e in ents if e.end > e.start]
    if defined:
        ents = _propagate(doc, ents, defined)
    return ents


def _propagate(doc: Doc, ents: list[Ent], defined: dict[str, str]) -> list[Ent]:
    covered = {i for e in ents for i in range(e.start, e.end)}
    for e in ents:
        if e.end - e.start == 1 and (label := defined.get(doc[e.start].text)):
            e.label = label
    for tok in doc:
        if tok.i not in covered and (label := defined.get(tok.text)) is not None:
            ents.append(Ent(tok.i, tok.i + 1, label))
    return ents


# "BANDUNG, KOMPAS —", "JAKARTA, KOMPAS.com -", "SURABAYA, KOMPAS–"
_DATELINE = re.compile(
    r"\s*(?P<place>[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,2}),\s+"
    r"(?P<outlet>[A-Z][\w.]+(?: [A-Z][\w.]+)?)\s*(?:—|–|--|-)"
)


def dateline(doc: Doc, ents: list[Ent]) -> list[Ent]:
    m = _DATELINE.match(doc.text)
    if m is None:
        return ents
    for group, label in (("place", "LOC"), ("outlet", "ORG")):
        span = doc.char_span(m.start(group), m.end(group), alignment_mode="strict")
        if span is None:
            continue
        ents = [e for e in ents if e.end <= span.start or e.start >= span.end]
        ents.append(Ent(span.start, span.end, label))
    return ents


def is_place(word: str) -> bool:
    """A one-word town or country the quotes stage's lexicon knows ("Bogor", "Rusia")."""
    from warta.quotes.lexicon import load

    return load().is_place(word)


def tokens_of(ents: list[Ent]) -> set[int]:
    return {i for e in ents for i in range(e.start, e.end)}


def apply(doc: Doc, groups: Iterable[str] = GROUPS) -> Doc:
    from warta.nlp.fixes_names import fix_names
    from warta.nlp.fixes_orgs import drop_non_entities, org_names, org_place, repeat_names

    chosen = set(groups)
    ents = [Ent(e.start, e.end, e.label_, e.ent_id_) for e in doc.ents]
    steps = (
        ("brackets", split_brackets),
        ("dateline", dateline),
        ("notent", drop_non_entities),
        ("orgplace", org_place),
        ("orgnames", org_names),
        ("brackets", bracket_acronyms),
        ("names", fix_names),
        ("repeats", repeat_names),
    )
    for group, step in steps:
        if group in chosen:
            ents = step(doc, ents)
    doc.ents = _spans(doc, ents)
    return doc


def _spans(doc: Doc, ents: list[Ent]) -> list[Span]:
    """Non-overlapping spans, the earlier and longer one kept where two overlap."""
    out: list[Span] = []
    taken: set[int] = set()
    for e in sorted(ents, key=lambda e: (e.start, -(e.end - e.start))):
        if e.end <= e.start or any(i in taken for i in range(e.start, e.end)):
            continue
        taken.update(range(e.start, e.end))
        out.append(Span(doc, e.start, e.end, label=e.label, span_id=e.kb_id or 0))
    return sorted(out, key=lambda s: s.start)


def fix(doc: Doc) -> Doc:
    return apply(doc)


Language.component("warta_ner_fixes", func=fix)
