"""``warta extract`` on text input imports neither the HTML extractor nor the modules of
other subcommands (pyarrow, pandas, the store's story linking): start-up is paid per worker."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

CHECK = """
import sys
from warta.cli.main import main
code = main(["extract", sys.argv[1], "-o", sys.argv[2], "--stages", "none", "-q"])
heavy = ("trafilatura", "htmldate", "pyarrow", "pandas", "datasketch", "scipy", "fastapi")
print(code, [m for m in heavy if m in sys.modules])
"""


def test_extract_of_jsonl_leaves_heavy_modules_unimported(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps({"id": "a", "text": "JAKARTA – Rapat warga desa digelar pada Senin."}) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    done = subprocess.run(
        [sys.executable, "-c", CHECK, str(source), str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split("\n")[-2] == "0 []", done.stdout + done.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["id"] == "a"
