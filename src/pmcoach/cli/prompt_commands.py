"""``pmcoach prompts list|show|render``: the versioned prompt templates.

"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from .options import load_plugins, plugin_options


@click.group("prompts")
def prompts_group() -> None:
    """List, show and render the versioned prompt templates.

    \b
    Examples:
      pmcoach prompts list
      pmcoach prompts show case-study --version 1
      pmcoach prompts render story.md
    """


def _library(plugins_dirs: tuple[Path, ...]) -> Any:
    from ..coach.prompts import PromptLibrary

    registry = load_plugins(plugins_dirs)
    return registry, PromptLibrary.discover(registry.prompt_dirs)


@prompts_group.command("list")
@plugin_options
def prompts_list(plugins_dirs: tuple[Path, ...]) -> None:
    """Every template: id, status against LOCK, where it comes from, what changed.

    \b
    Example:
      pmcoach prompts list
    """
    registry, library = _library(plugins_dirs)
    for template in sorted(library.templates.values(), key=lambda t: (t.kind, t.version)):
        critic = registry.critics.get(template.kind)
        current = critic is not None and (getattr(critic, "prompt_version", None) or
                                          library.versions(template.kind)[-1]
                                          ) == template.version
        status = ("MODIFIED after release" if template.modified else
                  "released" if template.released else "draft")
        marker = "*" if current else " "
        changes = str(template.meta.get("changes", "")).strip()
        click.echo(f"{marker} {template.id:<24} {status:<9} {template.meta.get('date', '')!s:<10}"
                   f"  {template.source}  {changes}".rstrip())
    for template in library.shadowed:
        click.echo(f"  ignored {template.path}: {template.id} is built in", err=True)
    click.echo("(* the version each critic uses by default)")
    problems = library.problems()
    for problem in problems:
        click.echo(f"pmcoach: error: {problem}", err=True)
    if problems:
        sys.exit(3)


@prompts_group.command("show")
@click.argument("kind")
@click.option("--version", "version", type=click.IntRange(min=1), metavar="N",
              help="The version to show (default: the newest).")
@plugin_options
def prompts_show(kind: str, version: int | None, plugins_dirs: tuple[Path, ...]) -> None:
    """Print a template's source exactly as stored.

    \b
    Example:
      pmcoach prompts show decision --version 1
    """
    _, library = _library(plugins_dirs)
    template = library.get(kind, version)
    click.echo(template.path.read_text(encoding="utf-8"), nl=False)


@prompts_group.command("render")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("-k", "--kind", help="Render as this kind instead of detecting it.")
@click.option("--prompt-version", type=click.IntRange(min=1), metavar="N",
              help="Render version N instead of the critic's own.")
@plugin_options
def prompts_render(file: str, kind: str | None, prompt_version: int | None,
                   plugins_dirs: tuple[Path, ...]) -> None:
    """Print exactly what would be sent to the model for FILE; nothing is sent.

    \b
    Example:
      pmcoach prompts render examples/case-study/weak.md
    """
    from ..coach.prompts import render
    from ..detect import detect
    from ..document import Document

    registry, library = _library(plugins_dirs)
    text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
    doc = Document.from_text(text, file)
    detection = detect(doc, registry.critics, option=kind)
    if detection.kind is None:
        raise click.UsageError(f"{file} is not a PM document (it looks like "
                               f"{detection.looks_like}), so no prompt would be sent; pass "
                               "--kind to render it as one")
    critic = registry.critic(detection.kind)
    template = library.get(critic.kind, prompt_version or getattr(critic, "prompt_version",
                                                                    None))
    prompt = render(template, critic.rubric, doc)
    click.echo(f"# prompt {prompt.id}, sha256 {prompt.sha256}, {prompt.chars:,} chars, "
               f"~{prompt.approx_tokens:,} tokens", err=True)
    click.echo("=== system ===")
    click.echo(prompt.system)
    click.echo("=== user ===")
    click.echo(prompt.user, nl=False)
