"""The one loader of warta's rule tables: tab-separated files in a package's ``data/`` folder.

Every stage keeps its vocabulary in such files (trafilatura style), never as Python
literals: one row per line, cells separated by tabs, ``#`` comment lines and blank lines
skipped, a cell ``\\N`` read as empty. A missing table is a broken install, a
``ConfigError`` naming it.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from warta.errors import ConfigError


@cache
def _text(package: str, name: str) -> str:
    try:
        return resources.files(package).joinpath("data", name).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise ConfigError(f"data table missing: {package}/data/{name}") from exc


def has_table(package: str, name: str) -> bool:
    """Whether ``package`` ships ``data/name`` (a table some languages lack)."""
    return resources.files(package).joinpath("data", name).is_file()


def read_rows(
    package: str, name: str, *, width: int | None = None, maxsplit: int = -1
) -> list[list[str]]:
    """The rows of ``package``'s ``data/name``; ``width`` pads (or cuts) every row to that
    many cells, ``maxsplit`` keeps the rest of a line in its last cell."""
    out = []
    for line in _text(package, name).splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = ["" if c == "\\N" else c for c in line.split("\t", maxsplit)]
        if width is not None:
            cells = [*cells, *[""] * (width - len(cells))][:width]
        out.append(cells)
    return out


def read_words(package: str, name: str) -> list[str]:
    """The words of a one-column table (or of a plain word list), in file order."""
    return [row[0].strip() for row in read_rows(package, name) if row[0].strip()]


def read_records(package: str, name: str) -> list[dict[str, str]]:
    """The rows of a table whose first row names its columns, as dicts (missing cells "")."""
    header, *rows = read_rows(package, name)
    return [
        dict(zip(header, [*row, *[""] * (len(header) - len(row))], strict=False)) for row in rows
    ]
