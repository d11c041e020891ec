"""docs/plugins.md documents every hook with an example that really runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import run

from pmcoach import hookspecs

DOC = (Path(__file__).resolve().parent.parent / "docs" / "plugins.md").read_text()


def _hooks() -> list[str]:
    return sorted(name for name, value in vars(hookspecs).items()
                  if callable(value) and hasattr(value, "pmcoach_spec"))


def _section(hook: str) -> str:
    match = re.search(rf"^## {hook}\n(.*?)(?=^## |\Z)", DOC, re.S | re.M)
    assert match, f"docs/plugins.md has no '## {hook}' heading"
    return match.group(1)


def _example(hook: str) -> str:
    blocks = re.findall(r"```python\n(.*?)```", _section(hook), re.S)
    assert blocks, f"docs/plugins.md: '## {hook}' has no python example"
    return blocks[0]


def test_every_hook_is_documented() -> None:
    assert _hooks() == ["register_critics", "register_engines", "register_formatters",
                        "register_prompt_dirs", "register_rule_functions"]
    for hook in _hooks():
        assert f"def {hook}(" in _example(hook)


def _load(tmp_path: Path, hook: str) -> str:
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "example.py").write_text(_example(hook))
    result = run("plugins", "--plugins-dir", str(folder))
    assert result.exit_code == 0, result.stderr
    line = next(i for i, text in enumerate(result.stdout.splitlines())
                if text.startswith("example local"))
    return result.stdout.splitlines()[line + 1]


def test_register_critics_example(tmp_path: Path) -> None:
    assert "kinds: standup-note" in _load(tmp_path, "register_critics")
    note = tmp_path / "note.md"
    note.write_text("# Stand-up 3 May\n\nShipped the export. Blocked on the API key.\n")
    result = run("review", str(note), "--plugins-dir", str(tmp_path / "plugins"))
    assert result.exit_code == 0 and "standup-note" in result.stdout


def test_register_prompt_dirs_example(tmp_path: Path) -> None:
    assert "prompt dirs:" in _load(tmp_path, "register_prompt_dirs")


def test_register_formatters_example(tmp_path: Path) -> None:
    assert "formats: scores" in _load(tmp_path, "register_formatters")


def test_register_engines_example(tmp_path: Path) -> None:
    assert "engines: gateway" in _load(tmp_path, "register_engines")


def test_register_rule_functions_example(tmp_path: Path) -> None:
    assert "rule functions: wordy.long-sentences" in _load(tmp_path, "register_rule_functions")
    folder = tmp_path / "plugins"
    (folder / "wordy.yaml").write_text("""\
kind: wordy
title: Wordy
criteria:
  - id: short-sentences
    title: Short sentences
    description: No sentence runs past 35 words.
    rules:
      - {id: long, type: python, function: wordy.long-sentences, options: {words: 5}}
    verdicts:
      - {if: long, verdict: partial, message: '"{long.short}" is long.', anchor: long}
      - {verdict: met, message: Short.}
""")
    note = tmp_path / "note.md"
    note.write_text("---\nkind: wordy\n---\nShort one.\n\nThis one has far more than five words.\n")
    result = run("review", str(note), "--plugins-dir", str(folder))
    assert result.exit_code == 0, result.stderr
    assert '"This one has far more than five words." is long.' in result.stdout


@pytest.mark.parametrize("hook", _hooks())
def test_each_hook_has_a_test_here(hook: str) -> None:
    assert f"test_{hook}_example" in globals()
