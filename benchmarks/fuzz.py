"""Fuzz the offline review with mutated documents: crashes, slowest input, peak memory.

    python benchmarks/fuzz.py                    # 100,000 inputs on every core
    python benchmarks/fuzz.py --count 2000 --jobs 1 --seed 7

Each input is an example document (``examples/``) mutated by one or more of: byte flips,
inserted or broken front matter, Unicode and control characters, huge numbers, tables,
deep nesting, HTML comments, malformed suppression comments, very long lines, truncation.
Every input goes through what ``pmcoach review`` does with a file: decode, parse, detect,
check, ground, score. A crash is any exception other than pmcoach's own input errors.
Targets (docs/benchmarks.md): 0 crashes, slowest input under 1 s, peak memory under 200 MB.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
import traceback
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SNIPPETS = [
    "---\ntitle: x\n---\n", "---\nkind: case-study\n---\n", "---\nkind: [a, b]\n---\n",
    "---\n: : :\n---\n", "---\na: &a [1,2]\nb: *a\n---\n", "---\n" + "- " * 200 + "x\n---\n",
    "<!-- pmcoach-disable -->", "<!-- pmcoach-disable reflection -->",
    "<!-- pmcoach-disable reflection: why -->", "<!-- pmcoach-disable nope, , : -->",
    "<!-- unclosed comment", "| a | b |\n|---|---|\n| 1 | 2 |\n", "|" * 500,
    "> " * 300 + "deep quote", "- " * 300 + "deep list", "#" * 7 + " not a heading",
    "```\ncode\n", "\u2028\u2029\u0085\x0c\x0b", "\x00", "\ufeff", "🎉" * 200, "é" * 300,
    "9" * 5000, "1e999", "-0.0%", "$" * 100, "I led " * 400, "If X then A. " * 200,
    "[link](" * 200, "**" * 500, "_" * 1000, "\t" * 200 + "x", "\r\n\r", "\n" * 500,
]


def mutate(text: str, rng: random.Random) -> bytes:
    data = text.encode("utf-8")
    for _ in range(rng.randint(1, 4)):
        choice = rng.random()
        if choice < 0.25 and data:  # flip bytes
            raw = bytearray(data)
            for _ in range(rng.randint(1, 8)):
                raw[rng.randrange(len(raw))] = rng.randrange(256)
            data = bytes(raw)
        elif choice < 0.6:  # insert a snippet somewhere
            at = rng.randrange(len(data) + 1)
            data = data[:at] + rng.choice(SNIPPETS).encode("utf-8") + data[at:]
        elif choice < 0.7:  # prepend front matter
            data = rng.choice(SNIPPETS[:6]).encode() + data
        elif choice < 0.8 and data:  # truncate
            data = data[: rng.randrange(len(data))]
        elif choice < 0.9:  # a very long line
            data += b"word " * rng.randint(1000, 20000)
        else:  # shuffle lines
            lines = data.split(b"\n")
            rng.shuffle(lines)
            data = b"\n".join(lines)
    return data


def _review_bytes(data: bytes) -> None:
    from pmcoach.errors import PmcoachError
    from pmcoach.pipeline import ReviewOptions, review_source
    from pmcoach.pipeline.sources import Source, decode
    from pmcoach.plugins import load

    registry = _REGISTRY.get("r") or _REGISTRY.setdefault("r", load())
    try:
        text = decode(data)
    except PmcoachError:
        return  # a clear, reported refusal is the right outcome for bad input
    # As pmcoach reviews a file: a file's error is reported in its result, so a crash
    # here is a bug (review_source turns unexpected exceptions into "internal" errors).
    review = review_source(Source("fuzz.md", text=text), registry, ReviewOptions())
    if review.error and review.error.type == "internal":
        raise RuntimeError(review.error.message)


_REGISTRY: dict[str, object] = {}


def work(args: tuple[int, int, list[str]]) -> tuple[int, float, bytes | None, list[str]]:
    seed, count, bases = args
    rng = random.Random(seed)
    _review_bytes(bases[0].encode())  # start-up (imports, plugins) is not an input's time
    slowest, slow_input, crashes = 0.0, None, []
    for _ in range(count):
        data = mutate(rng.choice(bases), rng)
        started = time.perf_counter()
        try:
            _review_bytes(data)
        except Exception:  # noqa: BLE001 - a crash is what we are looking for
            crashes.append(f"{traceback.format_exc(limit=3)}\ninput: {data[:300]!r}")
        elapsed = time.perf_counter() - started
        if elapsed > slowest:
            slowest, slow_input = elapsed, data
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    return peak, slowest, slow_input, crashes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, default=0, help="processes (default: all cores)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--save-slowest", type=Path, help="write the slowest input here")
    args = parser.parse_args()
    import os

    jobs = args.jobs or os.cpu_count() or 1
    bases = [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("examples/*/*.md"))
             + sorted(ROOT.glob("examples/*/*.txt"))]
    chunks = 50
    per = [args.count // chunks + (1 if i < args.count % chunks else 0) for i in range(chunks)]
    started = time.perf_counter()
    with ProcessPoolExecutor(jobs) as pool:
        results = list(pool.map(work, [(args.seed * 1000 + i, n, bases)
                                       for i, n in enumerate(per) if n]))
    crashes = [c for _, _, _, cs in results for c in cs]
    peak = max(r[0] for r in results)
    slowest = max(results, key=lambda r: r[1])
    print(f"{args.count:,} inputs in {time.perf_counter() - started:.0f} s on {jobs} "
          f"process(es)")
    print(f"crashes: {len(crashes)}")
    print(f"slowest input: {slowest[1] * 1000:.0f} ms: {(slowest[2] or b'')[:200]!r}")
    if args.save_slowest and slowest[2] is not None:
        args.save_slowest.write_bytes(slowest[2])
    print(f"peak memory (largest worker): {peak} MB")
    for crash in crashes[:5]:
        print("---\n" + crash)
    sys.exit(1 if crashes else 0)


if __name__ == "__main__":
    main()
