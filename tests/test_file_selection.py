"""Which files a folder run reviews: .gitignore respected, --exclude / --extend-exclude,
--no-ignore, and explicitly named files always reviewed."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import run

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "docs").mkdir()
    (tmp_path / "drafts").mkdir()
    shutil.copy(ROOT / "examples" / "case-study" / "weak.md", tmp_path / "docs" / "story.md")
    shutil.copy(ROOT / "examples" / "decision" / "weak.md", tmp_path / "drafts" / "call.md")
    (tmp_path / ".gitignore").write_text("drafts/\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _reviewed(*args: str) -> list[str]:
    result = run("review", *args, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return [r["path"] for r in json.loads(result.stdout)["results"]]


def test_a_folder_run_skips_what_git_ignores(repo: Path) -> None:
    assert _reviewed(".") == ["docs/story.md"]
    assert _reviewed(".", "--no-ignore") == ["docs/story.md", "drafts/call.md"]
    assert _reviewed("drafts/call.md") == ["drafts/call.md"]  # named: always reviewed


def test_a_tracked_file_is_not_ignored(repo: Path) -> None:
    subprocess.run(["git", "add", "-f", "drafts/call.md"], check=True, cwd=repo)
    assert _reviewed(".") == ["docs/story.md", "drafts/call.md"]


def test_exclude_and_extend_exclude(repo: Path) -> None:
    (repo / ".pmcoach.toml").write_text('exclude = ["docs/**"]\n')
    assert _reviewed(".", "--no-ignore") == ["drafts/call.md"]
    assert _reviewed(".", "--no-ignore", "--exclude", "drafts/**") == ["docs/story.md"]
    assert _reviewed(".", "--no-ignore", "--extend-exclude", "drafts/**") == []


def test_outside_a_git_work_tree_nothing_is_ignored(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(ROOT / "examples" / "case-study" / "weak.md", tmp_path / "story.md")
    (tmp_path / ".gitignore").write_text("story.md\n")
    monkeypatch.chdir(tmp_path)
    assert _reviewed(".") == ["story.md"]
