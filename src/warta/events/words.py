"""The event coder's word classes, from ``data/words-<lang>.tsv`` (``warta.datatable``).

Each class is a set of lower-cased words the rules test tokens against; the table's
header says what each class does. ``GENITIVE_AGENTS`` and ``AGENT_SECTORS`` map an event
type to sectors (rows ``SECTOR  genitive-agent:TYPE``).
"""

from __future__ import annotations

from functools import cache

from warta.datatable import read_rows


@cache
def word_classes(lang: str = "id") -> dict[str, frozenset[str]]:
    classes: dict[str, set[str]] = {}
    for word, name in read_rows("warta.events", f"words-{lang}.tsv"):
        classes.setdefault(name, set()).add(word)
    return {name: frozenset(words) for name, words in classes.items()}


def _by_type(prefix: str) -> dict[str, frozenset[str]]:
    return {
        name.removeprefix(prefix): words
        for name, words in word_classes().items()
        if name.startswith(prefix)
    }


_W = word_classes()
NEGATORS = _W["negator"]
CONDITIONALS = _W["conditional"]
HOPES = _W["hope"]
TEMPORAL_FRAMES = _W["temporal-frame"]
MODALS = _W["modal"]
FUTURES = _W["future"]
PURPOSE = _W["purpose"]
SCOPE_END = _W["scope-end"]
ANAPHORA = _W["anaphora"]
FRAMES = _W["frame"]
LIGHT_VERBS = _W["light-verb"]
CLAUSE_OPENERS = _W["clause-opener"]
UNDERGO = _W["undergo"]
NOUN_MODIFIERS = _W["noun-modifier"]
CASUALTY = _W["casualty"]
NEW_EVENT = _W["new-event"]
CONTENT_VERBS = _W["content-verb"]
SUBORDINATORS = _W["subordinator"]
RESTATING = _W["restating"]
PROMISE_VERBS = _W["promise-verb"]
SPEECH_TYPES = _W["speech-type"]
GENITIVE_AGENTS = _by_type("genitive-agent:")
AGENT_SECTORS = _by_type("agent-sector:")
