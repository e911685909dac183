from __future__ import annotations

from warta.nlp import doc_for, load_pipeline
from warta.nlp.component import make_stage
from warta.pipeline import PipelineConfig
from warta.record import Article

TEXT = (
    "JAKARTA – Presiden Joko Widodo menerima Sekjen PBB di Istana Merdeka, Senin (28/2/2022).\n\n"
    "Pasukan Rusia terus menyerang Kyiv. Kremlin membantah tuduhan itu."
)


def test_stage_fills_sentences_entities_and_doc() -> None:
    article = Article(id="t1", text=TEXT)
    make_stage(PipelineConfig())(article)
    assert article.state["doc"].text == TEXT
    sentences = [TEXT[s.start : s.end] for s in article.sentences]
    assert sentences == [
        "JAKARTA – Presiden Joko Widodo menerima Sekjen PBB di Istana Merdeka, Senin (28/2/2022).",
        "Pasukan Rusia terus menyerang Kyiv.",
        "Kremlin membantah tuduhan itu.",
    ]
    by_text = {e.text: e for e in article.entities}
    for entity in article.entities:
        assert TEXT[entity.start : entity.end] == entity.text
        assert entity.label in ("PER", "ORG", "LOC")
    assert by_text["Joko Widodo"].label == "PER"
    assert by_text["Joko Widodo"].kb_id == "person:joko-widodo"
    assert by_text["Rusia"].kb_id == "state:RUS"
    assert by_text["Kyiv"].kb_id == "capital:UKR"
    assert by_text["Kremlin"].kb_id == "metonym:kremlin"
    assert by_text["PBB"].kb_id == "igo:UN"


def test_doc_for_reuses_or_builds_the_doc() -> None:
    article = Article(id="t2", text="NATO bertemu di Brussel.")
    doc = doc_for(article)
    assert article.state["doc"] is doc and doc_for(article) is doc
    assert [t.text for t in doc][:2] == ["NATO", "bertemu"]
    article.text = "Teks lain."  # a stale Doc is not returned
    assert doc_for(article).text == "Teks lain."


def test_pipeline_is_loaded_once() -> None:
    assert load_pipeline() is load_pipeline()
    assert any(n in load_pipeline().pipe_names for n in ("senter", "parser", "sentencizer"))


def test_kb_labels_fix_known_names_only() -> None:
    from spacy.tokens import Doc, Span

    from warta.nlp.kblabels import relabel

    nlp = load_pipeline()
    doc = Doc(nlp.vocab, words=["Macron", "dan", "Budiman", "di", "Krimea", "dan", "krimea"])
    doc.ents = [
        Span(doc, 0, 1, label="ORG"),  # KB: person
        Span(doc, 2, 3, label="ORG"),  # unknown to the KB: kept
        Span(doc, 4, 5, label="ORG"),  # KB: region
        Span(doc, 6, 7, label="ORG"),  # lower case: left alone
    ]
    labels = [e.label_ for e in relabel(doc).ents]
    assert labels == ["PER", "ORG", "LOC", "ORG"]


def test_no_entity_runs_across_the_dateline() -> None:
    from warta.clean import build_article
    from warta.ingest import RawDocument
    from warta.nlp.component import make_stage
    from warta.pipeline import PipelineConfig

    doc = RawDocument(
        source="t",
        kind="text",
        sha256="0" * 64,
        text="BOGOR, WARTA CONTOH – Polres Bogor menangkap tiga orang di Kecamatan Cibinong.",
    )
    article = build_article(doc, detect_language=False)
    assert article.dateline is not None
    make_stage(PipelineConfig())(article)
    for entity in article.entities:
        assert not entity.start < article.dateline.end < entity.end, entity
        assert article.text[entity.start : entity.end] == entity.text
    assert any(e.text == "Polres Bogor" for e in article.entities)


def test_other_languages_get_sentences_but_no_indonesian_entities() -> None:
    from warta.nlp.component import make_stage
    from warta.pipeline import PipelineConfig
    from warta.record import Article

    text = "Envoys met in Geneva on Saturday as talks resumed. The spokesperson said so."
    stage = make_stage(PipelineConfig())
    english = Article(id="en", text=text, lang="en")
    stage(english)
    assert [text[s.start : s.end] for s in english.sentences] == [
        "Envoys met in Geneva on Saturday as talks resumed.",
        "The spokesperson said so.",
    ]
    assert english.entities == []
    indonesian = Article(id="id", text="Presiden Joko Widodo tiba di Bandung.", lang="id")
    stage(indonesian)
    assert any(e.label == "PER" for e in indonesian.entities)
