"""The ``names`` rules of ``warta_ner_fixes`` (see ``warta.nlp.fixes``): person names apart
from the titles, offices, organisations and places written before them."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc

from warta.nlp.fixes import Ent, is_a, is_place

_WORD = re.compile(r"[A-Z][a-z][A-Za-z'’-]*\Z")  # "Abhan", "Ma’ruf"; not "KPK", not "dan"
# the field of an office ("Menteri Keuangan", "Menteri Dalam Negeri"), not a given name
_OFFICE_WORD = re.compile(r"(?:(?:Ke|Pe|Per|Pen|Pem|Peng)[a-z]+an|Sosial|Agama|Dalam|Luar|Umum)\Z")
_INITIALS = re.compile(r"[A-Z](?:\.?[A-Z]){0,4}\.?\Z")  # "RS", "A.K.", "YN"


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.id.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def _kb_label(text: str) -> str | None:
    from warta.kb import load_kb

    return load_kb().label_of(text)


def _title(word: str) -> bool:
    return is_a(word.rstrip("."), "title") or is_a(word, "honorific") or is_a(word, "title")


def _name_word(word: str) -> bool:
    """A word that may be part of a person's name."""
    low = word.lower()
    return (
        _WORD.match(word) is not None
        and low not in _stop_words()
        and not _title(word)
        and not any(is_a(word, c) for c in ("orghead", "placehead", "notent", "rolenoun"))
    )


def trim_titles(doc: Doc, ents: list[Ent]) -> list[Ent]:
    """Titles outside a PER: "Presiden Joko Widodo" -> "Joko Widodo"."""
    out = []
    for e in ents:
        if e.label == "PER":
            start = e.start
            while start < e.end and _title(doc[start].text):
                start += 1
            if start == e.end:
                continue
            if start != e.start:
                e = Ent(start, e.end, "PER")
        out.append(e)
    return out


def _covered(ents: list[Ent]) -> set[int]:
    return {i for e in ents for i in range(e.start, e.end)}


def honorific_names(doc: Doc, ents: list[Ent]) -> list[Ent]:
    """The capitalised words after an honorific are a PER: "Pak Budi", "Bu Risma"; after a
    rank too where the name ends the phrase ("dokter yang merawatnya, Kapten Maulidi
    Abdillah.")."""
    covered = _covered(ents)
    for tok in doc:
        rank = is_a(tok.text, "rank")
        if not (rank or is_a(tok.text, "honorific")) or not tok.text[0].isupper():
            continue
        if rank and tok.i + 1 < len(doc) and is_a(doc[tok.i + 1].text, "rank"):
            continue  # "Inspektur Jenderal X": the last rank word names
        prev = doc[tok.i - 1].text if tok.i else ""
        if rank and not is_a(prev, "rank") and (_title(prev) or is_a(prev, "orghead")):
            continue  # "Direktur Jenderal Politik": an office, no rank
        j = tok.i + 1
        while j < len(doc) and j < tok.i + 4 and j not in covered and _name_word(doc[j].text):
            j += 1
        if j == tok.i + 1 or doc[tok.i + 1].text.lower() == "kota":
            continue
        if rank and (any(is_place(t.text) for t in doc[tok.i + 1 : j]) or _open(doc, j)):
            continue
        after = [e for e in ents if e.start == j and e.label == "PER"]
        if after:  # "Ibu Iriana [Joko Widodo]": one name
            after[0].start = tok.i + 1
        else:
            ents.append(Ent(tok.i + 1, j, "PER"))
        covered.update(range(tok.i + 1, j))
    return ents


def _open(doc: Doc, j: int) -> bool:
    """Token ``j`` continues a capitalised phrase (so the words before it are no sure name)."""
    return j < len(doc) and doc[j].text[:1].isupper() and not doc[j].is_punct


def initials(doc: Doc, ents: list[Ent]) -> list[Ent]:
    """Initials a cue announces are a PER: "tersangka berinisial RS"."""
    for tok in doc[:-1]:
        nxt = doc[tok.i + 1]
        if is_a(tok.text, "initials") and _INITIALS.match(nxt.text):
            ents = [e for e in ents if not e.start <= nxt.i < e.end]
            ents.append(Ent(nxt.i, nxt.i + 1, "PER"))
    return ents


