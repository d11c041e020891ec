"""CPU per document of the offline review, warm (after start-up): detection, the kind's
rules and scoring, over every labelled document in examples/eval*.

    python benchmarks/critic_speed.py
    PYTHONPATH=OTHER/src:OTHER/plugins python benchmarks/critic_speed.py   # another checkout
"""

from __future__ import annotations

import time
from pathlib import Path

from pmcoach.document import Document
from pmcoach.plugins import load

try:
    from pmcoach.pipeline import ReviewOptions, review_document
except ImportError:  # a checkout from before 0.2, measured for comparison
    from pmcoach.runner import ReviewOptions, review_document  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    registry = load()
    texts = [(str(p), p.read_text(encoding="utf-8"))
             for p in sorted(ROOT.glob("examples/eval*/*.md"))]
    options = ReviewOptions()
    for path, text in texts:  # warm up: compile every phrase list once
        review_document(Document.from_text(text, path), registry, options)
    runs = []
    for run in range(3):
        started = time.process_time()
        for path, text in texts:  # a new text each run, so no per-document memo helps
            review_document(Document.from_text(f"{text}\n<!-- {run} -->\n", path), registry,
                            options)
        runs.append((time.process_time() - started) / len(texts))
    print(f"offline review, warm: {1000 * min(runs):.1f} ms CPU per document "
          f"(best of 3 runs over {len(texts)} labelled documents)")


if __name__ == "__main__":
    main()
