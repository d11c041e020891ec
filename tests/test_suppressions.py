"""Suppression comments: file-wide and next-line, reasons required, kept in the report."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import run, run_json, toy_plugin_dir

from pmcoach import CriterionResult, Document, Review, Verdict
from pmcoach.errors import ExitCode
from pmcoach.pipeline.suppressions import NOTICE, apply, parse
from pmcoach.review import Evidence, Finding, Severity


def _review(doc: Document) -> Review:
    """Two criteria: 'alpha' missing with a finding on line 5, 'beta' partial."""
    finding = Finding(criterion="alpha", severity=Severity.ERROR, line=5, end_line=5,
                      quote="bad line", message="bad", suggestion="fix")
    return Review(path=doc.path, kind="toy", criteria=[
        CriterionResult(id="alpha", verdict=Verdict.MISSING, message="no alpha",
                        findings=[finding]),
        CriterionResult(id="beta", verdict=Verdict.PARTIAL, message="some beta",
                        evidence=[Evidence(line=1, end_line=1, quote="# Title")]),
    ])


def test_parse_reads_both_forms_and_skips_code_blocks() -> None:
    doc = Document.from_text(
        "# Title\n<!-- pmcoach-disable alpha, toy.beta: not for this doc -->\n"
        "```\n<!-- pmcoach-disable alpha: in a code block -->\n```\n"
        "<!-- pmcoach-disable-next-line alpha: quoted customer -->\n\nbad line\n")
    file_wide, next_line = parse(doc)
    assert (file_wide.scope, file_wide.criteria, file_wide.reason, file_wide.line) == \
        ("file", ("alpha", "toy.beta"), "not for this doc", 2)
    assert (next_line.scope, next_line.target) == ("next-line", 8)


def test_file_wide_suppression_keeps_the_criterion_but_drops_findings_and_score() -> None:
    doc = Document.from_text("# Title\n<!-- pmcoach-disable alpha: numbers under NDA -->\n\n"
                             "x\nbad line\n")
    review = apply(doc, _review(doc))
    alpha = review.criteria[0]
    assert alpha.suppressed is not None
    assert (alpha.suppressed.reason, alpha.suppressed.source, alpha.suppressed.line) == \
        ("numbers under NDA", "comment", 2)
    assert [f.criterion for f in review.findings] == ["beta"]
    assert review.score == 50  # only beta (partial) counts
    assert "1 suppressed" in review.summary


def test_next_line_drops_only_that_lines_findings() -> None:
    doc = Document.from_text("# Title\n\nx\n<!-- pmcoach-disable-next-line alpha: a quote -->\n"
                             "bad line\n")
    review = apply(doc, _review(doc))
    assert [f.criterion for f in review.findings] == ["beta"]
    assert review.criteria[0].suppressed is None  # the verdict still counts
    assert review.score == 25
    elsewhere = Document.from_text("# Title\n<!-- pmcoach-disable-next-line alpha: x -->\n"
                                   "y\nz\nbad line\n")
    assert "alpha" in [f.criterion for f in apply(elsewhere, _review(elsewhere)).findings]


@pytest.mark.parametrize("comment, words", [
    ("<!-- pmcoach-disable alpha -->", "has no reason"),
    ("<!-- pmcoach-disable alpha:   -->", "has no reason"),
    ("<!-- pmcoach-disable : why -->", "names no criterion"),
    ("<!-- pmcoach-disable alpah: typo -->", "no criterion 'alpah'"),
])
def test_malformed_suppressions_are_ignored_and_reported(comment: str, words: str) -> None:
    doc = Document.from_text(f"# Title\n{comment}\n\nx\nbad line\n")
    review = apply(doc, _review(doc))
    assert review.criteria[0].suppressed is None
    notice = next(f for f in review.findings if f.criterion == NOTICE)
    assert words in notice.message
    assert (notice.line, notice.severity, notice.quote) == (2, Severity.WARNING, comment)
    assert "alpha" in [f.criterion for f in review.findings]  # not suppressed


def test_other_kinds_prefix_is_ignored_and_config_disable_is_labelled() -> None:
    doc = Document.from_text("# Title\n<!-- pmcoach-disable decision.alpha: other -->\n"
                             "x\nbad line\n")
    review = apply(doc, _review(doc), disabled={"beta": "disabled in pyproject.toml"})
    assert review.criteria[0].suppressed is None
    assert review.criteria[1].suppressed is not None
    assert review.criteria[1].suppressed.source == "config"
    assert not any(f.criterion == NOTICE for f in review.findings)


def test_everything_suppressed_scores_100() -> None:
    doc = Document.from_text("<!-- pmcoach-disable alpha, beta: a stub page -->\nbad line\n")
    review = apply(doc, _review(doc))
    assert (review.score, review.findings) == (100, [])


def _toy(tmp_path: Path) -> str:
    return str(toy_plugin_dir(tmp_path))


def test_suppressed_criterion_in_json_and_text_and_never_fails(tmp_path: Path) -> None:
    note = tmp_path / "note.md"
    note.write_text("A toy note.\n\n<!-- pmcoach-disable no-todo: tracked in the backlog -->\n"
                    "TODO: finish this.\n")
    result, report = run_json("review", str(note), "--plugins-dir", _toy(tmp_path),
                              "--kind", "toy-note")
    assert result.exit_code == ExitCode.OK
    todo = report["results"][0]["criteria"][0]
    assert todo["id"] == "no-todo" and todo["verdict"] == "missing"
    assert todo["suppressed"] == {"reason": "tracked in the backlog", "source": "comment",
                                  "line": 3}
    # The compact text counts it; the full report names it and gives the reason.
    text = run("review", str(note), "--plugins-dir", _toy(tmp_path), "--kind", "toy-note")
    assert "0 of 1 criteria met, 1 partial, 0 missing. 1 suppressed." in text.stdout
    assert "[no-todo]" not in text.stdout
    full = run("review", str(note), "--plugins-dir", _toy(tmp_path), "--kind", "toy-note",
               "--format", "full")
    assert "suppressed no-todo" in full.stdout
    assert "comment on line 3: tracked in the backlog" in full.stdout
    assert "[no-todo]" not in full.stdout


def test_suppression_without_reason_still_fails(tmp_path: Path) -> None:
    note = tmp_path / "note.md"
    note.write_text("A toy note.\n\n<!-- pmcoach-disable no-todo -->\nTODO: finish this.\n")
    result = run("review", str(note), "--plugins-dir", _toy(tmp_path), "--kind", "toy-note")
    assert result.exit_code == ExitCode.FINDINGS
    assert "[suppression] pmcoach-disable no-todo has no reason" in result.stdout
