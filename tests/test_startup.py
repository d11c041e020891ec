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


# -- what a cached offline review imports ---------------------------------------------------

#: Made lazy for the offline path: each is imported only for what needs it.
LAZY = ("pydantic", "pydantic_core", "yaml", "importlib.metadata", "email",
        "pmcoach.engines.answer", "pmcoach.engines.openai_engine",
        "pmcoach.engines.langchain_engine")

LAZY_PROBE = """
import json, sys
from pmcoach.cli import main
try:
    main(sys.argv[1:], prog_name="pmcoach")
except SystemExit:
    pass
print(json.dumps(sorted(m for m in {lazy!r} if m in sys.modules)), file=sys.stderr)
"""


def _lazy_imported(*args: str) -> list[str]:
    out = subprocess.run([sys.executable, "-c", LAZY_PROBE.format(lazy=LAZY), *args],
                         capture_output=True, text=True)
    return json.loads(out.stderr.strip().splitlines()[-1])


def test_cached_offline_review_imports_no_pydantic_yaml_or_metadata(tmp_path: Path) -> None:
    doc = tmp_path / "story.md"
    doc.write_text("# Checkout redesign\n\nI was the PM. I decided to cut scope and we shipped "
                   "in Q3 2023. Conversion rose from 2.1% to 2.9% in six weeks.\n")
    first = _lazy_imported("review", str(doc), "--offline")  # fills the cache
    assert "pydantic" in first  # an empty cache: the kind files were validated
    assert _lazy_imported("review", str(doc), "--offline") == []
    assert _lazy_imported("review", str(doc), "--offline", "--format", "json") == []


def test_schema_command_still_builds_the_report_schema() -> None:
    assert "pydantic" in _lazy_imported("schema")


# -- the report model: dataclasses, dumped exactly as pydantic would ------------------------

def test_report_json_is_what_pydantic_dumps_and_reads_back(tmp_path: Path) -> None:
    from pmcoach import validation
    from pmcoach.config import Config
    from pmcoach.pipeline.run import ReviewOptions, review_paths
    from pmcoach.plugins import load
    from pmcoach.review import Report, validate_report

    examples = Path(__file__).resolve().parent.parent / "examples"
    paths = [str(p) for p in sorted(examples.glob("*/*.md"))[:8]]
    report = review_paths(paths, load(), ReviewOptions(config=Config()))
    dumped = report.to_json_dict()
    assert any(r.criteria and r.findings for r in report.results)
    assert dumped == validation.adapter(Report).dump_python(report, mode="json",
                                                            by_alias=True)
    assert validate_report(json.loads(json.dumps(dumped))).to_json_dict() == dumped


def test_kind_specs_rebuilt_from_the_cache_equal_the_validated_ones() -> None:
    from pmcoach import validation
    from pmcoach.plugins import load
    from pmcoach.rules import DataCritic
    from pmcoach.rules.schema import KindSpec, from_validated

    specs = [c.spec for c in load().critics.values() if isinstance(c, DataCritic)]
    assert len(specs) >= 6
    for spec in specs:
        data = json.loads(json.dumps(validation.to_jsonable(spec)))
        assert from_validated(data) == spec
        assert KindSpec.model_validate(
            validation.adapter(KindSpec).dump_python(spec, by_alias=True)) == spec
