"""UD treebanks as training data: multi-word tokens, spacing, heads and the held-out split."""

from __future__ import annotations

from pathlib import Path

from warta.nlp.tokenizer import blank
from warta.nlp.ud import read_conllu, to_doc

CONLLU = """# sent_id = 1
# text = Dia membaca bukunya, lalu pergi.
1	Dia	dia	PRON	_	PronType=Prs	2	nsubj	_	_
2	membaca	baca	VERB	_	_	0	root	_	_
3-4	bukunya	_	_	_	_	_	_	_	SpaceAfter=No
3	buku	buku	NOUN	_	_	2	obj	_	_
4	nya	nya	PRON	_	_	3	nmod:poss	_	_
5	,	,	PUNCT	_	_	7	punct	_	_
6	lalu	lalu	CCONJ	_	_	7	cc	_	_
7	pergi	pergi	VERB	_	_	2	conj	_	SpaceAfter=No
8	.	.	PUNCT	_	_	2	punct	_	_

"""


def test_multiword_tokens_spaces_and_heads(tmp_path: Path) -> None:
    path = tmp_path / "t.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    (tree,) = read_conllu(path)
    assert tree.words == ("Dia", "membaca", "buku", "nya", ",", "lalu", "pergi", ".")
    # "buku" + "nya" are written together, "bukunya" has no space before the comma
    assert tree.spaces[2:4] == (False, False)
    assert tree.heads[1] == 1 and tree.deps[1] == "ROOT"
    assert tree.heads[3] == 2 and tree.deps[3] == "nmod:poss"
    doc = to_doc(blank().vocab, tree)
    assert doc.text.strip() == tree.text
    assert [t.pos_ for t in doc][:2] == ["PRON", "VERB"]
    assert doc[3].head.text == "buku"
