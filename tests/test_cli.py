"""The command line: help, exit codes, formats, and the review flow on a toy plugin."""

from __future__ import annotations

import json
from pathlib import Path

import click
import jsonschema
import pytest
from helpers import run, run_json, toy_plugin_dir

from pmcoach.cli import main
from pmcoach.errors import ExitCode


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in group.commands.items():
        found.append((f"{prefix}{name}", command))
        if isinstance(command, click.Group):
            found.extend(_commands(command, f"{prefix}{name} "))
    return found


@pytest.mark.parametrize("name, command", _commands(main))
def test_every_command_has_help_with_an_example(name: str, command: click.Command) -> None:
    assert command.help, f"`pmcoach {name}` has no help"
    assert "Example" in command.help, f"`pmcoach {name}` help has no example"
    result = run(*name.split(), "--help")
    assert result.exit_code == 0
    assert "Usage:" in result.stdout


def test_version() -> None:
    from pmcoach import __version__

    result = run("--version")
    assert result.exit_code == 0
    assert __version__ in result.stdout


@pytest.fixture
def toy(tmp_path: Path) -> Path:
    return toy_plugin_dir(tmp_path)


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def test_review_reports_findings_with_lines_and_exit_1(tmp_path: Path, toy: Path) -> None:
    note = _write(tmp_path, "note.md", "A toy note.\n\nTODO: finish this.\n")
    result, report = run_json("review", note, "--plugins-dir", str(toy), "--kind", "toy-note")
    assert result.exit_code == ExitCode.FINDINGS
    review = report["results"][0]
    assert review["kind"] == "toy-note"
    assert review["detection"]["source"] == "option"
    assert [c["id"] for c in review["criteria"]] == ["no-todo", "has-heading"]
    todo = next(f for f in review["findings"] if f["criterion"] == "no-todo")
    assert (todo["line"], todo["quote"], todo["severity"]) == (3, "TODO: finish this.", "error")
    assert review["score"] == 25


def test_fail_on_controls_exit_code(tmp_path: Path, toy: Path) -> None:
    note = _write(tmp_path, "note.md", "A toy note with no heading.\n")  # only a warning
    assert run("review", note, "--plugins-dir", str(toy)).exit_code == ExitCode.OK
    assert run("review", note, "--plugins-dir", str(toy), "--fail-on", "warning"
               ).exit_code == ExitCode.FINDINGS
    todo = _write(tmp_path, "todo.md", "A toy note.\n\nTODO: x.\n")
    assert run("review", todo, "--plugins-dir", str(toy), "--fail-on", "never"
               ).exit_code == ExitCode.OK


def test_json_report_matches_the_contract_and_schema(tmp_path: Path, toy: Path) -> None:
    note = _write(tmp_path, "note.md", "# Toy\n\nA toy note.\n")
    result, report = run_json("review", note, "--plugins-dir", str(toy))
    assert set(report) == {"schema", "tool", "results", "skipped", "incomplete", "usage",
                           "portfolio"}
    assert report["schema"] == "pmcoach.report/1"
    assert set(report["results"][0]) == {
        "path", "kind", "detection", "engine", "engine_error", "usage", "prompt", "score",
        "criteria", "findings", "summary", "error"}
    assert set(report["results"][0]["criteria"][0]) >= {
        "id", "verdict", "message", "suggestion", "evidence", "rule", "source"}
    schema = json.loads(run("schema").stdout)
    jsonschema.validate(report, schema)


def test_text_format_is_readable_and_uncoloured_off_terminal(tmp_path: Path, toy: Path) -> None:
    note = _write(tmp_path, "note.md", "A toy note.\n\nTODO: finish this.\n")
    out = run("review", note, "--plugins-dir", str(toy), "--kind", "toy-note").stdout
    assert "\x1b[" not in out
    assert f"{note}:3: error [no-todo] TODO left here" in out
    assert "> TODO: finish this." in out
    assert "→ finish it" in out
    assert "score 25/100" in out


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    from pmcoach.cli import _color

    class Tty:
        def isatty(self) -> bool:
            return True

    assert _color(Tty()) is True
    monkeypatch.setenv("NO_COLOR", "1")
    assert _color(Tty()) is False


