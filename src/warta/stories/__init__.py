"""Stories: near-duplicate articles linked by MinHash/LSH, with their events fused.

``link_article`` runs at ingest (from ``Store._after_upsert``); ``fuse_events``
merges the article events of one story that report the same happening.
"""

from __future__ import annotations

from warta.stories.fuse import fuse_events
from warta.stories.link import link_article, rebuild_stories, refresh_pending, refresh_story
from warta.stories.minhash import DedupConfig, signature, similarity

__all__ = [
    "DedupConfig",
    "fuse_events",
    "link_article",
    "rebuild_stories",
    "refresh_pending",
    "refresh_story",
    "signature",
    "similarity",
]
