"""End-to-end throughput per CPU-second beside reference points measured in the same run.

On ``news/id-news-282.jsonl`` repeated ``--times`` times (ids made unique), all in one run:

- reference points, in this process, on the same texts: spaCy's blank Indonesian tokenizer
  (``spacy.blank("id")``), the shipped model alone (tok2vec + ner, as warta loads it)
  through ``nlp.pipe``, and ``dateparser.search.search_dates`` (on ``--dateparser`` of the
  texts, it is slow) for the times stage;
- warta's pipeline in this process, as ``warta extract --jobs 1`` runs it (batches of
  ``warta.run.local.BATCH``), each stage's CPU time apart (cleaning as ``clean``);
- ``warta extract`` itself in a child process, CPU time (user + system) from start to exit:
  articles per CPU-second with start-up counted, and start-up alone (a one-article input);
- ``--jobs N`` for each N of ``--jobs``: wall time and CPU of ``warta extract`` on
  ``--generated`` template articles (``bench/corpus.py``).

CPU time (``time.process_time``, ``getrusage``), not wall time, because the machine is
shared; best of ``--repeat``. Writes bench/results/throughput-<date>.json.

    python bench/bench_throughput.py [--times 4] [--repeat 2] [--jobs 1,2] [--generated 2000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus
from machine import machine_info, write_result
from warta.paths import shared_data


def repeated_input(path: Path, times: int, out: Path) -> list[str]:
    """``path``'s lines ``times`` over with unique ids; returns the texts."""
    texts = []
    with out.open("w", encoding="utf-8") as handle:
        for n in range(times):
            for i, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
                record = json.loads(line)
                record["id"] = f"{record.get('id', i)}-{n}"
                texts.append(record["text"])
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return texts


