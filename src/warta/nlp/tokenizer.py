"""Tokenizer rules for Indonesian news on top of spaCy's Indonesian defaults.

What it adds (all serializable: regexes compiled with ``re`` and special cases, so a pipeline
saved with ``nlp.to_disk`` reloads with the same tokenizer):

- enclitics -nya, -lah, -kah split off ("bukunya" -> "buku" "nya", "Apakah" -> "Apa" "kah")
  when at least three letters remain, except for words listed as ``keep`` in
  ``data/clitics.tsv`` ("hanya", "adalah", "sekolah", "langkah") and names in -llah;
- proclitics ku-/kau- split off the verbs listed in ``data/clitics.tsv`` ("kuambil");
- reduplication and hyphenated lower-case compounds kept whole ("warga-warga", "sehari-hari");
- abbreviations with their dot kept whole ("Kab.", "Jl.", "dr.", "S.H.", "M.Si.", "Bpk.");
- numeric dates kept whole ("28/2/2022", "28-02-2022"); spaCy's defaults already keep
  numbers such as "85,5" and "10.000", split "Rp10.000" and keep "@handle" and "#tagar".
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.attrs import ORTH  # type: ignore[import-not-found]
from spacy.language import Language
from spacy.tokenizer import Tokenizer  # type: ignore[import-not-found]
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, registry

from warta.datatable import read_rows, read_words

_MAX_STEM = 24


def _stem_lookbehind(first: str, rest: str, lengths: range) -> str:
    # re only allows fixed-width look-behinds, so one alternative per stem length
    return "(?:" + "|".join(f"(?<=^{first}{rest}{{{n - 1}}})" for n in lengths) + ")"


def clitic_suffix_pattern() -> str:
    stems = _stem_lookbehind("[A-Za-z]", "[a-z]", range(3, _MAX_STEM))
    return stems + r"(?:nya|kah|(?<!l)lah)$"


TOKEN_MATCH = (
    r"^(?:"
    r"\d{1,2}/\d{1,2}/\d{2,4}"  # 28/2/2022
    r"|\d{1,2}-\d{1,2}-\d{4}"  # 28-02-2022
    r"|[A-Za-z][a-z]+(?:-[a-z]+)+"  # warga-warga, sehari-hari, Kemerah-merahan
    r"|[A-Z]+(?:-[A-Z]+)+"  # WARGA-WARGA, PDI-P
    r"|(?P<r>[A-Z][a-z]+)-(?P=r)"  # Warga-Warga (but Rusia-Ukraina is three tokens)
    r")$"
)


def _read_clitics() -> dict[str, list[str]]:
    kinds: dict[str, list[str]] = {}
    for kind, words in read_rows("warta.nlp", "clitics.tsv", maxsplit=1):
        kinds.setdefault(kind, []).extend(words.split())
    return kinds


def _abbreviations() -> list[str]:
    return read_words("warta.nlp", "abbreviations.txt")


def _forms(word: str) -> set[str]:
    return {word, word[:1].upper() + word[1:]}


def warta_rules(nlp: Language) -> dict[str, list[dict[int, str]]]:
    """spaCy's Indonesian special cases less its 15,600 hyphenated words (loading them costs
    seconds): ``TOKEN_MATCH`` keeps the lower-case and all-capital ones whole, and Title-Case
    pairs are split at the hyphen like "Rusia-Ukraina"; plus warta's clitics and
    abbreviations."""
    token_match = re.compile(TOKEN_MATCH).match
    rules: dict[str, list[dict[int, str]]] = {
        k: v
        for k, v in nlp.Defaults.tokenizer_exceptions.items()
        if not ("-" in k and (token_match(k) or all(p.isalpha() for p in k.split("-"))))
    }
    clitics = _read_clitics()
    for word in clitics.get("keep", []):
        for form in _forms(word):
            rules[form] = [{ORTH: form}]
    for proclitic in ("ku", "kau"):
        for verb in clitics.get(f"split-{proclitic}", []):
            for form in _forms(proclitic + verb):
                rules[form] = [{ORTH: form[: len(proclitic)]}, {ORTH: form[len(proclitic) :]}]
    for abbr in _abbreviations():
        forms = {abbr, abbr[:1].upper() + abbr[1:], abbr.upper()}
        if "." in abbr[:-1]:  # S.H., M.Si.: also the usual mixed case
            forms.add(".".join(p[:1].upper() + p[1:] for p in abbr.split(".")))
        for form in forms:
            rules[form] = [{ORTH: form}]
    return rules


# spaCy's tokenizer peels punctuation off a word one prefix or suffix at a time, searching
# the rest again each time: a run of n hyphens, guillemets or emoji costs n² (8,000
# hyphens: 56 s). A run this long is one token instead; shorter ones cost milliseconds.
MAX_PUNCT_RUN = 32
_LONG_RUN = re.compile(rf"[^\w\s]{{{MAX_PUNCT_RUN},}}")


class GuardedTokenizer(Tokenizer):  # type: ignore[misc]
    """spaCy's tokenizer, but a run of ``MAX_PUNCT_RUN`` or more punctuation or symbol
    characters (no letters, digits or spaces) is one token, so tokenizing stays linear.
    The Doc's text is the input, character for character, as with the plain tokenizer."""

    def __call__(self, text: str) -> Doc:
        if _LONG_RUN.search(text) is None:
            doc: Doc = super().__call__(text)
            return doc
        words: list[str] = []
        spaces: list[bool] = []
        position = 0
        for run in _LONG_RUN.finditer(text):
            self._extend(words, spaces, text[position : run.start()])
            words.append(run.group())
            spaced = text.startswith(" ", run.end())
            spaces.append(spaced)
            position = run.end() + spaced
        self._extend(words, spaces, text[position:])
        return Doc(self.vocab, words=words, spaces=spaces)

    def _extend(self, words: list[str], spaces: list[bool], piece: str) -> None:
        if piece:
            for token in super().__call__(piece):
                words.append(token.text)
                spaces.append(bool(token.whitespace_))


def build_tokenizer(nlp: Language) -> Tokenizer:
    """warta's tokenizer for an Indonesian ``nlp`` (built in one go: every property set on a
    spaCy tokenizer afterwards reloads all special cases)."""
    defaults = nlp.Defaults
    suffixes = [*(defaults.suffixes or []), clitic_suffix_pattern()]
    return GuardedTokenizer(
        nlp.vocab,
        rules=warta_rules(nlp),
        prefix_search=compile_prefix_regex(defaults.prefixes or []).search,
        suffix_search=compile_suffix_regex(suffixes).search,
        infix_finditer=compile_infix_regex(defaults.infixes or []).finditer,
        token_match=re.compile(TOKEN_MATCH).match,
        url_match=defaults.url_match,
    )


def create_tokenizer() -> Callable[[Language], Tokenizer]:
    """The factory named in the shipped model's config (``[nlp.tokenizer]``)."""
    return build_tokenizer


registry.tokenizers.register("warta.id_news_tokenizer.v1", func=create_tokenizer)


TOKENIZER_CONFIG = {"nlp": {"tokenizer": {"@tokenizers": "warta.id_news_tokenizer.v1"}}}


def blank() -> Language:
    """``spacy.blank("id")`` with warta's tokenizer."""
    import spacy

    return spacy.blank("id", config=TOKENIZER_CONFIG)
