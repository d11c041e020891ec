"""An offline review must not pay for importing the model SDKs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HEAVY = ("openai", "langchain_core", "jinja2", "httpx", "httpx2")
#: The coaching machinery: only needed when a model is configured.
COACHING = ("pmcoach.coach", "pmcoach.coach.prompts", "pmcoach.coach.cache", "pmcoach.coach.merge")

PROBE = """
import json, sys
from pmcoach.cli import main
try:
    main(sys.argv[1:], prog_name="pmcoach")
except SystemExit:
    pass
print(json.dumps(sorted(m for m in sys.modules
                        if m.split(".")[0] in {heavy!r} or m in {coaching!r})),
      file=sys.stderr)
"""


def _imported(*args: str) -> list[str]:
    probe = PROBE.format(heavy=set(HEAVY), coaching=set(COACHING))
    out = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True)
    return json.loads(out.stderr.strip().splitlines()[-1])


def test_help_imports_no_sdk() -> None:
    assert _imported("--help") == []


def test_offline_review_imports_no_sdk_nor_coaching(tmp_path: Path) -> None:
    doc = tmp_path / "story.md"
    doc.write_text("# Checkout redesign\n\nI was the PM. I decided to cut scope and we shipped "
                   "in Q3 2023. Conversion rose from 2.1% to 2.9% in six weeks.\n")
    assert _imported("review", str(doc), "--offline") == []
