"""A small knowledge base of names in Indonesian news: states, capitals, regions, seats of
government, international organisations, Indonesian institutions, people and office titles.

Stable API (keyword-only where it takes options)::

    from warta.kb import load_kb
    kb = load_kb()                        # cached; loaded once per process
    e = kb.lookup("Rusia")                # KBEntry(id="state:RUS", kind="state", label="LOC",
                                          #         country="RUS", sector=None, ...)
    kb.lookup("pasukan Rusia")            # None: lookup takes a name, not a phrase
    kb.lookup("Polda Jawa Timur")         # KBEntry(id="org:polda", sector="COP") via prefix
    kb.lookup("Presiden Vladimir Putin")  # titles are skipped -> person:vladimir-putin
    kb.lookup("Kremlin")                  # id="metonym:kremlin", country="RUS", sector="GOV"
    kb.lookup("PBB")                      # id="igo:UN", kind="igo", sector="IGO", country=None
    kb.label_of("Macron")                 # "PER": the NER label of an exact, unambiguous name
    kb.get("state:RUS")                   # by id
    kb.state("RU") / kb.state("RUS") / kb.state("Rusia")   # a state by ISO2, ISO3 or name
    kb.country_of("Kyiv")                 # "UKR": ISO3 of whatever the name denotes, or None
    kb.office("Kapolda")                  # Office(title="Kapolda", sector="COP", ...)
    kb.office_prefix("Menteri Luar Negeri Rusia Sergei Lavrov")  # longest title at the start
    kb.entries(kind="person")             # all entries of a kind
    kb.ruler_patterns()                   # spaCy EntityRuler patterns (label, pattern, id)

``KBEntry`` fields: ``id`` ("<kind prefix>:<key>"; prefixes state, capital, region, metonym,
igo, org, person), ``kind`` (state | capital | region | metonym | igo | institution | person),
``name`` (the canonical Indonesian name), ``aliases``, ``label`` (the NER label: LOC for states,
capitals and regions; ORG for seats of government, IGOs and institutions; PER for people),
``country`` (ISO 3166-1 alpha-3: the state itself, the state of a capital, region, seat,
institution or person; ``None`` for IGOs and their officials), ``sector`` (PLOVER/CAMEO sector
code: GOV MIL COP JUD LEG SPY PTY REB CVL REL BUS LAB EDU MED HLH; ``"IGO"`` for international
organisations and their officials; ``None`` for places), ``office`` (people: their office),
``iso2`` (states), ``prefix`` (institutions whose name heads longer names, e.g. Polda X).
Demonyms: Indonesian uses the country name ("warga Ukraina", "pasukan Rusia"), so the state's
names serve as demonyms; look up the name word(s) after the noun.

Matching is case-insensitive and ignores repeated spaces, dots in acronyms ("U.S." = "US") and
the kind of apostrophe, except that all-capital aliases of up to three letters ("AS", "RI",
"UE") only match in capitals. Data: ``warta/kb/data/*.tsv`` (headers say where each comes from).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from warta.datatable import read_rows

__all__ = ["KBEntry", "KnowledgeBase", "Office", "load_kb"]


_LABELS = {
    "state": "LOC",
    "capital": "LOC",
    "region": "LOC",
    "metonym": "ORG",
    "igo": "ORG",
    "institution": "ORG",
    "person": "PER",
}
# aliases too ambiguous to be matched as entities on their own (still used by lookup)
_NOT_FOR_RULER = {
    "MA",
    "PN",
    "PT",
    "BI",
    "JI",
    "MIT",
    "Xi",
    "Mega",
    "Emil",
    "Tito",
    "Austin",
    "Harris",
    "Abbas",
    "Anwar",
    "Istana",
    "Demokrat",
    "Senayan",
    "Tanah Air",
    "Cendana",
    "Saudi",
    "Amerika",
    "Georgia",
    "Trunojoyo",
    "Bank Sentral",
    "Panglima",
    "Pemerintah",
    "Pengadilan",
    "Kementerian",
    "Kejaksaan",
    "Duma",
    "Gibran",
    "Puan",
    "Luhut",
    "Mahfud",
    "Retno",
    "Ganjar",
    "Anies",
    "Firli",
    "Prabowo",
    "Pekerja",
    "Burhanuddin",
    "Marcos",
    "Modi",
    "Kim",
    "Pentagon",
}
_COMPANY = re.compile(r"^PT\.?\s+|\s*\(Persero\)|,?\s+Tbk\.?$")
_TITLE_WORDS = {"bapak", "ibu", "pak", "bu", "sdr", "saudara", "tuan", "nyonya"}


@dataclass(frozen=True, slots=True, kw_only=True)
class KBEntry:
    id: str
    kind: str
    name: str
    aliases: tuple[str, ...] = ()
    label: str
    country: str | None = None
    sector: str | None = None
    office: str | None = None
    iso2: str | None = None
    prefix: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True, kw_only=True)
class Office:
    title: str
    aliases: tuple[str, ...]
    sector: str


def normalize(name: str) -> str:
    """The matching key of a name: case-folded, single-spaced, acronym dots and ’ unified."""
    text = name.replace("’", "'").replace("‘", "'").strip()
    text = re.sub(r"(?<=\b[A-Za-z])\.(?=[A-Za-z]\.?)", "", text)  # U.S. -> US.
    text = re.sub(r"(?<=\b[A-Z]{2})\.$", "", text)
    return re.sub(r"\s+", " ", text).casefold()


def _is_short_acronym(alias: str) -> bool:
    return len(alias) <= 3 and alias.isupper()


def _rows(name: str, width: int) -> list[list[str]]:
    """Rows of a KB table, padded to ``width`` columns (``warta.datatable``)."""
    return read_rows("warta.kb", name, width=width)


def _opt(value: str) -> str | None:
    return value or None


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(v for v in (value or "").split("|") if v)


class KnowledgeBase:
    """Names -> entries, loaded from the TSV files; build with :func:`load_kb`."""

    def __init__(self, entries: list[KBEntry], offices: list[Office]) -> None:
        self._entries = tuple(entries)
        self._by_id = {e.id: e for e in entries}
        self._by_key: dict[str, KBEntry] = {}
        self._case: dict[str, KBEntry] = {}  # short acronyms, matched case-sensitively
        self._prefixes: dict[str, KBEntry] = {}
        for entry in entries:  # first wins: states before capitals, and so on
            for alias in entry.names:
                if _is_short_acronym(alias):
                    self._case.setdefault(alias, entry)
                else:
                    self._by_key.setdefault(normalize(alias), entry)
                if entry.prefix:
                    self._prefixes.setdefault(normalize(alias), entry)
        self._offices = tuple(offices)
        self._office_key: dict[str, Office] = {}
        for office in offices:
            for title in (office.title, *office.aliases):
                self._office_key.setdefault(normalize(title), office)
        self._max_office_words = max((len(k.split()) for k in self._office_key), default=1)

    def __len__(self) -> int:
        return len(self._entries)

    def entries(self, *, kind: str | None = None) -> list[KBEntry]:
        return [e for e in self._entries if kind is None or e.kind == kind]

    def get(self, kb_id: str) -> KBEntry | None:
        return self._by_id.get(kb_id)

    def _exact(self, name: str) -> KBEntry | None:
        stripped = name.strip()
        if stripped in self._case:
            return self._case[stripped]
        return self._by_key.get(normalize(stripped))

    def lookup(self, name: str) -> KBEntry | None:
        """The entry a name denotes: exact alias, else the name without "PT"/"(Persero)"/"Tbk",
        else a prefix institution ("Polda X"), else the name after leading office titles or
        honorifics ("Presiden Joko Widodo")."""
        if (hit := self._exact(name)) is not None:
            return hit
        # company names: "PT Pertamina (Persero)", "PT Bank Negara Indonesia Tbk"
        bare = _COMPANY.sub("", name).strip()
        if bare and bare != name.strip():
            return self.lookup(bare)
        words = name.split()
        if len(words) < 2:
            return None
        for n in range(len(words) - 1, 0, -1):
            if (entry := self._prefixes.get(normalize(" ".join(words[:n])))) is not None:
                return entry
        title = self.office_prefix(name)
        skip = len(title[1].split()) if title else 0
        while skip < len(words) and words[skip].rstrip(".").lower() in _TITLE_WORDS:
            skip += 1
        if 0 < skip < len(words):
            return self.lookup(" ".join(words[skip:]))
        return None

    def label_of(self, name: str) -> str | None:
        """The NER label of a name the KB knows exactly and unambiguously, else None."""
        if name.strip() in _NOT_FOR_RULER:
            return None
        entry = self._exact(name)
        return entry.label if entry is not None else None

    def state(self, code_or_name: str) -> KBEntry | None:
        """A state by ISO2, ISO3 or any of its names."""
        key = code_or_name.strip()
        if len(key) == 3 and key.isupper() and (e := self._by_id.get(f"state:{key}")):
            return e
        if len(key) == 2 and key.isupper():
            for entry in self._entries:
                if entry.kind == "state" and entry.iso2 == key:
                    return entry
        hit = self._exact(key)
        return hit if hit is not None and hit.kind == "state" else None

    def country_of(self, name: str) -> str | None:
        entry = self.lookup(name)
        return entry.country if entry is not None else None

    def office(self, title: str) -> Office | None:
        return self._office_key.get(normalize(title))

    def office_prefix(self, text: str) -> tuple[Office, str] | None:
        """The longest office title that starts ``text``, with the words it covers."""
        words = text.split()
        for n in range(min(self._max_office_words, len(words)), 0, -1):
            span = " ".join(words[:n])
            if (office := self._office_key.get(normalize(span))) is not None:
                return office, span
        return None

    def offices(self) -> list[Office]:
        return list(self._offices)

    def ruler_patterns(self) -> list[dict[str, Any]]:
        """EntityRuler patterns for the unambiguous names (token patterns, ORTH per word)."""
        patterns: list[dict[str, Any]] = []
        seen: set[str] = set()
        for entry in self._entries:
            for alias in entry.names:
                if alias in _NOT_FOR_RULER or alias in seen or len(alias) < 2:
                    continue
                if entry.prefix and alias == entry.name and " " not in alias:
                    continue  # "Polda" alone is not a name
                seen.add(alias)
                patterns.append({"label": entry.label, "pattern": alias, "id": entry.id})
        return patterns


def _load_entries() -> list[KBEntry]:
    entries: list[KBEntry] = []
    capitals: list[KBEntry] = []
    for iso3, iso2, name_id, _name_en, aliases, capital, cap_aliases in _rows("states.tsv", 7):
        entries.append(
            KBEntry(
                id=f"state:{iso3}",
                kind="state",
                name=name_id,
                aliases=_split(aliases),
                label="LOC",
                country=iso3,
                iso2=iso2,
            )
        )
        if capital:
            capitals.append(
                KBEntry(
                    id=f"capital:{iso3}",
                    kind="capital",
                    name=capital,
                    aliases=_split(cap_aliases),
                    label="LOC",
                    country=iso3,
                )
            )
    for key, name, aliases in _rows("igos.tsv", 3):
        entries.append(
            KBEntry(
                id=f"igo:{key}",
                kind="igo",
                name=name,
                aliases=_split(aliases),
                label="ORG",
                sector="IGO",
            )
        )
    for key, name, aliases, iso3, sector, prefix in _rows("institutions.tsv", 6):
        entries.append(
            KBEntry(
                id=f"org:{key}",
                kind="institution",
                name=name,
                aliases=_split(aliases),
                label="ORG",
                country=_opt(iso3),
                sector=_opt(sector),
                prefix=prefix == "1",
            )
        )
    for key, name, aliases, iso3, sector, office in _rows("people.tsv", 6):
        entries.append(
            KBEntry(
                id=f"person:{key}",
                kind="person",
                name=name,
                aliases=_split(aliases),
                label="PER",
                country=_opt(iso3),
                sector=_opt(sector),
                office=_opt(office),
            )
        )
    for alias, iso3, sector in _rows("metonyms.tsv", 3):
        entries.append(
            KBEntry(
                id=f"metonym:{normalize(alias).replace(' ', '-')}",
                kind="metonym",
                name=alias,
                label="ORG",
                country=_opt(iso3),
                sector=_opt(sector),
            )
        )
    for key, name, aliases, iso3 in _rows("regions.tsv", 4):
        entries.append(
            KBEntry(
                id=f"region:{key}",
                kind="region",
                name=name,
                aliases=_split(aliases),
                label="LOC",
                country=iso3,
            )
        )
    return entries + capitals


def _load_offices() -> list[Office]:
    return [
        Office(title=title, aliases=_split(aliases), sector=sector)
        for title, aliases, sector in _rows("offices.tsv", 3)
    ]


@functools.cache
def load_kb() -> KnowledgeBase:
    """The knowledge base, loaded once per process."""
    return KnowledgeBase(_load_entries(), _load_offices())
