"""Offline speed: cold start of one review, and throughput over a 1,000-file corpus.

    python benchmarks/offline_speed.py [--runs 15] [--files 1000]

Targets (docs/benchmarks.md): one file under 200 ms median; 1,000 files at >= 300 files/s.
The corpus is generated from the examples, each copy varied so no two files are identical.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def _examples() -> list[Path]:
    found = [p for p in sorted(EXAMPLES.glob("*/*")) if p.suffix in {".md", ".txt"}
             and p.parent.name not in {"eval", "team-plugin"}]
    if not found:
        sys.exit("no examples found under examples/")
    return found


def _pmcoach(*args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pmcoach", *args], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def cold_start(runs: int) -> list[float]:
    example = _examples()[0]
    _pmcoach("review", str(example), "--offline")  # warm the OS file cache, not Python
    return [_pmcoach("review", str(example), "--offline") for _ in range(runs)]


def make_corpus(folder: Path, files: int) -> None:
    rng = random.Random(7)
    sources = [p.read_text(encoding="utf-8") for p in _examples()]
    for i in range(files):
        text = sources[i % len(sources)]
        # Vary numbers so each document is distinct, as a real portfolio repo would be.
        text = text.replace("%", f"{rng.randint(0, 9)}%", 1)
        (folder / f"doc-{i:04d}.md").write_text(f"{text}\n\nRevision {i}.\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--files", type=int, default=1000)
    args = parser.parse_args()

    times = cold_start(args.runs)
    print(f"cold start, one offline review ({args.runs} runs): "
          f"median {statistics.median(times) * 1000:.0f} ms, "
          f"min {min(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms")

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        make_corpus(folder, args.files)
        elapsed = _pmcoach("review", str(folder), "--offline", "--format", "json")
        print(f"{args.files} files in {elapsed:.2f} s: {args.files / elapsed:.0f} files/s "
              "(one process, start-up included)")


if __name__ == "__main__":
    main()
