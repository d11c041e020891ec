"""Errors pmcoach raises, as one tree so callers can catch at the depth they need.

    PmcoachError                 anything pmcoach reports to the user
    ├── InputError               a file could not be read or understood (exit 3)
    │   └── KindError            no critic for the file's kind, or no critic is sure
    ├── PluginError              a plugin failed to load or misbehaved (exit 3)
    ├── ConfigError              a configuration file or value is wrong (exit 2)
    │   └── BaselineError        --baseline names no usable git ref or saved report
    └── EngineError              a model back end failed after retries (exit 3)

Core modules raise these; only the ``cli`` package turns them into messages and exit codes,
so nothing here imports click.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes, documented in docs/cli.md."""

    OK = 0  #: nothing at or above --fail-on
    FINDINGS = 1  #: at least one finding at or above --fail-on
    USAGE = 2  #: bad command line or configuration (click's own code)
    FAILED = 3  #: a file could not be reviewed, or a plugin failed to load
    INTERRUPTED = 130  #: Ctrl-C: the report covers the files that finished


class PmcoachError(Exception):
    """Base class: ``str(error)`` is one line a user can act on."""

    #: Short machine-readable name used in the JSON report's ``error.type``.
    type: str = "error"
    exit_code: ExitCode = ExitCode.FAILED


class InputError(PmcoachError):
    type = "input"


class KindError(InputError):
    type = "kind"


class PluginError(PmcoachError):
    type = "plugin"


class ConfigError(PmcoachError):
    type = "config"
    exit_code = ExitCode.USAGE


class EngineError(PmcoachError):
    type = "engine"


class BaselineError(ConfigError):
    """``--baseline REF`` cannot be used: an unknown ref, no git, or not a saved report."""

    type = "baseline"
