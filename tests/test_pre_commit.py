"""The real pre-commit tool, with this checkout's committed HEAD as the hook repository.

pre-commit clones the repository at ``rev`` and pip-installs it into its own
environment, so this exercises .pre-commit-hooks.yaml, packaging and the CLI together.
It needs git and the package index, and takes a while the first time: one test only.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WEAK = (ROOT / "examples" / "case-study" / "weak.md").read_text()
STRONG = (ROOT / "examples" / "case-study" / "strong.md").read_text()

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("git") is None, reason="needs git"),
]


def _git(repo: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=repo, env=env, text=True, capture_output=True,
                          timeout=900)


def _error_criteria(text: str, tmp_path: Path) -> list[str]:
    """The criteria with error findings in ``text``, as pmcoach reports them right now."""
    from helpers import run

    path = tmp_path / "probe.md"
    path.write_text(text)
    report = json.loads(run("review", str(path), "--offline", "--kind", "case-study",
                            "--format", "json").stdout)
    return sorted({f["criterion"] for f in report["results"][0]["findings"]
                   if f["severity"] == "error"})


def test_commit_is_refused_for_a_weak_case_study_then_accepted(tmp_path: Path) -> None:
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, text=True,
                          capture_output=True, check=True).stdout.strip()
    repo = tmp_path / "portfolio"
    repo.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PMCOACH_", "GIT_"))}
    env.update(PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), PRE_COMMIT_COLOR="never",
               PIP_DISABLE_PIP_VERSION_CHECK="1", NO_COLOR="1")
    for args in (["init", "-q", "-b", "main"], ["config", "user.email", "pm@example.com"],
                 ["config", "user.name", "A PM"], ["config", "commit.gpgsign", "false"]):
        assert _git(repo, *args, env=env).returncode == 0
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {head}\n    hooks:\n      - id: pmcoach-offline\n")
    (repo / ".pmcoach.toml").write_text('[kinds]\n"case-studies/*.md" = "case-study"\n')
    (repo / "README.md").write_text("# My portfolio\n\nSee the folders.\n")
    # Real markdown that is not a PM document: pmcoach's own README and docs pages.
    shutil.copytree(ROOT / "docs", repo / "docs")
    shutil.copy(ROOT / "README.md", repo / "docs" / "pmcoach-readme.md")
    install = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo,
                             env=env, text=True, capture_output=True, timeout=120)
    assert install.returncode == 0, install.stdout + install.stderr

    # The first commit installs the hook's environment; the READMEs and docs are not PM
    # documents, so they are skipped rather than blocking the commit (pre-commit shows a
    # passing hook's notes only with --verbose).
    _git(repo, "add", ".", env=env)
    first = _git(repo, "commit", "-m", "Set up the portfolio", env=env)
    assert first.returncode == 0, first.stdout + first.stderr

    studies = repo / "case-studies"
    studies.mkdir()
    story = studies / "checkout.md"
    story.write_text(WEAK)
    _git(repo, "add", ".", env=env)
    refused = _git(repo, "commit", "-m", "Add the checkout case study", env=env)
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert "pmcoach (offline)" in output and "Failed" in output
    assert "case-studies/checkout.md:" in output and "error [personal-role]" in output
    assert "Traceback" not in output
    assert "checkout.md" not in _git(repo, "log", "--name-only", env=env).stdout

    # Suppressing the failing criteria, with a reason, lets the commit through.
    errors = _error_criteria(WEAK, tmp_path)
    assert errors
    story.write_text(f"<!-- pmcoach-disable {', '.join(errors)}: first draft, "
                     f"rewriting after Friday's coaching session -->\n{WEAK}")
    _git(repo, "add", ".", env=env)
    accepted = _git(repo, "commit", "-m", "Add the checkout case study (draft)", env=env)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert "pmcoach (offline)" in accepted.stdout + accepted.stderr

    # And so does fixing it: the strong version needs no suppression.
    story.write_text(STRONG)
    _git(repo, "add", ".", env=env)
    fixed = _git(repo, "commit", "-m", "Rewrite the checkout case study", env=env)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr


def test_the_snippet_pmcoach_init_prints_works_with_the_installed_pmcoach(
        tmp_path: Path) -> None:
    """`pmcoach init` prints a `repo: local` hook that runs the pmcoach on PATH: no URL or
    tag to get right."""
    if shutil.which("pmcoach") is None:
        pytest.skip("needs the pmcoach command on PATH")
    from pmcoach.config import PRE_COMMIT_SNIPPET

    repo = tmp_path / "portfolio"
    repo.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PMCOACH_", "GIT_"))}
    env.update(PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), PRE_COMMIT_COLOR="never",
               NO_COLOR="1")
    for args in (["init", "-q", "-b", "main"], ["config", "user.email", "pm@example.com"],
                 ["config", "user.name", "A PM"], ["config", "commit.gpgsign", "false"]):
        assert _git(repo, *args, env=env).returncode == 0
    (repo / ".pre-commit-config.yaml").write_text(PRE_COMMIT_SNIPPET)
    install = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo,
                             env=env, text=True, capture_output=True, timeout=120)
    assert install.returncode == 0, install.stdout + install.stderr
    (repo / "story.md").write_text("---\nkind: case-study\n---\n" + WEAK)
    _git(repo, "add", ".", env=env)
    refused = _git(repo, "commit", "-m", "Add a story", env=env)
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0 and "pmcoach (offline)" in output, output
    assert "story.md:" in output and "error [" in output
