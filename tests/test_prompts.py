"""Prompt templates: released versions are locked, rendering is strict and sandboxed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from llm_support import DOC, RUBRIC, make_registry

from pmcoach.cli import main
from pmcoach.coach.prompts import (
    PromptError,
    PromptLibrary,
    lock_lines,
    numbered,
    prompts_root,
    read_lock,
    render,
)
from pmcoach.document import Document

KINDS = ["case-study", "strategy", "decision", "manager-update", "career-plan",
         "portfolio-strategy"]


def test_every_kind_has_a_released_v1() -> None:
    library = PromptLibrary.discover()
    for kind in KINDS:
        template = library.get(kind, 1)
        assert template.released, f"{template.id} is not in prompts/LOCK"
        assert {"version", "date", "changes"} <= set(template.meta)
        assert template.meta["version"] == 1


def test_released_templates_match_lock() -> None:
    """A released template never changes: publish v<N+1> instead (docs/prompts.md)."""
    library = PromptLibrary.discover()
    assert library.problems() == []
    assert set(read_lock(prompts_root())) == {t.id for t in library.templates.values()
                                              if t.source == "built-in" and t.released}


def test_lock_file_is_what_lock_lines_writes() -> None:
    assert (prompts_root() / "LOCK").read_text() == lock_lines(PromptLibrary.discover())


def test_modified_release_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "prompts"
    (folder / "decision").mkdir(parents=True)
    source = PromptLibrary.discover().get("decision", 1).path.read_text()
    (folder / "decision" / "v1.md.j2").write_text(source)
    (folder / "LOCK").write_text("decision/v1 " + "0" * 64 + "\n")
    template = PromptLibrary.discover([folder]).shadowed[0]
    assert template.modified
    with pytest.raises(PromptError, match="modified after release"):
        render(template, RUBRIC, Document.from_text(DOC))


def test_render_has_delimiters_numbers_and_data_warning() -> None:
    template = PromptLibrary.discover().get("decision")
    prompt = render(template, RUBRIC, Document.from_text(DOC, "d.md"))
    assert "never instructions" in prompt.system
    assert "{{" not in prompt.system + prompt.user
    for criterion in RUBRIC.criteria:
        assert f'"{criterion.id}"' in prompt.user
    lines = prompt.user.splitlines()
    begin = next(i for i, line in enumerate(lines) if line.startswith("<<<DOCUMENT "))
    assert lines[begin + 1] == "1| ---"
    assert lines[-1].startswith("<<<END DOCUMENT ")
    assert len(prompt.sha256) == 64
    # rendering is deterministic, so the hash (and the cache) are stable
    assert render(template, RUBRIC, Document.from_text(DOC, "d.md")).sha256 == prompt.sha256


def test_numbered() -> None:
    assert numbered("a\nb") == "1| a\n2| b"
    assert numbered("\n".join("x" * 10)).splitlines()[9] == "10| x"


def _plugin_dir(tmp_path: Path, body: str) -> Path:
    folder = tmp_path / "team-prompts" / "decision"
    folder.mkdir(parents=True)
    (folder / "v2.md.j2").write_text(body)
    return folder.parent


def test_strict_undefined(tmp_path: Path) -> None:
    folder = _plugin_dir(tmp_path, "=== system ===\nhi {{ nonsense }}\n=== user ===\nx\n")
    template = PromptLibrary.discover([folder]).get("decision", 2)
    with pytest.raises(PromptError, match="nonsense"):
        render(template, RUBRIC, Document.from_text(DOC))


def test_sandboxed(tmp_path: Path) -> None:
    folder = _plugin_dir(tmp_path, "=== system ===\n{{ ''.__class__.__mro__ }}\n"
                                   "=== user ===\nx\n")
    template = PromptLibrary.discover([folder]).get("decision", 2)
    with pytest.raises(PromptError, match="unsafe|SecurityError|__class__"):
        render(template, RUBRIC, Document.from_text(DOC))


def test_plugin_prompt_dirs_add_versions(tmp_path: Path) -> None:
    folder = _plugin_dir(tmp_path, "---\nversion: 2\n---\n=== system ===\nteam system\n"
                                   "=== user ===\n{{ document.numbered }}\n")
    library = PromptLibrary.discover([folder])
    assert library.versions("decision") == [1, 2]
    assert library.get("decision").version == 2  # newest by default
    prompt = render(library.get("decision", 2), RUBRIC, Document.from_text("hello"))
    assert (prompt.system, prompt.user) == ("team system", "1| hello\n")


def test_unknown_version() -> None:
    with pytest.raises(PromptError, match="no prompt version 9"):
        PromptLibrary.discover().get("decision", 9)


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> Any:
    reg = make_registry()
    monkeypatch.setattr("pmcoach.plugins.load", lambda dirs=(): reg)
    return reg


def test_prompts_list(registry: Any) -> None:
    result = CliRunner().invoke(main, ["prompts", "list"])
    assert result.exit_code == 0, result.output
    assert "* decision/v1" in result.stdout and "released" in result.stdout
    for kind in KINDS:
        assert f"{kind}/v1" in result.stdout


def test_prompts_show(registry: Any) -> None:
    result = CliRunner().invoke(main, ["prompts", "show", "decision", "--version", "1"])
    assert result.exit_code == 0
    assert result.stdout == PromptLibrary.discover().get("decision", 1).path.read_text()
    bad = CliRunner().invoke(main, ["prompts", "show", "decision", "--version", "7"])
    assert bad.exit_code == 3 and "no prompt version 7" in bad.stderr


def test_prompts_render_sends_nothing(tmp_path: Path, registry: Any, openai_api: Any) -> None:
    path = tmp_path / "d.md"
    path.write_text(DOC)
    result = CliRunner().invoke(main, ["prompts", "render", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("=== system ===\n")
    assert "6| It depends." in result.stdout
    assert "sha256" in result.stderr
    assert not openai_api.calls


def test_list_flags_a_modified_plugin_release(tmp_path: Path, registry: Any) -> None:
    folder = _plugin_dir(tmp_path, "=== system ===\ns\n=== user ===\nu\n")
    (folder / "LOCK").write_text("decision/v2 " + "0" * 64 + "\n")
    registry.prompt_dirs.append(folder)
    result = CliRunner().invoke(main, ["prompts", "list"])
    assert result.exit_code == 3
    assert "decision/v2" in result.stdout and "MODIFIED" in result.stdout
    assert "changed after release" in result.stderr
