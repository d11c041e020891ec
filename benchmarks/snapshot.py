"""Snapshot every example's offline review as JSON, to prove a refactor changed no verdict.

    python benchmarks/snapshot.py > before.json   # then change code
    python benchmarks/snapshot.py | diff before.json -

Covers examples/<kind>/ and the labelled set in examples/eval/ (kinds detected, not given).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    files = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "examples").glob("*/*")
                   if p.suffix in {".md", ".txt"} and p.parent.name != "team-plugin"
                   and p.name != "README.md")
    out = subprocess.run([sys.executable, "-m", "pmcoach", "review", *files, "--offline",
                          "--format", "json", "--fail-on", "never"],
                         capture_output=True, text=True, cwd=ROOT)
    report = json.loads(out.stdout)
    print(json.dumps(report["results"], indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
