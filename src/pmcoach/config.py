"""Project configuration: ``[tool.pmcoach]`` in ``pyproject.toml`` or ``.pmcoach.toml``.

The file is found by walking up from the current folder (``PMCOACH_CONFIG`` names one
explicitly, or ``none`` to use no file). In each folder ``.pmcoach.toml`` wins over
``pyproject.toml``; a ``pyproject.toml`` without a ``[tool.pmcoach]`` table is passed
over, so a monorepo's outer project can hold the settings.

Precedence, highest first: command-line option, environment variable, config file,
built-in default. Globs (``kinds``, ``exclude``) are relative to the config file's folder.
See docs/configuration.md.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .errors import ConfigError
from .rubric import CRITERION_ID, KIND_ID

if TYPE_CHECKING:
    from pydantic import ValidationError

CONFIG_ENV = "PMCOACH_CONFIG"
FILE_NAMES = (".pmcoach.toml", "pyproject.toml")

SeverityName = Literal["error", "warning", "info"]
FailOn = Literal["error", "warning", "info", "never"]

#: Settings that are also command-line options of ``pmcoach review``: config key ->
#: (review option's parameter name, environment variable, built-in default).
OPTION_SETTINGS: dict[str, tuple[str, str | None, object]] = {
    "fail-on": ("fail_on", "PMCOACH_FAIL_ON", "error"),
    "model": ("model", "PMCOACH_MODEL", None),
    "base-url": ("base_url", "OPENAI_BASE_URL", None),
    "jobs": ("jobs", "PMCOACH_JOBS", None),
}


@dataclass(kw_only=True)
class Settings:
    """The ``[tool.pmcoach]`` table, checked (see :func:`_model` for the rules)."""

    #: glob -> kind, for files without front matter
    kinds: dict[str, str] = field(default_factory=dict)
    #: globs of files never reviewed
    exclude: list[str] = field(default_factory=list)
    #: Criteria to turn off: a list, or a table of criterion -> reason.
    disable: list[str] | dict[str, str] = field(default_factory=list)
    severity: dict[str, SeverityName] = field(default_factory=dict)
    fail_on: FailOn | None = None
    model: str | None = None
    base_url: str | None = None
    prompt_versions: dict[str, int] = field(default_factory=dict)
    jobs: int | None = None
    #: model -> {input = USD, output = USD} per million tokens (see docs/caching.md).
    prices: dict[str, dict[Literal["input", "output"], float]] = field(default_factory=dict)
    #: The settings the file gave (the others are defaults).
    fields_set: frozenset[str] = field(default=frozenset(), compare=False, repr=False)

    def model_copy(self, update: dict[str, Any] | None = None) -> Settings:
        return replace(self, **(update or {}))


@lru_cache(maxsize=1)
def _model() -> type[Any]:
    """The pydantic model a config file is validated with: built only when a file is read,
    so a run without one never imports pydantic."""
    from pydantic import BaseModel, ConfigDict, Field, field_validator

    class SettingsFile(BaseModel):
        """The ``[tool.pmcoach]`` table as written (keys in kebab-case)."""

        model_config = ConfigDict(extra="forbid", populate_by_name=True)

        kinds: dict[str, str] = Field(default_factory=dict)
        exclude: list[str] = Field(default_factory=list)
        disable: list[str] | dict[str, str] = Field(default_factory=list)
        severity: dict[str, SeverityName] = Field(default_factory=dict)
        fail_on: FailOn | None = Field(default=None, alias="fail-on")
        model: str | None = None
        base_url: str | None = Field(default=None, alias="base-url")
        prompt_versions: dict[str, int] = Field(default_factory=dict, alias="prompt-versions")
        jobs: int | None = Field(default=None, ge=1, le=64)
        prices: dict[str, dict[Literal["input", "output"], float]] = Field(default_factory=dict)

        @field_validator("kinds")
        @classmethod
        def _kind_ids(cls, value: dict[str, str]) -> dict[str, str]:
            for pattern, kind in value.items():
                if not re.match(KIND_ID, kind):
                    raise ValueError(f"{pattern!r} maps to {kind!r}, which is not a kind id "
                                     "(lowercase letters, digits and '-')")
            return value

        @field_validator("disable", "severity")
        @classmethod
        def _criterion_refs(cls, value: Any) -> Any:
            for ref in value:
                if not _is_criterion_ref(ref):
                    raise ValueError(f"{ref!r} is not 'criterion' or 'kind.criterion'")
            return value

        @field_validator("prompt_versions", mode="before")
        @classmethod
        def _versions(cls, value: Any) -> Any:
            # Accept "v2" as well as 2: the templates are named v<N>.md.j2.
            if isinstance(value, dict):
                return {k: int(v[1:]) if isinstance(v, str) and re.fullmatch(r"v\d+", v)
                        else v for k, v in value.items()}
            return value

    return SettingsFile


def _is_criterion_ref(ref: str) -> bool:
    parts = ref.split(".")
    return len(parts) in (1, 2) and all(re.match(CRITERION_ID, p) for p in parts)


@dataclass
class Config:
    """Settings plus where they came from; ``path`` is None when no file was found."""

    settings: Settings = field(default_factory=Settings)
    path: Path | None = None

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    @property
    def label(self) -> str:
        """How messages name the file (with the table, for pyproject.toml)."""
        if self.path is None:
            return "defaults"
        return f"{self.path} [tool.pmcoach]" if self.path.name == "pyproject.toml" \
            else str(self.path)

    # -- files ---------------------------------------------------------------------------
    @cached_property
    def _kind_globs(self) -> list[tuple[re.Pattern[str], str]]:
        return [(glob_regex(g), k) for g, k in self.settings.kinds.items()]

    @cached_property
    def _exclude_globs(self) -> list[re.Pattern[str]]:
        return [glob_regex(g) for g in self.settings.exclude]

    def relative(self, path: str) -> str | None:
        """``path`` relative to the config's folder, with '/', or None when outside it."""
        if path.startswith("<"):  # <stdin> and friends are not files
            return None
        rel = os.path.relpath(os.path.abspath(path), self.root)
        return None if rel.startswith("..") else rel.replace(os.sep, "/")

    def kind_for(self, path: str) -> str | None:
        """The kind the first matching ``kinds`` glob gives ``path``."""
        rel = self.relative(path)
        if rel is None:
            return None
        return next((kind for pattern, kind in self._kind_globs if pattern.match(rel)), None)

    def with_excludes(self, exclude: Sequence[str] | None, extend: Sequence[str]) -> Config:
        """This config with the command line's ``--exclude`` (replacing the config's
        globs) and ``--extend-exclude`` (adding to them)."""
        globs = [*(self.settings.exclude if exclude is None else exclude), *extend]
        return replace(self, settings=self.settings.model_copy(update={"exclude": globs}))

    def excluded(self, path: str) -> bool:
        rel = self.relative(path)
        return rel is not None and any(p.match(rel) for p in self._exclude_globs)

    # -- criteria ------------------------------------------------------------------------
    def disabled(self, kind: str) -> dict[str, str]:
        """Criterion id -> reason for the criteria this config turns off for ``kind``."""
        refs = self.settings.disable
        items = refs.items() if isinstance(refs, dict) else ((r, "") for r in refs)
        out: dict[str, str] = {}
        for ref, reason in items:
            criterion = _for_kind(ref, kind)
            if criterion:
                out[criterion] = reason or f"disabled in {self.label}"
        return out

    def severity(self, kind: str) -> dict[str, SeverityName]:
        """Criterion id -> the severity its findings get, for ``kind``.

        ``kind.criterion`` beats a bare ``criterion`` whatever the order in the file.
        """
        out: dict[str, SeverityName] = {}
        for ref, value in sorted(self.settings.severity.items(), key=lambda i: "." in i[0]):
            criterion = _for_kind(ref, kind)
            if criterion:
                out[criterion] = value
        return out

    def check_against(self, rubrics: Mapping[str, list[str]]) -> None:
        """Fail on kinds and criteria no installed plugin has (typos, mostly)."""
        kinds = sorted(rubrics)
        for pattern, kind in self.settings.kinds.items():
            if kind not in rubrics:
                raise self.error(f"kinds.{_q(pattern)}", f"unknown kind {kind!r}"
                                 f"{_did_you_mean(kind, kinds)}; installed kinds: "
                                 f"{', '.join(kinds)}")
        all_ids = sorted({c for ids in rubrics.values() for c in ids})
        for key, refs in (("disable", list(self.settings.disable)),
                          ("severity", list(self.settings.severity))):
            for ref in refs:
                kind, _, criterion = ref.rpartition(".")
                if kind and kind not in rubrics:
                    raise self.error(key, f"{ref!r} names unknown kind {kind!r}"
                                     f"{_did_you_mean(kind, kinds)}")
                known = rubrics[kind] if kind else all_ids
                if criterion not in known:
                    raise self.error(key, f"{ref!r}: no criterion {criterion!r}"
                                     f"{' in ' + kind if kind else ''}"
                                     f"{_did_you_mean(criterion, list(known))}; see "
                                     "`pmcoach rubric`")
        for kind in self.settings.prompt_versions:
            if kind not in rubrics:
                raise self.error(f"prompt-versions.{kind}", f"unknown kind {kind!r}"
                                 f"{_did_you_mean(kind, kinds)}")

    def error(self, key: str, message: str) -> ConfigError:
        return ConfigError(f"{self.label}: {key}: {message}")


