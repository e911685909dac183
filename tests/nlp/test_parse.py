"""The shipped parser: every token gets a UPOS tag and a head, and the sentences stay the
sentence splitter's."""

from __future__ import annotations

import pytest

from warta.nlp import build_pipeline
from warta.nlp.parse import available

pytestmark = pytest.mark.skipif(not available(), reason="no trained parser shipped")

TEXT = (
    "Polisi menangkap dua pencuri di Depok, Senin (3/1/2022). "
    "Presiden Joko Widodo bertemu Perdana Menteri Malaysia di Istana Bogor."
)


def test_parse_tags_every_token_and_keeps_the_sentences() -> None:
    nlp = build_pipeline(parse=True)
    assert {"morphologizer", "parser"} <= set(nlp.pipe_names)
    doc = nlp(TEXT)
    assert all(t.pos_ for t in doc if not t.is_space)
    assert all(t.dep_ for t in doc if not t.is_space)
    verbs = {t.text for t in doc if t.pos_ == "VERB"}
    assert {"menangkap", "bertemu"} <= verbs
    # the parser keeps the rule-based splitter's boundaries
    with nlp.select_pipes(disable=["morphologizer", "parser", "ud_tok2vec"]):
        plain = nlp(TEXT)
    assert [s.start_char for s in doc.sents] == [s.start_char for s in plain.sents]
    subject = next(t for t in doc if t.text == "Polisi")
    assert subject.head.text == "menangkap" and subject.dep_.startswith("nsubj")