def test_unknown_kind_and_format_are_usage_errors(tmp_path: Path, toy: Path) -> None:
    note = _write(tmp_path, "note.md", "A toy note.\n")
    result = run("review", note, "--plugins-dir", str(toy), "--kind", "nope")
    assert result.exit_code == ExitCode.USAGE
    assert "unknown kind 'nope'" in result.stderr and "toy-note" in result.stderr
    result = run("review", note, "--plugins-dir", str(toy), "--format", "yaml")
    assert result.exit_code == ExitCode.USAGE
    assert "unknown format 'yaml'" in result.stderr


def test_kind_option_overrides_detection(tmp_path: Path, toy: Path) -> None:
    note = _write(tmp_path, "note.md", "No hint of the kind here.\n")
    _, report = run_json("review", note, "--plugins-dir", str(toy), "--kind", "toy-note")
    assert report["results"][0]["detection"]["source"] == "option"


def test_rubric_and_plugins_commands(toy: Path) -> None:
    result = run("rubric", "toy-note", "--plugins-dir", str(toy))
    assert result.exit_code == 0
    assert "no-todo" in result.stdout and "Has no TODO left in it." in result.stdout
    result = run("plugins", "--plugins-dir", str(toy))
    assert result.exit_code == 0
    assert "toy local" in result.stdout and "kinds: toy-note" in result.stdout
    assert "pmcoach.formats" in result.stdout
    assert run("rubric", "nope", "--plugins-dir", str(toy)).exit_code == ExitCode.USAGE


def test_python_dash_m_runs_the_cli() -> None:
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "pmcoach", "--version"], capture_output=True,
                         text=True, check=True)
    assert out.stdout.startswith("pmcoach, version")


def test_close_detection_is_reported_not_hidden(tmp_path: Path) -> None:
    rival = ('from pmcoach import hookimpl\nimport importlib.util, pathlib\n'
             'spec = importlib.util.spec_from_file_location("toy_src", pathlib.Path(__file__)'
             '.with_name("toy.py"))\nmod = importlib.util.module_from_spec(spec)\n'
             'spec.loader.exec_module(mod)\n\n'
             'class Rival(mod.ToyCritic):\n    kind = "rival-note"\n'
             '    rubric = mod.RUBRIC.model_copy(update={"kind": "rival-note"})\n'
             '\n@hookimpl\ndef register_critics(register):\n    register(Rival())\n')
    folder = toy_plugin_dir(tmp_path)
    toy_plugin_dir(tmp_path, rival, name="rival")
    # Two kinds with the same evidence: reviewed as one, with the other shown and the
    # front-matter line that settles it.
    note = _write(tmp_path, "note.md", "# Toy\n\nA toy note.\n")
    _, report = run_json("review", note, "--plugins-dir", str(folder))
    detection = report["results"][0]["detection"]
    assert detection["kind"] in ("toy-note", "rival-note")
    other = "rival-note" if detection["kind"] == "toy-note" else "toy-note"
    assert detection["uncertain"] is True
    assert [r["kind"] for r in detection["runners_up"]] == [other]
    assert detection["settle"] == f"kind: {detection['kind']}"
    out = run("review", note, "--plugins-dir", str(folder)).stdout
    assert f"could also be {other}" in out
    assert f"add 'kind: {detection['kind']}'" in out


def test_a_plugin_kind_is_detected_from_its_signature(tmp_path: Path, toy: Path) -> None:
    note = _write(tmp_path, "note.md", "# Toy note\n\nA toy note about toys.\n")
    _, report = run_json("review", note, "--plugins-dir", str(toy))
    detection = report["results"][0]["detection"]
    assert (detection["kind"], detection["source"]) == ("toy-note", "content")
    assert detection["confidence"] >= 0.6 and not detection["uncertain"]
