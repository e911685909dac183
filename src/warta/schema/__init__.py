"""The versioned JSON Schema of the article record, and a validator for it."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator


@cache
def record_schema() -> dict[str, Any]:
    text = resources.files("warta.schema").joinpath("record.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def validation_errors(record: dict[str, Any]) -> list[str]:
    """Every way ``record`` breaks the schema, as readable lines (empty when valid)."""
    validator = Draft202012Validator(record_schema())
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or '(record)'}: {error.message}"
        for error in validator.iter_errors(record)
    ]


def span_errors(record: dict[str, Any]) -> list[str]:
    """Every span of ``record`` that does not index its text, as readable lines (empty when
    all are valid): each object with ``start`` and ``end`` must have ``0 <= start < end <=
    len(text)``, and where it has a ``text`` too, ``text[start:end]`` must equal it."""
    text = record.get("text")
    if not isinstance(text, str):
        return ["(record): no text"]
    errors: list[str] = []

    def walk(value: Any, path: str) -> None:
        if isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, f"{path}/{index}")
            return
        if not isinstance(value, dict):
            return
        start, end = value.get("start"), value.get("end")
        if isinstance(start, int) and isinstance(end, int):
            if not 0 <= start < end <= len(text):
                errors.append(f"{path}: span [{start}, {end}) outside the text ({len(text)})")
            elif isinstance(value.get("text"), str) and text[start:end] != value["text"]:
                errors.append(
                    f"{path}: text {value['text'][:40]!r} != text[{start}:{end}] "
                    f"{text[start:end][:40]!r}"
                )
        for key, item in value.items():
            if key != "text" and isinstance(item, dict | list):
                walk(item, f"{path}/{key}" if path else key)

    walk({k: v for k, v in record.items() if k != "text"}, "")
    return errors
