"""The compact default text report (a line per finding, a verdict line per file) and the
full report (``--format full`` or ``-v``), which keeps the criterion table."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from helpers import run, run_json, toy_plugin_dir

from pmcoach.errors import ExitCode

ROOT = Path(__file__).resolve().parent.parent
WEAK = ROOT / "examples" / "case-study" / "weak.md"
CASE_STUDIES = ROOT / "examples" / "case-study"

#: Two findings for one criterion, one suppressed criterion; and a passing note.
NOTE = ("A toy note.\n\n<!-- pmcoach-disable has-heading: notes have no headings -->\n"
        "TODO: finish this.\nTODO: and this.\n")
GOOD = "# Toy\n\nA toy note.\n"

#: What pmcoach printed for NOTE and GOOD before the compact format existed: the full
#: report must stay exactly this.
OLD_TABLE = """\
note.md  toy-note (option, 100%)  score 0/100
  ✗ missing no-todo      TODO left in the note
  - suppressed has-heading  (comment on line 3: notes have no headings)

  note.md:4: error [no-todo] TODO left here
      > TODO: finish this.
      → finish it
  note.md:5: error [no-todo] TODO left here
      > TODO: and this.
      → finish it

0 of 1 criteria met, 0 partial, 1 missing. 1 suppressed.

good.md  toy-note (option, 100%)  score 100/100
  ✓ met     no-todo
  ✓ met     has-heading

2 of 2 criteria met, 0 partial, 0 missing.

2 files reviewed: 1 without warnings or errors (2 errors, 0 warnings).
"""
OLD_EVIDENCE = ["      line 4: TODO: finish this.", "      line 5: TODO: and this."]

_FINDING = re.compile(r"^  (?P<where>\S+?)(?::(?P<line>\d+))?: (?P<severity>error|warning|info) "
                      r"\[(?P<criterion>[^\]]+)\] (?P<message>.*)$")


@pytest.fixture
def notes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """NOTE and GOOD in the current folder (so the report names them as written here);
    returns the toy plugin's folder."""
    folder = str(toy_plugin_dir(tmp_path))
    monkeypatch.chdir(tmp_path)
    Path("note.md").write_text(NOTE)
    Path("good.md").write_text(GOOD)
    return folder


def _review_json(*paths: str) -> list[dict]:  # type: ignore[type-arg]
    _, report = run_json("review", "--offline", *paths)
    return list(report["results"])


def test_compact_is_a_verdict_line_then_a_line_per_finding(notes: str) -> None:
    out = run("review", "note.md", "good.md", "--plugins-dir", notes, "--kind", "toy-note")
    assert out.exit_code == ExitCode.FINDINGS
    assert out.stdout == (
        "note.md: toy-note, score 0/100: 0 of 1 criteria met, 0 partial, 1 missing. "
        "1 suppressed.\n"
        "  note.md:4: error [no-todo] TODO left here\n"
        "    → finish it\n"
        "  note.md:5: error [no-todo] TODO left here\n"
        "    → finish it\n"
        "\n"
        "good.md: toy-note, score 100/100: 2 of 2 criteria met, 0 partial, 0 missing.\n"
        "\n"
        "2 files reviewed: 1 without warnings or errors (2 errors, 0 warnings).\n")


def test_every_finding_is_one_line_with_at_most_its_hint_under_it() -> None:
    [review] = _review_json(str(WEAK))
    lines = run("review", "--offline", str(WEAK)).stdout.splitlines()
    assert lines[0].startswith(f"{WEAK}: case-study, score {review['score']}/100: ")
    body = lines[1:]
    finding_lines = [m for m in map(_FINDING.match, body) if m]
    assert len(finding_lines) == len(review["findings"]) > 3
    for match, finding in zip(finding_lines, review["findings"], strict=True):
        assert match["where"] == str(WEAK)
        assert match["line"] == (str(finding["line"]) if finding["line"] else None)
        assert (match["severity"], match["criterion"], match["message"]) == (
            finding["severity"], finding["criterion"], finding["message"])
    # Whatever is not a finding line is the one hint line right under a finding.
    for before, line in zip(body, body[1:], strict=False):
        if not _FINDING.match(line):
            assert line.startswith("    → ") and _FINDING.match(before), line
    assert len(body) <= 2 * len(review["findings"])


def test_no_criterion_is_said_twice() -> None:
    """The old report gave each weak criterion a table row and a finding with the same
    message; the compact one says it once."""
    for path in sorted(CASE_STUDIES.iterdir()):
        [review] = _review_json(str(path))
        out = run("review", "--offline", str(path)).stdout
        for criterion in review["criteria"]:
            findings = [f for f in review["findings"] if f["criterion"] == criterion["id"]]
            assert out.count(f"[{criterion['id']}]") == len(findings), criterion["id"]
            said = sum(1 for f in findings if criterion["message"] in f["message"])
            assert out.count(criterion["message"]) == said, criterion["id"]


def test_a_hint_is_the_first_sentence_of_the_suggestion_and_full_has_it_whole() -> None:
    [review] = _review_json(str(WEAK))
    compact = run("review", "--offline", str(WEAK)).stdout
    full = run("review", "--offline", str(WEAK), "--format", "full").stdout
    long_ones = [f for f in review["findings"] if "For example" in f["suggestion"]]
    assert long_ones
    for finding in long_ones:
        assert finding["suggestion"] in full
        assert finding["suggestion"] not in compact
        first = finding["suggestion"].split(". ")[0]
        assert first[:60] in compact
    assert "For example" not in compact


