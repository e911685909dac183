"""The coder's word classes live in data/words-id.tsv, not in Python literals."""

from __future__ import annotations

import ast
from pathlib import Path

from warta.events import words

EVENTS = Path(__file__).parents[2] / "src" / "warta" / "events"


def test_every_class_is_read_from_the_table() -> None:
    classes = words.word_classes("id")
    assert "tidak" in words.NEGATORS and "akan" in words.FUTURES
    assert words.GENITIVE_AGENTS["ASSAULT"] >= {"MIL", "REB"}
    assert words.AGENT_SECTORS.keys() == {"COERCE", "SANCTION", "ACCUSE"}
    assert all(classes.values())


def test_no_coder_part_writes_a_word_set_as_a_literal() -> None:
    parts = ["coder", "triggers", "roles", "merge", "build", "coreference", "candidate"]
    for name in parts:
        tree = ast.parse((EVENTS / f"{name}.py").read_text("utf-8"))
        for node in tree.body:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
                func = node.value.func
                assert not (isinstance(func, ast.Name) and func.id == "frozenset"), name


def test_a_resolved_pronoun_keeps_its_kind_and_names_its_antecedent() -> None:
    import typing

    from warta.events.actors import Mention, MentionKind
    from warta.events.coreference import resolve_pronouns

    person = Mention(0, 5, 0, 1, "Budi", "Budi", "IDN", "COP", "person", proper=True)
    ia = Mention(20, 22, 5, 6, "ia", "ia", None, None, "pronoun")
    by_sent = [[person], [ia]]
    resolve_pronouns(by_sent)
    (resolved,) = by_sent[1]
    assert resolved.kind == "pronoun" and resolved.antecedent == "person"
    assert (resolved.name, resolved.sector) == ("Budi", "COP")
    assert "pronoun" in typing.get_args(MentionKind)
