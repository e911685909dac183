"""Inputs that made the nlp stage super-linear or fail: long punctuation runs, huge texts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import warta.nlp
from warta.nlp import load_pipeline, make_doc, pieces_of
from warta.nlp.tokenizer import MAX_PUNCT_RUN, GuardedTokenizer

HEAD = "Presiden Joko Widodo tiba di Jakarta "


def _exact(doc: object, text: str) -> None:
    assert doc.text == text  # type: ignore[attr-defined]
    for token in doc:  # type: ignore[attr-defined]
        assert text[token.idx : token.idx + len(token.text)] == token.text


@pytest.mark.parametrize("char", ["-", "»", "😀", "!", "“"])
def test_a_long_punctuation_run_is_one_token(char: str) -> None:
    nlp = load_pipeline()
    assert isinstance(nlp.tokenizer, GuardedTokenizer)
    text = HEAD + char * 8000 + " lalu pulang."
    doc = nlp.tokenizer(text)
    _exact(doc, text)
    assert [t.text for t in doc][:5] == ["Presiden", "Joko", "Widodo", "tiba", "di"]
    assert char * 8000 in [t.text for t in doc]  # one token: no n² peeling of the run
    full = nlp(text)
    assert [e.text for e in full.ents][:2] == ["Joko Widodo", "Jakarta"]


def test_short_runs_tokenize_as_before() -> None:
    nlp = load_pipeline()
    text = "Ia berkata: “Tidak!!!” -- lalu pergi..."
    assert len("!!!”") < MAX_PUNCT_RUN
    guarded = [t.text for t in nlp.tokenizer(text)]
    plain = [t.text for t in super(GuardedTokenizer, nlp.tokenizer).__call__(text)]
    assert guarded == plain


PIECES = st.sampled_from(
    ["Joko", "Widodo", "di", "Jakarta.", " ", "  ", "\n", "-", "-" * 40, "»" * 33, "😀" * 50,
     "!?" * 20, "“", "”", "nya", "Rp10.000", "\t", "\u00a0", "...."]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(PIECES, max_size=30))
def test_guarded_tokenizer_offsets_are_exact(pieces: list[str]) -> None:
    text = "".join(pieces)
    _exact(load_pipeline().tokenizer(text), text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab \n.", max_size=300), st.integers(min_value=1, max_value=40))
def test_pieces_join_to_the_text(text: str, size: int) -> None:
    pieces = pieces_of(text, size=size)
    assert "".join(pieces) == text
    assert all(len(p) <= size for p in pieces)
    assert all(p for p in pieces[:-1])


def test_a_text_over_max_length_goes_through_in_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    nlp = load_pipeline()
    paragraph = "Presiden Joko Widodo tiba di Jakarta untuk bertemu Sri Mulyani.\n"
    text = paragraph * 300  # 19,500 characters
    whole = [(e.start_char, e.end_char, e.label_) for e in nlp(text).ents]
    # the same mechanism as a text over spaCy's 1,000,000 characters, at a test's size
    monkeypatch.setattr(nlp, "max_length", 5000)
    monkeypatch.setattr(warta.nlp, "PIECE_CHARS", 1000)
    with pytest.raises(ValueError, match="E088"):
        nlp(text)
    doc = make_doc(nlp, text)
    _exact(doc, text)
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == whole
    assert len(list(doc.sents)) >= 300
