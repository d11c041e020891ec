"""What the portfolio view costs: one review of N documents together (the portfolio built:
facts extracted per document, compared across them, summary and competency map) against
reviewing the same documents one by one (no portfolio), both in one warm process, and as
whole commands.

    python benchmarks/portfolio_speed.py [--files 50] [--runs 3]

Target (issue 13): a 50-file portfolio review within 1.5x the time of reviewing the files one
by one. The documents are the labelled ones of examples/eval*, copied to a scratch folder.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pmcoach.pipeline import ReviewOptions, review_paths
from pmcoach.plugins import load

ROOT = Path(__file__).resolve().parent.parent


def corpus(folder: Path, count: int) -> list[str]:
    sources = sorted(p for p in ROOT.glob("examples/eval*/*.md") if p.name != "README.md")
    paths = []
    for i, source in enumerate(sources[:count]):
        target = folder / f"{i:03d}-{source.name}"
        shutil.copyfile(source, target)
        paths.append(str(target))
    return paths


def cpu(action: object, runs: int) -> float:
    """Median CPU seconds of ``action()`` over ``runs``."""
    times = []
    for _ in range(runs):
        started = time.process_time()
        action()  # type: ignore[operator]
        times.append(time.process_time() - started)
    return statistics.median(times)


def wall(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=False)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    registry = load()
    options = ReviewOptions()
    with tempfile.TemporaryDirectory() as scratch:
        paths = corpus(Path(scratch), args.files)
        review_paths(paths, registry, options)  # warm up: compile every pattern once
        together = cpu(lambda: review_paths(paths, registry, options), args.runs)
        one_by_one = cpu(lambda: [review_paths([p], registry, options) for p in paths],
                         args.runs)
        report = review_paths(paths, registry, options)
        found = len(report.portfolio.findings) if report.portfolio else 0
        print(f"{len(paths)} documents, in one process (median CPU of {args.runs} runs):")
        print(f"  together, portfolio built: {together:.2f} s "
              f"({found} cross-file findings)")
        print(f"  one by one, no portfolio:  {one_by_one:.2f} s")
        print(f"  ratio: {together / one_by_one:.2f}x (target <= 1.5x)")
        command = [sys.executable, "-m", "pmcoach", "review", "--offline", "--jobs", "1"]
        folder_run = wall([*command, scratch], args.runs)
        single = wall([*command, paths[0]], args.runs)
        print(f"as commands (median wall): one run over the folder {folder_run:.2f} s; "
              f"one file {single:.2f} s, so {len(paths)} separate runs about "
              f"{single * len(paths):.1f} s")


if __name__ == "__main__":
    main()
