"""The wheel carries every data file the package reads (models, tables, gazetteer, web assets)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_ships_every_data_file(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    [wheel] = list(tmp_path.glob("warta-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    source = ROOT / "src"
    data_files = [
        str(path.relative_to(source))
        for path in (source / "warta").rglob("*")
        if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts
    ]
    assert len(data_files) > 20
    assert [name for name in data_files if name not in names] == []
    assert "warta/models/id_news/meta.json" in names
