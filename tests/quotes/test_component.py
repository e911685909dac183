"""The quotes stage on short documents written for these tests, and on the seed article."""

from __future__ import annotations

from pathlib import Path

import pytest

from warta.paths import shared_data
from warta.pipeline import PipelineConfig
from warta.quotes.component import make_stage
from warta.record import Article, Quote


def run(text: str) -> list[Quote]:
    article = Article(id="t", text=text)
    make_stage(PipelineConfig())(article)
    for q in article.quotes:  # every offset points at the text it claims
        assert text[q.start : q.end] == q.text
        if q.cue:
            assert text[q.cue.start : q.cue.end] == q.cue.text
        if q.speaker:
            assert text[q.speaker.start : q.speaker.end] == q.speaker.text
    return article.quotes


DOC = (
    "Wakil Kepala Satlantas Polresta Cirebon Ajun Komisaris Purwadi meninjau jalur mudik.\n"
    "“Arus kendaraan meningkat sejak pagi. Kami menambah petugas di simpang Plered,” "
    "kata Purwadi di Cirebon, Sabtu (1/5).\n"
    "“Pengendara diminta beristirahat setiap empat jam,” ujarnya.\n"
    "Ia juga mengatakan bahwa jalur alternatif sudah disiapkan sejak pekan lalu.\n"
    "Menurut Purwadi, kepadatan akan memuncak pada malam hari.\n"
)


def test_direct_quotes_resolve_to_fullest_name() -> None:
    quotes = run(DOC)
    direct = [q for q in quotes if q.kind == "direct"]
    assert len(direct) == 2
    first, second = direct
    assert first.text.startswith("“Arus") and first.text.endswith("Plered,”")
    assert first.cue is not None and first.cue.text == "kata"
    assert first.speaker is not None
    assert first.speaker.text == "Purwadi"
    assert first.speaker.name == "Ajun Komisaris Purwadi"
    assert first.speaker.role == "Wakil Kepala Satlantas"
    assert first.speaker.affiliation == "Polresta Cirebon"
    # "ujarnya": the pronoun points at the current speaker
    assert second.cue is not None and second.cue.text == "ujarnya"
    assert second.speaker is not None and second.speaker.name == "Ajun Komisaris Purwadi"


def test_indirect_speech_with_pronoun_and_menurut() -> None:
    indirect = [q for q in run(DOC) if q.kind == "indirect"]
    texts = {q.cue.text if q.cue else None: q for q in indirect}
    said = texts["mengatakan"]
    assert said.text == "jalur alternatif sudah disiapkan sejak pekan lalu"
    assert said.speaker is not None and said.speaker.name == "Ajun Komisaris Purwadi"
    menurut = texts["Menurut"]
    assert menurut.text == "kepadatan akan memuncak pada malam hari"
    assert menurut.speaker is not None and menurut.speaker.text == "Purwadi"


def test_postposed_cue_without_quotation_marks() -> None:
    quotes = run("Harga beras naik tajam menjelang Lebaran, kata pedagang pasar Sutrisno.")
    (q,) = quotes
    assert q.kind == "indirect"
    assert q.text == "Harga beras naik tajam menjelang Lebaran"
    assert q.speaker is not None and q.speaker.name == "Sutrisno"
    assert q.speaker.role == "pedagang pasar"


def test_mixed_quote() -> None:
    text = (
        "Menteri Kesehatan Dewi Lestari menegaskan bahwa vaksinasi harus "
        "“dipercepat tanpa kompromi” di semua daerah."
    )
    (q,) = run(text)
    assert q.kind == "mixed"
    assert "“dipercepat tanpa kompromi”" in q.text
    assert q.speaker is not None and q.speaker.name == "Dewi Lestari"
    assert q.speaker.role == "Menteri Kesehatan"


def test_reported_clause_running_into_a_long_quotation_is_mixed() -> None:
    text = (
        "Kapolres Bogor Ajun Komisaris Besar Hendra Wijaya mengatakan polisi "
        "“akan menindak tegas semua pelaku kerusuhan di kota ini.”"
    )
    (q,) = run(text)
    assert q.kind == "mixed"
    assert q.text.startswith("polisi “akan")
    assert q.cue is not None and q.cue.text == "mengatakan"
    assert q.speaker is not None and q.speaker.name == "Ajun Komisaris Besar Hendra Wijaya"


def test_preposed_cue_before_quotation() -> None:
    text = "Gubernur Jawa Tengah Rudi Hartono mengatakan, “Kami tidak akan menutup sekolah.”"
    (q,) = run(text)
    assert q.kind == "direct"
    assert q.cue is not None and q.cue.text == "mengatakan"
    assert q.speaker is not None and q.speaker.name == "Rudi Hartono"


