from __future__ import annotations

from pathlib import Path

from warta.nlp.corpora import Sentence, read_bio
from warta.nlp.scoring import Scores
from warta.nlp.tokenizer import blank
from warta.nlp.udeval import evaluate_treebank, read_conllu


def test_read_bio_maps_labels(tmp_path: Path) -> None:
    path = tmp_path / "x.tsv"
    path.write_text(
        "Polda\tB-ORGANISATION\nBali\tI-ORGANISATION\nmenangkap\tO\nBudi\tB-PPL\n"
        "di\tO\nkuta\tB-PLC\n\nsate\tB-FNB\nlezat\tO\nkemarin\tB-TIME\n",
        encoding="utf-8",
    )
    first, second = read_bio(path)
    assert first.spans() == [(0, 2, "ORG"), (3, 4, "PER"), (5, 6, "LOC")]
    assert second.spans() == []  # FNB has no counterpart; TIME only with keep_all
    assert read_bio(path, keep_all=True)[1].spans() == [(2, 3, "TIME")]


def test_stray_inside_tag_opens_a_span() -> None:
    sentence = Sentence(("a", "b", "c", "d"), ("I-PER", "I-PER", "B-LOC", "I-ORG"))
    assert sentence.spans() == [(0, 2, "PER"), (2, 3, "LOC"), (3, 4, "ORG")]


def test_scores_exact_match() -> None:
    scores = Scores()
    scores.add(gold=[(0, 2, "PER"), (5, 6, "LOC")], pred=[(0, 2, "PER"), (5, 7, "LOC")])
    scores.add(gold=[(1, 2, "ORG")], pred=[(1, 2, "LOC")])
    assert scores.prf("PER") == (1.0, 1.0, 1.0)
    p, r, f = scores.prf()
    assert (p, r) == (1 / 3, 1 / 3) and abs(f - 1 / 3) < 1e-9
    assert scores.as_dict()["micro"]["support"] == 3


CONLLU = """# sent_id = a
# text = Bukunya hilang.
1-2\tBukunya\t_\t_\t_\t_\t_\t_\t_\t_
1\tBuku\tbuku\tNOUN\t_\t_\t3\tnsubj\t_\t_
2\tnya\tia\tPRON\t_\t_\t1\tnmod\t_\t_
3\thilang\thilang\tVERB\t_\t_\t0\troot\t_\tSpaceAfter=No
4\t.\t.\tPUNCT\t_\t_\t3\tpunct\t_\t_

# sent_id = b
# text = Dia pergi ke Jl. Sudirman.
1\tDia\tdia\tPRON\t_\t_\t2\tnsubj\t_\t_
2\tpergi\tpergi\tVERB\t_\t_\t0\troot\t_\t_
3\tke\tke\tADP\t_\t_\t4\tcase\t_\t_
4\tJl.\tjalan\tNOUN\t_\t_\t2\tobl\t_\t_
5\tSudirman\tSudirman\tPROPN\t_\t_\t4\tflat\t_\tSpaceAfter=No
6\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_

"""


def test_ud_tokens_and_sentences(tmp_path: Path) -> None:
    path = tmp_path / "t.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    sentences = list(read_conllu(path))
    assert sentences[0].words == ((0, 4), (4, 7), (8, 14), (14, 15))
    nlp = blank()
    nlp.add_pipe("sentencizer")
    result = evaluate_treebank(nlp, sentences)
    assert result["tokens"]["f1"] == 1.0 and result["sentences"]["f1"] == 1.0
