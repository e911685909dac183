"""Whatever the text, the stage does not fail and every offset points at its text."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from warta.pipeline import PipelineConfig
from warta.quotes.component import make_stage
from warta.quotes.direct import find_quotations
from warta.record import Article

PIECES = [
    "“",
    "”",
    '"',
    "’",
    "‘",
    ",",
    ".",
    ":",
    "\n",
    " ",
    "(",
    ")",
    "kata",
    "ujarnya",
    "mengatakan",
    "bahwa",
    "Menurut",
    "menurutnya",
    "ia",
    "Budi",
    "Santoso",
    "Kepala",
    "Polres",
    "Bogor",
    "AKBP",
    "warga",
    "pejabat",
    "Prancis",
    "akan",
    "datang",
    "ini",
]
STAGE = make_stage(PipelineConfig())


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60).map(lambda xs: " ".join(xs)))
def test_offsets_always_point_at_their_text(text: str) -> None:
    article = Article(id="p", text=text)
    STAGE(article)
    last_end = -1
    for q in article.quotes:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.text
        assert q.kind in ("direct", "indirect", "mixed")
        if q.cue:
            assert text[q.cue.start : q.cue.end] == q.cue.text
        if q.speaker:
            assert text[q.speaker.start : q.speaker.end] == q.speaker.text
            assert q.speaker.name
        assert q.start >= last_end or q.kind != "direct"
        last_end = max(last_end, q.end) if q.kind == "direct" else last_end


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet='“”"’ ab.,\n', max_size=80))
def test_quotations_do_not_overlap(text: str) -> None:
    spans = [(q.start, q.end) for q in find_quotations(text)]
    for (_, e1), (s2, _) in itertools.pairwise(spans):
        assert e1 <= s2
    for s, e in spans:
        assert text[s] in '“”"' and s < e <= len(text)
