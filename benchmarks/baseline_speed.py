"""What ``--baseline HEAD`` adds to an offline folder review: a temporary git repository of
the example documents (copied ``--copies`` times), a fraction of them edited since HEAD;
the median wall and CPU time (pmcoach and the git commands it runs) of ``pmcoach review``
without and with ``--baseline HEAD``. CPU time is the steadier figure on a busy machine.

    python benchmarks/baseline_speed.py --copies 4 --edited 0.25 --runs 5
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GIT = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.com",
       "-c", "commit.gpgsign=false"]


def corpus(folder: Path, copies: int, edited: float) -> int:
    """The example documents in ``folder``, committed, then ``edited`` of them changed."""
    sources = sorted(ROOT.glob("examples/*/*.md")) + sorted(ROOT.glob("examples/*/*.txt"))
    files = []
    for copy in range(copies):
        for n, source in enumerate(sources):
            target = folder / f"set{copy}" / f"{n:03}-{source.name}"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            files.append(target)
    subprocess.run([*GIT, "init", "-q"], cwd=folder, check=True)
    subprocess.run([*GIT, "add", "-A"], cwd=folder, check=True)
    subprocess.run([*GIT, "commit", "-q", "-m", "corpus"], cwd=folder, check=True)
    step = max(1, round(1 / edited)) if edited > 0 else 0
    for target in files[::step] if step else []:
        with target.open("a", encoding="utf-8") as handle:
            handle.write("\nOne more paragraph, added since the commit.\n")
    return len(files)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(args: list[str], folder: Path, runs: int) -> tuple[float, float]:
    """Median wall seconds and median CPU seconds of ``runs`` reviews."""
    walls, cpus = [], []
    for _ in range(runs):
        cpu, started = _children_cpu(), time.perf_counter()
        subprocess.run([sys.executable, "-m", "pmcoach", "review", ".", "--format", "json",
                        "--fail-on", "never", *args], cwd=folder, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        walls.append(time.perf_counter() - started)
        cpus.append(_children_cpu() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=4)
    parser.add_argument("--edited", type=float, default=0.25,
                        help="fraction of the files changed since HEAD")
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        count = corpus(folder, options.copies, options.edited)
        plain = timed([], folder, options.runs)
        compared = timed(["--baseline", "HEAD"], folder, options.runs)
    for label, index in (("wall", 0), ("CPU", 1)):
        extra = compared[index] - plain[index]
        print(f"{count} files, {options.edited:.0%} edited since HEAD, median {label} of "
              f"{options.runs}: review {plain[index]:.2f} s, with --baseline HEAD "
              f"{compared[index]:.2f} s (+{extra:.2f} s, {1000 * extra / count:.1f} ms per file)")


if __name__ == "__main__":
    main()
