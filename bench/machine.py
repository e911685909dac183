"""Machine information recorded with every benchmark result."""

from __future__ import annotations

import os
import platform
import subprocess
from pathlib import Path
from typing import Any


def machine_info() -> dict[str, Any]:
    cpu = platform.processor() or ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
        ).stdout.strip()
    except OSError:
        commit = ""
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "commit": commit,
        # other work on the machine slows a run down; the load says how busy it was
        "load_average_1min": round(os.getloadavg()[0], 2),
    }


def run_pinned_and_record(script: str, bench: str, args: list[str]) -> dict[str, Any]:
    """Run ``script --child ARGS`` on one core, one BLAS thread; write and return its result.

    The child prints its figures as the last line of JSON; they are saved with the date
    and machine information in bench/results/<bench>-<date>.json.
    """
    import datetime as dt
    import json
    import shutil
    import sys

    cmd = [sys.executable, script, "--child", *args]
    if shutil.which("taskset"):
        cmd = ["taskset", "-c", "0", *cmd]
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    done = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env)
    result: dict[str, Any] = {
        "bench": bench,
        "date": dt.date.today().isoformat(),
        "machine": machine_info(),
        **json.loads(done.stdout.strip().splitlines()[-1]),
    }
    write_result(bench, result, indent=2)
    print(json.dumps(result, indent=2))
    return result


def write_result(bench: str, value: Any, *, indent: int = 1, ensure_ascii: bool = True) -> Path:
    """``value`` as JSON in bench/results/<bench>-<today>.json; the path written."""
    import datetime as dt
    import json

    path = (
        Path(__file__).resolve().parent / "results" / f"{bench}-{dt.date.today().isoformat()}.json"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(value, indent=indent, ensure_ascii=ensure_ascii)
    path.write_text(text + "\n", encoding="utf-8")
    return path
