"""--jobs: offline reviews on worker processes give the same report as one process, in
the same order, with per-file errors, loose plugins, Ctrl-C, and no Document kept."""

from __future__ import annotations

import gc
import os
import shutil
import signal
import subprocess
import sys
import time
import weakref
from pathlib import Path
from typing import Any

import pytest
from helpers import TOY_PLUGIN, run, toy_plugin_dir

from pmcoach.pipeline import ReviewOptions, ReviewRun, processes, review_paths
from pmcoach.pipeline.run import exit_code
from pmcoach.plugins import load

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ["text", "json", "markdown", "sarif", "github"]

#: The toy kind, failing on request: a critic bug on "EXPLODE", a dying process on "VANISH".
FAULTY = TOY_PLUGIN.replace("    def check(self, doc):\n", """    def check(self, doc):
        if "EXPLODE" in doc.text:
            raise RuntimeError("boom")
        if "VANISH" in doc.text:
            import os
            os._exit(7)
""")


def worker_pid(doc: Any, review: Any) -> int:
    """An extract (module-level, so spawned workers can unpickle it): who reviewed."""
    return os.getpid()


def heading_count(doc: Any, review: Any) -> int:
    return len(doc.headings)


@pytest.fixture
def few_files_pay(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Processes even for a handful of files; records the runs that used them."""
    used: list[int] = []
    real = processes.reviews

    def spy(sources: Any, *args: Any, **kwargs: Any) -> Any:
        used.append(len(sources))
        return real(sources, *args, **kwargs)

    monkeypatch.setattr(processes, "MIN_FILES", {"fork": 2, "spawn": 2})
    monkeypatch.setattr(processes, "WARM_FILES", 1)
    monkeypatch.setattr(processes, "MAX_CHUNK", 2)
    monkeypatch.setattr(processes, "reviews", spy)
    return used


def varied_folder(tmp_path: Path) -> Path:
    """Every kind's examples, plus files that are skipped, refused or noted."""
    folder = tmp_path / "docs"
    for kind in ("case-study", "decision", "strategy", "manager-update", "career-plan",
                 "portfolio-strategy"):
        shutil.copytree(ROOT / "examples" / kind, folder / kind)
    (folder / "zz").mkdir()
    (folder / "zz" / "readme.md").write_text(
        "# tool\n\nInstall with `pip install tool`.\n\n```bash\ntool --help\n```\n")
    (folder / "zz" / "empty.md").write_text("   \n")
    (folder / "zz" / "latin1.md").write_bytes("# Caf\xe9 notes\n".encode("latin-1"))
    (folder / "zz" / "broken-front-matter.md").write_text(
        "---\nkind: [decision\n---\n" + (ROOT / "examples" / "decision" / "weak.md").read_text())
    return folder


@pytest.mark.parametrize("fmt", FORMATS)
def test_jobs_give_the_same_report_in_the_same_order(tmp_path: Path, fmt: str,
                                                     few_files_pay: list[int]) -> None:
    folder = varied_folder(tmp_path)
    one = run("review", str(folder), "--format", fmt, "--jobs", "1")
    assert not few_files_pay  # one job: the main process alone
    many = run("review", str(folder), "--format", fmt, "--jobs", "3")
    assert few_files_pay  # and that run did use worker processes
    assert many.stdout == one.stdout and many.stderr == one.stderr
    assert many.exit_code == one.exit_code == 3  # the unreadable files are errors
    assert "latin1.md" in one.stderr and "empty.md" in one.stderr


def test_statistics_and_quiet_output_do_not_depend_on_jobs(tmp_path: Path,
                                                           few_files_pay: list[int]) -> None:
    folder = varied_folder(tmp_path)
    for extra in (["--statistics"], ["-q"], ["-v"]):
        one = run("review", str(folder), "--jobs", "1", *extra)
        many = run("review", str(folder), "--jobs", "2", *extra)
        assert (many.stdout, many.stderr) == (one.stdout, one.stderr), extra


def test_an_error_in_a_worker_is_that_files_error(tmp_path: Path, few_files_pay: list[int],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(processes, "MAIN_REVIEWS_TOO", False)  # every file in a worker
    plugins = toy_plugin_dir(tmp_path, FAULTY)
    folder = tmp_path / "notes"
    folder.mkdir()
    for i in range(8):
        marker = {2: "EXPLODE", 5: "VANISH"}.get(i, "fine")
        (folder / f"note-{i}.md").write_text(
            f"---\nkind: toy-note\n---\n# Toy note {i}\n\nA toy note, {marker}. TODO later.\n")
    result = run("review", str(folder), "--plugins-dir", str(plugins), "--jobs", "2",
                 "--format", "json", "--fail-on", "never")
    assert few_files_pay
    import json

    reviews = json.loads(result.stdout)["results"]
    assert [Path(r["path"]).name for r in reviews] == [f"note-{i}.md" for i in range(8)]
    errors = {Path(r["path"]).name: r["error"] for r in reviews if r["error"]}
    assert set(errors) == {"note-2.md", "note-5.md"}
    assert "boom" in errors["note-2.md"]["message"]
    assert "stopped without an answer" in errors["note-5.md"]["message"]
    assert all(r["kind"] == "toy-note" and r["score"] is not None
               for r in reviews if not r["error"])
    assert result.exit_code == 3 and "Traceback" not in result.stderr


def test_a_loose_plugin_works_in_forked_workers(tmp_path: Path,
                                                few_files_pay: list[int]) -> None:
    plugins = toy_plugin_dir(tmp_path)
    folder = tmp_path / "notes"
    folder.mkdir()
    for i in range(6):
        (folder / f"n{i}.md").write_text(f"---\nkind: toy-note\n---\n# Toy {i}\n\nTODO {i}.\n")
    result = run("review", str(folder), "--plugins-dir", str(plugins), "--jobs", "2",
                 "-f", "github")
    assert few_files_pay and result.exit_code == 1
    assert result.stdout.count("toy-note%3A no-todo::TODO left here") == 6


def test_a_loose_plugin_works_in_spawned_workers(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Where workers cannot fork (macOS, Windows), each loads the plugins itself."""
    monkeypatch.setattr(processes, "MAIN_REVIEWS_TOO", False)  # every file in a worker
    plugins = toy_plugin_dir(tmp_path)
    folder = tmp_path / "notes"
    folder.mkdir()
    for i in range(4):
        (folder / f"n{i}.md").write_text(f"---\nkind: toy-note\n---\n# Toy {i}\n\nTODO {i}.\n")
    registry = load([plugins])
    run_ = ReviewRun([str(folder)], registry, ReviewOptions(extract={"pid": worker_pid}))
    results = list(processes.reviews(run_.sources, registry, run_.options, 2, method="spawn"))
    assert [r.index for r in results] == [0, 1, 2, 3]
    assert all(r.review.kind == "toy-note" and r.review.error is None for r in results)
    assert all(r.extras["pid"] != os.getpid() for r in results)  # reviewed in workers


def test_extras_come_back_beside_each_review(tmp_path: Path, few_files_pay: list[int]) -> None:
    folder = varied_folder(tmp_path)
    registry = load()
    by_jobs = {}
    for jobs in (1, 2):
        run_ = ReviewRun([str(folder)], registry,
                         ReviewOptions(jobs=jobs, extract={"headings": heading_count}))
        reviews = list(run_)
        by_jobs[jobs] = run_.extras
        assert set(run_.extras) == {r.path for r in reviews if r.kind}
    assert by_jobs[1] == by_jobs[2] and by_jobs[1]
    assert all(e["headings"] >= 0 for e in by_jobs[1].values())


def test_no_document_outlives_its_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """Memory stays flat: once a file's review is handed on, its Document is gone."""
    from pmcoach.document import Document

    made: list[weakref.ref[Document]] = []
    real = Document.from_text.__func__  # type: ignore[attr-defined]

    def recorded(cls: type[Document], *args: Any, **kwargs: Any) -> Document:
        doc = real(cls, *args, **kwargs)
        made.append(weakref.ref(doc))
        return doc

    monkeypatch.setattr(Document, "from_text", classmethod(recorded))
    folders = [str(p) for p in sorted((ROOT / "examples").iterdir())
               if p.is_dir() and not p.name.startswith(("eval", "team"))]
    run_ = ReviewRun(folders, load(), ReviewOptions(jobs=1))
    for count, _review in enumerate(run_, 1):
        gc.collect()
        assert [ref() for ref in made if ref() is not None] == [], f"after {count} files"
    assert len(made) > 15


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_ctrl_c_stops_workers_and_reports_what_finished(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    sources = sorted((ROOT / "examples").glob("[a-z]*/*.md"))
    for i in range(400):  # enough that the run is still going when Ctrl-C comes
        text = sources[i % len(sources)].read_text()
        (folder / f"doc-{i:04d}.md").write_text(f"{text}\n\nRevision {i}.\n")
    errors = (tmp_path / "stderr.txt").open("w+")
    process = subprocess.Popen(
        [sys.executable, "-m", "pmcoach", "review", str(folder), "--jobs", "2", "-f", "json"],
        stdout=subprocess.PIPE, stderr=errors, text=True)
    assert process.stdout is not None
    workers: list[int] = []
    for _ in range(600):  # wait until the workers run
        workers = _children(process.pid)
        if workers:
            break
        time.sleep(0.05)
    time.sleep(0.5)  # some files finish first
    process.send_signal(signal.SIGINT)
    head, out = "", process.stdout.read()
    process.wait(timeout=60)
    errors.seek(0)
    err = errors.read()
    assert process.returncode == 130, err
    assert "Traceback" not in err and "interrupted: the report covers" in err
    import json

    report = json.loads(head + out)  # still one whole JSON document
    names = [Path(r["path"]).name for r in report["results"]]
    assert report["incomplete"] and 0 < len(names) < 400
    assert names == [f"doc-{i:04d}.md" for i in range(400)][: len(names)] or \
        names == sorted(names)  # the files that finished, in order
    assert workers and not [pid for pid in workers if _running(pid)]


def _children(pid: int) -> list[int]:
    """The Python processes ``pid`` started (not git, which pmcoach asks about ignores)."""
    found = []
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/children") as handle:
            found += [int(c) for c in handle.read().split()]
    return [c for c in found if _running(c) and _program(c).startswith("python")]


def _program(pid: int) -> str:
    try:
        return Path(os.readlink(f"/proc/{pid}/exe")).name
    except OSError:  # gone already
        return ""


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/status") as handle:
            return not any(line.startswith("State:") and "Z" in line for line in handle)
    except OSError:
        return False


def test_block_only_parsing_keeps_every_block_as_a_full_parse_does() -> None:
    """Markdown is parsed for its blocks only (cheaper): the blocks, their lines and text
    are what the full CommonMark parse gives."""
    from markdown_it import MarkdownIt

    from pmcoach.document import _parser

    full = MarkdownIt("commonmark").enable("table")
    files = [p for p in sorted(ROOT.glob("examples/**/*")) if p.suffix in {".md", ".txt"}]
    files += sorted((ROOT / "docs").glob("*.md"))
    assert len(files) > 50
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert [(t.type, t.map, t.content) for t in _parser().parse(text)] == \
            [(t.type, t.map, t.content) for t in full.parse(text)], path


def test_streamed_text_and_json_equal_the_rendered_report(tmp_path: Path) -> None:
    from pmcoach.formats.json import JsonFormatter
    from pmcoach.formats.text import TextFormatter

    report = review_paths([str(varied_folder(tmp_path))], load(), ReviewOptions(jobs=1))
    report.incomplete = True
    assert report.results and report.skipped and any(r.error for r in report.results)
    for verbosity in (-1, 0):
        text = TextFormatter()
        assert "".join(text.stream(report, report.results, color=True, verbosity=verbosity)) \
            == text.render(report, color=True, verbosity=verbosity)
    json_ = JsonFormatter()
    assert "".join(json_.stream(report, report.results, color=False)) == \
        json_.render(report, color=False)
    empty = report.model_copy(update={"results": [], "skipped": []})
    assert "".join(json_.stream(empty, [], color=False)) == json_.render(empty, color=False)


def test_a_streamed_run_keeps_summaries_and_still_builds_the_portfolio(tmp_path: Path) -> None:
    """Written reviews are cut to verdicts, severities and facts; the portfolio, the totals
    and the exit status come out as from the whole report."""
    from pmcoach.pipeline.run import streamed

    folder = str(ROOT / "examples" / "portfolio")
    whole = review_paths([folder], load(), ReviewOptions(jobs=1))
    run = ReviewRun([folder], load(), ReviewOptions(jobs=1))
    passed = list(streamed(run, run))
    assert [r.path for r in passed] == [r.path for r in whole.results]
    assert all(r.findings == [] or r.findings[0].message for r in passed)  # written in full
    kept = run.shell.results
    assert all(f.message == "" and f.suggestion == "" for r in kept for f in r.findings)
    assert all(c.message == "" and c.evidence == [] for r in kept for c in r.criteria)
    assert [(r.path, r.score, [c.verdict for c in r.criteria]) for r in kept] == \
        [(r.path, r.score, [c.verdict for c in r.criteria]) for r in whole.results]
    assert run.shell.portfolio == whole.portfolio and whole.portfolio.findings
    assert exit_code(run.shell, "error") == exit_code(whole, "error")
