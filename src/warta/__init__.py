"""warta: Indonesian-first news into structured, verifiable event data."""

from __future__ import annotations

__version__ = "0.1.0"
