"""``warta eval stories``: how well near-duplicate articles are linked into stories.

Two sources of truth, both on the 260 real articles of
``../shared/data/news/id-news-282.jsonl``:

* the pairs a developer judged by reading (``tests/data/stories/id-news-282-pairs.tsv``):
  ``copy`` and ``edited`` pairs must be linked; ``event`` pairs (the same happening
  written up separately, a headline record and its article) are left out of the score;
* a copy of every article of at least 300 characters, made the way copies differ in
  practice, one kind each in turn: ``dateline`` (dateline and credit added), ``truncated``
  (last third of the sentences dropped), ``updated`` (two sentences added, numbers
  changed), ``lead`` (another first sentence, last sentence dropped) and ``edited``
  (every twelfth word dropped; the hardest).

Articles are linked through the store as at ingest (no dates: the time window does not
apply). Pairs in one story are compared with the gold pairs (closed under "same story"):
pair precision, pair recall and F1, recall per kind, and merges of unrelated articles.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from warta.errors import EvalError
from warta.evaluation import gold_path
from warta.paths import shared_data
from warta.record import Article
from warta.store import Store
from warta.stories.link import link_article
from warta.stories.minhash import DedupConfig

KINDS = ("dateline", "truncated", "updated", "lead", "edited")
# sentences written for this evaluation, added to copies as an update would add them
UPDATE = (
    " Hingga berita ini diturunkan, pihak berwenang belum memberikan keterangan tambahan."
    " Redaksi akan memperbarui laporan ini begitu ada perkembangan baru."
)
LEAD = "Berikut laporan lengkap redaksi mengenai peristiwa yang menjadi perhatian publik itu."
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_NUMBER = re.compile(r"\d+")


def default_gold() -> Path:
    return gold_path("stories/id-news-282-pairs.tsv")


def variant(text: str, kind: str) -> str:
    sentences = _SENTENCE.split(text.strip())
    if kind == "dateline":
        return f"JAKARTA, Warta Contoh – {text.strip()} (wc)"
    if kind == "truncated":
        keep = max(1, (len(sentences) * 2 + 2) // 3)
        return " ".join(sentences[:keep])
    if kind == "updated":
        return _NUMBER.sub(lambda m: str(int(m.group()) + 1), text.strip()) + UPDATE
    if kind == "lead":
        body = sentences[1:-1] if len(sentences) > 2 else sentences
        return " ".join([LEAD, *body])
    if kind == "edited":
        words = text.split()
        return " ".join(w for i, w in enumerate(words) if i % 12 != 11)
    raise ValueError(kind)


class _Store(Store):
    """The store with a chosen dedup configuration (the real one uses the default)."""

    config = DedupConfig()

    def _after_upsert(self, record: dict[str, Any]) -> None:
        link_article(self.db, record, config=self.config)


def _closure(pairs: set[frozenset[str]]) -> set[frozenset[str]]:
    """Every pair of articles connected through the given pairs."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for pair in pairs:
        a, b = sorted(pair)
        parent[find(a)] = find(b)
    groups: dict[str, list[str]] = defaultdict(list)
    for x in list(parent):
        groups[find(x)].append(x)
    return {frozenset(p) for g in groups.values() for p in itertools.combinations(sorted(g), 2)}


def evaluate(*, news: Path, gold: Path, config: DedupConfig) -> dict[str, Any]:
    articles = [json.loads(line) for line in news.read_text("utf-8").splitlines() if line.strip()]
    must: set[frozenset[str]] = set()
    ignore: set[frozenset[str]] = set()
    real_kind: dict[frozenset[str], str] = {}
    for line in gold.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith(("#", "a\t")):
            continue
        a, b, kind, _note = line.split("\t", 3)
        pair = frozenset((a, b))
        (ignore if kind == "event" else must).add(pair)
        real_kind[pair] = kind
    known = {a["id"] for a in articles}
    missing = sorted({x for p in must | ignore for x in p} - known)
    if missing:
        raise EvalError(f"{gold}: ids not in {news}: {', '.join(missing[:5])}")

    docs: list[tuple[str, str]] = [(a["id"], a["text"]) for a in articles]
    made: dict[frozenset[str], str] = {}
    long_enough = [a for a in articles if len(a["text"]) >= 300]
    for number, article in enumerate(long_enough):
        kind = KINDS[number % len(KINDS)]
        copy_id = f"{article['id']}~{kind}"
        docs.append((copy_id, variant(article["text"], kind)))
        made[frozenset((article["id"], copy_id))] = kind
        must.add(frozenset((article["id"], copy_id)))
    must = _closure(must)
    ignore = _closure(ignore | must) - must

    with tempfile.TemporaryDirectory() as tmp:
        store = _Store(Path(tmp) / "eval.db")
        store.config = config
        with store:
            for doc_id, text in docs:
                store.upsert(Article(id=doc_id, text=text))
            story_of = dict(store.db.execute("SELECT article_id, story_id FROM story_members"))
    members: dict[str, list[str]] = defaultdict(list)
    for doc_id, story in story_of.items():
        members[story].append(doc_id)
    predicted = {
        frozenset(p) for g in members.values() for p in itertools.combinations(sorted(g), 2)
    }
    scored = predicted - ignore
    tp = len(scored & must)
    precision = tp / len(scored) if scored else 1.0
    recall = tp / len(must) if must else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for pair, kind in made.items():
        by_kind[kind][1] += 1
        by_kind[kind][0] += pair in predicted
    for pair, kind in real_kind.items():
        if kind != "event":
            by_kind[f"real {kind}"][1] += 1
            by_kind[f"real {kind}"][0] += pair in predicted
    real = [pair for pair, kind in real_kind.items() if kind != "event"]
    real_recall = sum(pair in predicted for pair in real) / len(real) if real else 1.0
    false_merges = sorted(sorted(p) for p in scored - must)
    return {
        "threshold": config.threshold,
        "articles": len(articles),
        "copies": len(made),
        "gold_pairs": len(must),
        "predicted_pairs": len(scored),
        "pair_precision": round(precision, 4),
        "pair_recall": round(recall, 4),
        "pair_f1": round(f1, 4),
        "real_recall": round(real_recall, 4),
        "recall_by_kind": {k: round(v[0] / v[1], 4) for k, v in sorted(by_kind.items())},
        "false_merges": false_merges[:20],
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="warta eval stories", description=__doc__)
    parser.add_argument("--gold", type=Path, default=None, help="judged pairs (TSV)")
    parser.add_argument(
        "--threshold", type=float, default=DedupConfig().threshold, help="similarity threshold"
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    data = shared_data()
    if data is None:
        raise EvalError("../shared/data not found (set WARTA_SHARED_DATA)")
    result = evaluate(
        news=data / "news" / "id-news-282.jsonl",
        gold=args.gold or default_gold(),
        config=DedupConfig(threshold=args.threshold),
    )
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    print(
        f"stories (threshold {result['threshold']}): {result['articles']} articles + "
        f"{result['copies']} made copies; {result['gold_pairs']} gold pairs"
    )
    print(
        f"pair precision {result['pair_precision']:.3f}  recall {result['pair_recall']:.3f}  "
        f"F1 {result['pair_f1']:.3f}  ({result['predicted_pairs']} pairs linked); "
        f"judged real pairs recall {result['real_recall']:.3f}"
    )
    for kind, value in result["recall_by_kind"].items():
        print(f"  recall {kind:<14} {value:.3f}")
    for a, b in result["false_merges"]:
        print(f"  false merge: {a} + {b}", file=sys.stderr)
    return 0
