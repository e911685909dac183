"""Contracts that tie one description to another, datasette style: the record dataclasses ↔
the JSON Schema ↔ the flat tables; README's API table ↔ the app's routes; the errors tree
in ``warta.errors`` ↔ the exception classes and their reasons."""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import re
import types
import typing
from pathlib import Path
from typing import Any

import pytest

import warta
from warta import errors
from warta.record import WORKING_FIELDS, Article, Event, Place, Quote
from warta.schema import record_schema
from warta.store.tables import TABLES

ROOT = Path(__file__).parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _inner(hint: Any) -> Any:
    """The dataclass inside ``X | None`` or ``list[X]``, else None."""
    if dataclasses.is_dataclass(hint):
        return hint
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) in (typing.Union, list):
        for arg in typing.get_args(hint):
            if (found := _inner(arg)) is not None:
                return found
    return None


def _object(schema: dict[str, Any]) -> dict[str, Any]:
    items: dict[str, Any] = schema.get("items", schema)
    return items


def _walk(cls: type, schema: dict[str, Any], where: str) -> list[str]:
    """Differences between a dataclass and its schema object, recursively."""
    names = {f.name for f in dataclasses.fields(cls)} - WORKING_FIELDS
    props = set(schema["properties"]) - ({"schema"} if cls is Article else set())
    out = [f"{where}.{n}: not in the schema" for n in sorted(names - props)]
    out += [f"{where}.{n}: not in the dataclass" for n in sorted(props - names)]
    hints = typing.get_type_hints(cls)
    for name in sorted(names & props):
        inner = _inner(hints[name])
        if inner is not None:
            out += _walk(inner, _object(schema["properties"][name]), f"{where}.{name}")
    return out


def test_record_dataclasses_are_the_json_schema() -> None:
    assert _walk(Article, record_schema(), "record") == []


def _leaves(cls: type, prefix: str = "") -> set[str]:
    """Column names a record item flattens to: nested objects as ``outer_inner``; lists of
    offsets (an event's ``mentions``) stay in the record only."""
    out: set[str] = set()
    hints = typing.get_type_hints(cls)
    for f in dataclasses.fields(cls):
        inner = _inner(hints[f.name])
        if typing.get_origin(hints[f.name]) is list:
            continue
        if inner is not None:
            out |= _leaves(inner, f"{prefix}{f.name}_")
        else:
            out.add(f"{prefix}{f.name}")
    return out


# columns that are not a field of the item: the row's keys, and the article's date that
# the events table repeats for filtering
KEYS = {"article_id", "idx"}
EXTRA = {"events": {"published"}, "places": set(), "quotes": set()}
# fields kept in the record only: an event's evidence sentences are its `mentions`
RECORD_ONLY = {"events": set(), "places": set(), "quotes": set()}


@pytest.mark.parametrize(
    ("table", "cls"), [("events", Event), ("places", Place), ("quotes", Quote)]
)
def test_flat_tables_have_a_column_for_every_field(table: str, cls: type) -> None:
    columns = {c.name for c in TABLES[table]} - KEYS - EXTRA[table]
    leaves = _leaves(cls) - RECORD_ONLY[table]
    assert sorted(leaves - columns) == [], "fields without a column"
    assert sorted(columns - leaves) == [], "columns without a field"


def test_an_event_location_keeps_its_offsets_in_every_form(tmp_path: Path) -> None:
    from tests.conftest import make_article
    from warta.record import Location
    from warta.schema import validation_errors
    from warta.store import Store, flatten

    article = make_article("Polisi menangkap dua orang di Bogor.", id="loc")
    start = article.text.index("Bogor")
    article.events[0].location = Location("Bogor", "Bogor", -6.6, 106.8, "IDN", start, start + 5)
    record = article.to_dict()
    assert validation_errors(record) == []
    row = flatten(record)["events"][0]
    assert (row["location_start"], row["location_end"]) == (start, start + 5)
    with Store(tmp_path / "l.db") as store:
        store.upsert(article)
        assert next(store.rows("events"))["location_start"] == start


def _readme_api_paths() -> set[str]:
    start = README.index("| endpoint", README.index("The API (OpenAPI"))
    table = README[start : README.index("\n\n", start)]
    paths = set()
    for row in table.splitlines()[2:]:
        cell = re.split(r"(?<!\\)\|", row)[1]  # "\|" is a pipe inside a cell
        paths |= {_shape(p.split("?")[0]) for p in re.findall(r"(/api/[^`\s,]*)", cell)}
    return paths


def _shape(path: str) -> str:
    """A route with its parameters unnamed: ``/api/articles/{}``."""
    return re.sub(r"\{[^}]*\}", "{}", path)


def test_readme_api_table_lists_every_route(tmp_path: Path) -> None:
    pytest.importorskip("fastapi")
    from warta.serve import ServeConfig, create_app

    app = create_app(ServeConfig(db=tmp_path / "r.db"))
    routes = {
        _shape(route.path) for route in app.routes if getattr(route, "path", "").startswith("/api/")
    }
    documented = _readme_api_paths()
    assert sorted(routes - documented) == [], "routes README's API table does not list"
    assert sorted(documented - routes) == [], "README rows for routes that do not exist"


def _all_modules() -> None:
    """Import every warta module, so that every exception class is defined."""
    for info in pkgutil.walk_packages(warta.__path__, "warta."):
        if info.name == "warta.__main__":
            continue  # runs the CLI
        if info.name.startswith(("warta.spark", "warta.serve", "warta.cli")):
            try:
                importlib.import_module(info.name)
            except ImportError:  # an extra that is not installed (pyspark, fastapi)
                continue
        else:
            importlib.import_module(info.name)


def _subclasses(cls: type) -> set[type]:
    out = set()
    for sub in cls.__subclasses__():
        out |= {sub, *_subclasses(sub)}
    return out


def _tree() -> dict[str, tuple[str | None, str | None]]:
    """name -> (parent, reason) from the tree in ``warta.errors``' docstring."""
    assert errors.__doc__ is not None
    out: dict[str, tuple[str | None, str | None]] = {}
    stack: list[tuple[int, str]] = []
    for line in errors.__doc__.splitlines():
        m = re.match(r"^(    [│ ]*(?:[├└]── )?)(\w+Error)\s+(?:\[([\w-]+)\])?", line)
        if m is None:
            continue
        depth = len(m.group(1))
        while stack and stack[-1][0] >= depth:
            stack.pop()
        out[m.group(2)] = (stack[-1][1] if stack else None, m.group(3))
        stack.append((depth, m.group(2)))
    return out


def test_the_errors_tree_is_the_exception_classes_and_their_reasons() -> None:
    _all_modules()
    tree = _tree()
    classes = {c for c in _subclasses(errors.WartaError) if c.__module__.startswith("warta")}
    assert {c.__name__ for c in classes} | {"WartaError"} == set(tree)
    for cls in classes:
        assert cls.__module__ == "warta.errors", f"{cls.__name__} outside the one hierarchy"
        parent, reason = tree[cls.__name__]
        assert cls.__bases__[0].__name__ == parent, cls.__name__
        if issubclass(cls, errors.InputError) and cls is not errors.InputError:
            assert reason == cls.reason, cls.__name__
        else:
            assert reason is None, cls.__name__
    reasons = [c.reason for c in classes if issubclass(c, errors.InputError)]  # and the base's
    assert len(reasons) == len(set(reasons))  # a reason names one kind of failure
