"""Where warta finds the shared training and evaluation data (never shipped in the package)."""

from __future__ import annotations

import os
from pathlib import Path

from warta.errors import EvalError


def shared_data(*, required: bool = False) -> Path | None:
    """``$WARTA_SHARED_DATA``, else ``../shared/data`` from the working directory or the repo.

    With ``required=True`` a missing folder raises ``EvalError`` naming where it looked.
    """
    candidates = []
    if env := os.environ.get("WARTA_SHARED_DATA"):
        candidates.append(Path(env))
    candidates.append(Path.cwd().parent / "shared" / "data")
    repo = Path(__file__).resolve().parents[2]  # src/warta -> repo root in a checkout
    candidates.append(repo.parent / "shared" / "data")
    for path in candidates:
        if path.is_dir():
            return path
    if required:
        looked = ", ".join(str(p) for p in candidates)
        raise EvalError(f"shared data not found (looked in {looked}; set WARTA_SHARED_DATA)")
    return None


def repo_tests() -> Path:
    """The ``tests`` folder of the checkout warta runs from: its gold sets (``data/``) and
    evaluation floors (``eval_floors.json``), which are not shipped in the package."""
    return Path(__file__).resolve().parents[2] / "tests"
