"""schemathesis against /openapi.json: generated requests to every operation, a bounded
number each, never a server error (in-process ASGI, on a copy of the test database)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from tests.serve.conftest import TOKEN
from warta.serve import ServeConfig, create_app

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is in the dev extra")

EXAMPLES = 15  # per operation (bounded for CI)


def test_no_operation_answers_with_a_server_error(serve_db: Path, tmp_path: Path) -> None:
    from schemathesis.checks import not_a_server_error

    db = tmp_path / "fuzzed.db"
    shutil.copy(serve_db, db)  # ingest and reviews write: keep the shared database as it is
    app = create_app(ServeConfig(db=db, token=TOKEN, ingest_stages=()))
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    failures: list[str] = []
    tried = 0

    from hypothesis import strategies as st
    from schemathesis.generation import GenerationMode

    for operation in operations:
        # valid requests and invalid ones (out-of-range numbers, wrong types, long strings)
        cases = st.one_of(operation.as_strategy(), operation.as_strategy(GenerationMode.NEGATIVE))

        @given(case=cases)
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck),
                  database=None)  # fmt: skip
        def call(case: object) -> None:
            nonlocal tried
            tried += 1
            case.call_and_validate(  # type: ignore[attr-defined]
                headers={"Authorization": f"Bearer {TOKEN}"}, checks=[not_a_server_error]
            )

        try:
            call()
        except Exception as exc:  # every operation is tried; all failures are listed
            failures.append(f"{operation.label}: {str(exc).strip().splitlines()[0]}")
    assert failures == []
    assert tried >= len(operations) * 3
