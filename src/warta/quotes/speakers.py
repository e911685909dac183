"""Speakers: split a mention into name, role and affiliation, and resolve it in the document.

A mention is the words that name who spoke ("Wakil Kepala Satlantas Polresta Cirebon
Ajun Komisaris Purwadi", "Purwadi", "pejabat Prancis", "ia"). ``parse_mention`` splits
it with the word classes of ``data/words.tsv``: the person's name is the last run of
capitalised words that are not titles, institutions or places (a rank or honorific just
before it belongs to the name); the role starts at an office word; the affiliation at
an institution, place or acronym. ``Tracker`` keeps the people met so far so that a
short or pronoun mention resolves to the fullest name with its role and affiliation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from spacy.lang.id.stop_words import STOP_WORDS

from warta.quotes.lexicon import Lexicon

Span = tuple[int, int]
NAME_PARTICLES = frozenset({"bin", "binti", "van", "de", "der", "von", "al", "el", "da", "dos"})
_INITIAL = re.compile(r"^[A-Z]\.?$|^[A-Z]\.[A-Z]\.?$")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.-]+$")


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    start: int
    end: int


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    kind: str  # person | role | group | pronoun
    name: Span | None = None  # the person's name with rank and honorifics
    core: Span | None = None  # the name without rank and honorifics
    role: Span | None = None
    affiliation: Span | None = None
    salient: bool = False  # a speaker or a sentence subject: what "ia" and "katanya" point at


@dataclass(slots=True)
class Person:
    name: str
    core: str
    role: str | None
    affiliation: str | None
    last: int  # offset of the latest mention
    words: frozenset[str] = field(default_factory=frozenset)
    span: Span = (0, 0)  # the latest mention
    intro: Mention | None = None  # the mention that gave the fullest name
    salient: int = -1  # offset of the latest salient mention


def _cap(w: str) -> bool:
    return w[:1].isupper()


def _name_like(w: Word, lex: Lexicon, known: frozenset[str]) -> bool:
    low = w.text.lower()
    if low in known:
        return True
    if not _cap(w.text) or any(ch.isdigit() for ch in w.text):
        return False
    if lex.classes.get(low) or lex.is_cue(low) or low in STOP_WORDS:
        return False
    if _INITIAL.match(w.text) or (len(w.text) <= 2 and w.text.isalpha()):
        return True  # initials inside names: "M Fadil Imran", "Bambang PS Brodjonegoro"
    if _ACRONYM.match(w.text):
        return False
    # pe-an / ke-an derivations ("Penanganan", "Kesehatan") and -onal adjectives
    # ("Nasional", "Tradisional") name things, not people
    if len(low) > 6 and low.endswith("an") and low.startswith(("pe", "ke")):
        return False
    return not low.endswith("onal")


def _is_affiliation_start(w: Word, lex: Lexicon) -> bool:
    low = w.text.lower()
    if lex.has(low, "rolemod") and not lex.has(low, "org"):
        return False  # "Ketua RT", "Kepala Divisi Humas": still the office
    return (
        lex.has(low, "org")
        or lex.has(low, "place")
        or bool(_ACRONYM.match(w.text) and len(w.text) > 1)
    )


def _name_run(words: Sequence[Word], lex: Lexicon, known: frozenset[str]) -> tuple[int, int]:
    """Word indices [first, last) of the person's name by the word classes, or (n, n)."""
    n = len(words)
    last = n
    comma = next((i for i, w in enumerate(words) if w.text == ","), n)
    if (
        comma < n - 1
        and comma > 0
        and (lex.has(words[comma + 1].text, "role") or not _cap(words[comma + 1].text))
        and _name_like(words[comma - 1], lex, known)
    ):
        last = comma  # "Joni, Direktur RSUD dr Soetomo": the name comes first
    while last > 0 and (
        not _name_like(words[last - 1], lex, known)
        or (len(words[last - 1].text) <= 2 and words[last - 1].text.isupper())
    ):
        last -= 1  # a name does not end in an initial: "Kadispen TNI AL"
    first = last
    while first > 0 and (
        _name_like(words[first - 1], lex, known)
        or (words[first - 1].text.lower() in NAME_PARTICLES and first < last)
    ):
        first -= 1
    # a lower-case common word before the run makes it an institution ("kantor berita
    # negara Belta"), unless an office or description came first ("pedagang pasar Sutrisno")
    described = any(lex.has(w.text, "role") for w in words[:first])
    if first < last and first > 0:
        prev = words[first - 1]
        low = prev.text.lower()
        if not _cap(prev.text) and not described and not lex.has(low, "rolemod"):
            first = last = n
    # the first word after an institution head completes it ("Polresta Cirebon Purwadi")
    # and a place before the name belongs to the office ("Wali Kota Bogor Bima Arya")
    head = words[first - 1].text if first > 0 else ""
    if last - first >= 2 and (
        (lex.has(head, "org") and not lex.has(head, "orgfull")) or lex.is_place(words[first].text)
    ):
        first += 1
    # one capitalised word right after a capitalised non-title is the end of an
    # institution's name ("Partai Gerindra", "Pusat Studi Demokrasi"), unless it is
    # used alone elsewhere
    if (
        last - first == 1
        and words[first].text.lower() not in known
        and (lex.is_place(words[first].text))
    ):
        first = last = n  # "warga Palembang": a place, not a person
    if last - first == 1 and first > 0 and words[first].text.lower() not in known:
        prev = words[first - 1]
        title = prev.text.lower().strip("()")
        if _cap(prev.text) and not any(
            lex.has(title, c) for c in ("role", "rank", "honorific", "rolemod")
        ):
            first = last = n
    if first >= last:
        return n, n
    return first, last


