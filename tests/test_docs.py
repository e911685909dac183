"""The docs list every command, option, input field, evaluation and exit code (datasette-style)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from warta.cli import main as cli
from warta.cli.evaluate import EVALS
from warta.ingest.files import JSONL_FIELDS
from warta.store.export import EXPORTERS

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text("utf-8")


def _subparsers() -> dict[str, argparse.ArgumentParser]:
    parser = cli.build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


@pytest.mark.parametrize("command", sorted(cli.COMMANDS))
def test_readme_lists_every_command(command: str) -> None:
    assert f"`warta {command}" in README


@pytest.mark.parametrize("command", ["extract", "ingest", "search", "export", "demo", "watch"])
def test_readme_lists_every_option(command: str) -> None:
    parser = _subparsers()[command]
    for action in parser._actions:
        longs = [o for o in action.option_strings if o.startswith("--") and o != "--help"]
        if longs:
            assert any(o in README for o in longs), (command, longs)


def test_readme_lists_jsonl_fields_formats_and_exit_codes() -> None:
    for field in JSONL_FIELDS:
        assert f"`{field}`" in README
    for fmt in EXPORTERS:
        assert fmt in README
    for code in (cli.EXIT_OK, cli.EXIT_FAILED, cli.EXIT_USAGE, cli.EXIT_INTERRUPTED):
        assert f"| {code} |" in README


def test_evaluation_doc_has_every_evaluation() -> None:
    doc = (ROOT / "docs" / "evaluation.md").read_text("utf-8")
    for name in EVALS:
        assert f"warta eval {name}" in doc


def test_readme_documents_watch_sources_and_alert_rules() -> None:
    from warta.watch.rules import RULE_KEYS
    from warta.watch.sources import SOURCE_KEYS

    section = README.split("## Monitoring", 1)[1].split("\n## ", 1)[0]
    for key in (*SOURCE_KEYS, *RULE_KEYS):
        assert f"`{key}`" in section, key
    assert "--cycles" in section and "--once" in section
