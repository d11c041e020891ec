"""One bad file never takes down a run: hostile front matter, special files, unreadable
folders, plugins that exit, internal errors, line separators, a path named twice."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import run, run_json

from pmcoach.coach.prompts import numbered
from pmcoach.document import Document
from pmcoach.errors import ExitCode

STORY = """\
# Checkout redesign

I was the PM on the checkout redesign at an online shop. The old checkout was confusing and
people complained. We talked about it as a team and decided to make it simpler. The
engineers built it and the designer made it look nice.

## Results

Conversion went up and customers were happier. It was a great project.
"""

BOMB = ("---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
        "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
        "title: *d\n---\n")


@pytest.mark.parametrize(("front", "says"), [
    (BOMB, "uses YAML aliases"),
    ("---\nt: " + "[" * 10000 + "]" * 10000 + "\n---\n", "is nested more than 20 levels"),
    ("---\nn: " + "9" * 5000 + "\n---\n", "holds a number of 5000 digits"),
    ("---\nt: '" + "x" * 40000 + "'\n---\n", "is larger than 32 KB"),
])
def test_hostile_front_matter_is_refused_and_the_body_reviewed(tmp_path: Path, front: str,
                                                               says: str) -> None:
    bad = tmp_path / "bad.md"
    bad.write_text(front + STORY)
    good = tmp_path / "good.md"
    good.write_text(STORY)
    result, report = run_json("review", str(bad), str(good))
    assert [r["kind"] for r in report["results"]] == ["case-study", "case-study"]
    assert f"{bad}: front matter {says}" in result.stderr
    assert result.exit_code == ExitCode.FINDINGS


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_named_explicitly_is_refused_without_opening_it(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    good = tmp_path / "good.md"
    good.write_text(STORY)
    result, report = run_json("review", str(fifo), str(good))
    assert result.exit_code == ExitCode.FAILED
    assert "is not a regular file" in result.stderr
    assert [r["kind"] for r in report["results"] if not r["error"]] == ["case-study"]


def test_an_unreadable_folder_is_reported_not_skipped_silently(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch
                                                                ) -> None:
    from pmcoach.pipeline import sources

    (tmp_path / "ok.md").write_text(STORY)
    real_walk = os.walk

    def walk(top, onerror=None, **kwargs):  # type: ignore[no-untyped-def]
        # Root can read anything, so the permission error is simulated.
        onerror(PermissionError(13, "Permission denied", str(tmp_path / "secret")))
        yield from real_walk(top, onerror=onerror, **kwargs)

    monkeypatch.setattr(sources.os, "walk", walk)
    found = sources.expand([str(tmp_path)])
    errors = [s for s in found if s.error]
    assert [s.path for s in errors] == [str(tmp_path / "secret")]
    assert "cannot read (permission denied)" in str(errors[0].error)
    assert [s.path for s in found if not s.error] == [str(tmp_path / "ok.md")]


def test_a_plugin_that_exits_at_import_is_a_plugin_error(tmp_path: Path) -> None:
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "quitter.py").write_text("import sys\nsys.exit(7)\n")
    story = tmp_path / "story.md"
    story.write_text(STORY)
    result = run("review", str(story), "--plugins-dir", str(plugins))
    assert result.exit_code == ExitCode.FAILED  # not 7
    assert "quitter.py failed to load: SystemExit: 7" in result.stderr
    assert "case-study" in result.stdout  # the other files are still reviewed


def test_a_config_that_is_not_utf8_is_a_usage_error_naming_the_file(tmp_path: Path,
                                                                     monkeypatch) -> None:
    (tmp_path / ".pmcoach.toml").write_bytes(b"fail-on = \"error\"\n# caf\xe9\n")
    story = tmp_path / "story.md"
    story.write_text(STORY)
    monkeypatch.chdir(tmp_path)
    result = run("review", "story.md")
    assert result.exit_code == ExitCode.USAGE
    assert ".pmcoach.toml: is not UTF-8" in result.stderr
    assert "internal error" not in result.stderr


def test_an_internal_error_on_one_file_is_that_file_s_error(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    from pmcoach.pipeline import run as runner

    bad = tmp_path / "bad.md"
    bad.write_text(STORY)
    good = tmp_path / "good.md"
    good.write_text(STORY)
    real = runner.detect

    def detect(doc, *args, **kwargs):  # type: ignore[no-untyped-def]
        if doc.path.endswith("bad.md"):
            raise RecursionError("maximum recursion depth exceeded")
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(runner, "detect", detect)
    result, report = run_json("review", str(bad), str(good))
    assert result.exit_code == ExitCode.FAILED
    bad_result, good_result = report["results"]
    assert bad_result["error"]["type"] == "internal"
    assert "please report it" in bad_result["error"]["message"]
    assert good_result["kind"] == "case-study"
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_line_separators_do_not_shift_the_numbering_a_model_sees() -> None:
    text = "one\u2028still one\x0cstill\u0085one\u2029end\ntwo\n"
    doc = Document.from_text(text, "a.md")
    shown = numbered(doc.text)
    # A model reading these as line breaks would number "two" wrongly: they are spaces.
    assert not any(c in shown for c in "\u2028\u2029\u0085\x0c\x0b")
    assert shown.split("\n")[:2] == ["1| one still one still one end", "2| two"]
    assert len(shown.split("\n")) == len(doc.lines)


def test_a_file_named_twice_is_reviewed_once(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.md").write_text(STORY)
    monkeypatch.chdir(tmp_path)
    _, report = run_json("review", "d/a.md", "./d/a.md", "d")
    assert [r["path"] for r in report["results"]] == ["d/a.md"]


def test_ctrl_c_reports_the_files_that_finished_and_exits_130(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch
                                                              ) -> None:
    from pmcoach.pipeline import run as runner

    for name in ("a.md", "b.md", "c.md"):
        (tmp_path / name).write_text(STORY)
    real = runner.review_source

    def review_source(source, *args, **kwargs):  # type: ignore[no-untyped-def]
        if source.path.endswith("c.md"):
            raise KeyboardInterrupt
        return real(source, *args, **kwargs)

    monkeypatch.setattr(runner, "review_source", review_source)
    result, report = run_json("review", str(tmp_path))
    assert result.exit_code == ExitCode.INTERRUPTED == 130
    assert report["incomplete"] is True
    assert [Path(r["path"]).name for r in report["results"]] == ["a.md", "b.md"]
    assert "interrupted: the report covers the 2 file(s) that finished" in result.stderr


def test_ctrl_c_in_a_model_run_keeps_what_finished() -> None:
    import _thread
    import threading

    from pmcoach.pipeline.schedule import Interrupted, run_parallel

    def work(n: int) -> int:
        if n == 2:  # the user presses Ctrl-C while the third file is in flight
            _thread.interrupt_main()
            threading.Event().wait(5)
        return n * 10

    with pytest.raises(Interrupted) as caught:
        run_parallel(list(range(5)), work, 1)
    assert caught.value.finished == [0, 10]


def test_a_file_of_more_than_five_thousand_lines_is_not_a_pm_document(tmp_path: Path
                                                                        ) -> None:
    log = tmp_path / "CHANGELOG.md"
    log.write_text(STORY + "- item\n" * 20_000)
    cr_only = tmp_path / "old-mac.txt"
    cr_only.write_text("line\r" * 6_000)  # a lone CR ends a line too
    result, report = run_json("review", str(log), str(cr_only))
    assert result.exit_code == ExitCode.OK  # a pre-commit run over a long changelog passes
    assert [s["detection"]["looks_like"] for s in report["skipped"]] == [
        "a file too long for a PM document (20,009 lines)",
        "a file too long for a PM document (6,000 lines)"]
    named = run("review", str(log), "--kind", "case-study")  # asked for: an error
    assert named.exit_code == ExitCode.FAILED
    assert "has 20,009 lines (more than 5,000)" in named.stderr


def test_an_excluded_link_does_not_hide_the_file_it_points_to(tmp_path: Path,
                                                               monkeypatch) -> None:
    (tmp_path / "prds").mkdir()
    (tmp_path / "prds" / "q3.md").write_text(STORY)
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "current.md").symlink_to(tmp_path / "prds" / "q3.md")
    (tmp_path / ".pmcoach.toml").write_text('exclude = ["drafts/**"]\n')
    monkeypatch.chdir(tmp_path)
    _, report = run_json("review", "drafts", "prds")
    assert [r["path"] for r in report["results"]] == ["prds/q3.md"]


def test_a_plugin_that_exits_while_checking_fails_only_its_file(tmp_path: Path) -> None:
    from helpers import TOY_PLUGIN, toy_plugin_dir

    quitter = TOY_PLUGIN.replace("    def check(self, doc):\n",
                                 "    def check(self, doc):\n        import sys; sys.exit(5)\n")
    plugins = toy_plugin_dir(tmp_path, quitter)
    note = tmp_path / "note.md"
    note.write_text("# Toy note\n\nA toy note about toys.\n")
    story = tmp_path / "story.md"
    story.write_text(STORY)
    result, report = run_json("review", str(note), str(story), "--plugins-dir", str(plugins))
    assert result.exit_code == ExitCode.FAILED
    assert "critic 'toy-note' failed on this file: SystemExit: 5" in result.stderr
    assert report["results"][1]["kind"] == "case-study"
