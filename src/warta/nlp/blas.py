"""Matrix products through numpy's BLAS when thinc's BLIS runs its generic kernel.

thinc multiplies matrices with BLIS, which picks a kernel for the CPU when it starts. On a
CPU it does not know (a newer AMD EPYC, for one) it falls back to portable C code, the
"generic" sub-configuration, several times slower than the optimised kernels numpy's
OpenBLAS picks for the same CPU; the tok2vec layers' products were then most of the nlp
stage's time. :func:`use_numpy_blas` checks which kernel BLIS chose (asking the BLIS
library itself, compiled into ``blis.cy``) and only then gives the pipeline's models an
ops object whose ``gemm`` is ``numpy.matmul``. The results are the same products summed in
another order, so scores can differ in the last bits of a float; the records stay the same
(tests/nlp/test_blas.py compares both paths).

``WARTA_BLAS=blis`` or ``WARTA_BLAS=numpy`` forces a path (for tests and benchmarks).
"""

from __future__ import annotations

import ctypes
import functools
import os
from typing import TYPE_CHECKING, Any

from thinc.api import NumpyOps

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["NumpyBlasOps", "blis_arch", "use_numpy_blas", "wanted"]


@functools.cache
def blis_arch() -> str | None:
    """The sub-configuration BLIS selected for this CPU ("generic", "haswell", "zen3", …),
    or None when the BLIS library cannot be asked."""
    try:
        import blis.cy  # type: ignore[import-untyped]

        lib = ctypes.CDLL(blis.cy.__file__)
        lib.bli_arch_query_id.restype = ctypes.c_int
        lib.bli_arch_string.restype = ctypes.c_char_p
        lib.bli_arch_string.argtypes = [ctypes.c_int]
        name = lib.bli_arch_string(lib.bli_arch_query_id())
    except (ImportError, OSError, AttributeError):
        return None
    return name.decode("ascii") if isinstance(name, bytes) else None


def wanted() -> bool:
    """Whether products should go through numpy: forced by ``WARTA_BLAS``, else exactly
    when BLIS runs its generic kernel."""
    forced = os.environ.get("WARTA_BLAS", "").strip().lower()
    if forced in {"numpy", "blis"}:
        return forced == "numpy"
    return blis_arch() == "generic"


class NumpyBlasOps(NumpyOps):  # type: ignore[misc]
    """thinc's CPU ops with ``gemm`` done by numpy (its BLAS); everything else unchanged."""

    name = "numpy"  # what thinc and spaCy check for a CPU backend

    def gemm(
        self,
        x: Any,
        y: Any,
        *,
        out: Any = None,
        trans1: bool = False,
        trans2: bool = False,
    ) -> Any:
        import numpy

        a = x.T if trans1 else x
        b = y.T if trans2 else y
        if out is None:
            return numpy.matmul(a, b)
        numpy.matmul(a, b, out=out)
        return out


def _one_blas_thread() -> None:
    """OpenBLAS starts a thread per core and spins them for every product; on the small
    products of a tok2vec that doubled the CPU the model took, and warta already runs one
    process per core (``--jobs``). A thread count the user set is left alone."""
    if any(os.environ.get(v) for v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")):
        return
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

    threadpool_limits(limits=1, user_api="blas")


def use_numpy_blas(nlp: Language, *, force: bool | None = None) -> bool:
    """Give every model of ``nlp``'s components numpy's ``gemm`` when :func:`wanted` (or
    ``force``) says so; returns whether it did. The listeners that share a tok2vec are
    nodes of the same models, so they are covered too."""
    if not (wanted() if force is None else force):
        return False
    _one_blas_thread()
    ops = NumpyBlasOps()
    for _name, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            node.ops = ops
    return True
