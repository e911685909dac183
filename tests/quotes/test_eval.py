"""``warta eval quotes`` must stay above the floors in tests/eval_floors.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from warta.errors import EvalError
from warta.quotes.evaluate import (
    DEFAULT,
    HELDOUT,
    OWN,
    evaluate,
    evaluate_own,
    figures,
    gold_speakers,
    load_gold,
    load_own,
    name_matches,
)

FLOORS = Path(__file__).resolve().parents[1] / "eval_floors.json"


@pytest.mark.shared
@pytest.mark.slow
def test_figures_above_floors(shared: Path) -> None:
    pfsa = evaluate(shared / DEFAULT)
    assert pfsa["gold_statements"] > 1500
    own = {"own": evaluate_own(OWN, shared), "heldout": evaluate_own(HELDOUT, shared)}
    figs = figures(pfsa, own)
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    mine = {k: v for k, v in floors.items() if k.startswith("quotes.")}
    assert len(mine) >= 10
    for key, floor in mine.items():
        assert figs[key] >= floor, f"{key}: {figs[key]:.4f} < floor {floor}"


def test_own_gold_offsets_match_texts(shared: Path) -> None:
    # load_own raises EvalError when a quotation's text is not at its offsets
    dev, held = load_own(OWN, shared), load_own(HELDOUT, shared)
    assert sum(len(q) for _, _, q in dev) >= 80
    assert sum(len(q) for _, _, q in held) >= 50
    # the held-out articles are not among the development ones
    assert not {i for i, _, _ in dev} & {i for i, _, _ in held}
    kinds = {q["kind"] for _, _, qs in dev + held for q in qs}
    assert kinds == {"direct", "indirect", "mixed"}


def test_broken_gold_is_an_eval_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        json.dumps(
            {
                "id": "x",
                "text": "abc",
                "spans": [{"label": "STATEMENT", "start": 0, "end": 2, "text": "zz"}],
            }
        )
        + "\n",
        encoding="utf-8",
    )
    with pytest.raises(EvalError):
        load_gold(bad)


def test_name_matching_ignores_titles_and_allows_short_forms() -> None:
    assert name_matches("Ajun Komisaris Purwadi", "Purwadi")
    assert name_matches("Muhammad Fadil Imran", "Inspektur Jenderal (Pol) Fadil Imran")
    assert name_matches("Tri Rismaharini", "Risma")
    assert not name_matches("Tri Rismaharini", "Joko Widodo")
    assert not name_matches(None, "Purwadi")


def test_gold_speaker_of_katanya_is_the_latest_speaker() -> None:
    text = "“Satu dua tiga,” kata Budi Santoso. “Empat lima,” katanya."
    spans = [
        ("STATEMENT", "“Satu dua tiga,”"),
        ("CUE", "kata"),
        ("PERSON", "Budi Santoso"),
        ("STATEMENT", "“Empat lima,”"),
        ("CUECOREF", "katanya"),
    ]
    from warta.quotes.evaluate import GoldSpan

    gold = [GoldSpan(lab, text.index(s), text.index(s) + len(s), s) for lab, s in spans]
    speakers = gold_speakers(text, gold)
    assert [g.name for g in speakers.values()] == ["Budi Santoso", "Budi Santoso"]
    assert [g.explicit for g in speakers.values()] == [True, False]
