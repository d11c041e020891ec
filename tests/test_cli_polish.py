"""-q/-v, reading standard input, and skipping files of no known kind."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from helpers import run, run_json, toy_plugin_dir

from pmcoach.errors import ExitCode

ROOT = Path(__file__).resolve().parent.parent

TODO_NOTE = "A toy note.\n\nTODO: finish this.\n"


def test_review_dash_reads_standard_input(tmp_path: Path) -> None:
    toy = str(toy_plugin_dir(tmp_path))
    result = run("review", "-", "--plugins-dir", toy, "--format", "json", "--kind", "toy-note",
                 input=TODO_NOTE)
    assert result.exit_code == ExitCode.FINDINGS
    assert '"path": "<stdin>"' in result.stdout
    text = run("review", "-", "--plugins-dir", toy, "--kind", "toy-note", input=TODO_NOTE)
    assert "<stdin>:3: error [no-todo]" in text.stdout
    empty = run("review", "-", "--plugins-dir", toy, input="")
    assert empty.exit_code == ExitCode.FAILED
    assert "<stdin>: is empty" in empty.stderr


def test_quiet_prints_only_findings(tmp_path: Path) -> None:
    toy = str(toy_plugin_dir(tmp_path))
    bad = tmp_path / "bad.md"
    bad.write_text(TODO_NOTE)
    good = tmp_path / "good.md"
    good.write_text("# Toy\n\nA toy note.\n")
    result = run("review", "-q", str(bad), str(good), "--plugins-dir", toy, "--kind", "toy-note")
    assert result.exit_code == ExitCode.FINDINGS
    lines = result.stdout.splitlines()
    assert lines[0] == f"{bad}:3: error [no-todo] TODO left here"
    assert str(good) not in result.stdout and "score" not in result.stdout
    assert run("review", "-q", str(good), "--plugins-dir", toy).stdout == ""


def test_verbose_shows_config_and_evidence(tmp_path: Path) -> None:
    toy = str(toy_plugin_dir(tmp_path))
    bad = tmp_path / "bad.md"
    bad.write_text(TODO_NOTE)
    result = run("review", "-v", str(bad), "--plugins-dir", toy, "--kind", "toy-note")
    assert "pmcoach: config:" in result.stderr
    assert "line 3: TODO: finish this." in result.stdout
    both = run("review", "-q", "-v", str(bad), "--plugins-dir", toy)
    assert both.exit_code == ExitCode.USAGE


def test_files_that_are_not_pm_documents_are_skipped_not_failed(tmp_path: Path) -> None:
    toy = str(toy_plugin_dir(tmp_path))
    readme = tmp_path / "README.md"
    readme.write_text("# mylib\n\nInstall with `pip install mylib`.\n\n```python\n"
                      "import mylib\nmylib.run()\n```\n\nSee the [docs](https://x.dev).\n")
    declared = tmp_path / "declared.md"
    declared.write_text("---\nkind: no-such-kind\n---\nText.\n")
    for extra in ((), ("--skip-unknown",)):  # --skip-unknown is kept, and changes nothing
        result, report = run_json("review", str(readme), "--plugins-dir", toy, *extra)
        assert result.exit_code == ExitCode.OK and report["results"] == []
        assert [s["path"] for s in report["skipped"]] == [str(readme)]
        assert report["skipped"][0]["reason"] == "not-a-pm-document"
        assert report["skipped"][0]["detection"]["kind"] is None
        assert result.stderr.count("\n") == 1
        assert f"{readme}: skipped: not a PM document (looks like" in result.stderr
    assert run("review", "-q", str(readme), "--plugins-dir", toy).stderr == ""
    # A kind declared in front matter that nobody provides is still an error.
    assert run("review", str(declared), "--plugins-dir", toy, "--skip-unknown"
               ).exit_code == ExitCode.FAILED


def test_color_always_never_and_force_color(tmp_path: Path) -> None:
    from pmcoach.cli import _color

    class Tty:
        def isatty(self) -> bool:
            return True

    assert _color(Tty(), "never") is False and _color(object(), "always") is True
    assert _color(object(), "auto") is False
    os.environ["FORCE_COLOR"] = "1"
    try:
        assert _color(object(), "auto") is True
    finally:
        del os.environ["FORCE_COLOR"]
    story = ROOT / "examples" / "case-study" / "weak.md"
    coloured = run("review", str(story), "--color", "always")
    assert "\x1b[" in coloured.stdout
    assert "\x1b[" not in run("review", str(story), "--color", "never").stdout


def test_output_file_and_statistics(tmp_path: Path) -> None:
    story = ROOT / "examples" / "case-study" / "weak.md"
    out = tmp_path / "report.json"
    result = run("review", str(story), "-f", "json", "-o", str(out), "--statistics")
    assert result.exit_code == 1 and result.stdout.startswith("findings per rule:")
    report = json.loads(out.read_text())
    assert report["results"][0]["path"] == str(story)
    assert "case-study/personal-role/" in result.stdout
    to_stdout = run("review", str(story), "-f", "json", "--statistics")
    json.loads(to_stdout.stdout)  # still pure JSON: the counts went to stderr
    assert "findings per rule:" in to_stdout.stderr
    bad = run("review", str(story), "-o", str(tmp_path / "no" / "such" / "dir" / "r.txt"))
    assert bad.exit_code == 2 and "--output-file" in bad.stderr


def test_a_closed_pipe_is_not_an_internal_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """`pmcoach ... | head`: the reader went away; exit quietly like a shell would."""
    def closed(*args: object, **kwargs: object) -> None:
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr("pmcoach.cli._print_report", closed)
    monkeypatch.setattr("pmcoach.cli._stream_report", closed)  # text and json stream
    result = run("review", str(ROOT / "examples" / "case-study" / "weak.md"))
    assert result.exit_code == 141
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr


def test_stdin_filename_makes_config_globs_and_kinds_apply(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    (tmp_path / ".pmcoach.toml").write_text('[kinds]\n"decisions/*.md" = "decision"\n')
    monkeypatch.chdir(tmp_path)
    text = (ROOT / "examples" / "decision" / "weak.md").read_text()
    named = run("review", "-", "--stdin-filename", "decisions/cache.md", "-f", "json",
                input=text)
    review = json.loads(named.stdout)["results"][0]
    assert review["path"] == "decisions/cache.md"
    assert (review["kind"], review["detection"]["source"]) == ("decision", "config")


def test_a_folder_run_ends_with_one_summary_line() -> None:
    result = run("review", str(ROOT / "examples" / "decision"),
                 str(ROOT / "examples" / "eval" / "README.md"))
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("3 files reviewed: ") and last.endswith("; 1 skipped.")
    assert "errors" in last and "warning" in last
    single = run("review", str(ROOT / "examples" / "decision" / "weak.md"))
    assert "files reviewed" not in single.stdout  # one file: its own summary is enough


def test_offline_runs_report_progress_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from pmcoach.pipeline import ReviewOptions, review_paths
    from pmcoach.plugins import load

    seen: list[tuple[int, int]] = []
    folder = ROOT / "examples" / "decision"
    review_paths([str(folder)], load(), ReviewOptions(progress=lambda d, t: seen.append((d, t))))
    total = len(list(folder.glob("*.md")))
    assert seen == [(n, total) for n in range(1, total + 1)]


def test_shell_completion_script() -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "pmcoach"], capture_output=True, text=True,
                          env={**os.environ, "_PMCOACH_COMPLETE": "bash_source"}, timeout=60)
    assert "_pmcoach_completion" in done.stdout