def _ner_run(
    words: Sequence[Word], persons: Sequence[Span], near: tuple[int, int]
) -> tuple[int, int] | None:
    """The NER person words of the mention, adjacent entities joined ("Nurul Fajar" +
    "Desira"); the group that overlaps ``near`` if any, else the last one."""
    if not words:
        return None
    lo, hi = words[0].start, words[-1].end
    # ``persons`` are the whole article's; only those over the mention's words can hold one
    near_persons = [(ps, pe) for ps, pe in persons if ps < hi and pe > lo]
    inside = sorted(
        {i for ps, pe in near_persons for i, w in enumerate(words) if w.start >= ps and w.end <= pe}
    )
    if not inside:
        return None
    groups: list[list[int]] = [[inside[0]]]
    for i in inside[1:]:
        if i == groups[-1][-1] + 1:
            groups[-1].append(i)
        else:
            groups.append([i])
    for g in groups:
        if g[0] < near[1] and near[0] <= g[-1]:
            return g[0], g[-1] + 1
    return groups[-1][0], groups[-1][-1] + 1


def parse_mention(
    words: Sequence[Word],
    lex: Lexicon,
    *,
    known: frozenset[str] = frozenset(),
    persons: Sequence[Span] = (),
) -> Mention | None:
    """Split the words of one mention; ``persons`` are name spans found by NER, if any."""
    # a rank in brackets ("Inspektur Jenderal (Pol) Fadil") is a note, not part of the name
    kept: list[Word] = []
    i = 0
    while i < len(words):
        w = words[i]
        if (
            w.text == "("
            and i + 2 < len(words)
            and words[i + 2].text == ")"
            and (lex.has(words[i + 1].text, "rank"))
        ):
            i += 3
            continue
        if w.text not in ("(", ")"):
            kept.append(w)
        i += 1
    words = kept
    while words and words[-1].text == ",":
        words.pop()
    while words and words[0].text == ",":
        words.pop(0)
    if not words:
        return None
    start, end = words[0].start, words[-1].end
    if len(words) == 1 and lex.has(words[0].text, "pronoun"):
        return Mention(start, end, "pronoun")
    n = len(words)
    # the name: by the word classes, lengthened by the NER persons of the nlp stage when
    # they overlap; a NER name elsewhere in the mention wins when it has two words or more
    first, last = _name_run(words, lex, known)
    ner = _ner_run(words, persons, (first, last)) if persons else None
    if ner is not None:
        if first < last and ner[0] < last and first < ner[1]:
            # NER names are often pieces ("Brodjonegoro", "Repli Handoko" of "Gatot Repli
            # Handoko"): they may only lengthen the name
            last = max(last, ner[1])
        elif ner[1] - ner[0] >= 2 or first >= last:
            first, last = ner
        while last - first > 1 and (
            lex.has(words[first].text, "rank") or lex.has(words[first].text, "honorific")
        ):
            first += 1  # "Gus Yahya": the title goes with the name, not into its core
    if first >= last:
        first = last = n
    core: Span | None = None
    name: Span | None = None
    name_first = first
    if first < last:
        core = (words[first].start, words[last - 1].end)
        while name_first > 0:
            title = words[name_first - 1].text.lower().strip("()")
            # "Komisaris Besar", "Brigadir Jenderal": a rank word the lexicon also knows as a role
            after_rank = (
                title in ("besar", "jenderal", "polisi")
                and name_first > 1
                and lex.has(words[name_first - 2].text.lower(), "rank")
            )
            if lex.has(title, "rank") or lex.has(title, "honorific") or after_rank:
                name_first -= 1
            else:
                break
        name = (words[name_first].start, words[last - 1].end)
    before = [w for w in words[:name_first] if w.text != ","]
    role: Span | None = None
    affiliation: Span | None = None
    if before:
        role_i = next((i for i, w in enumerate(before) if lex.has(w.text, "role")), None)
        aff_i = next(
            (
                i
                for i, w in enumerate(before)
                if (role_i is None or i > role_i) and _is_affiliation_start(w, lex)
            ),
            None,
        )
        if role_i is not None:
            role_end = aff_i if aff_i is not None else len(before)
            role = (before[role_i].start, before[role_end - 1].end)
        if aff_i is not None:
            affiliation = (before[aff_i].start, before[-1].end)
    # an apposition after the name: "Irma Hidayana, salah satu pendiri Laporcovid19.org"
    after = [w for w in words[last:] if w.text != ","] if name is not None else []
    if after and role is None:
        aff_i = next((i for i, w in enumerate(after) if _is_affiliation_start(w, lex)), None)
        role_end = aff_i if aff_i is not None else len(after)
        if role_end > 0:
            role = (after[0].start, after[role_end - 1].end)
        if aff_i is not None and affiliation is None:
            affiliation = (after[aff_i].start, after[-1].end)
    described = not _cap(words[0].text) or lex.has(words[0].text, "role")
    if words[-1].text.lower() in ("ini", "itu", "tersebut") and (name is None or described):
        # "kata mantan Anggota Dewan Pertimbangan Presiden ini": the current speaker
        return Mention(start, end, "pronoun", None, None, role, affiliation)
    if name is not None:
        kind = "person"
    elif role is not None and affiliation is None and len(before) <= 3:
        kind = "role"
    else:
        kind = "group"
    return Mention(start, end, kind, name, core, role, affiliation)