def _q(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else f'"{key}"'


def _for_kind(ref: str, kind: str) -> str | None:
    ref_kind, _, criterion = ref.rpartition(".")
    return criterion if not ref_kind or ref_kind == kind else None


def _did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def glob_regex(glob: str) -> re.Pattern[str]:
    """A gitignore-like glob as a regex over '/'-separated relative paths.

    ``*`` and ``?`` stay within a folder, ``**`` spans folders, a glob without ``/``
    matches the file name in any folder, and a glob ending in ``/`` matches everything
    under that folder.
    """
    glob = glob.strip().removeprefix("./")
    if glob.endswith("/"):
        glob += "**"
    anywhere = "/" not in glob
    out = []
    i = 0
    while i < len(glob):
        if glob.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif glob.startswith("**", i):
            out.append(".*")
            i += 2
        elif glob[i] == "*":
            out.append("[^/]*")
            i += 1
        elif glob[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(glob[i]))
            i += 1
    body = "".join(out)
    return re.compile(f"(?:.*/)?{body}$" if anywhere else f"{body}$")


# -- finding and reading the file ---------------------------------------------------------
def find(start: Path | None = None, environ: Mapping[str, str] = os.environ) -> Path | None:
    """The config file for ``start`` (default: the current folder), or None."""
    explicit = environ.get(CONFIG_ENV)
    if explicit:
        if explicit.lower() == "none":
            return None
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"{CONFIG_ENV}={explicit}: no such file")
        return path.resolve()
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        for name in FILE_NAMES:
            path = candidate / name
            if path.is_file() and (name != "pyproject.toml" or _has_table(path)):
                return path
    return None


