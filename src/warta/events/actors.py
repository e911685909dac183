"""Actor mentions: find who is named in a sentence and resolve it to name, country and sector.

Indonesian news names actors by title and apposition ("Presiden Prancis Emmanuel Macron"),
by institution ("Polda Metro Jaya"), by metonymy ("Kremlin", "Moskow"), by a common noun
with a state name as demonym ("warga sipil Ukraina", "pasukan Rusia") and by pronoun
("ia", "mereka"). A mention here is a run of such pieces; the knowledge base (``warta.kb``)
and the actor-noun table (``data/actors-id.tsv``) give the country and PLOVER sector.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal

from warta.events.lexicon import actor_nouns
from warta.nlp.tokens import token_view

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Tokens before a name that make it a place, not an actor.
LOCATIVE = frozenset(
    "di ke dari kota wilayah negara menuju dekat sekitar pinggiran asal provinsi kabupaten"
    " desa kecamatan kawasan daerah perbatasan semenanjung milik rutan lapas mako markas"
    " kantor gedung asrama kampus".split()
)
# Quantifiers before a group noun belong to its mention ("11 warga sipil", "Seorang mahasiswa").
QUANTIFIERS = frozenset(
    """seorang sebuah para sejumlah beberapa banyak ratusan ribuan puluhan belasan sedikitnya
    seluruh setidaknya sebanyak satu dua tiga empat lima enam tujuh delapan sembilan
    sepuluh""".split()
)
# A legal reference ("Pasal 363 KUHP", "UU No 1 Tahun 1946", "UU ITE") is never an actor;
# its capitalised and numbered words are skipped as one run.
LEGAL = frozenset("pasal ayat uu undang-undang kuhp kuhap perppu perpres perda permen".split())
LEGAL_RUN = frozenset("no no. nomor tahun ayat huruf dan jo jo. juncto / dan atau".split())
PRONOUNS = {"ia": "person", "dia": "person", "mereka": "group", "pihaknya": "group"}
# Capitalised words that open sentences or name times, not actors.
NOT_NAMES = frozenset(
    """pada dalam sementara selain namun saat menurut seperti kemudian akibat dari di ke untuk
    dengan atas setelah sebelum sejak terkait adapun sebanyak hingga bahkan jika kalau meski
    meskipun karena oleh itu ini ia dia mereka kami kita saya tim total sekitar sedikitnya rp
    setidaknya belakangan berdasarkan informasi video ada tidak tak sudah telah akhirnya
    senin selasa rabu kamis jumat sabtu minggu januari februari maret april mei juni juli
    agustus september oktober november desember wib wita wit baca juga hoax seusai usai
    menjelang terakhir selanjutnya lalu dan atau tetapi sedangkan apalagi terlebih padahal
    kasus aksi kerusuhan peristiwa insiden penangkapan serangan bom ledakan pengadilan
    """.split()
)


# What an actor mention names: a person, a group (of people, "warga"), a government body,
# a state or its capital (metonymy: "Moskow" for Russia's government), an international
# organisation, a place, a name the knowledge base does not know, or a pronoun.
MentionKind = Literal[
    "person", "group", "gov", "state", "capital", "igo", "place", "name", "pronoun"
]


@dataclass(frozen=True, slots=True)
class Mention:
    start: int  # character offsets into the article text
    end: int
    tok_start: int  # token indices into the Doc
    tok_end: int
    text: str
    name: str
    country: str | None
    sector: str | None
    kind: MentionKind
    locative: bool = False
    countries: tuple[str, ...] = ()  # every state named inside (compound mentions)
    defaulted: bool = False  # country is the article's home country, not read from the text
    proper: bool = False  # contains a proper name (not only a title or common noun)
    antecedent: MentionKind | None = None  # a resolved pronoun: the kind of what it points at


_COUNT_WORD = re.compile(r"^\d{1,3}(?:\.\d{3})*$|^\d+$")


class Tokens:
    """Plain lists of the token attributes the finder reads, built once per Doc (indexing a
    Doc creates a Token object each time)."""

    __slots__ = ("alpha", "idx", "lower", "num", "source", "text")

    def __init__(self, doc: Doc, text: str | None = None) -> None:
        view = token_view(doc, text)  # the one token table of the Doc (warta.nlp.tokens)
        self.source = text
        self.idx = view.idx
        self.text = view.words
        self.lower = [w.lower() for w in self.text]
        self.alpha = [w.isalpha() for w in self.text]
        # counts only ("71", "1.100"), not clock times ("19.30")
        self.num = [bool(_COUNT_WORD.match(w)) for w in self.text]


@dataclass(frozen=True, slots=True)
class _Piece:
    tok_start: int
    tok_end: int
    kind: str  # kb | noun | office | name
    info: Any


class ActorFinder:
    """Built once per process (matchers over the KB and the noun table); call per sentence."""

    def __init__(self, nlp: Language, *, lang: str = "id") -> None:
        from spacy.matcher import PhraseMatcher

        from warta.kb import load_kb

        self.kb = load_kb()
        self.nouns = actor_nouns(lang)
        self._lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._orth = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._info: dict[str, Any] = {}
        lower: dict[str, list[str]] = {}
        orth: dict[str, list[str]] = {}
        for entry in self.kb.entries():
            for alias in entry.names:
                short_caps = len(alias) <= 3 and alias.isupper()
                (orth if short_caps else lower).setdefault(f"kb:{entry.id}", []).append(alias)
            self._info[f"kb:{entry.id}"] = entry
        for office in self.kb.offices():
            key = f"office:{office.title}"
            self._info[key] = office
            lower.setdefault(key, []).extend([office.title, *office.aliases])
        for phrase, noun in self.nouns.items():
            self._info[f"noun:{phrase}"] = noun
            lower.setdefault(f"noun:{phrase}", []).append(phrase)
        for table, matcher in ((lower, self._lower), (orth, self._orth)):
            for key, phrases in table.items():
                matcher.add(key, [nlp.make_doc(p) for p in sorted(set(phrases))])
        self._vocab = nlp.vocab

    def pieces(self, doc: Doc, toks: Tokens | None = None) -> list[_Piece]:
        """Longest non-overlapping matches over the whole doc, in order."""
        found = []
        if toks is not None:
            # "istrinya", "penumpangnya": a possessive -nya on an actor noun
            for i, word in enumerate(toks.lower):
                if len(word) > 5 and word.endswith("nya") and word[:-3] in self.nouns:
                    found.append(_Piece(i, i + 1, "noun", self.nouns[word[:-3]]))
        for matcher in (self._lower, self._orth):
            for match_id, start, end in matcher(doc):
                key = self._vocab.strings[match_id]
                kind = key.split(":", 1)[0]
                if kind == "kb" and not doc[start].text[:1].isupper():
                    continue  # "lima" (five) is not Lima; KB names are written capitalised
                found.append(_Piece(start, end, "kb" if kind == "kb" else kind, self._info[key]))
        # Longest first; KB entities beat nouns and offices of the same length.
        rank = {"kb": 0, "office": 1, "noun": 2}
        found.sort(key=lambda p: (-(p.tok_end - p.tok_start), rank[p.kind], p.tok_start))
        taken: set[int] = set()
        out = []
        for piece in found:
            span = range(piece.tok_start, piece.tok_end)
            if any(i in taken for i in span):
                continue
            taken.update(span)
            out.append(piece)
        out.sort(key=lambda p: p.tok_start)
        return out

    def mentions(
        self, doc: Doc, start: int, end: int, pieces: Sequence[_Piece], toks: Tokens | None = None
    ) -> list[Mention]:
        """Actor mentions in tokens [start, end) of ``doc`` (one sentence); ``pieces`` in
        token order, as :meth:`pieces` returns them."""
        t = toks if toks is not None else Tokens(doc)
        # the sentence's pieces by bisection: scanning all of them for every sentence grew
        # with the square of the article's length
        lo = bisect.bisect_left(pieces, start, key=_tok_start)
        hi = bisect.bisect_left(pieces, end, lo=lo, key=_tok_start)
        by_start = {p.tok_start: p for p in pieces[lo:hi]}
        out: list[Mention] = []
        i = start
        while i < end:
            if t.lower[i] in LEGAL:
                j = i + 1
                while j < end and (
                    t.num[j]
                    or t.lower[j] in LEGAL
                    or t.lower[j] in LEGAL_RUN
                    or (t.alpha[j] and t.text[j].isupper())
                ):
                    j += 1
                i = j
                continue
            piece = by_start.get(i)
            if piece is None:
                if _is_name(t, i, start):
                    j = _name_end(t, i, end, by_start)
                    piece = _Piece(i, j, "name", None)
                elif (
                    t.lower[i] == "negara" and i + 1 < end and t.lower[i + 1] in ("itu", "tersebut")
                ):
                    span = doc[i : i + 2]
                    out.append(
                        Mention(
                            span.start_char, span.end_char, i, i + 2, span.text, span.text,
                            None, None, "pronoun",
                        )
                    )  # fmt: skip
                    i += 2
                    continue
                elif t.lower[i] in PRONOUNS:
                    word = t.text[i]
                    out.append(
                        Mention(
                            t.idx[i], t.idx[i] + len(word), i, i + 1, word, word,
                            None, None, "pronoun",
                        )
                    )  # fmt: skip
                    i += 1
                    continue
                else:
                    i += 1
                    continue
            parts = [piece]
            j = piece.tok_end
            if piece.kind == "kb" and piece.info.kind == "institution" and piece.info.prefix:
                # "Polda Metro Jaya", "Pengadilan Negeri Jakarta Selatan": the rest is its name
                k = j
                while k < end and t.text[k][:1].isupper() and t.alpha[k]:
                    k += 1
                if k > j:
                    parts.append(_Piece(j, k, "name", None))
                    j = k
            while j < end:
                nxt = by_start.get(j)
                if nxt is not None and _joins(parts, nxt):
                    parts.append(nxt)
                    j = nxt.tok_end
                    continue
                if nxt is None and _is_name(t, j, start) and _takes_name(parts):
                    k = _name_end(t, j, end, by_start)
                    parts.append(_Piece(j, k, "name", None))
                    j = k
                    continue
                # apposition: "Menteri Pertahanannya, Oleksii Reznikov"
                if (
                    t.text[j] == ","
                    and j + 1 < end
                    and (
                        parts[0].kind == "office"
                        or (parts[0].kind == "noun" and parts[0].info.kind in ("person", "gov"))
                    )
                    and not any(p.kind == "name" and p is not parts[0] for p in parts[2:])
                    and not any(_is_person(p) for p in parts)
                    and (
                        (by_start.get(j + 1) is None and _is_name(t, j + 1, start))
                        or _is_person(by_start.get(j + 1))
                    )
                ):
                    nxt = by_start.get(j + 1)
                    if nxt is not None:
                        parts.append(nxt)
                        j = nxt.tok_end
                    else:
                        k = _name_end(t, j + 1, end, by_start)
                        parts.append(_Piece(j + 1, k, "name", None))
                        j = k
                    continue
                # "pemerintah di Minsk": a government named by its seat
                if (
                    t.lower[j] == "di"
                    and j + 1 < end
                    and doc[parts[-1].tok_start : parts[-1].tok_end].text.lower()
                    in ("pemerintah", "pemerintahan", "otoritas")
                    and _is_place(by_start.get(j + 1))
                ):
                    nxt = by_start[j + 1]
                    parts.append(nxt)
                    j = nxt.tok_end
                    continue
                break
            first = parts[0].tok_start
            locative = first > start and t.lower[first - 1] in LOCATIVE
            if parts[0].kind == "name" and t.lower[first] in LOCATIVE:
                locative = True  # "Rutan Cipinang", "Kantor Bupati ..."
            if (
                not locative
                and out
                and out[-1].locative
                and out[-1].tok_end == first - 1
                and t.text[first - 1] == ","
            ):
                locative = True  # "di Rumah Tahanan Cipinang, Jakarta Timur"
            if parts[0].kind in ("noun", "office"):
                k = parts[0].tok_start
                while k > start and (t.lower[k - 1] in QUANTIFIERS or t.num[k - 1]):
                    k -= 1
                if k < parts[0].tok_start:
                    parts[0] = _Piece(k, parts[0].tok_end, parts[0].kind, parts[0].info)
            out.append(self._resolve(t, parts, locative))
            i = j
        return out

    def _resolve(self, t: Tokens, parts: list[_Piece], locative: bool) -> Mention:
        first, last = parts[0].tok_start, parts[-1].tok_end - 1
        start_char, end_char = t.idx[first], t.idx[last] + len(t.text[last])
        text = (
            t.source[start_char:end_char]
            if t.source is not None
            else " ".join(t.text[first : last + 1])
        )
        country = sector = None
        kind: MentionKind = "name"
        name = text
        countries: list[str] = []
        person = None
        for part in parts:
            if part.kind == "kb":
                entry = part.info
                if entry.kind in ("state", "capital", "metonym", "region") and entry.country:
                    countries.append(entry.country)
                if entry.kind == "person":
                    person = entry
        head = parts[0]
        if person is not None:
            country, sector, kind, name = person.country, person.sector, "person", person.name
        if head.kind == "office":
            sector = head.info.sector
            kind = "person"
        elif head.kind == "noun":
            sector = head.info.sector if sector is None else sector
            kind = head.info.kind
        elif head.kind == "kb":
            entry = head.info
            if entry.kind in ("state", "capital", "metonym"):
                kind = "state" if entry.kind == "state" else "capital"
                sector = entry.sector or "GOV"
            elif entry.kind == "igo":
                kind, sector = "igo", "IGO"
            elif entry.kind == "institution":
                kind, sector = "gov", entry.sector
            elif entry.kind == "region":
                kind = "place"
            if entry.kind != "person":
                country = entry.country if entry.kind != "igo" else "IGO"
                if entry.kind in ("institution", "igo", "metonym"):
                    name = entry.name if len(parts) == 1 else text
        if kind == "name" and any(p.kind == "office" for p in parts[1:]):
            kind = "person"
        if person is None and countries and (head.kind != "kb" or country is None):
            country = countries[0]
        if person is None and any(p.kind == "kb" and p.info.kind == "institution" for p in parts):
            inst = next(p.info for p in parts if p.kind == "kb" and p.info.kind == "institution")
            if sector is None or head.kind == "kb":
                sector = inst.sector
            if country is None:
                country = inst.country
        qualifiers = [
            p.info.country
            for p in parts[1:]
            if p.kind == "kb" and p.info.kind in ("state", "capital", "metonym") and p.info.country
        ]
        if person is None and qualifiers:
            country = qualifiers[0]
        if len(set(countries)) > 1 and person is None:
            country = None  # mixed compound actor
        return Mention(
            start=start_char,
            end=end_char,
            tok_start=first,
            tok_end=last + 1,
            text=text,
            name=name,
            country=country,
            sector=sector,
            kind=kind,
            locative=locative,
            countries=tuple(countries),
            proper=any(p.kind == "name" or _is_person(p) for p in parts),
        )


def _is_person(piece: _Piece | None) -> bool:
    return piece is not None and piece.kind == "kb" and piece.info.kind == "person"


def _is_place(piece: _Piece | None) -> bool:
    return (
        piece is not None
        and piece.kind == "kb"
        and piece.info.kind in ("state", "capital", "region", "metonym")
    )


def _takes_name(parts: list[_Piece]) -> bool:
    """A name may follow an office title, a person noun or an institution."""
    last = parts[-1]
    if last.kind == "office":
        return True
    if last.kind == "noun":
        return bool(last.info.kind in ("person", "gov"))
    if last.kind == "kb":
        return bool(last.info.kind in ("state", "institution", "igo"))
    return False


def _joins(parts: list[_Piece], nxt: _Piece) -> bool:
    """Whether ``nxt`` continues the mention built from ``parts``."""
    last = parts[-1]
    if nxt.kind == "kb" and nxt.info.kind in ("state", "capital", "region"):
        # a state after a noun, title or institution is its country ("pasukan Rusia",
        # "Menteri Kebudayaan Brasil", "Kongres Filipina")
        if any(_is_person(p) for p in parts) or any(
            p.kind == "kb" and p.info.kind in ("state", "capital", "region") for p in parts
        ):
            return False
        return last.kind in ("noun", "office", "name") or (
            last.kind == "kb" and last.info.kind in ("institution", "igo")
        )
    if nxt.kind == "kb" and nxt.info.kind == "person":
        return last.kind in ("office", "noun", "kb") and not _is_person(last)
    if nxt.kind in ("office", "kb") and last.kind in ("office", "kb"):
        # "Kepala Kepolisian Daerah Papua Inspektur Jenderal ...": titles chain
        return not _is_person(last)
    return bool(nxt.kind == "noun" and last.kind == "noun")


def _is_name(t: Tokens, i: int, sent_start: int) -> bool:
    text = t.text[i]
    if not text[:1].isupper() or not any(c.isalpha() for c in text):
        return False
    if t.lower[i] in NOT_NAMES:
        return False
    if i == sent_start:
        # a capitalised first word is a name only when another capitalised word follows
        return i + 1 < len(t.text) and t.text[i + 1][:1].isupper() and t.alpha[i + 1]
    return True


def _name_end(t: Tokens, i: int, end: int, by_start: dict[int, _Piece]) -> int:
    j = i + 1
    while j < end and j not in by_start:
        word = t.text[j]
        capitalised = word[:1].isupper() and t.lower[j] not in NOT_NAMES and t.alpha[j]
        if capitalised or (word in ("alias", "bin", "binti") and j + 1 < end):
            j += 1
        else:
            break
    return j


def home_country(mentions: Iterable[Mention]) -> str:
    """The state an article is mostly about (for actors named only by a common noun)."""
    counts: Counter[str] = Counter()
    for m in mentions:
        if m.kind in ("state", "capital", "place") or m.locative:
            for c in m.countries or ((m.country,) if m.country else ()):
                if c and c != "IGO":
                    counts[c] += 1
        elif m.kind == "gov" and m.country:
            counts[m.country] += 1
    if not counts:
        return "IDN"
    return counts.most_common(1)[0][0]


def with_default_country(mention: Mention, country: str) -> Mention:
    if mention.country is not None or mention.kind in ("pronoun", "igo"):
        return mention
    return replace(mention, country=country, defaulted=True)


def _tok_start(piece: _Piece) -> int:
    return piece.tok_start
