"""Where worker processes start to pay: one process vs --jobs N over small corpora.

    python benchmarks/break_even.py [--sizes 4 8 16 24 32 48 64 128] [--runs 5] [--jobs 2]
    python benchmarks/break_even.py --method spawn      # as on macOS and Windows

Each size runs ``pmcoach review --offline`` with --jobs 1 and with --jobs N forced onto
worker processes (``MIN_FILES`` lowered in that run only), interleaved, and prints the
median wall times. ``MIN_FILES`` in src/pmcoach/pipeline/processes.py is set from this.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import generate  # noqa: E402

FORCED = ("import sys, pmcoach.pipeline.processes as p; "
          "p.MIN_FILES = dict.fromkeys(p.MIN_FILES, 1); p.start_method = lambda: {method!r}; "
          "from pmcoach.cli import main; sys.argv[0] = 'pmcoach'; main()")


def wall(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[4, 8, 16, 24, 32, 48, 64, 128])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--method", default="fork", choices=["fork", "spawn"])
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}, start method {args.method}")
    print(f"{'files':>6} {'--jobs 1':>9} {f'--jobs {args.jobs}':>9}  ratio")
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            folder = Path(tmp) / str(size)
            generate(folder, size, args.seed, readmes=0.0)
            one = [sys.executable, "-m", "pmcoach", "review", "--offline", "--jobs", "1",
                   str(folder)]
            many = [sys.executable, "-c", FORCED.format(method=args.method), "review",
                    "--offline", "--jobs", str(args.jobs), str(folder)]
            times: dict[str, list[float]] = {"one": [], "many": []}
            for _ in range(args.runs):
                times["one"].append(wall(one))
                times["many"].append(wall(many))
            a, b = statistics.median(times["one"]), statistics.median(times["many"])
            print(f"{size:>6} {a:>8.2f}s {b:>8.2f}s  {a / b:.2f}x")


if __name__ == "__main__":
    main()
