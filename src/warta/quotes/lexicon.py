"""The word tables of the quotes stage (``data/*.tsv``), loaded once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from warta.datatable import read_rows


@dataclass(frozen=True, slots=True)
class Lexicon:
    post: frozenset[str]  # "kata": after the quotation, before the speaker
    post_nya: dict[str, str]  # "katanya" -> "kata": the cue and its pronoun in one word
    pre: frozenset[str]  # "mengatakan": between the speaker and what was said
    nouns: frozenset[str]  # "pernyataan": after "demikian"
    classes: dict[str, frozenset[str]]  # lower-cased word -> its classes in words.tsv

    def has(self, word: str, cls: str) -> bool:
        return cls in self.classes.get(word.lower(), frozenset())

    def is_place(self, word: str) -> bool:
        low = word.lower()
        return "place" in self.classes.get(low, frozenset()) or low in _cities()

    def is_cue(self, word: str) -> bool:
        w = word.lower()
        return w in self.post or w in self.post_nya or w in self.pre or w == "menurut"


def _rows(name: str) -> list[list[str]]:
    return read_rows("warta.quotes", name)


# Towns a speaker's title may name ("Kapolres Bogor"): the shipped gazetteer's GeoNames towns
# of Indonesia over 15,000 inhabitants with a one-word name.
CITY_POPULATION = 15_000


@lru_cache(maxsize=1)
def _cities() -> frozenset[str]:
    """One-word Indonesian town names from the shipped gazetteer (``warta.places``)."""
    from warta.places.gazetteer import load_gazetteer

    return frozenset(
        e.name.lower()
        for e in load_gazetteer().entries
        if e.country == "IDN"
        and isinstance(e.id, int)  # a GeoNames place, not one of warta's own rows
        and e.population > CITY_POPULATION
        and (e.feature == "city" or e.level == "admin3")
        and " " not in e.name
    )


@lru_cache(maxsize=1)
def load() -> Lexicon:
    post: set[str] = set()
    pre: set[str] = set()
    nouns: set[str] = set()
    for row in _rows("cues.tsv"):
        form, position = row[0].lower(), row[1]
        if position == "post":
            post.add(form)
        elif position in ("pre", "menurut"):
            pre.add(form)
        elif position == "noun":
            nouns.add(form)
    # "menurut" opens its own pattern; keep it out of the plain preposed verbs
    pre.discard("menurut")
    post_nya = {f + "nya": f for f in post}
    post_nya["menurutnya"] = "menurut"
    classes: dict[str, set[str]] = {}
    for row in _rows("words.tsv"):
        classes.setdefault(row[0].lower(), set()).add(row[1])
    return Lexicon(
        post=frozenset(post),
        post_nya=post_nya,
        pre=frozenset(pre),
        nouns=frozenset(nouns),
        classes={k: frozenset(v) for k, v in classes.items()},
    )
