"""``pmcoach rubric`` and ``pmcoach test-rules``: what a kind checks, and proof that it works."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from ..errors import ExitCode, PluginError
from .options import load_plugins, plugin_options


@click.command()
@click.argument("target", required=False, metavar="[KIND[.CRITERION]]")
@plugin_options
def rubric(target: str | None, plugins_dirs: tuple[Path, ...]) -> None:
    """Show the criteria of KIND (or of every kind), or one criterion's rules in full.

    \b
    Examples:
      pmcoach rubric
      pmcoach rubric case-study
      pmcoach rubric decision.revisit-trigger
    """
    registry = load_plugins(plugins_dirs)
    kind, _, criterion = (target or "").partition(".")
    if kind and kind not in registry.critics:
        raise click.BadParameter(
            f"unknown kind {kind!r}; choose from: {', '.join(sorted(registry.critics))}",
            param_hint="KIND")
    if criterion:
        click.echo(_criterion_text(registry.critics[kind], criterion), nl=False)
        return
    for i, name in enumerate([kind] if kind else sorted(registry.critics)):
        critic = registry.critics[name]
        if i:
            click.echo()
        click.echo(click.style(f"{name}: {critic.title}", bold=True))
        for item in critic.rubric.criteria:
            click.echo(f"  {item.id:<24} {item.description}")


def _criterion_text(critic: Any, criterion_id: str) -> str:
    if criterion_id not in critic.rubric.ids:
        raise click.BadParameter(
            f"kind {critic.kind!r} has no criterion {criterion_id!r}; choose from: "
            f"{', '.join(critic.rubric.ids)}", param_hint="KIND.CRITERION")
    from ..rules import DataCritic
    from ..rules.describe import describe_criterion

    if not isinstance(critic, DataCritic):
        item = critic.rubric.get(criterion_id)
        return (f"{critic.kind}.{item.id}: {item.title}\n  {item.description}\n"
                "  (checked in Python by its plugin: no rule file to show)\n")
    return describe_criterion(critic, criterion_id)


@click.command("test-rules")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--docs", "doc_dirs", multiple=True,
              type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Also apply every rewrite to the documents in DIR (repeatable).")
@plugin_options
def test_rules(paths: tuple[Path, ...], doc_dirs: tuple[Path, ...],
               plugins_dirs: tuple[Path, ...]) -> None:
    """Run every rule's examples and check every rewrite, for kind files or installed kinds.

    PATHS are kind files (.yaml / .toml) or folders holding them; with none, every installed
    data kind is tested. Rewrites are tried on each kind's examples and on the --docs
    documents of that kind (declared or detected). Exit 0 when all pass, 1 when any fails.

    \b
    Examples:
      pmcoach test-rules
      pmcoach test-rules launch-retro.yaml --docs examples/
    """
    from ..rules.runtests import critics_for, report

    registry = load_plugins(plugins_dirs)
    try:
        critics = critics_for(paths, registry)
    except PluginError as exc:
        click.echo(f"pmcoach: error: {exc}", err=True)
        sys.exit(ExitCode.USAGE)
    lines, failed = report(critics, doc_dirs, registry.critics)
    for line in lines:
        click.echo(line)
    sys.exit(ExitCode.FINDINGS if failed else ExitCode.OK)
