"""The ``pmcoach`` command line: click commands only; the work happens in the core."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import click

from . import plugins as plugin_loader
from .__about__ import __version__
from .errors import ExitCode, PmcoachError
from .runner import FAIL_ON, ReviewOptions, exit_code, review_paths


def _warn(message: str) -> None:
    click.echo(f"pmcoach: {message}", err=True)


def _color(stream: Any) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    return "NO_COLOR" not in os.environ and bool(getattr(stream, "isatty", lambda: False)())


class PmcoachGroup(click.Group):
    """Turns pmcoach errors and crashes into one line on stderr and an exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PmcoachError as exc:
            if _debug(ctx):
                raise
            _warn(f"error: {exc}")
            sys.exit(exc.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            _warn("interrupted")
            sys.exit(130)
        except Exception as exc:  # noqa: BLE001 - last resort: no traceback unless --debug
            if _debug(ctx):
                raise
            _warn(f"internal error: {type(exc).__name__}: {exc} "
                  "(run again with --debug for the traceback, and please report it)")
            sys.exit(ExitCode.FAILED)


def _debug(ctx: click.Context) -> bool:
    return bool((ctx.obj or {}).get("debug")) or os.environ.get("PMCOACH_DEBUG") == "1"


def _set_debug(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
    ctx.ensure_object(dict)
    root = ctx.find_root()
    root.ensure_object(dict)
    root.obj["debug"] = root.obj.get("debug") or value
    return value


def plugin_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--plugins-dir and --debug, shared by every command that loads plugins."""
    command = click.option(
        "--plugins-dir", "plugins_dirs", multiple=True,
        type=click.Path(file_okay=False, path_type=Path),
        help=f"Also load plugin files (*.py) from DIR; repeatable. Env: "
             f"{plugin_loader.PLUGINS_DIR_ENV}.")(command)
    command = click.option(
        "--debug", is_flag=True, expose_value=False, is_eager=True, callback=_set_debug,
        help="Show full tracebacks instead of one-line errors.")(command)
    return command


def load_plugins(plugins_dirs: tuple[Path, ...]) -> plugin_loader.Registry:
    """Load plugins, reporting each one that failed (the run goes on without it)."""
    registry = plugin_loader.load(list(plugins_dirs))
    for error in registry.errors:
        _warn(f"error: {error}")
    return registry


@click.group(cls=PmcoachGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="pmcoach")
@click.option("--debug", is_flag=True, expose_value=False, is_eager=True, callback=_set_debug,
              help="Show full tracebacks instead of one-line errors.")
def main() -> None:
    """Coaching feedback on product managers' writing.

    pmcoach reviews case studies, strategy docs, decision write-ups, manager updates,
    career plans and portfolio strategies against practitioners' rubrics, and says per
    criterion what is met, what is missing, where, and what to write instead.

    \b
    Example:
      pmcoach review examples/case-study/weak.md
    """


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-k", "--kind", help="Review every file as this kind (see `pmcoach rubric`).")
@click.option("-f", "--format", "format_name", default="text", show_default=True,
              help="Output format: text, json, or one a plugin adds.")
@click.option("--fail-on", type=click.Choice(list(FAIL_ON)), default="error", show_default=True,
              help="Exit 1 when a finding is at least this severe.")
@click.option("--offline", is_flag=True,
              help="Never contact a model, whatever is configured: offline checks only.")
@plugin_options
def review(paths: tuple[str, ...], kind: str | None, format_name: str, fail_on: str,
           offline: bool, plugins_dirs: tuple[Path, ...]) -> NoReturn:
    """Review documents (files, or folders of .md/.txt files) against their rubric.

    \b
    Examples:
      pmcoach review examples/case-study/weak.md
      pmcoach review portfolio/ --format json
      pmcoach review notes.md --kind decision --fail-on warning

    Exit status: 0 no finding at or above --fail-on, 1 there is one, 2 usage error,
    3 a file could not be reviewed or a plugin failed to load.
    """
    registry = load_plugins(plugins_dirs)
    if kind is not None and kind not in registry.critics:
        raise click.BadParameter(
            f"unknown kind {kind!r}; choose from: {', '.join(sorted(registry.critics))}",
            param_hint="--kind")
    formatter = registry.formatters.get(format_name)
    if formatter is None:
        raise click.BadParameter(
            f"unknown format {format_name!r}; choose from: "
            f"{', '.join(sorted(registry.formatters))}", param_hint="--format")

    options = ReviewOptions(kind=kind, debug=_debug(click.get_current_context()))
    report = review_paths(list(paths), registry, options,
                          notify=lambda path, message: _warn(f"{path}: {message}"))
    for result in report.results:
        if result.error:
            _warn(f"{result.path}: {result.error.message}")
    color = _color(sys.stdout)
    click.echo(formatter.render(report, color=color), color=color)
    code = exit_code(report, fail_on)
    if registry.errors:
        code = ExitCode.FAILED
    sys.exit(code)


@main.command()
@click.argument("kind", required=False)
@plugin_options
def rubric(kind: str | None, plugins_dirs: tuple[Path, ...]) -> None:
    """Show the criteria of KIND, or of every installed kind.

    \b
    Examples:
      pmcoach rubric
      pmcoach rubric case-study
    """
    registry = load_plugins(plugins_dirs)
    if kind is not None and kind not in registry.critics:
        raise click.BadParameter(
            f"unknown kind {kind!r}; choose from: {', '.join(sorted(registry.critics))}",
            param_hint="KIND")
    kinds = [kind] if kind else sorted(registry.critics)
    for i, name in enumerate(kinds):
        critic = registry.critics[name]
        if i:
            click.echo()
        click.echo(click.style(f"{name}: {critic.title}", bold=True))
        for criterion in critic.rubric.criteria:
            click.echo(f"  {criterion.id:<24} {criterion.description}")


@main.command("plugins")
@plugin_options
def plugins_command(plugins_dirs: tuple[Path, ...]) -> NoReturn:
    """List installed plugins, their versions and the kinds and formats they provide.

    \b
    Example:
      pmcoach plugins
    """
    registry = load_plugins(plugins_dirs)
    for info in registry.plugins:
        provides = []
        for label, items in (("kinds", info.kinds), ("formats", info.formatters),
                             ("engines", info.engines), ("prompt dirs", info.prompt_dirs)):
            if items:
                provides.append(f"{label}: {', '.join(items)}")
        click.echo(f"{info.name} {info.version} ({info.source})")
        if provides:
            click.echo(f"    {'; '.join(provides)}")
    sys.exit(ExitCode.FAILED if registry.errors else ExitCode.OK)


@main.command()
def schema() -> None:
    """Print the JSON Schema of the `--format json` report (pmcoach.report/1).

    \b
    Example:
      pmcoach schema > pmcoach-report.schema.json
    """
    from .review import Report

    document = Report.model_json_schema(by_alias=True, mode="serialization")
    document["$id"] = "https://pmcoach.dev/schemas/pmcoach.report/1.json"
    click.echo(json.dumps(document, indent=2))
