"""A pmcoach plugin for launch retrospectives and experiment read-outs.

``launch-retro`` is data only (``launch-retro.yaml``). ``experiment-readout`` is data plus
one Python rule function, for what a kind file cannot say: whether a stated sample size
is large enough. Both ship their prompt templates in ``prompts/``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pmcoach import Critic, hookimpl
from pmcoach.rules import load_kind

from .sample_size import sample_sizes

__all__ = ["register_critics", "register_prompt_dirs", "register_rule_functions"]

HERE = Path(__file__).parent


@hookimpl
def register_critics(register: Callable[[Critic], None]) -> None:
    """Register both kinds from their kind files."""
    register(load_kind(HERE / "launch-retro.yaml"))
    register(load_kind(HERE / "experiment-readout.yaml"))


@hookimpl
def register_rule_functions(register: Callable[..., None]) -> None:
    """The Python rule experiment-readout.yaml calls as `experiment-readout.sample-size`."""
    register("experiment-readout.sample-size", sample_sizes)


@hookimpl
def register_prompt_dirs(register: Callable[[Path], None]) -> None:
    """Register this package's prompt templates (prompts/<kind>/v1.md.j2)."""
    register(HERE / "prompts")
