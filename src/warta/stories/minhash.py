"""MinHash signatures of article texts and their LSH band keys.

Near-duplicates (a syndicated copy with another dateline, an updated version, a
re-post with a different headline) share most of their word 5-grams, so the
Jaccard similarity of their shingle sets is high. MinHash (datasketch) estimates
it from a fixed-size signature; LSH banding turns the signature into keys so that
only articles sharing a band key are compared.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSH

SHINGLE_WORDS = 5
NUM_PERM = 128
SEED = 7
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True, kw_only=True)
class DedupConfig:
    """How similar two articles must be to belong to one story, and how far apart in time."""

    threshold: float = 0.3  # estimated Jaccard similarity of word 5-gram sets (see eval)
    window_days: int = 7  # publication dates further apart never link (when both are known)
    event_window_days: int = 2  # article events further apart in date are not fused


def words(text: str) -> list[str]:
    """Lower-cased words without accents: copies differ in case and typography, not words."""
    folded = text.casefold()
    if not folded.isascii():
        folded = unicodedata.normalize("NFKD", folded)
        folded = "".join(c for c in folded if not unicodedata.combining(c))
    return _WORD.findall(folded)


def shingles(text: str, *, size: int = SHINGLE_WORDS) -> set[bytes]:
    tokens = words(text)
    if len(tokens) < size:
        return {" ".join(tokens).encode("utf-8")} if tokens else set()
    return {" ".join(tokens[i : i + size]).encode("utf-8") for i in range(len(tokens) - size + 1)}


def signature(text: str) -> np.ndarray:
    """The MinHash values (uint32, ``NUM_PERM`` of them) of a text's shingles."""
    # the permutations depend only on the seed: drawing them takes longer than hashing
    permutations, scheme = _permutations()
    mh = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=permutations, scheme=scheme)
    items = sorted(shingles(text))
    if items:
        mh.update_batch(items)
    return np.asarray(mh.hashvalues, dtype=np.uint32)


@cache
def _permutations() -> tuple[Any, Any]:
    template = MinHash(num_perm=NUM_PERM, seed=SEED)
    return template.permutations, template.scheme


def to_blob(sig: np.ndarray) -> bytes:
    return sig.astype("<u4").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u4").astype(np.uint32)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity: the share of equal MinHash values."""
    return float(np.count_nonzero(a == b)) / float(len(a))


@cache
def band_shape(threshold: float) -> tuple[int, int]:
    """(bands, rows) that datasketch picks for this threshold and signature size."""
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM, weights=(0.1, 0.9))
    return int(lsh.b), int(lsh.r)


def band_keys(sig: np.ndarray, *, threshold: float) -> list[tuple[int, int]]:
    """(band, key) pairs; two signatures that agree on a whole band share its key."""
    bands, rows = band_shape(threshold)
    out = []
    for band in range(bands):
        chunk = sig[band * rows : (band + 1) * rows].astype("<u4").tobytes()
        # 63 bits so that the key fits SQLite's signed INTEGER
        key = int.from_bytes(hashlib.blake2b(chunk, digest_size=8).digest(), "little") >> 1
        out.append((band, key))
    return out
