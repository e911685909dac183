"""CPU per character of each stage as articles grow, and peak memory of a long article.

Articles of about 1 KB, 16 KB, 64 KB and 250 KB are made by joining the texts of
``news/id-news-282.jsonl`` (or generated template articles when the shared data is absent)
as paragraphs of one article; each goes through the whole pipeline in this process, every
stage timed in CPU time (``time.process_time``), best of ``--repeat``. The 1 KB figure is
the mean over 40 such articles. Then one ~1 MB article runs in a fresh child process whose
peak resident memory is read from ``getrusage``. Writes bench/results/length-<date>.json.

    python bench/bench_length.py [--repeat 2] [--sizes 1000,16000,64000,250000] [--mb 1]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus
from machine import machine_info, write_result
from warta.ingest import RawDocument
from warta.paths import shared_data


def source_texts() -> list[str]:
    shared = shared_data()
    if shared is not None:
        path = shared / "news" / "id-news-282.jsonl"
    else:
        path = Path("/tmp/warta-bench-length.jsonl")
        write_corpus(path, 300)
    return [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]


def article_of(texts: list[str], size: int, offset: int = 0) -> str:
    """Paragraphs from ``texts`` (from ``offset`` on, cycling) until ``size`` characters."""
    parts: list[str] = []
    total = 0
    i = offset
    while total < size:
        text = texts[i % len(texts)].strip()
        parts.append(text)
        total += len(text) + 2
        i += 1
    return "\n\n".join(parts)[: max(size, 1)]


def _doc(text: str, n: int) -> RawDocument:
    return RawDocument(
        source="bench", kind="jsonl", sha256="0" * 64, text=text, id=f"b{n}", locator=str(n)
    )


def stage_cpu(pipeline: object, texts: list[str]) -> dict[str, float]:
    """CPU seconds per stage summed over ``texts``, cleaning included as ``clean``."""
    from warta.clean import build_article

    cpu: dict[str, float] = {}
    for n, text in enumerate(texts):
        started = time.process_time()
        article = build_article(_doc(text, n))
        cpu["clean"] = cpu.get("clean", 0.0) + time.process_time() - started
        for name, stage in pipeline._stages:  # type: ignore[attr-defined]
            started = time.process_time()
            stage(article)
            cpu[name] = cpu.get(name, 0.0) + time.process_time() - started
        article.state.clear()
    return cpu


def child_peak(text_path: Path) -> dict[str, float]:
    """Run one long article through the pipeline in a fresh process; its peak RSS, from
    the kernel's high-water mark of the process (``VmHWM``: ``getrusage`` keeps the parent's
    maximum across ``exec``)."""
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from warta.pipeline import Pipeline, PipelineConfig\n"
        "from warta.ingest import RawDocument\n"
        "def hwm():\n"
        "    for line in open('/proc/self/status'):\n"
        "        if line.startswith('VmHWM:'):\n"
        "            return int(line.split()[1])\n"
        "p = Pipeline(config=PipelineConfig())\n"
        "base = hwm()\n"
        "text = Path(sys.argv[1]).read_text(encoding='utf-8')\n"
        "t = time.process_time()\n"
        "p.process(RawDocument(source='b', kind='jsonl', sha256='0'*64, text=text, id='x'))\n"
        "cpu = time.process_time() - t\n"
        "peak = hwm()\n"
        "print(base, peak, cpu)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(text_path)], capture_output=True, text=True, check=True
    )
    base, peak, cpu = done.stdout.split()[-3:]
    return {
        "loaded_rss_mb": round(int(base) / 1024, 1),
        "peak_rss_mb": round(int(peak) / 1024, 1),
        "cpu_s": round(float(cpu), 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--sizes", default="1000,16000,64000,250000")
    parser.add_argument("--mb", type=float, default=1.0, help="size of the memory case (MB)")
    args = parser.parse_args()
    from warta.pipeline import Pipeline, PipelineConfig

    texts = source_texts()
    pipeline = Pipeline(config=PipelineConfig())
    stage_cpu(pipeline, [article_of(texts, 2000, n) for n in range(5)])  # warm-up
    rows = []
    for size in (int(s) for s in args.sizes.split(",") if s):
        count = 40 if size <= 2000 else 1
        batch = [article_of(texts, size, n * 7) for n in range(count)]
        chars = sum(len(t) for t in batch)
        best: dict[str, float] = {}
        for _ in range(args.repeat):
            for name, seconds in stage_cpu(pipeline, batch).items():
                best[name] = min(best.get(name, seconds), seconds)
        row = {
            "chars": chars // count,
            "articles": count,
            "us_per_char": {k: round(v / chars * 1e6, 3) for k, v in best.items()},
            "cpu_s_per_article": round(sum(best.values()) / count, 4),
        }
        rows.append(row)
        print(json.dumps(row), flush=True)
    first = rows[0]["us_per_char"] if rows else {}
    for row in rows[1:]:
        row["ratio_to_1kb"] = {
            k: round(v / first[k], 2) if first.get(k) else None
            for k, v in row["us_per_char"].items()
        }
    long_path = Path("/tmp/warta-bench-length-long.txt")
    long_path.write_text(article_of(texts, int(args.mb * 1_000_000)), encoding="utf-8")
    memory = {"chars": len(long_path.read_text(encoding="utf-8")), **child_peak(long_path)}
    print(json.dumps(memory))
    results = {
        "machine": machine_info(),
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "self_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "sizes": rows,
        "long_article": memory,
    }
    out = write_result("length", results)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
