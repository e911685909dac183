"""The data tables of the events stage."""

from __future__ import annotations

import pytest

from warta.errors import ConfigError
from warta.events import lexicon
from warta.events.lexicon import EVENT_TYPES, actor_nouns, cameo_code, triggers


def test_every_type_has_triggers_and_a_cameo_root() -> None:
    rules = triggers("id")
    assert {r.type for r in rules} == set(EVENT_TYPES)
    for etype in EVENT_TYPES:
        code = cameo_code(etype, None)
        assert code is not None and len(code) == 2 and code.isdigit()


def test_mode_rows_win_over_type_rows() -> None:
    assert cameo_code("COERCE", "arrest") == "17"
    assert cameo_code("ACCUSE", "investigate") == "09"
    assert cameo_code("NOT-A-TYPE", None) is None


def test_trigger_phrases_are_unique_and_lower_case() -> None:
    phrases = [r.phrase for r in triggers("id")]
    assert len(phrases) == len(set(phrases))
    assert all(p == p.lower() for p in phrases)


def test_actor_nouns_have_known_sectors() -> None:
    sectors = {n.sector for n in actor_nouns("id").values()} - {None}
    assert sectors <= {"GOV", "MIL", "COP", "JUD", "LEG", "REB", "UAF", "CVL", "EDU", "LAB",
                       "BUS", "JRN", "REF", "CRM", "MED", "REL", "PTY"}  # fmt: skip
    assert actor_nouns("id")["warga sipil"].sector == "CVL"


def test_missing_language_is_a_config_error() -> None:
    lexicon.triggers.cache_clear()
    with pytest.raises(ConfigError):
        triggers("xx")
