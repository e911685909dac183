"""`warta eval stories` on the real articles of ../shared, against the floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from warta.stories.evaluate import KINDS, default_gold, evaluate, variant
from warta.stories.minhash import DedupConfig, signature, similarity

FLOORS = json.loads((Path(__file__).resolve().parents[1] / "eval_floors.json").read_text("utf-8"))


def test_made_copies_differ_as_intended() -> None:
    text = (
        "Polisi menangkap 3 orang di Bogor. Mereka diperiksa di kantor polisi. "
        "Barang bukti disita petugas. Kasus ini masih didalami penyidik."
    )
    copies = {kind: variant(text, kind) for kind in KINDS}
    assert copies["dateline"].startswith("JAKARTA") and text in copies["dateline"]
    assert "Kasus ini" not in copies["truncated"] and copies["truncated"].startswith("Polisi")
    assert "4 orang" in copies["updated"]
    assert "Polisi menangkap" not in copies["lead"]
    assert len(copies["edited"].split()) < len(text.split())
    assert all(similarity(signature(text), signature(c)) < 1.0 for c in copies.values())


@pytest.mark.shared
def test_story_linking_meets_floors(shared: Path) -> None:
    result = evaluate(
        news=shared / "news" / "id-news-282.jsonl", gold=default_gold(), config=DedupConfig()
    )
    assert result["articles"] == 260
    for key in ("pair_precision", "pair_recall", "real_recall"):
        floor = FLOORS[f"stories.{key}"]
        assert result[key] >= floor, (key, result[key], floor, result["false_merges"])