def _words(s: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[\w'’-]+", s.lower()) if len(w) > 1)


class Tracker:
    """The people of one document, so that later mentions resolve to the fullest name."""

    def __init__(self, text: str, *, canonical: Callable[[str], str | None] | None = None) -> None:
        self.text = text
        self.people: list[Person] = []
        # a known person's full name for a short or familiar one ("Jokowi" -> "Joko Widodo")
        self.canonical = canonical
        # each person's words joined, for prefix tests; rebuilt when the words change
        self._joins: dict[int, tuple[frozenset[str], str]] = {}

    def _joined(self, p: Person) -> str:
        """`` w1 w2 …``: the person's words, each after a space (words hold no spaces)."""
        cached = self._joins.get(id(p))
        if cached is None or cached[0] is not p.words:
            cached = (p.words, " " + " ".join(p.words))
            self._joins[id(p)] = cached
        return cached[1]

    def _s(self, span: Span | None) -> str | None:
        return self.text[span[0] : span[1]] if span else None

    def find(self, core: str) -> Person | None:
        """The latest person whose name contains every word of ``core`` (or starts with it)."""
        words = _words(core)
        if not words:
            return None
        best: Person | None = None
        short = next(iter(words))
        single = len(words) == 1
        # Every person is tried for every mention, so the cheap subset test comes first and
        # a first name is split only for a three-letter word (on a long article the
        # per-person regex made this the quotes stage's largest cost).
        for p in self.people:
            if words <= p.words:
                pass
            elif not single:
                continue
            elif len(short) >= 4:
                # "Risma" for "Rismaharini": some word of the person's begins with it (the
                # words, joined after a space each, searched at C speed)
                if " " + short not in self._joined(p):
                    continue
            elif len(short) == 3:
                # "Leo" for "Leonardus" (the first name only)
                first = _words(p.core.split()[0]) if p.core else frozenset()
                if not any(w.startswith(short) for w in first):
                    continue
            else:
                continue
            if best is None or p.last >= best.last:
                best = p
        return best

    def by_role(self, role: str) -> Person | None:
        low = role.lower()
        best: Person | None = None
        for p in self.people:
            if (
                p.role
                and (p.role.lower() == low or p.role.lower().startswith(low + " "))
                and (best is None or p.last >= best.last)
            ):
                best = p
        return best

    def add(self, m: Mention) -> Person | None:
        """Record a person mention; returns the (possibly merged) person."""
        if m.kind != "person" or m.core is None or m.name is None:
            return None
        core = self._s(m.core) or ""
        name = self._s(m.name) or core
        role, aff = self._s(m.role), self._s(m.affiliation)
        p = self.find(core)
        if p is None:
            p = Person(name, core, role, aff, m.start, _words(name), (m.start, m.end), m)
            if m.salient:
                p.salient = m.start
            self.people.append(p)
            return p
        if len(_words(name)) > len(p.words) or (
            _words(name) >= p.words and len(name) > len(p.name)
        ):
            p.name, p.core, p.words, p.intro = name, core, _words(name) | p.words, m
        p.role = p.role or role
        p.affiliation = p.affiliation or aff
        if m.start >= p.last:
            p.last, p.span = m.start, (m.start, m.end)
        if m.salient:
            p.salient = max(p.salient, m.start)
        return p

    def current(self, before: int) -> Person | None:
        """The person mentioned last before ``before``: who "ia" or "katanya" means."""
        best: Person | None = None
        for p in self.people:
            if -1 < p.salient < before and (best is None or p.salient > best.salient):
                best = p
        if best is None:
            for p in self.people:
                if p.last < before and (best is None or p.last > best.last):
                    best = p
        return best

    def resolve(self, m: Mention) -> tuple[str, str | None, str | None, Person | None]:
        """(name, role, affiliation, person) of a speaker mention, filled from earlier ones."""
        text = self.text[m.start : m.end]
        role, aff = self._s(m.role), self._s(m.affiliation)
        if m.kind == "person":
            p = self.add(m)
            if p is not None and self.canonical is not None and len(p.words) == 1:
                full = self.canonical(p.core)
                # only a name the article itself spells out: "Anwar" alone stays "Anwar"
                if full and full != p.core and full in self.text:
                    other = self.find(full)
                    if other is not None and other is not p:
                        other.last, other.span = m.start, (m.start, m.end)
                        other.salient = max(other.salient, m.start)
                        p = other
                    else:
                        p.name, p.words = full, p.words | _words(full)
            if p is not None:
                return p.name, role or p.role, aff or p.affiliation, p
        if m.kind == "group" and " " not in text and _cap(text):
            p = self.find(text)  # "kata Hari": a name that is also a common word
            if p is not None:
                return p.name, p.role, p.affiliation, p
        if m.kind == "role" and role is not None:
            p = self.by_role(text)
            if p is not None:
                if m.start >= p.last:
                    p.last, p.span = m.start, (m.start, m.end)
                p.salient = max(p.salient, m.start)
                return p.name, p.role, p.affiliation, p
        return text, role, aff, None
