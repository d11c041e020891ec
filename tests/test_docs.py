"""Docs stay in step with the code: every criterion and command is documented."""

from __future__ import annotations

from pathlib import Path

from pmcoach import plugins

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_every_builtin_criterion_is_in_the_rubrics_doc() -> None:
    text = (DOCS / "rubrics.md").read_text()
    registry = plugins.load()
    for kind, critic in registry.critics.items():
        assert f"`{kind}`" in text, f"kind {kind} is not in docs/rubrics.md"
        for criterion in critic.rubric.criteria:
            assert f"`{criterion.id}`" in text, f"{kind}.{criterion.id} is undocumented"


def test_every_command_is_in_the_cli_doc() -> None:
    from pmcoach.cli import main

    text = (DOCS / "cli.md").read_text()
    for name in main.commands:
        assert f"pmcoach {name}" in text, f"`pmcoach {name}` is not in docs/cli.md"
