"""Measure pmcoach's kind detection on a labelled folder and on held-out real non-PM text.

    python benchmarks/detection/evaluate.py tests/data/detection/blind-1
    python benchmarks/detection/evaluate.py DIR --no-harvest      # only the folder
    python benchmarks/detection/evaluate.py DIR --plugins-dir P   # with a team's kinds

DIR holds one folder per kind (``case-study/``...) and ``none/`` for documents that are
not PM documents. By default the harvested package docs that fitting never saw (one
package in eight, see corpus.py) are added as more ``none`` documents. Prints the
targets of docs/detection.md: kind accuracy on PM documents, the share of PM documents
reviewed, the share of non-PM documents reviewed, and detection time per document.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import NONE, Labelled, by_folder, harvested, read  # noqa: E402

from pmcoach.detect import detect  # noqa: E402
from pmcoach.document import Document  # noqa: E402
from pmcoach.plugins import load  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--no-harvest", action="store_true",
                        help="leave out the held-out harvested package docs")
    parser.add_argument("--plugins-dir", type=Path, action="append", default=[])
    args = parser.parse_args()
    registry = load(args.plugins_dir)
    docs: list[Labelled] = by_folder(args.folder, "eval")
    if not args.no_harvest:
        docs += harvested(blind=True)
    outcomes: list[tuple[Labelled, str, float]] = []
    timing: list[tuple[float, int]] = []  # (seconds, words) per PM document
    for item in docs:
        doc = Document.from_text(read(item.path), str(item.path))
        detect(doc, registry.critics)  # warm: the first call compiles the signatures
        started = time.perf_counter()
        detection = detect(doc, registry.critics)
        elapsed = time.perf_counter() - started
        if item.label != NONE:
            timing.append((elapsed, doc.word_count))
        outcomes.append((item, detection.kind or NONE, detection.confidence))
    report(outcomes, timing)


def report(outcomes: list[tuple[Labelled, str, float]],
           timing: list[tuple[float, int]]) -> None:
    pm = [(d, got) for d, got, _ in outcomes if d.label != NONE]
    none = [(d, got) for d, got, _ in outcomes if d.label == NONE]
    reviewed = [(d, got) for d, got in pm if got != NONE]
    right = sum(1 for d, got in pm if got == d.label)
    print(f"{len(pm)} PM documents, {len(none)} not PM documents")
    if pm:
        print(f"  kind accuracy on PM documents:     {right / len(pm):.1%} "
              f"({right}/{len(pm)}; skipped count as wrong)")
        print(f"  kind accuracy on those reviewed:   "
              f"{sum(1 for d, got in reviewed if got == d.label) / max(len(reviewed), 1):.1%}")
        print(f"  PM documents reviewed:             {len(reviewed) / len(pm):.1%}")
    if none:
        wrongly = [d for d, got in none if got != NONE]
        print(f"  non-PM documents reviewed:         {len(wrongly) / len(none):.2%} "
              f"({len(wrongly)}/{len(none)})")
    by_kind: dict[str, Counter[str]] = {}
    for d, got in pm:
        by_kind.setdefault(d.label, Counter())[got] += 1
    for kind, counts in sorted(by_kind.items()):
        total = sum(counts.values())
        print(f"    {kind:<20} {counts[kind]}/{total}"
              + "".join(f"  {k}: {n}" for k, n in counts.most_common() if k != kind))
    if timing:
        seconds, words = sum(t for t, _ in timing), sum(w for _, w in timing)
        mid = [t for t, w in timing if 400 <= w <= 800]
        print(f"  detection time:                    {1000 * seconds / len(timing):.2f} ms per "
              f"document, {600_000 * seconds / max(words, 1):.2f} ms per 600 words"
              + (f", median {1000 * statistics.median(mid):.2f} ms at 400-800 words"
                 if mid else ""))
    for d, got, confidence in outcomes:
        if got != d.label:
            print(f"  misread: {d.path}: {d.label} read as {got} ({confidence:.0%})")


if __name__ == "__main__":
    main()