def _has_table(pyproject: Path) -> bool:
    try:
        return "pmcoach" in _read_toml(pyproject).get("tool", {})
    except ConfigError:
        return False  # someone else's broken pyproject.toml is not ours to report


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: is not UTF-8 (byte {exc.start}); re-save it as UTF-8"
                          ) from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def load(start: Path | None = None, environ: Mapping[str, str] = os.environ) -> Config:
    """Find and validate the config; no file means the defaults."""
    path = find(start, environ)
    if path is None:
        return Config()
    return parse(path)


def parse(path: Path) -> Config:
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("pmcoach", {})
    config = Config(path=path)
    if not isinstance(data, dict):
        raise config.error("tool.pmcoach", "must be a table")
    from pydantic import ValidationError

    try:
        checked = _model().model_validate(data)
    except ValidationError as exc:
        raise _explain(config, exc, data) from None
    config.settings = Settings(**dict(checked), fields_set=frozenset(checked.model_fields_set))
    return config


def _explain(config: Config, exc: ValidationError, data: dict[str, Any]) -> ConfigError:
    """The first validation problem as 'file: key: what is wrong'."""
    error = exc.errors()[0]
    loc = [str(p) for p in error["loc"]]
    # Union types add their branch name ('list[str]') to the location: not a key.
    loc = [p for p in loc if not re.match(r"(list|dict)\[", p) and p not in ("str", "int")]
    key = ".".join(_q(p) for p in loc) or "tool.pmcoach"
    if error["type"] == "extra_forbidden":
        known = [f.alias or n for n, f in _model().model_fields.items()]
        unknown = loc[-1]
        return config.error(key, f"unknown key{_did_you_mean(unknown, known)}; "
                                 f"known keys: {', '.join(known)}")
    got = error.get("input")
    shown = f" (got {got!r})" if got is not None and not isinstance(got, dict | list) else ""
    return config.error(key, f"{error['msg']}{shown}")


