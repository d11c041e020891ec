"""Test helpers: a small loose plugin, and running the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from pmcoach.cli import main

#: A complete loose plugin: kind "toy-note", judged by whether lines say TODO.
TOY_PLUGIN = '''
from pmcoach import Criterion, Critic, CriterionResult, Rubric, Verdict, hookimpl
from pmcoach.checks import finding, result

RUBRIC = Rubric(kind="toy-note", title="Toy note", criteria=(
    Criterion(id="no-todo", title="No TODO", description="Has no TODO left in it."),
    Criterion(id="has-heading", title="Heading", description="Starts with a heading."),
))


class ToyCritic(Critic):
    kind = "toy-note"
    title = "Toy note"
    rubric = RUBRIC

    # Detection evidence: the word "toy" in the title and the text.
    signature = {"names": ["toy", "toy note"], "phrases": {"toy": ["toy"]},
                 "headings": {"toy": ["toy*"]}}

    def check(self, doc):
        todos = [s for s in doc.sentences if "TODO" in s.text]
        no_todo = result("no-todo", Verdict.MISSING if todos else Verdict.MET,
                         "TODO left in the note" if todos else "no TODO",
                         "finish the sentence", todos,
                         [finding("no-todo", s, "TODO left here", "finish it") for s in todos])
        heading = result("has-heading", Verdict.MET if doc.headings else Verdict.PARTIAL,
                         "heading" if doc.headings else "no heading", "add a heading")
        return [no_todo, heading]


@hookimpl
def register_critics(register):
    register(ToyCritic())
'''


def toy_plugin_dir(tmp_path: Path, source: str = TOY_PLUGIN, name: str = "toy") -> Path:
    folder = tmp_path / "plugins"
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.py").write_text(source)
    return folder


def run(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
    """Invoke the CLI in-process, stdout and stderr kept apart."""
    return CliRunner().invoke(main, list(args), input=input, env=env, catch_exceptions=False)


def run_json(*args: str) -> tuple[Result, dict[str, Any]]:
    result = run(*args, "--format", "json")
    return result, json.loads(result.stdout)


def detected(text: str, path: str = "<text>") -> str | None:
    """The kind the built-in kinds' content detection gives ``text`` (None: not PM)."""
    from pmcoach.detect import detect
    from pmcoach.document import Document
    from pmcoach.plugins import load

    return detect(Document.from_text(text, path), load().critics).kind
