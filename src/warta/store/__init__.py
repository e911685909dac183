"""Storage and export: the SQLite store and flat tables shared by every output format."""

from __future__ import annotations

from warta.store.search import SearchHit
from warta.store.sqlite import Store
from warta.store.tables import TABLES, flatten

__all__ = ["TABLES", "SearchHit", "Store", "flatten"]