# -- effective settings ------------------------------------------------------------------
def effective(config: Config, environ: Mapping[str, str] = os.environ
              ) -> list[tuple[str, object, str]]:
    """Every setting as (key, value, source), source being 'env NAME', the file, or
    'default'. Command-line options override all of these for one run."""
    rows: list[tuple[str, object, str]] = []
    file = config.path.name if config.path else ""
    for key, (attr, env, default) in OPTION_SETTINGS.items():
        from_file = getattr(config.settings, attr)
        if env and environ.get(env):
            rows.append((key, environ[env], f"env {env}"))
        elif from_file is not None:
            rows.append((key, from_file, file))
        else:
            rows.append((key, default, "default"))
    for key, attr in (("kinds", "kinds"), ("exclude", "exclude"), ("disable", "disable"),
                      ("severity", "severity"), ("prompt-versions", "prompt_versions")):
        value = getattr(config.settings, attr)
        rows.append((key, value, file if attr in config.settings.fields_set
                     else "default"))
    return rows


def option_defaults(config: Config) -> dict[str, object]:
    """The file's values for ``pmcoach review`` options, as click's ``default_map``.

    click ranks a default_map below the command line and environment variables, which
    is exactly the precedence pmcoach documents.
    """
    out: dict[str, object] = {}
    for attr, *_ in OPTION_SETTINGS.values():
        value = getattr(config.settings, attr)
        if value is not None:
            out[attr] = value
    return out


STARTER = '''\
# pmcoach configuration: see docs/configuration.md.
# Command-line options override these; `pmcoach config` shows what is in effect.

# Exit 1 (and fail the pre-commit hook) on findings at least this severe:
# "error" (a criterion is missing), "warning" (partial), "info", or "never".
fail-on = "error"

# Files never reviewed, as globs relative to this file ("**" spans folders).
exclude = ["README.md", "CHANGELOG.md", "drafts/**"]

# Review with a model as well as the offline checks (needs OPENAI_API_KEY):
# model = "gpt-4.1-mini"
# base-url = "http://localhost:11434/v1"   # Ollama, vLLM, LM Studio...
# jobs = 4

# Which kind each file is when it has no `kind:` front matter.
[kinds]
"case-studies/**/*.md" = "case-study"
# "strategy/*.md" = "strategy"
# "decisions/*.md" = "decision"

# Criteria to turn off, with the reason the report shows:
# [disable]
# "case-study.reflection" = "our template puts reflection in a separate doc"

# The severity of a criterion's findings ("kind.criterion" or "criterion"):
# [severity]
# "narrative-consistency" = "warning"

# Pin a prompt template version per kind (prompts/<kind>/v<N>.md.j2):
# [prompt-versions]
# case-study = 1
'''


PRE_COMMIT_SNIPPET = '''\
# .pre-commit-config.yaml: the pmcoach installed here, run on every commit
repos:
  - repo: local
    hooks:
      - id: pmcoach-offline
        name: pmcoach (offline)
        entry: pmcoach review --offline   # drop --offline to use the model your config names
        language: system
        types_or: [markdown, plain-text]
        require_serial: true
'''
