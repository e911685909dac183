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
