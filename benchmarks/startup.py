"""Start-up time of one offline review, against the interpreter's own start-up.

    python benchmarks/startup.py [--runs 15] [--file examples/case-study/weak.md]
                                 [--vs 'proselint FILE'] [--keep-no-bytecode]

Each round runs, in turn: ``python -c pass``, ``python -c "import pmcoach.cli"``,
``pmcoach review --offline FILE`` with an empty cache folder (``PMCOACH_CACHE_DIR``,
new for every run: "cold") and with a filled one ("warm"), and any ``--vs`` command.
It prints each command's median wall and CPU time (user + system, the children's own
accounting) and the median of the per-round ratios to ``python -c pass``: pairing the
runs of one round keeps a ratio meaningful when the machine's speed drifts.

Target (docs/benchmarks.md, "Start-up"): one file warm at most 8x ``python -c pass``.

Children run without ``PYTHONDONTWRITEBYTECODE``, so Python's bytecode cache is used
as it is for an installed pmcoach (pip compiles it at install); ``--keep-no-bytecode``
keeps the variable when it is set, to see what a checkout that never writes ``.pyc``
files pays (every module compiled from source at every start).
"""

from __future__ import annotations

import argparse
import os
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FILE = ROOT / "examples" / "case-study" / "weak.md"


def _pmcoach() -> list[str]:
    """The installed console script when there is one (what a hook runs), else -m."""
    script = Path(sys.executable).with_name("pmcoach")
    return [str(script)] if script.exists() else [sys.executable, "-m", "pmcoach"]


def _run(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """One run: (wall seconds, CPU seconds of the child)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   stdin=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _commands(file: Path, vs: list[str]) -> dict[str, list[str]]:
    review = [*_pmcoach(), "review", "--offline", str(file)]
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "import pmcoach.cli": [sys.executable, "-c", "import pmcoach.cli"],
        "review, cold cache": review,
        "review, warm cache": review,
    }
    for command in vs:
        commands[command] = shlex.split(command)
    return commands


def measure(runs: int, file: Path, vs: list[str], env: dict[str, str]
            ) -> dict[str, list[tuple[float, float]]]:
    """Every command's (wall, cpu) per counted round; one warm-up round first."""
    commands = _commands(file, vs)
    warm_dir = tempfile.mkdtemp(prefix="pmcoach-bench-warm-")
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    try:
        for round_ in range(runs + 1):
            for name, command in commands.items():
                run_env = dict(env)
                cold_dir = None
                if name == "review, cold cache":
                    cold_dir = tempfile.mkdtemp(prefix="pmcoach-bench-cold-")
                    run_env["PMCOACH_CACHE_DIR"] = cold_dir
                else:
                    run_env["PMCOACH_CACHE_DIR"] = warm_dir
                figures = _run(command, run_env)
                if cold_dir:
                    shutil.rmtree(cold_dir, ignore_errors=True)
                if round_:  # round 0 warms the OS file cache, .pyc files and the cache
                    results[name].append(figures)
    finally:
        shutil.rmtree(warm_dir, ignore_errors=True)
    return results


def report(results: dict[str, list[tuple[float, float]]]) -> None:
    base = results["python -c pass"]
    print(f"{'command':28} {'wall ms':>9} {'cpu ms':>9} {'wall/pass':>10} {'cpu/pass':>9}")
    for name, figures in results.items():
        wall = statistics.median(w for w, _ in figures) * 1000
        cpu = statistics.median(c for _, c in figures) * 1000
        # Ratios pair each run with the baseline run of the same round.
        pairs = list(zip(figures, base, strict=True))
        wall_ratio = statistics.median(w / max(b[0], 1e-6) for (w, _), b in pairs)
        cpu_ratio = statistics.median(c / max(b[1], 1e-3) for (_, c), b in pairs)
        print(f"{name:28} {wall:9.1f} {cpu:9.1f} {wall_ratio:9.1f}x {cpu_ratio:8.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="counted rounds (default 15)")
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE,
                        help="the document to review (default: the weak case study)")
    parser.add_argument("--vs", action="append", default=[], metavar="COMMAND",
                        help="another command to time alongside, e.g. 'proselint FILE'")
    parser.add_argument("--keep-no-bytecode", action="store_true",
                        help="keep PYTHONDONTWRITEBYTECODE if it is set")
    args = parser.parse_args()
    env = dict(os.environ)
    if not args.keep_no_bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    print(f"{args.runs} rounds after one warm-up; {args.file}; medians; ratios paired "
          "per round")
    report(measure(args.runs, args.file, args.vs, env))


if __name__ == "__main__":
    main()
