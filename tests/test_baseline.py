"""Progress over time: ``--baseline REF`` (a git ref or a saved report) and
``--fail-on-regression``; the comparison itself, the git and saved-report sides, the CLI."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from helpers import run, toy_plugin_dir

from pmcoach.errors import BaselineError, ExitCode
from pmcoach.pipeline.git_revision import GitRevision
from pmcoach.pipeline.saved_report import load_saved_report
from pmcoach.portfolio.baseline import compare
from pmcoach.review import CriterionResult, ErrorInfo, Review, Suppression, Verdict

# The toy kind (tests/helpers.py): no-todo is missing while a TODO is left, has-heading is
# partial without a heading. Score: (no-todo + has-heading) / 2.
WEAK = "A toy note.\n\nTODO: finish this.\n"  # no-todo missing, has-heading partial: 25
GOOD = "# Toy\n\nA toy note, finished.\n"  # both met: 100
HALF = "# Toy\n\nA toy note.\n\nTODO: one more.\n"  # no-todo missing, heading met: 50


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=t@example.com",
                           "-c", "commit.gpgsign=false", *args], cwd=repo,
                          capture_output=True, text=True, check=True)
    return done.stdout


def commit(repo: Path, files: dict[str, str], message: str = "edit") -> None:
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "repo"
    folder.mkdir()
    git(folder, "init", "-q")
    monkeypatch.chdir(folder)
    return folder


@pytest.fixture
def toy(tmp_path: Path) -> str:
    return str(toy_plugin_dir(tmp_path))


def review_json(*args: str, toy: str) -> tuple[Any, dict[str, Any]]:
    result = run("review", *args, "--plugins-dir", toy, "--kind", "toy-note",
                 "--format", "json")
    return result, json.loads(result.stdout) if result.stdout else {}


def changes_of(report: dict[str, Any]) -> dict[str, Any]:
    return report["portfolio"]["changes"]


def by_path(changes: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["path"]: f for f in changes["files"]}


# --- the comparison --------------------------------------------------------------------

def review(path: str, kind: str | None = "toy-note", suppressed: tuple[str, ...] = (),
           error: bool = False, **verdicts: str) -> Review:
    criteria = [CriterionResult(id=i.replace("_", "-"), verdict=Verdict(v), message="",
                                suppressed=Suppression(reason="off", source="config")
                                if i.replace("_", "-") in suppressed else None)
                for i, v in verdicts.items()]
    points = [c.verdict.points for c in criteria if not c.suppressed]
    score = round(100 * sum(points) / len(points)) if points else None
    return Review(path=path, kind=kind, criteria=criteria, score=score,
                  error=ErrorInfo(type="input", message="x") if error else None)


def test_compare_lists_only_moved_criteria_and_counts_them() -> None:
    before = [review("a.md", no_todo="missing", has_heading="met", tone="partial"),
              review("b.md", no_todo="met", has_heading="met")]
    after = [review("./a.md", no_todo="partial", has_heading="partial", tone="partial"),
             review("b.md", no_todo="met", has_heading="met")]
    changes = compare("HEAD~1", before, after)
    files = {f.path: f for f in changes.files}
    assert files["./a.md"].status == "changed"  # "./a.md" and "a.md" are one file
    assert [(c.criterion, c.before, c.after, c.change) for c in files["./a.md"].criteria] == [
        ("no-todo", "missing", "partial", "improved"),
        ("has-heading", "met", "partial", "regressed")]
    assert files["b.md"].status == "same" and files["b.md"].criteria == []
    assert (changes.improved, changes.regressed) == (1, 1)
    assert (changes.score.before, changes.score.after) == (75, 75)
    assert changes.baseline == "HEAD~1"


def test_compare_new_removed_and_failed_files() -> None:
    before = [review("gone.md", no_todo="met"), review("broken.md", error=True),
              review("kept.md", no_todo="missing")]
    after = [review("kept.md", no_todo="missing"), review("fresh.md", no_todo="met"),
             review("broken.md", no_todo="partial"), review("failing.md", error=True)]
    changes = compare("old.json", before, after)
    status = {f.path: f.status for f in changes.files}
    # an error on either side is nothing to compare: absent (new now, or not listed)
    assert status == {"kept.md": "same", "fresh.md": "new", "broken.md": "new",
                      "gone.md": "removed"}
    removed = next(f for f in changes.files if f.status == "removed")
    assert (removed.score.before, removed.score.after) == (100, None)
    assert (changes.score.before, changes.score.after) == (50, 50)  # (100+0)/2, (0+100+50)/3
    assert (changes.improved, changes.regressed) == (0, 0)


def test_compare_a_kind_change_lists_no_criteria_and_is_no_regression() -> None:
    changes = compare("HEAD", [review("a.md", kind="decision", tradeoffs="met")],
                      [review("a.md", kind="strategy", vision="missing")])
    change = changes.files[0]
    assert change.status == "changed" and change.criteria == []
    assert change.kind is not None and (change.kind.before, change.kind.after) == (
        "decision", "strategy")
    assert changes.regressed == 0


def test_compare_skips_suppressed_and_unknown_criteria() -> None:
    before = [review("a.md", suppressed=("no-todo",), no_todo="met", has_heading="met")]
    after = [review("a.md", no_todo="missing", has_heading="met", added="missing")]
    assert compare("HEAD", before, after).files[0].criteria == []
    before = [review("a.md", no_todo="met")]
    after = [review("a.md", suppressed=("no-todo",), no_todo="missing")]
    assert compare("HEAD", before, after).regressed == 0


# --- a git ref ---------------------------------------------------------------------------

def test_git_baseline_shows_what_improved(repo: Path, toy: str) -> None:
    commit(repo, {"note.md": WEAK}, "weak")
    commit(repo, {"note.md": GOOD}, "improved")
    result, report = review_json("note.md", "--baseline", "HEAD~1", toy=toy)
    assert result.exit_code == ExitCode.OK, result.stderr
    changes = changes_of(report)
    assert changes["baseline"] == "HEAD~1"
    assert changes["score"] == {"before": 25, "after": 100}
    assert (changes["improved"], changes["regressed"]) == (2, 0)
    assert changes["files"][0]["criteria"] == [
        {"criterion": "no-todo", "before": "missing", "after": "met", "change": "improved"},
        {"criterion": "has-heading", "before": "partial", "after": "met",
         "change": "improved"}]
    # the portfolio is there for one file, built from the reviews
    portfolio = report["portfolio"]
    assert portfolio["score"] == 100
    assert portfolio["files"] == [{"path": "note.md", "kind": "toy-note", "score": 100,
                                   "verdicts": {"no-todo": "met", "has-heading": "met"}}]
    assert portfolio["criteria"]["toy-note"]["criteria"] == ["no-todo", "has-heading"]
    jsonschema.validate(report, json.loads(run("schema").stdout))


def test_text_output_names_the_ref_and_each_move(repo: Path, toy: str) -> None:
    commit(repo, {"note.md": GOOD, "same.md": GOOD}, "good")
    (repo / "note.md").write_text(HALF)
    (repo / "fresh.md").write_text(WEAK)
    out = run("review", ".", "--plugins-dir", toy, "--kind", "toy-note", "--baseline",
              "HEAD").stdout
    section = out[out.index("Changes since HEAD"):]
    assert "note.md  score 100 -> 50" in section
    assert "↓ no-todo  met -> missing  regressed" in section
    assert "fresh.md  new, score 25" in section
    assert "1 file unchanged" in section
    assert ("Since HEAD: 0 criteria improved, 1 regressed; score 100 -> 58; 1 new file, "
            "0 removed.") in section
    markdown = run("review", ".", "--plugins-dir", toy, "--kind", "toy-note", "--baseline",
                   "HEAD", "--format", "markdown").stdout
    assert "### Changes since `HEAD`" in markdown
    assert "| `note.md` | score 100 -> 50 | `no-todo` | met | missing | 🔻 regressed |" \
        in markdown
    assert "| `fresh.md` | new, score 25 | | | | |" in markdown
    quiet = run("review", ".", "--plugins-dir", toy, "--kind", "toy-note", "--baseline",
                "HEAD", "-q").stdout
    assert "note.md: regressed [no-todo] met -> missing since HEAD" in quiet
    assert "Changes since" not in quiet


def test_regressions_fail_only_with_the_flag(repo: Path, toy: str) -> None:
    commit(repo, {"note.md": GOOD})
    (repo / "note.md").write_text("# Toy\n\nA toy note.\n\nTODO: more.\n")
    common = ("review", "note.md", "--plugins-dir", toy, "--kind", "toy-note",
              "--baseline", "HEAD")
    # without the flag, changes never change the status (--fail-on never: 0)
    assert run(*common, "--fail-on", "never").exit_code == ExitCode.OK
    # with it, a regression fails even though --fail-on passes
    assert run(*common, "--fail-on", "never", "--fail-on-regression"
               ).exit_code == ExitCode.FINDINGS
    # an improvement alone never fails
    commit(repo, {"note.md": WEAK})
    (repo / "note.md").write_text(HALF)
    assert run(*common, "--fail-on", "never", "--fail-on-regression"
               ).exit_code == ExitCode.OK


def test_a_file_that_fails_still_exits_3_with_a_regression(repo: Path, toy: str) -> None:
    commit(repo, {"note.md": GOOD, "empty.md": GOOD})
    (repo / "note.md").write_text(WEAK)
    (repo / "empty.md").write_text("")
    result = run("review", "note.md", "empty.md", "--plugins-dir", toy, "--kind", "toy-note",
                 "--baseline", "HEAD", "--fail-on-regression", "--format", "json")
    assert result.exit_code == ExitCode.FAILED
    assert changes_of(json.loads(result.stdout))["regressed"] == 2


def test_new_files_untracked_or_added_since_the_ref(repo: Path, toy: str) -> None:
    commit(repo, {"old.md": WEAK})
    commit(repo, {"added.md": GOOD})
    (repo / "untracked.md").write_text(GOOD)
    _, report = review_json(".", "--baseline", "HEAD~1", toy=toy)
    files = by_path(changes_of(report))
    assert {p: f["status"] for p, f in files.items()} == {
        "added.md": "new", "old.md": "same", "untracked.md": "new"}
    assert files["added.md"]["score"] == {"before": None, "after": 100}
    # git mode asks the ref only about this run's files: nothing is "removed"
    assert all(f["status"] != "removed" for f in changes_of(report)["files"])


def test_paths_with_spaces_and_a_subfolder(repo: Path, toy: str,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    commit(repo, {"my notes/first note.md": WEAK, "other dir/second.md": GOOD})
    commit(repo, {"my notes/first note.md": GOOD, "other dir/second.md": HALF})
    monkeypatch.chdir(repo / "my notes")
    result, report = review_json("first note.md", "../other dir/second.md",
                                 "--baseline", "HEAD~1", toy=toy)
    assert result.exit_code == ExitCode.FINDINGS, result.stderr  # second.md has an error
    files = by_path(changes_of(report))
    assert files["first note.md"]["score"] == {"before": 25, "after": 100}
    assert files["../other dir/second.md"]["criteria"] == [
        {"criterion": "no-todo", "before": "met", "after": "missing", "change": "regressed"}]


def test_the_working_tree_is_never_touched(repo: Path, toy: str) -> None:
    commit(repo, {"note.md": WEAK, "other.md": GOOD})
    commit(repo, {"note.md": HALF})
    (repo / "note.md").write_text(GOOD)  # an uncommitted edit
    (repo / "scratch.md").write_text(WEAK)  # an untracked file
    git(repo, "add", "scratch.md")  # and something staged
    status = git(repo, "status", "--porcelain")
    head = git(repo, "rev-parse", "HEAD")
    _, report = review_json(".", "--baseline", "HEAD~1", toy=toy)
    assert changes_of(report)["improved"] == 2
    assert git(repo, "status", "--porcelain") == status
    assert git(repo, "rev-parse", "HEAD") == head
    assert git(repo, "stash", "list") == ""
    assert (repo / "note.md").read_text() == GOOD


def test_config_globs_and_disabled_criteria_apply_to_the_baseline(repo: Path,
                                                                   toy: str) -> None:
    # No kind option, no front matter, nothing a detector would call a toy note: only
    # the config's glob makes these toy notes, at the ref as now.
    (repo / ".pmcoach.toml").write_text('[kinds]\n"notes/*.md" = "toy-note"\n\n'
                                        '[disable]\n"toy-note.has-heading" = "no headings"\n')
    plain_weak, plain_good = "Lunch plans.\n\nTODO: ask.\n", "# Lunch\n\nPlans made.\n"
    commit(repo, {"notes/plan.md": plain_weak})
    (repo / "notes/plan.md").write_text(plain_good)
    result = run("review", "notes/plan.md", "--plugins-dir", toy, "--baseline", "HEAD",
                 "--format", "json")
    files = by_path(changes_of(json.loads(result.stdout)))
    assert files["notes/plan.md"]["status"] == "changed"
    # has-heading also went partial -> met, but it is turned off: not compared
    assert [c["criterion"] for c in files["notes/plan.md"]["criteria"]] == ["no-todo"]


def test_standard_input_compares_with_its_stdin_filename(repo: Path, toy: str) -> None:
    commit(repo, {"note.md": WEAK})
    result = run("review", "-", "--stdin-filename", "note.md", "--plugins-dir", toy,
                 "--kind", "toy-note", "--baseline", "HEAD", "--format", "json", input=GOOD)
    change = changes_of(json.loads(result.stdout))["files"][0]
    assert (change["path"], change["status"]) == ("note.md", "changed")
    unnamed = run("review", "-", "--plugins-dir", toy, "--kind", "toy-note", "--baseline",
                  "HEAD", "--format", "json", input=GOOD)
    assert changes_of(json.loads(unnamed.stdout))["files"][0]["status"] == "new"


def test_a_real_case_study_improved(repo: Path) -> None:
    examples = Path(__file__).resolve().parent.parent / "examples" / "case-study"
    commit(repo, {"story.md": (examples / "weak.md").read_text()})
    commit(repo, {"story.md": (examples / "strong.md").read_text()})
    result = run("review", "story.md", "--baseline", "HEAD~1", "--format", "json")
    changes = changes_of(json.loads(result.stdout))
    assert changes["files"][0]["status"] == "changed"
    assert changes["improved"] >= 5 and changes["regressed"] == 0
    assert changes["score"]["after"] > changes["score"]["before"]


@pytest.mark.parametrize("ref, message", [
    ("no-such-branch", "--baseline no-such-branch: no such commit in the git repository"),
    ("HEAD~7", "--baseline HEAD~7: no such commit"),
    ("--output=x", "--baseline --output=x: no such commit"),
])
def test_an_unknown_ref_is_one_line_and_exit_2(repo: Path, toy: str, ref: str,
                                               message: str) -> None:
    commit(repo, {"note.md": WEAK})
    result = run("review", "note.md", "--plugins-dir", toy, f"--baseline={ref}")
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == ""
    assert result.stderr.startswith(f"pmcoach: error: {message}")
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (repo / "x").exists()


def test_a_repository_without_commits(repo: Path, toy: str) -> None:
    (repo / "note.md").write_text(WEAK)
    result = run("review", "note.md", "--plugins-dir", toy, "--baseline", "HEAD")
    assert result.exit_code == ExitCode.USAGE and "no such commit" in result.stderr


def test_not_a_git_repository(tmp_path: Path, toy: str) -> None:
    (tmp_path / "note.md").write_text(WEAK)
    result = run("review", str(tmp_path / "note.md"), "--plugins-dir", toy,
                 "--baseline", "HEAD")
    assert result.exit_code == ExitCode.USAGE
    assert "is not in a git repository; name a saved JSON report instead" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_git_missing(repo: Path, toy: str, monkeypatch: pytest.MonkeyPatch) -> None:
    commit(repo, {"note.md": WEAK})
    monkeypatch.setattr("pmcoach.pipeline.git_revision.shutil.which", lambda name: None)
    result = run("review", "note.md", "--plugins-dir", toy, "--baseline", "HEAD")
    assert result.exit_code == ExitCode.USAGE
    assert "git is not installed" in result.stderr


def test_git_revision_reads_a_file_at_a_ref(repo: Path) -> None:
    commit(repo, {"a b/c.md": "first\n"})
    commit(repo, {"a b/c.md": "second\n"})
    revision = GitRevision("HEAD~1")
    assert revision.read(str(repo / "a b" / "c.md")) == b"first\n"
    assert revision.read(str(repo / "a b" / "absent.md")) is None
    assert revision.read(str(repo / "no folder" / "x.md")) is None
    with pytest.raises(BaselineError, match="no such commit"):
        GitRevision("v9").check(str(repo))


def test_git_revision_reads_many_files_with_one_git_per_repository(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    commit(repo, {"a b.md": "spaces\n", "odd\nname.md": "newline\n", "was a dir/x.md": "x\n",
                  "empty.md": "", "big.md": "line\n" * 10_000})
    git(repo, "rm", "-q", "-r", "was a dir")
    (repo / "was a dir").write_text("now a file\n")
    (repo / "new.md").write_text("new\n")
    calls: list[tuple[str, ...]] = []
    real_run = subprocess.run

    def counted(args: Any, *rest: Any, **kwargs: Any) -> Any:
        calls.append(tuple(args[3:5]))
        return real_run(args, *rest, **kwargs)

    monkeypatch.setattr("pmcoach.pipeline.git_revision.subprocess.run", counted)
    names = ["a b.md", "odd\nname.md", "was a dir", "new.md", "empty.md", "big.md"]
    found = GitRevision("HEAD").read_all([str(repo / n) for n in names])
    assert [found[str(repo / n)] for n in names] == [
        b"spaces\n", b"newline\n", None, None, b"", b"line\n" * 10_000]
    # rev-parse twice (the repository, the ref), one blob for the name with a newline,
    # one --batch for all the others
    assert calls == [("rev-parse", "--show-toplevel"), ("rev-parse", "--verify"),
                     ("cat-file", "blob"), ("cat-file", "--batch")]


def test_fail_on_regression_needs_a_baseline(tmp_path: Path, toy: str) -> None:
    (tmp_path / "note.md").write_text(WEAK)
    result = run("review", str(tmp_path / "note.md"), "--plugins-dir", toy,
                 "--fail-on-regression")
    assert result.exit_code == ExitCode.USAGE
    assert "--fail-on-regression needs --baseline" in result.stderr


# --- a saved report ----------------------------------------------------------------------

def test_saved_report_baseline(tmp_path: Path, toy: str,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("note.md").write_text(WEAK)
    Path("gone.md").write_text(GOOD)
    Path("kept.md").write_text(GOOD)
    saved = run("review", "note.md", "gone.md", "kept.md", "--plugins-dir", toy, "--kind",
                "toy-note", "--format", "json", "-o", "old.json")
    assert saved.exit_code == ExitCode.FINDINGS
    Path("note.md").write_text(GOOD)
    Path("kept.md").write_text(HALF)
    Path("fresh.md").write_text(GOOD)
    result, report = review_json("note.md", "kept.md", "fresh.md", "--baseline", "old.json",
                                 toy=toy)
    changes = changes_of(report)
    assert changes["baseline"] == "old.json"
    assert {p: f["status"] for p, f in by_path(changes).items()} == {
        "note.md": "changed", "kept.md": "changed", "fresh.md": "new", "gone.md": "removed"}
    assert (changes["improved"], changes["regressed"]) == (2, 1)
    assert changes["score"] == {"before": 75, "after": 83}  # (25+100+100)/3, (100+50+100)/3
    assert result.exit_code == ExitCode.FINDINGS  # kept.md has an error finding
    gate = run("review", "note.md", "kept.md", "--plugins-dir", toy, "--kind", "toy-note",
               "--baseline", "old.json", "--fail-on", "never", "--fail-on-regression")
    assert gate.exit_code == ExitCode.FINDINGS
    assert "gone.md  removed (score was 100)" in run(
        "review", "note.md", "--plugins-dir", toy, "--kind", "toy-note", "--baseline",
        "old.json").stdout


def test_saved_report_from_a_newer_pmcoach_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "new.json"
    path.write_text(json.dumps({
        "schema": "pmcoach.report/1", "added-later": {"x": 1},
        "results": [{"path": "a.md", "kind": "toy-note", "score": 50, "new-field": 1,
                     "criteria": [{"id": "no-todo", "verdict": "met", "extra": True},
                                  {"id": "has-heading", "verdict": "missing",
                                   "suppressed": {"reason": "r", "source": "config",
                                                  "line": None, "more": 1}}]}]}))
    [saved] = load_saved_report(str(path))
    assert (saved.path, saved.kind, saved.score) == ("a.md", "toy-note", 50)
    assert saved.criteria[0].verdict is Verdict.MET
    assert saved.criteria[1].suppressed is not None


@pytest.mark.parametrize("content, message", [
    ("", "not valid JSON (line 1"),
    ('{"schema": "pmcoach.repo', "not valid JSON (line 1"),
    ("[1, 2]", "not a pmcoach report (no schema field, expected pmcoach.report/1)"),
    ('{"schema": "sarif/2.1"}', "not a pmcoach report (its schema is 'sarif/2.1'"),
    ('{"schema": "pmcoach.report/1"}', "not a valid pmcoach.report/1 report (results:"),
    ('{"schema": "pmcoach.report/1", "results": [{"path": "a.md", "criteria": '
     '[{"id": "x", "verdict": "great"}]}]}',
     "not a valid pmcoach.report/1 report (results.0.criteria.0.verdict:"),
    ('{"schema": "pmcoach.report/1", "results": [{"path": "a.md", "score": 400}]}',
     "not a valid pmcoach.report/1 report (results.0.score:"),
    ("[" * 100_000, "not JSON pmcoach can read (RecursionError)"),
])
def test_a_corrupt_saved_report_is_one_line_and_exit_2(tmp_path: Path, toy: str,
                                                       content: str, message: str) -> None:
    (tmp_path / "note.md").write_text(WEAK)
    saved = tmp_path / "old report.json"
    saved.write_text(content)
    result = run("review", str(tmp_path / "note.md"), "--plugins-dir", toy,
                 "--baseline", str(saved))
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == ""
    assert result.stderr.startswith(f"pmcoach: error: --baseline {saved}: {message}")
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_missing_saved_report(tmp_path: Path, toy: str) -> None:
    (tmp_path / "note.md").write_text(WEAK)
    result = run("review", str(tmp_path / "note.md"), "--plugins-dir", toy,
                 "--baseline", str(tmp_path / "old.json"))
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr == f"pmcoach: error: --baseline {tmp_path / 'old.json'}: no such " \
        "file; give a report saved with `pmcoach review --format json -o FILE`, or a git ref\n"


def test_a_binary_saved_report(tmp_path: Path, toy: str) -> None:
    (tmp_path / "note.md").write_text(WEAK)
    (tmp_path / "old.json").write_bytes(b"\xff\xfe\x00garbage")
    result = run("review", str(tmp_path / "note.md"), "--plugins-dir", toy,
                 "--baseline", str(tmp_path / "old.json"))
    assert result.exit_code == ExitCode.USAGE and "not UTF-8 text" in result.stderr


# --- with a model, and Ctrl-C -----------------------------------------------------------

def model_run(path: Path, engine: Any, notes: list[str]) -> Any:
    from llm_support import make_registry

    from pmcoach.pipeline import ReviewOptions, review_paths
    from pmcoach.pipeline.baseline_reviews import attach_changes, open_baseline
    from pmcoach.testing import fake_coach

    registry = make_registry()
    options = ReviewOptions(coach=fake_coach(engine))
    baseline = open_baseline("HEAD", [str(path)])  # checked before the review, as the CLI does
    report = review_paths([str(path)], registry, options)
    attach_changes(report, baseline, registry, options, lambda p, m: notes.append(m))
    return report


def test_a_model_run_reviews_the_baseline_with_the_model(repo: Path) -> None:
    from llm_support import DOC, answer

    from pmcoach.errors import EngineError
    from pmcoach.testing import FakeEngine

    commit(repo, {"decision.md": DOC})
    (repo / "decision.md").write_text(DOC + "\nWe revisit it in June.\n")
    # this run's text first, then the version at HEAD
    engine = FakeEngine([answer("met"), answer("missing", quote="If we pass 200")])
    notes: list[str] = []
    report = model_run(repo / "decision.md", engine, notes)
    assert len(engine.history) == 2 and report.usage.requests == 2
    changes = report.portfolio.changes
    assert (changes.improved, changes.regressed) == (7, 0)
    assert {c.before for c in changes.files[0].criteria} == {"missing"}  # the model's
    assert notes == []
    # the model fails on the old version: compared with its offline review, and said so
    engine = FakeEngine([answer("met"), EngineError("fake: down")])
    report = model_run(repo / "decision.md", engine, notes)
    assert {c.before for c in report.portfolio.changes.files[0].criteria} == {"partial"}
    assert notes == ["the model could not answer for its version at HEAD; compared with "
                     "that version's offline review"]


def test_an_unchanged_file_is_not_reviewed_again(repo: Path) -> None:
    from llm_support import DOC, answer

    from pmcoach.testing import FakeEngine

    commit(repo, {"decision.md": DOC})
    engine = FakeEngine([answer("met")])
    report = model_run(repo / "decision.md", engine, [])
    assert len(engine.history) == 1  # no request for the (identical) version at HEAD
    assert report.portfolio.changes.files[0].status == "same"


def test_ctrl_c_during_the_baseline_keeps_the_report(repo: Path, toy: str) -> None:
    from pmcoach.pipeline import ReviewOptions
    from pmcoach.pipeline.baseline_reviews import attach_changes
    from pmcoach.review import Report, ToolInfo

    class Interrupting:
        label = "HEAD"

        def reviews(self, *args: Any) -> list[Review]:
            raise KeyboardInterrupt

    report = Report(tool=ToolInfo(version="0"), results=[review("a.md", no_todo="met")])
    attach_changes(report, Interrupting(), None, ReviewOptions(), lambda p, m: None)  # type: ignore[arg-type]
    assert report.incomplete and report.portfolio is None
