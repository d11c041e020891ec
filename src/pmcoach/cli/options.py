"""What every pmcoach command shares: one-line warnings, --debug, and plugin loading."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from .. import plugins as plugin_loader


def warn(message: str, progress: Any = None) -> None:
    if progress is not None:
        progress.clear()  # start on a fresh line, not after the progress counter
    click.echo(f"pmcoach: {message}", err=True)


def debug_enabled(ctx: click.Context) -> bool:
    return bool((ctx.obj or {}).get("debug")) or os.environ.get("PMCOACH_DEBUG") == "1"


def set_debug(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
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
        "--debug", is_flag=True, expose_value=False, is_eager=True, callback=set_debug,
        help="Show full tracebacks instead of one-line errors.")(command)
    return command


def load_plugins(plugins_dirs: tuple[Path, ...]) -> plugin_loader.Registry:
    """Load plugins, reporting each one that failed (the run goes on without it)."""
    registry = plugin_loader.load(list(plugins_dirs))
    for error in registry.errors:
        warn(f"error: {error}")
    return registry
