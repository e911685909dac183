"""Canonical actors for the actor list and network: one name per real-world actor.

Event coding keeps the mention's name ("Rusia", "Moskow", "Kremlin", "polisi",
"Presiden"). Counting those separately splits one actor into many and fills the
list with common nouns. Here a state, its capital or its seat of government
becomes the state's government ("RUS GOV", as CAMEO/PLOVER code it); a common
noun or a bare office title with a coded country and sector becomes that
country-sector actor ("IDN COP"); a person or institution the knowledge base
knows takes its canonical name; pronouns, numbers and common words are dropped
(they are coding errors, not actors).
"""

from __future__ import annotations

import functools
import re

from warta.datatable import read_rows
from warta.kb import load_kb, normalize

_NUMBER_WORDS = set(
    "nol satu dua tiga empat lima enam tujuh delapan sembilan sepuluh sebelas seratus "
    "seribu puluh belas ratus ribu juta belasan puluhan ratusan ribuan jutaan beberapa "
    "sejumlah banyak para semua "
    "seluruh sebagian one two three four five six seven eight nine ten".split()
)
_PRONOUNS = set(
    "aku saya kami kita engkau kamu anda dia ia beliau mereka nya -nya kalian "
    "he she they we it i you him her them this that ini itu tersebut yang".split()
)
_NUMERIC = re.compile(r"^[\d.,/%\s-]+$")


@functools.cache
def _actor_nouns() -> frozenset[str]:
    return frozenset(row[0] for row in read_rows("warta.events", "actors-id.tsv"))


@functools.cache
def _stop_words() -> frozenset[str]:
    from spacy.lang.id.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def is_junk(name: str) -> bool:
    """A pronoun, number, single letter or common word coded as an actor's name."""
    words = normalize(name).split()
    if not words or len(name.strip()) <= 2 or _NUMERIC.match(name):
        return True
    if len(words) == 1:
        word = words[0]
        return word in _PRONOUNS or word in _NUMBER_WORDS or word in _stop_words()
    return all(w in _NUMBER_WORDS for w in words)


def _common_word(name: str) -> bool:
    """A single word of simplemma's Indonesian dictionary (not a name it does not know)."""
    import simplemma

    words = name.split()
    if len(words) != 1:
        return False
    word = words[0].lower()
    if simplemma.is_known(word, lang="id"):
        return True
    # a derived form of a dictionary word ("Bermobil" from "mobil") is no name either
    lemma = simplemma.lemmatize(word, lang="id")
    return lemma != word and bool(simplemma.is_known(lemma, lang="id"))


def _generic(name: str) -> bool:
    """A common noun phrase ("polisi", "warga sipil", "pihak kepolisian") or a bare title."""
    key = normalize(name)
    if key in _actor_nouns():
        return True
    words = key.split()
    if words and words[0] == "pihak":
        return True
    office = load_kb().office_prefix(name)
    return office is not None and len(office[1].split()) == len(name.split())


def _party(country: str | None, sector: str | None) -> str | None:
    return " ".join(p for p in (country, sector) if p) or None


@functools.lru_cache(maxsize=65536)
def canonical(name: str | None, country: str | None, sector: str | None) -> str | None:
    """The actor a coded (name, country, sector) stands for, or None for no actor."""
    if not name or not name.strip():
        return _party(country, sector)
    name = re.sub(r"\s+", " ", name.strip())
    if is_junk(name):
        # the name is noise, the coded country and sector may still be right
        return _party(country, sector) if country and sector else None
    kb = load_kb()
    entry = kb.lookup(name)
    if entry is None and not sector and _common_word(name):
        # "Alasan" (reason), "Tewas" (killed): a dictionary word the coder took for a name
        return None
    seat = entry is not None and entry.kind in ("state", "capital", "metonym")
    if seat and entry is not None and entry.country and (entry.sector or "GOV") == "GOV":
        return f"{entry.country} GOV"
    words = normalize(name).split()
    if words[0] in ("pemerintah", "pemerintahan") and country:
        # "pemerintah", "Pemerintah Rusia"; not "Pemerintah Provinsi Papua"
        rest = name.split(" ", 1)[1] if len(words) > 1 else ""
        state = kb.state(rest) if rest else None
        if state is not None and state.country:
            return f"{state.country} GOV"  # the state named, whatever country was coded
        if not rest:
            return f"{country} GOV"
    known = entry is not None and entry.kind in ("person", "institution", "igo")
    if known and entry is not None and entry.id != "org:pemerintah":
        # a prefix entry ("Polda", "Kementerian") names a kind of institution: each
        # regional police or ministry stays itself
        return name if entry.prefix or entry.name in ("Kementerian",) else entry.name
    if _generic(name):
        return _party(country, sector) or name
    title = kb.office_prefix(name)
    if title is not None:
        # "Presiden Jair Bolsonaro" and "Jair Bolsonaro" are one person; "Gubernur Papua"
        # is an office, not the province
        rest = name[len(title[1]) :].strip(" ,")
        person = kb.lookup(rest)
        if len(rest.split()) >= 2 or (person is not None and person.kind == "person"):
            return canonical(rest, country, sector)
    return name