def test_one_verdict_line_per_file_and_the_totals_line_after_a_folder() -> None:
    reviews = _review_json(str(CASE_STUDIES))
    lines = run("review", "--offline", str(CASE_STUDIES)).stdout.splitlines()
    for review in reviews:
        verdict = (f"{review['path']}: {review['kind']}, score {review['score']}/100: "
                   f"{review['summary']}")
        assert lines.count(verdict) == 1
        assert sum(1 for line in lines if line.startswith(f"{review['path']}: ")) == 1
    assert re.fullmatch(rf"{len(reviews)} files reviewed: \d+ without warnings or errors "
                        r"\(\d+ errors?, \d+ warnings?\)\.", lines[-1])


def test_quiet_is_the_finding_lines_alone() -> None:
    [review] = _review_json(str(WEAK))
    lines = run("review", "--offline", "-q", str(WEAK)).stdout.splitlines()
    assert len(lines) == len(review["findings"])
    assert all(_FINDING.match(f"  {line}") for line in lines)


def test_a_file_that_fails_and_a_skipped_one_are_one_line_each(tmp_path: Path) -> None:
    empty = tmp_path / "empty.md"
    empty.write_text("")
    readme = tmp_path / "README.md"
    readme.write_text("# mylib\n\nInstall with `pip install mylib`.\n\n```python\n"
                      "import mylib\nmylib.run()\n```\n")
    out = run("review", "--offline", str(empty), str(readme), str(WEAK))
    assert out.exit_code == ExitCode.FAILED
    lines = out.stdout.splitlines()
    assert f"{empty}: could not review: is empty" in lines[0]
    skipped = [line for line in lines if line.startswith(f"{readme}: ")]
    assert len(skipped) == 1 and "looks like" in skipped[0] and "skipped" in skipped[0]
    assert lines[-1].endswith("1 skipped; 1 could not be reviewed.")


def test_format_full_and_verbose_keep_the_old_report(notes: str) -> None:
    args = ("review", "note.md", "good.md", "--plugins-dir", notes, "--kind", "toy-note")
    assert run(*args, "--format", "full").stdout == OLD_TABLE
    lines = OLD_TABLE.splitlines()
    at = lines.index("  ✗ missing no-todo      TODO left in the note") + 1
    with_evidence = "\n".join(lines[:at] + OLD_EVIDENCE + lines[at:]) + "\n"
    verbose = run(*args, "-v")
    assert verbose.stdout == with_evidence
    assert "pmcoach: config:" in verbose.stderr
    assert run(*args, "--format", "full", "-v").stdout == with_evidence
    coloured = run(*args, "-v", "--color", "always").stdout
    assert "\x1b[" in coloured and click.unstyle(coloured) == with_evidence


def test_colour_only_when_asked_or_on_a_terminal(notes: str) -> None:
    args = ("review", "note.md", "good.md", "--plugins-dir", notes, "--kind", "toy-note")
    plain = run(*args).stdout
    assert "\x1b[" not in plain and "\x1b[" not in run(*args, "--color", "never").stdout
    coloured = run(*args, "--color", "always").stdout
    assert "\x1b[31m" in coloured  # errors in red, as before
    assert click.unstyle(coloured) == plain


def test_colour_is_off_when_piped() -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("NO_COLOR", "FORCE_COLOR") and not k.startswith("PMCOACH_")}
    command = [sys.executable, "-m", "pmcoach", "review", "--offline", str(WEAK)]
    piped = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    assert piped.returncode == ExitCode.FINDINGS
    assert "[personal-role]" in piped.stdout and "\x1b[" not in piped.stdout
    forced = subprocess.run(command, capture_output=True, text=True, timeout=120,
                            env={**env, "FORCE_COLOR": "1"})
    assert "\x1b[" in forced.stdout and click.unstyle(forced.stdout) == piped.stdout


def _fenced(text: str, after: str, language: str = "") -> str:
    """The first fenced block (of ``language``) after the sentence ``after``."""
    rest = text[text.index(after):]
    start = rest.index(f"```{language}\n") + len(f"```{language}\n")
    return rest[start:rest.index("```\n", start)]


def test_the_pre_commit_docs_show_what_pmcoach_prints(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/pre-commit.md's refused commit is pmcoach's real output for the weak example
    under the config the page shows (pre-commit adds its three header lines)."""
    doc = (ROOT / "docs" / "pre-commit.md").read_text()
    config = _fenced(doc, "Tell pmcoach which folder holds which kind", "toml")
    shown = _fenced(doc, "Now a commit with a weak case study is refused")
    header, _, output = shown.partition("\n\n")
    first, *rest = header.splitlines()
    assert first.startswith("pmcoach (offline)...") and first.endswith("Failed")
    assert rest == ["- hook id: pmcoach-offline", "- exit code: 1"]
    monkeypatch.chdir(tmp_path)
    Path(".pmcoach.toml").write_text(config)
    Path("case-studies").mkdir()
    Path("case-studies/checkout.md").write_text(WEAK.read_text())
    result = run("review", "--offline", "case-studies/checkout.md")
    assert result.exit_code == ExitCode.FINDINGS and result.stderr == ""
    assert output == result.stdout, "update docs/pre-commit.md with this output"
    assert len(output.splitlines()) <= 1 + 2 * len(json.loads(run(
        "review", "--offline", "case-studies/checkout.md", "-f", "json").stdout
        )["results"][0]["findings"])