def test_title_only_reference_resolves_to_the_person() -> None:
    text = (
        "Presiden Joko Widodo memimpin rapat kabinet di Istana Bogor.\n"
        "“Semua menteri harus bekerja lebih cepat,” kata Presiden.\n"
    )
    (q,) = run(text)
    assert q.speaker is not None
    assert q.speaker.text == "Presiden"
    assert q.speaker.name == "Joko Widodo"


def test_scare_quotes_are_not_quotations() -> None:
    assert run("Program “Kartu Sehat” diluncurkan di Bandung kemarin.") == []


def test_seed_article() -> None:
    root = shared_data()
    if root is None:
        pytest.skip("../shared/data not found")
    text = (root / "seed" / "asiatoday-2022-03-01.txt").read_text(encoding="utf-8")
    quotes = run(text)
    direct = [q for q in quotes if q.kind == "direct"]
    assert [q.speaker.name if q.speaker else None for q in direct] == [
        "pejabat Prancis",
        "Kremlin",
    ]
    assert direct[0].text.startswith("“Presiden Putin menegaskan")
    assert direct[1].cue is not None and "pernyataan" in direct[1].cue.text
    putin = [q for q in quotes if q.cue is not None and q.cue.text == "mengatakan"]
    assert len(putin) == 1
    (said,) = putin
    assert said.kind == "indirect"
    assert said.text.startswith("akan menyelamatkan warga sipil")
    assert said.speaker is not None and said.speaker.text == "Putin"
    assert said.speaker.name == "Vladimir Putin"


def test_seed_article_through_the_nlp_stage(seed_path: Path) -> None:
    # the same expectations with the shipped nlp stage's tokenizer, sentences and entities
    from warta.ingest import RawDocument
    from warta.pipeline import Pipeline

    text = seed_path.read_text(encoding="utf-8")
    pipeline = Pipeline(config=PipelineConfig(stages=("nlp", "quotes")))
    raw = RawDocument(source=str(seed_path), kind="text", sha256="0" * 64, text=text)
    article = pipeline.process(raw)
    direct = [q for q in article.quotes if q.kind == "direct"]
    assert [q.speaker.name if q.speaker else None for q in direct] == [
        "pejabat Prancis",
        "Kremlin",
    ]
    said = [q for q in article.quotes if q.cue is not None and q.cue.text == "mengatakan"]
    assert [(q.kind, q.speaker.name if q.speaker else None) for q in said] == [
        ("indirect", "Vladimir Putin")
    ]
    for q in article.quotes:
        assert article.text[q.start : q.end] == q.text


def test_quotation_over_paragraphs_keeps_its_speaker() -> None:
    text = (
        "Banjir merendam tiga desa di Kabupaten Garut sejak Senin.\n"
        "“Air naik sangat cepat. Kami tidak sempat menyelamatkan barang-barang.\n"
        "“Sekarang kami mengungsi di balai desa,” tutur Siti Aminah, warga Desa Sukamaju.\n"
        "“Bantuan belum datang,” katanya lagi."
    )
    quotes = run(text)
    assert [q.kind for q in quotes] == ["direct", "direct"]
    first, second = quotes
    assert "\n" in first.text and first.text.endswith("balai desa,”")
    assert first.speaker is not None and first.speaker.name == "Siti Aminah"
    assert first.speaker.role is not None and first.speaker.role.startswith("warga")
    assert second.cue is not None and second.cue.text == "katanya"
    assert second.speaker is not None and second.speaker.name == "Siti Aminah"


def test_pronoun_after_cue_and_anonymous_source() -> None:
    text = (
        "Juru bicara Kementerian Luar Negeri Teuku Faizasyah menjelaskan situasi di Kabul.\n"
        "“Semua staf kedutaan dalam keadaan aman,” kata dia.\n"
        "“Pesawat kedua berangkat malam ini,” kata sumber di bandara."
    )
    first, second = run(text)
    assert first.speaker is not None and first.speaker.text == "dia"
    assert first.speaker.name == "Teuku Faizasyah"
    assert first.speaker.affiliation == "Kementerian Luar Negeri"
    assert second.speaker is not None and second.speaker.name == "sumber"


def test_person_entities_from_the_nlp_stage_mark_the_name() -> None:
    from warta.record import Entity

    # "Hari" is also a common word ("day"), so the word classes alone miss this name
    text = "“Warga diminta menjaga kebersihan selokan,” kata Ketua RT Hari Setiawan."
    start = text.index("Hari")
    with_ner = Article(
        id="b", text=text, entities=[Entity(start, start + 13, "Hari Setiawan", "PER")]
    )
    plain = Article(id="a", text=text)
    make_stage(PipelineConfig())(with_ner)
    make_stage(PipelineConfig())(plain)
    (q,) = with_ner.quotes
    assert q.speaker is not None and q.speaker.name == "Hari Setiawan"
    assert q.speaker.role == "Ketua RT"
    (p,) = plain.quotes
    assert p.speaker is not None and p.speaker.name != "Hari Setiawan"
