"""Matrix products through numpy's BLAS give the same products and the same annotations."""

from __future__ import annotations

import json
from pathlib import Path

import numpy
import pytest
from thinc.api import NumpyOps

import warta
from warta.nlp import MODEL_DIR, build_pipeline
from warta.nlp.blas import NumpyBlasOps, blis_arch, use_numpy_blas, wanted


@pytest.mark.parametrize(("trans1", "trans2"), [(False, False), (True, False), (False, True)])
def test_gemm_matches_blis(trans1: bool, trans2: bool) -> None:
    rng = numpy.random.default_rng(0)
    x = rng.standard_normal((7, 5) if not trans1 else (5, 7)).astype("f")
    y = rng.standard_normal((5, 3) if not trans2 else (3, 5)).astype("f")
    want = NumpyOps().gemm(x, y, trans1=trans1, trans2=trans2)
    got = NumpyBlasOps().gemm(x, y, trans1=trans1, trans2=trans2)
    assert got.dtype == numpy.float32 and got.shape == (7, 3)
    numpy.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)
    out = numpy.empty((7, 3), dtype="f")
    assert NumpyBlasOps().gemm(x, y, out=out, trans1=trans1, trans2=trans2) is out
    numpy.testing.assert_allclose(out, want, rtol=1e-5, atol=1e-5)


def test_the_choice_follows_blis_unless_forced(monkeypatch: pytest.MonkeyPatch) -> None:
    arch = blis_arch()
    assert arch is None or (arch.isascii() and arch)
    monkeypatch.delenv("WARTA_BLAS", raising=False)
    assert wanted() is (arch == "generic")
    monkeypatch.setenv("WARTA_BLAS", "numpy")
    assert wanted() is True
    monkeypatch.setenv("WARTA_BLAS", "blis")
    assert wanted() is False


@pytest.mark.skipif(not (MODEL_DIR / "config.cfg").is_file(), reason="no shipped model")
def test_both_paths_annotate_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARTA_BLAS", "blis")
    blis_nlp = build_pipeline()
    numpy_nlp = build_pipeline()
    assert use_numpy_blas(numpy_nlp, force=True)
    tok2vec = numpy_nlp.get_pipe("tok2vec").model  # type: ignore[attr-defined]
    assert all(isinstance(node.ops, NumpyBlasOps) for node in tok2vec.walk())
    path = Path(warta.__file__).parent / "data" / "demo" / "articles.jsonl"
    texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]
    assert texts
    for text, a, b in zip(texts, blis_nlp.pipe(texts), numpy_nlp.pipe(texts), strict=True):
        assert [(e.start_char, e.end_char, e.label_) for e in a.ents] == [
            (e.start_char, e.end_char, e.label_) for e in b.ents
        ], text[:60]
        assert [s.start for s in a.sents] == [s.start for s in b.sents]
        numpy.testing.assert_allclose(a.tensor, b.tensor, rtol=1e-3, atol=1e-4)