def _prefix_label(doc: Doc, e: Ent, k: int) -> str | None:
    """The label of the first ``k`` tokens of ``e`` when they end where a name starts: a name
    the KB knows, or ending with a town or an acronym ("Dinas Kesehatan Kabupaten Bogor")."""
    text = doc[e.start : e.start + k].text
    if (label := _kb_label(text)) is not None and label != "PER":
        return label
    last = doc[e.start + k - 1].text
    if is_place(last) or (last.isupper() and len(last) > 1 and last.isalpha()):
        return e.label if e.label != "PER" else ("LOC" if is_place(last) else "ORG")
    return None


def split_names(doc: Doc, ents: list[Ent]) -> list[Ent]:
    """A name split from what is before it: "Ketua Bawaslu Abhan" (one ORG) -> ORG "Bawaslu"
    + PER "Abhan"; "Presiden Sri Lanka Maithripala Sirisena" (one PER) -> LOC + PER: where
    the span starts with a known name or one ending in a town or an acronym, and 1-4 name
    words follow, after a title or in a span the model took for a person."""
    out = []
    for e in ents:
        n = e.end - e.start
        before = [t.text for t in doc[max(0, e.start - 2) : e.start]]
        site = is_a(doc[e.start].text, "placehead")
        spoke = e.end < len(doc) and is_a(doc[e.end].text, "speech")
        titled = not site and (e.label == "PER" or spoke or any(_title(w) for w in before))
        done = False
        for k in range(1, n) if titled and n > 1 else ():
            tail = [t.text for t in doc[e.start + k : e.end]]
            if len(tail) > 4 or not all(_name_word(w) and not is_place(w) for w in tail):
                continue
            if _kb_label(" ".join(tail)) not in (None, "PER"):
                continue
            label = _prefix_label(doc, e, k)
            if label is not None:
                out.append(Ent(e.start, e.start + k, label))
                out.append(Ent(e.start + k, e.end, "PER"))
                done = True
                break
        if not done:
            out.append(e)
    return out


def extend_left(doc: Doc, ents: list[Ent]) -> list[Ent]:
    """A name word the model left out before a PER: "Deni [Ridwan]" -> "[Deni Ridwan]"."""
    covered = _covered(ents)
    for e in ents:
        i = e.start - 1
        if e.label != "PER" or i < 0 or i in covered or not doc[i].whitespace_:
            continue
        if not _name_word(doc[i].text) or is_place(doc[i].text) or _kb_label(doc[i].text):
            continue
        capital_before = i > 0 and doc[i - 1].text[:1].isupper()
        if capital_before and (is_place(doc[i - 1].text) or doc[i - 1].text.isupper()):
            capital_before = False  # "Kepala Dinkes Indramayu Deden [Bonni Koswara]"
        if capital_before and _title(doc[i - 1].text) and not _OFFICE_WORD.match(doc[i].text):
            capital_before = False  # "Wakil Presiden Ma’ruf [Amin]", not "Menteri Keuangan"
        if doc[i].is_sent_start or capital_before:
            continue  # a capitalised word before it, or the sentence's first: not clearly a name
        e.start = i
        covered.add(i)
    return ents


def person_consistency(doc: Doc, ents: list[Ent]) -> list[Ent]:
    """A span whose text is a person's name the article tags PER elsewhere (or a word of a
    longer one: "Tauhid" of "Tauhid Ahmad") is a PER there too."""
    names: set[str] = set()
    for e in ents:
        if e.label == "PER":
            words = [t.text for t in doc[e.start : e.end]]
            names.add(" ".join(words))
            if len(words) > 1:
                names.update((words[0], words[-1]))
    for e in ents:
        text = doc[e.start : e.end].text
        if e.label != "PER" and text in names and _kb_label(text) in (None, "PER"):
            e.label, e.kb_id = "PER", ""
    return ents


def fix_names(doc: Doc, ents: list[Ent]) -> list[Ent]:
    for step in (trim_titles, honorific_names, initials, split_names, extend_left):
        ents = step(doc, ents)
    return person_consistency(doc, ents)
