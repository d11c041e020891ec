"""The markdown, sarif and github formats, and that formats come through the hook."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from helpers import run, toy_plugin_dir

from pmcoach.errors import ExitCode

ROOT = Path(__file__).resolve().parent.parent

# Written from the SARIF 2.1.0 schema's structure for the objects pmcoach emits (see its
# description): the official file is not vendored, so this checks required properties,
# enums, types and that no property outside the spec appears.
SARIF_SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-2.1.0-subset.schema.json")
                          .read_text())


@pytest.fixture
def files(tmp_path: Path) -> tuple[str, list[str]]:
    bad = tmp_path / "bad note.md"
    bad.write_text("A toy note.\n\nTODO: finish this, 100% | now.\n")
    muted = tmp_path / "muted.md"
    muted.write_text("A toy note.\n<!-- pmcoach-disable no-todo: tracked elsewhere -->\n"
                     "TODO: later.\n")
    missing = tmp_path / "missing.md"
    return str(toy_plugin_dir(tmp_path)), [str(bad), str(muted), str(missing)]


def _render(fmt: str, toy: str, paths: list[str]) -> tuple[int, str]:
    result = run("review", *paths, "--plugins-dir", toy, "--format", fmt, "--kind", "toy-note")
    return result.exit_code, result.stdout


def test_sarif_is_valid_and_carries_findings_and_suppressions(files: tuple[str, list[str]]
                                                              ) -> None:
    toy, paths = files
    code, out = _render("sarif", toy, paths)
    assert code == ExitCode.FAILED  # missing.md could not be read
    log = json.loads(out)
    jsonschema.Draft7Validator(SARIF_SCHEMA, format_checker=jsonschema.FormatChecker()
                               ).validate(log)
    run_ = log["runs"][0]
    rules = [r["id"] for r in run_["tool"]["driver"]["rules"]]
    todo = next(r for r in run_["results"] if r["ruleId"] == "toy-note/no-todo"
                and "suppressions" not in r)
    assert rules[todo["ruleIndex"]] == "toy-note/no-todo"
    assert todo["level"] == "error"
    location = todo["locations"][0]["physicalLocation"]
    assert location["region"]["startLine"] == 3
    assert location["artifactLocation"]["uri"].endswith("bad%20note.md")
    muted = next(r for r in run_["results"] if "suppressions" in r)
    assert muted["suppressions"] == [{"kind": "inSource", "status": "accepted",
                                      "justification": "tracked elsewhere"}]
    invocation = run_["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert "missing.md" in invocation["toolExecutionNotifications"][0]["message"]["text"]


def test_sarif_schema_check_has_teeth(files: tuple[str, list[str]]) -> None:
    toy, paths = files
    log = json.loads(_render("sarif", toy, paths[:1])[1])
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(log, SARIF_SCHEMA)


def test_github_annotations_are_escaped_workflow_commands(files: tuple[str, list[str]]) -> None:
    toy, paths = files
    code, out = _render("github", toy, paths)
    lines = out.splitlines()
    todo = next(line for line in lines if "no-todo" in line)
    assert todo.startswith(f"::error file={paths[0]},line=3,endLine=3,"
                           "title=pmcoach toy-note%3A no-todo::")
    assert "%0A→ " in todo  # the suggestion on its own line, newline escaped
    assert any(line.startswith("::warning ") and "has-heading" in line for line in lines)
    assert any(line.startswith(f"::error file={paths[2]},title=pmcoach::could not review")
               for line in lines)
    assert lines[-1].startswith("pmcoach: 3 file(s) reviewed")
    assert code == ExitCode.FAILED


def test_markdown_is_a_pasteable_pr_comment(files: tuple[str, list[str]]) -> None:
    toy, paths = files
    _, out = _render("markdown", toy, paths)
    assert out.startswith("## pmcoach review\n")
    assert "| File | Kind | Score | Errors | Warnings |" in out
    assert "<details open>" in out  # a file with errors is expanded
    assert "| `no-todo` | 🔕 suppressed | tracked elsewhere (comment) |" in out
    assert "finish this, 100% \\| now." in out  # pipes escaped inside tables/quotes
    assert "could not be reviewed" in out


def test_every_format_is_registered_through_the_hook() -> None:
    from pmcoach import plugins

    registry = plugins.load()
    assert {"text", "json", "markdown", "sarif", "github"} <= set(registry.formatters)
    info = next(p for p in registry.plugins if p.name == "pmcoach.formats")
    assert {"markdown", "sarif", "github"} <= set(info.formatters)
    assert "sarif" in run("review", "--help").stdout


def test_sarif_uris_are_relative_to_the_repository_root(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil
    import subprocess

    if shutil.which("git") is None:
        pytest.skip("needs git")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "portfolio").mkdir()
    story = tmp_path / "portfolio" / "story.md"
    story.write_text((ROOT / "examples" / "case-study" / "weak.md").read_text())
    monkeypatch.chdir(tmp_path / "portfolio")  # run from a subfolder, as a hook may
    sarif = json.loads(run("review", "story.md", "-f", "sarif").stdout)
    run_ = sarif["runs"][0]
    location = run_["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "portfolio/story.md", "uriBaseId": "SRCROOT"}
    assert run_["originalUriBaseIds"]["SRCROOT"]["uri"] == tmp_path.resolve().as_uri() + "/"
