"""The stage on real articles and the event stage's date resolver."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from warta.clean import build_article
from warta.ingest import RawDocument, iter_documents
from warta.pipeline import PipelineConfig
from warta.record import Article
from warta.times import date_for_span, find_times
from warta.times.component import make_stage


def test_seed_article_expressions(seed_path: Path) -> None:
    (doc,) = list(iter_documents([str(seed_path)]))
    assert isinstance(doc, RawDocument)
    article = build_article(doc, detect_language=False)
    assert article.published == dt.date(2022, 3, 1)
    make_stage(PipelineConfig())(article)
    got = {(t.text, t.value, t.type) for t in article.times}
    assert {
        ("Senin (28/2/2022)", "2022-02-28", "DATE"),
        ("Selasa (1/3/2022)", "2022-03-01", "DATE"),
        ("pekan lalu", "2022-W08", "DATE"),
        ("hari Minggu (27/2)", "2022-02-27", "DATE"),
        ("90 menit", "PT90M", "DURATION"),
    } <= got
    for t in article.times:
        assert article.text[t.start : t.end] == t.text
    sentence = article.text.index("Pada hari Minggu (27/2)")
    assert date_for_span(article, start=sentence, end=sentence + 80) == ("2022-02-27", "text")


def test_date_for_span_prefers_a_day_and_falls_back_only_when_asked() -> None:
    text = (
        "Pada Maret 2022, tepatnya Senin (28/2/2022) pukul 10.00 WIB, massa berkumpul. Lalu bubar."
    )
    article = Article(id="t", text=text, published=dt.date(2022, 3, 1))
    first_sentence_end = text.index("Lalu")
    assert date_for_span(article, start=0, end=first_sentence_end) == ("2022-02-28", "text")
    later = (first_sentence_end, len(text))
    assert date_for_span(article, start=later[0], end=later[1]) == (None, "none")
    got = date_for_span(article, start=later[0], end=later[1], fallback=True)
    assert got == ("2022-03-01", "published")
    article.published = None
    assert date_for_span(article, start=later[0], end=later[1], fallback=True) == (None, "none")


def test_stage_fills_times_in_place() -> None:
    article = Article(id="s", text="Banjir melanda Bekasi kemarin.", published=dt.date(2020, 1, 2))
    make_stage(PipelineConfig())(article)
    assert [(t.text, t.value, t.anchor) for t in article.times] == [
        ("kemarin", "2020-01-01", "published")
    ]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["Senin", "(28/2)", "1", "Maret", "2022", "pukul", "10.00", "WIB", "hari", "ini",
             "lalu", "pekan", "dua", "tahun", ",", ".", "-", "/", "Minggu", "setiap", "x", "ke"]
        ),
        max_size=30,
    )
)  # fmt: skip
def test_spans_are_always_valid(words: list[str]) -> None:
    text = " ".join(words)
    found = find_times(text, published=dt.date(2022, 3, 1))
    last_end = 0
    for t in found:
        assert 0 <= t.start < t.end <= len(text)
        assert t.start >= last_end  # ordered, never overlapping
        assert text[t.start : t.end] == t.text
        assert t.type in {"DATE", "TIME", "DURATION", "SET"}
        last_end = t.end
