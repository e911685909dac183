"""Continuous monitoring: ``warta watch`` polls feeds and sitemaps and keeps a store current.

- ``sources``: what is followed (URLs, TOML sources files with per-source settings);
- ``parse``: a polled body as entries (RSS/Atom, sitemaps, Google News sitemaps);
- ``state``: sources, entries, validators and schedule in the database (migration 005);
- ``loop``: the ``Watcher`` that polls, fetches, stores and backs off;
- ``rules`` and ``alerts``: alert rules and their once-per-fused-event delivery.
"""

from __future__ import annotations

from warta.watch.loop import CycleStats, WatchConfig, Watcher
from warta.watch.sources import Source, resolve_sources

__all__ = ["CycleStats", "Source", "WatchConfig", "Watcher", "resolve_sources"]
