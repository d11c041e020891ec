"""pmcoach and proselint side by side on one generated corpus, in one run.

    python benchmarks/vs_proselint.py                      # 1,000 files
    python benchmarks/vs_proselint.py --files 1000 10000 --runs 3
    python benchmarks/vs_proselint.py --files 200 --jobs 1 2   # pmcoach --jobs 1 vs 2

proselint is installed into a scratch venv under the cache folder (``--cache``, default
``<pmcoach cache>/bench``) the first time; the corpus (``synthetic.py``, PM documents and
README-like files, the same for one seed) is written there too. Both tools review the
same folder with their default output going to /dev/null. Printed per tool and corpus
size: files/s (wall clock, median of ``--runs``), CPU seconds, peak RSS of the largest
process, and the peak of the whole process tree's summed RSS and PSS (sampled from /proc
every 20 ms; Linux; PSS counts a page shared after fork once), the median cold time for
one file; then pmcoach's ratios to proselint.
Targets (docs/benchmarks.md): 1,000 files at >= 5x proselint's files/s; the process tree
at <= 150 MB for 10,000 files.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
import venv
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import generate  # noqa: E402

PROSELINT = "proselint==0.16.0"


@dataclass
class Measure:
    wall: float
    cpu: float
    max_rss_mb: float  # the largest single process (what /usr/bin/time -v reports)
    tree_mb: float  # the largest sum of RSS over the live process tree
    tree_pss_mb: float  # the same in PSS (pages shared after a fork counted once)
    code: int


def _tree(root: int) -> list[int]:
    """``root`` and every process below it (Linux /proc)."""
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as handle:
                    todo.extend(int(c) for c in handle.read().split())
        except OSError:
            continue
    return found


def _memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process, in kB (0, 0 once it has gone)."""
    found = {"Rss:": 0, "Pss:": 0}
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                key = line.split(":", 1)[0] + ":"
                if key in found:
                    found[key] = int(line.split()[1])
    except OSError:
        pass
    return found["Rss:"], found["Pss:"]


def measure(command: list[str]) -> Measure:
    """Run ``command`` (output to /dev/null): wall, CPU, and RSS of the process tree."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = [0, 0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            sizes = [_memory_kb(p) for p in _tree(process.pid)]
            peak[0] = max(peak[0], sum(rss for rss, _ in sizes))
            peak[1] = max(peak[1], sum(pss for _, pss in sizes))
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    return Measure(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
                   peak[0] / 1024, peak[1] / 1024, process.returncode)


def proselint_venv(cache: Path) -> Path:
    """The scratch venv's proselint, installed on first use."""
    folder = cache / "proselint-venv"
    exe = folder / "bin" / "proselint"
    if not exe.exists():
        print(f"installing {PROSELINT} into {folder} ...", flush=True)
        venv.create(folder, with_pip=True)
        subprocess.run([str(folder / "bin" / "python"), "-m", "pip", "install", "-q",
                        PROSELINT], check=True)
    return exe


def corpus(cache: Path, files: int, seed: int) -> Path:
    folder = cache / f"corpus-{seed}-{files}"
    marker = folder / ".complete"
    if not marker.exists():
        generate(folder, files, seed)
        marker.write_text("")
    return folder


def _one_file(folder: Path) -> Path:
    return next(p for p in sorted(folder.rglob("*.md")) if not p.name.startswith("readme"))


def commands(proselint: Path, jobs: list[int], fmt: str) -> dict[str, list[str]]:
    tools = {"proselint": [str(proselint), "check"]}
    for n in jobs:
        tools[f"pmcoach -j{n}" if len(jobs) > 1 else "pmcoach"] = [
            sys.executable, "-m", "pmcoach", "review", "--offline", "--format", fmt,
            "--jobs", str(n)]
    return tools


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, nargs="+", default=[1000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cold-runs", type=int, default=7)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--jobs", type=int, nargs="+", default=[os.cpu_count() or 1],
                        help="pmcoach --jobs values to measure (default: the cores)")
    parser.add_argument("--format", default="text", help="pmcoach's output format")
    parser.add_argument("--no-proselint", action="store_true")
    parser.add_argument("--cache", type=Path, help="where the venv and corpora live")
    args = parser.parse_args()
    from pmcoach.paths import default_dir

    cache = args.cache or default_dir() / "bench"
    cache.mkdir(parents=True, exist_ok=True)
    proselint = proselint_venv(cache)
    tools = commands(proselint, args.jobs, args.format)
    if args.no_proselint:
        del tools["proselint"]
    print(f"{platform.node()}: {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{time.strftime('%Y-%m-%d %H:%M')}, load {os.getloadavg()[0]:.2f}")
    for files in args.files:
        folder = corpus(cache, files, args.seed)
        rows: dict[str, list[Measure]] = {name: [] for name in tools}
        for _ in range(args.runs):  # interleaved, so a busy moment hits both tools
            for name, command in tools.items():
                rows[name].append(measure([*command, str(folder)]))
        one = str(_one_file(folder))
        cold = {name: statistics.median(measure([*command, one]).wall
                                        for _ in range(args.cold_runs))
                for name, command in tools.items()}
        _print(files, rows, cold)


def _print(files: int, rows: dict[str, list[Measure]], cold: dict[str, float]) -> None:
    print(f"\n{files:,} files")
    print(f"  {'tool':<14} {'files/s':>8} {'wall s':>7} {'CPU s':>6} {'max RSS':>8} "
          f"{'tree RSS':>9} {'tree PSS':>9} {'1 file':>7}  exit")
    speed = {}
    for name, runs in rows.items():
        wall = statistics.median(m.wall for m in runs)
        speed[name] = files / wall
        print(f"  {name:<14} {speed[name]:>8.0f} {wall:>7.2f} "
              f"{statistics.median(m.cpu for m in runs):>6.2f} "
              f"{max(m.max_rss_mb for m in runs):>6.0f}MB {max(m.tree_mb for m in runs):>7.0f}MB"
              f" {max(m.tree_pss_mb for m in runs):>7.0f}MB {cold[name] * 1000:>5.0f}ms"
              f"  {sorted({m.code for m in runs})}")
    if "proselint" in speed:
        for name in (n for n in rows if n != "proselint"):
            print(f"  {name}: {speed[name] / speed['proselint']:.2f}x proselint's files/s, "
                  f"one file {cold[name] / cold['proselint']:.2f}x its time")


if __name__ == "__main__":
    main()
