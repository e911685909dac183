"""Language identification: the issue's cases, the word rules, and the evaluation gate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from warta.clean import build_article
from warta.clean.evaluate_lang import below_floors, score, warta_detector
from warta.clean.lang import guess_language, vocabulary
from warta.clean.lang_sets import load_sets
from warta.ingest import RawDocument

FLOORS = Path(__file__).resolve().parents[1] / "eval_floors.json"


@pytest.mark.parametrize(
    "text",
    [
        # read as Italian, English or Spanish before: one short sentence of news
        "Presiden Jokowi bertemu Perdana Menteri Malaysia Anwar Ibrahim di Istana Bogor.",
        "Massa membakar kantor bupati di Wamena.",
        'Ketua DPRD mengatakan, "Kami menolak rencana itu."',
        "Nenek moyang T-Rex ditemukan di Polandia.",
        "Jokowi Menang Pilpres, Prabowo Jadi Menhan",
    ],
)
def test_short_indonesian_news_is_indonesian(text: str) -> None:
    guess = guess_language(text)
    assert guess is not None and guess.lang == "id"
    assert 0 < guess.score <= 1


def test_the_dateline_does_not_decide() -> None:
    doc = RawDocument(
        source="t.jsonl",
        kind="jsonl",
        sha256="0" * 64,
        text="Jakarta, CNN Indonesia -- Presiden Joko Widodo meresmikan jalan tol.",
    )
    article = build_article(doc)
    assert article.dateline is not None and article.lang == "id"


def test_malay_by_its_own_words_and_english_by_fasttext() -> None:
    malay = guess_language("Polis menahan tiga lelaki yang disyaki terlibat dalam kes samun.")
    assert malay is not None and malay.lang == "ms"
    english = guess_language("JAKARTA (Reuters) - Indonesia's president met Malaysia's leader.")
    assert english is not None and english.lang == "en"
    italian = guess_language("Il presidente della Repubblica ha parlato di economia a Roma.")
    assert italian is not None and italian.lang == "it"


def test_a_capitalised_malay_spelling_is_a_name() -> None:
    # "Wang" is a Chinese surname in Indonesian news, not the Malay word for money
    guess = guess_language("Menteri Luar Negeri China Wang Yi bertemu Menlu Retno di Jakarta.")
    assert guess is not None and guess.lang == "id"
    assert "wang" in vocabulary().ms


def test_no_words_no_guess() -> None:
    assert guess_language("12 / 45 ...") is None


def test_below_floors_reports_a_drop(tmp_path: Path) -> None:
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"lang.test.id.1": 0.99, "lang.dev.id.1": 0.999}))
    assert below_floors({"id.1": 0.995}, floors, split="test") == []
    assert below_floors({"id.1": 0.995}, floors, split="dev") == ["lang.dev.id.1 0.9950 < 0.999"]


@pytest.mark.shared
@pytest.mark.parametrize("split", ["test", "dev"])
def test_figures_above_floors(shared: Path, split: str) -> None:
    samples = load_sets(shared, split=split)
    assert sum(s.lang == "id" and s.bucket == "1" for s in samples) > 4000
    assert {s.lang for s in samples} == {"id", "en", "ms"}
    figures = score(samples, warta_detector).figures()
    keys = [k for k in json.loads(FLOORS.read_text(encoding="utf-8")) if k.startswith("lang.")]
    assert len(keys) >= 10
    assert below_floors(figures, FLOORS, split=split) == []
