"""Indonesian stemmers for the search index: PySastrawi against simplemma.

On the real articles of ``../shared/data/news`` (or a JSONL file given as argument):
how many word types each maps differently, a sample of the differences to judge by
eye, how many index keys each leaves, and the speed. Needs ``pip install PySastrawi``
(not a warta dependency). Run: ``python bench/bench_stemmers.py``.
"""

from __future__ import annotations

import json
import random
import re
import sys
import time
from pathlib import Path

NEWS = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "news" / "id-news-282.jsonl"


def main() -> int:
    import simplemma
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    path = Path(sys.argv[1]) if len(sys.argv) > 1 else NEWS
    texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8")]
    types = sorted({w for t in texts for w in re.findall(r"[^\W\d_]+", t.lower())})
    sastrawi = StemmerFactory().create_stemmer()
    started = time.perf_counter()
    by_sastrawi = {w: sastrawi.stem(w) for w in types}
    sastrawi_s = time.perf_counter() - started
    started = time.perf_counter()
    by_simplemma = {w: str(simplemma.lemmatize(w, lang="id")).lower() for w in types}
    simplemma_s = time.perf_counter() - started
    differ = [w for w in types if by_sastrawi[w] != by_simplemma[w]]
    print(f"{len(texts)} articles, {len(types)} word types; {len(differ)} map differently")
    print(f"index keys: PySastrawi {len(set(by_sastrawi.values()))}, "
          f"simplemma {len(set(by_simplemma.values()))}")  # fmt: skip
    print(f"time for all types: PySastrawi {sastrawi_s:.2f} s, simplemma {simplemma_s:.2f} s")
    random.seed(1)
    for word in random.sample(differ, min(25, len(differ))):
        print(f"  {word:20} PySastrawi {by_sastrawi[word]:16} simplemma {by_simplemma[word]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
