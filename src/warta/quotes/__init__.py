"""Quotes: direct, indirect and mixed quotations with their cue and speaker.

``make_stage`` (in ``component``) fills ``Article.quotes``. The rules live in
``direct`` (quotation marks), ``indirect`` (reported speech without them),
``speakers`` (who said it: mention, fullest name, role, affiliation) and the
word tables under ``data/`` (loaded by ``lexicon``).
"""

from __future__ import annotations

from warta.quotes.component import extract_quotes

__all__ = ["extract_quotes"]