def best_cpu(run: Any, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        run()
        best = min(best, time.process_time() - started)
    return best


class _Timed:
    """A stage wrapped to add its CPU time (``prepare`` included) to ``cpu[name]``."""

    def __init__(self, name: str, stage: Any, cpu: dict[str, float]) -> None:
        self.name, self.stage, self.cpu = name, stage, cpu
        if hasattr(stage, "prepare"):
            self.prepare = self._prepare

    def _prepare(self, articles: Any) -> None:
        started = time.process_time()
        self.stage.prepare(articles)
        self.cpu[self.name] = self.cpu.get(self.name, 0.0) + time.process_time() - started

    def __call__(self, article: Any) -> None:
        started = time.process_time()
        self.stage(article)
        self.cpu[self.name] = self.cpu.get(self.name, 0.0) + time.process_time() - started


def pipeline_stages(path: Path, repeat: int) -> dict[str, Any]:
    """warta's pipeline in this process on ``path``, per-stage CPU seconds (best run)."""
    from warta.clean import build_article
    from warta.ingest.files import read_jsonl_file
    from warta.pipeline import Pipeline, PipelineConfig
    from warta.run import local

    docs = list(read_jsonl_file(path))
    pipeline = Pipeline(config=PipelineConfig())
    best: dict[str, float] | None = None
    for _ in range(repeat):
        cpu: dict[str, float] = {}
        pipeline._stages = [
            (n, _Timed(n, s.stage if isinstance(s, _Timed) else s, cpu))
            for n, s in pipeline._stages
        ]
        original = local.clean_one

        def timed_clean(
            p: Any, item: Any, cpu: dict[str, float] = cpu, original: Any = original
        ) -> Any:
            started = time.process_time()
            try:
                return original(p, item)
            finally:
                cpu["clean"] = cpu.get("clean", 0.0) + time.process_time() - started

        local.clean_one = timed_clean  # type: ignore[assignment]
        started = time.process_time()
        try:
            for batch in local.batches(docs):  # type: ignore[arg-type]
                local.process_batch(pipeline, batch)
        finally:
            local.clean_one = original  # type: ignore[assignment]
        cpu["total"] = time.process_time() - started
        if best is None or cpu["total"] < best["total"]:
            best = dict(cpu)
    assert best is not None
    del build_article
    return {k: round(v, 3) for k, v in best.items()}


def extract_cpu(inputs: Path, out: Path, *extra: str) -> dict[str, float]:
    """``warta extract`` in a child process: its CPU (user + system) and wall seconds."""
    cmd = [sys.executable, "-m", "warta", "extract", str(inputs), "-o", str(out), "-q", *extra]
    code = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "subprocess.run(sys.argv[1:], check=True); w = time.perf_counter() - t; "
        "r = resource.getrusage(resource.RUSAGE_CHILDREN); "
        "print(r.ru_utime + r.ru_stime, w)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *cmd], capture_output=True, text=True, check=True
    )
    cpu, wall = (float(x) for x in done.stdout.split()[-2:])
    return {"cpu_s": round(cpu, 2), "wall_s": round(wall, 2)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--times", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--dateparser", type=int, default=60, help="texts for dateparser")
    parser.add_argument("--jobs", default="1,2")
    parser.add_argument("--generated", type=int, default=2000)
    args = parser.parse_args()
    shared = shared_data(required=True)
    assert shared is not None
    results: dict[str, Any] = {
        "machine": machine_info(),
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        corpus = tmp / "news.jsonl"
        texts = repeated_input(shared / "news" / "id-news-282.jsonl", args.times, corpus)
        n = len(texts)
        import spacy

        from warta.nlp import build_pipeline

        blank = spacy.blank("id")
        tokens = sum(len(d) for d in blank.tokenizer.pipe(texts))
        ref: dict[str, float] = {}
        ref["blank_tokenizer"] = best_cpu(lambda: list(blank.tokenizer.pipe(texts)), args.repeat)
        model = build_pipeline(ruler=False)
        model.remove_pipe("sentencizer")
        ref["model_alone"] = best_cpu(lambda: list(model.pipe(texts, batch_size=16)), args.repeat)
        some = texts[: args.dateparser]
        try:
            from dateparser.search import search_dates

            search_dates(some[0], languages=["id", "en"])  # warm-up (loads its data)
            ref["dateparser_some"] = best_cpu(
                lambda: [search_dates(t, languages=["id", "en"]) for t in some], 1
            )
        except ImportError:
            pass
        from warta.times import find_times

        ref["warta_times_some"] = best_cpu(lambda: [find_times(t) for t in some], args.repeat)
        stages = pipeline_stages(corpus, args.repeat)
        total = stages["total"]
        results["articles"] = n
        results["tokens"] = tokens
        results["reference_cpu_s"] = {k: round(v, 3) for k, v in ref.items()}
        results["pipeline_cpu_s"] = stages
        results["ratios"] = {
            "pipeline_over_blank_tokenizer": round(total / ref["blank_tokenizer"], 1),
            "pipeline_over_model_alone": round(total / ref["model_alone"], 2),
            "nlp_stage_over_model_alone": round(stages["nlp"] / ref["model_alone"], 2),
        }
        if "dateparser_some" in ref:
            results["ratios"]["dateparser_over_warta_times"] = round(
                ref["dateparser_some"] / ref["warta_times_some"], 1
            )
        results["pipeline_articles_per_cpu_s"] = round(n / total, 1)
        print(json.dumps(results, indent=1), flush=True)
        out = tmp / "out.jsonl"
        runs = [extract_cpu(corpus, out) for _ in range(args.repeat)]
        best = min(runs, key=lambda r: r["cpu_s"])
        one = tmp / "one.jsonl"
        one.write_text(corpus.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
        start = min(
            (extract_cpu(one, out) for _ in range(max(args.repeat, 3))),
            key=lambda r: r["cpu_s"],
        )
        results["extract"] = {
            **best,
            "articles_per_cpu_s": round(n / best["cpu_s"], 1),
            "startup_cpu_s": start["cpu_s"],
        }
        generated = write_corpus(tmp / "generated.jsonl", args.generated)
        scaling = []
        for jobs in (int(j) for j in args.jobs.split(",")):
            row = {"jobs": jobs, **extract_cpu(generated, out, "--jobs", str(jobs))}
            row["articles_per_wall_s"] = round(args.generated / row["wall_s"], 1)
            scaling.append(row)
            print(json.dumps(row), flush=True)
        results["jobs"] = scaling
        results["generated_articles"] = args.generated
        results["cores"] = os.cpu_count()
    results["self_peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    path = write_result("throughput", results)
    print(json.dumps(results["extract"]))
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
