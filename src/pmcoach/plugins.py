"""Loading plugins: built-ins by module name, then entry points, then loose files.

Every plugin's hooks are called one plugin at a time, so a plugin that fails (to
import, or inside a hook) is reported by name and the others still load.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import pluggy

from . import cuecache, hookspecs
from .__about__ import __version__
from .critic import Critic
from .entrypoints import entry_points
from .errors import PluginError

#: Plugins that ship with pmcoach. Each is written exactly like an external plugin.
BUILTIN_PLUGINS = (
    "pmcoach.formats",
    "pmcoach.engines.builtin",
    "pmcoach_case_study",
    "pmcoach_strategy",
    "pmcoach_decision",
    "pmcoach_manager_update",
    "pmcoach_career_plan",
    "pmcoach_portfolio_strategy",
)
ENTRY_POINT_GROUP = "pmcoach"
ALLOWLIST_ENV = "PMCOACH_LOAD_PLUGINS"
PLUGINS_DIR_ENV = "PMCOACH_PLUGINS_DIR"


@dataclass
class PluginInfo:
    name: str
    version: str
    source: str  # "built-in", "entry point", or a file path
    kinds: list[str] = field(default_factory=list)
    formatters: list[str] = field(default_factory=list)
    engines: list[str] = field(default_factory=list)
    prompt_dirs: list[str] = field(default_factory=list)
    functions: list[str] = field(default_factory=list)


@dataclass
class Registry:
    """Everything the loaded plugins registered."""

    critics: dict[str, Critic] = field(default_factory=dict)
    formatters: dict[str, Any] = field(default_factory=dict)
    engines: dict[str, Any] = field(default_factory=dict)
    prompt_dirs: list[Path] = field(default_factory=list)
    rule_functions: dict[str, Any] = field(default_factory=dict)
    plugins: list[PluginInfo] = field(default_factory=list)
    errors: list[PluginError] = field(default_factory=list)
    #: The ``plugins_dirs`` :func:`load` was given: a worker process that does not
    #: inherit this registry loads its own from them.
    plugins_dirs: list[Path] = field(default_factory=list)

    def critic(self, kind: str) -> Critic:
        return self.critics[kind]


def _manager() -> pluggy.PluginManager:
    pm = pluggy.PluginManager("pmcoach")
    pm.add_hookspecs(hookspecs)
    return pm


def _allowlist() -> set[str] | None:
    value = os.environ.get(ALLOWLIST_ENV)
    if value is None:
        return None
    return {name.strip() for name in value.split(",") if name.strip()}


def _builtin_modules(errors: list[PluginError]) -> Iterable[tuple[str, ModuleType]]:
    for name in BUILTIN_PLUGINS:
        try:
            yield name, importlib.import_module(name)
        except (Exception, SystemExit) as exc:  # noqa: BLE001 - one broken built-in must not stop others
            errors.append(PluginError(
                f"built-in plugin {name!r} failed to load: {type(exc).__name__}: {exc}; "
                "reinstall pmcoach (`pip install --force-reinstall pmcoach`)"))


def _entry_points(allow: set[str] | None, errors: list[PluginError]
                  ) -> Iterable[tuple[str, ModuleType, str]]:
    for ep in entry_points(ENTRY_POINT_GROUP):
        if allow is not None and ep.name not in allow:
            continue
        try:
            yield ep.name, ep.load(), ep.version
        # SystemExit too: a plugin that calls sys.exit() at import must not end the run.
        except (Exception, SystemExit) as exc:  # noqa: BLE001 - any import failure is the plugin's
            errors.append(PluginError(
                f"plugin {ep.name!r} (entry point {ep.value}) failed to load: "
                f"{type(exc).__name__}: {exc}; fix or uninstall it, or leave it out of "
                f"{ALLOWLIST_ENV}"))


def _dir_plugins(dirs: Sequence[Path], allow: set[str] | None, errors: list[PluginError]
                 ) -> Iterable[tuple[str, ModuleType, Path]]:
    for directory in dirs:
        if not directory.is_dir():
            errors.append(PluginError(f"plugins folder {directory} does not exist"))
            continue
        for path in sorted(directory.glob("*.py")):
            if path.name.startswith("_") or (allow is not None and path.stem not in allow):
                continue
            try:
                spec = importlib.util.spec_from_file_location(f"pmcoach_local_{path.stem}", path)
                assert spec and spec.loader
                module = importlib.util.module_from_spec(spec)
                sys.modules[spec.name] = module
                spec.loader.exec_module(module)
            except (Exception, SystemExit) as exc:  # noqa: BLE001
                errors.append(PluginError(
                    f"plugin file {path} failed to load: {type(exc).__name__}: {exc}; "
                    "fix it or move it out of the plugins folder"))
                continue
            yield path.stem, module, path


def load(plugins_dirs: Sequence[Path] = ()) -> Registry:
    """Load every plugin and collect what each registers."""
    registry = Registry(plugins_dirs=list(plugins_dirs))
    pm = _manager()
    allow = _allowlist()
    found: list[tuple[str, ModuleType, PluginInfo]] = []
    for name, module in _builtin_modules(registry.errors):
        found.append((name, module, PluginInfo(name, __version__, "built-in")))
    for name, module, version in _entry_points(allow, registry.errors):
        found.append((name, module, PluginInfo(name, version, "entry point")))
    env_dir = os.environ.get(PLUGINS_DIR_ENV)
    dirs = [*plugins_dirs, *(Path(p) for p in env_dir.split(os.pathsep) if p)] if env_dir else \
        list(plugins_dirs)
    for name, module, path in _dir_plugins(dirs, allow, registry.errors):
        found.append((name, module, PluginInfo(name, "local", str(path))))

    for name, module, info in found:
        if pm.is_registered(module):
            continue
        if pm.has_plugin(name):
            # Same name as a plugin already loaded: say so rather than shadow it silently.
            first = next(p for p in registry.plugins if p.name == name)
            registry.errors.append(PluginError(
                f"plugin {name!r} from {info.source} was not loaded: plugin {name!r} "
                f"({first.source}) already has that name; rename one of them"))
            continue
        try:
            pm.register(module, name=name)
        except Exception as exc:  # noqa: BLE001 - pluggy rejects malformed hooks
            registry.errors.append(PluginError(f"plugin {name!r} is not a valid plugin: {exc}"))
            continue
        registry.plugins.append(info)
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        registry.errors.append(PluginError(
            f"plugin {pm.get_name(exc.plugin)!r} implements a hook pmcoach does not have: "
            f"{exc}; "
            "check the hook's spelling against docs/plugins.md"))

    by_name = {info.name: info for info in registry.plugins}
    _collect(pm, "register_critics", by_name, registry, _add_critic)
    _collect(pm, "register_formatters", by_name, registry, _add_formatter)
    _collect(pm, "register_prompt_dirs", by_name, registry, _add_prompt_dir)
    _collect(pm, "register_engines", by_name, registry, _add_engine)
    _collect(pm, "register_rule_functions", by_name, registry, _add_function)
    for path in _kind_files(dirs, allow):
        _add_kind_file(registry, path)
    for directory in dirs:
        # A plugins folder's own prompts/ (<kind>/v<N>.md.j2) serve its data-only kinds.
        if (directory / "prompts").is_dir() and any(p.source.startswith(str(directory))
                                                    for p in registry.plugins):
            registry.prompt_dirs.append(directory / "prompts")
    _bind_functions(registry)
    # Cue data derived from now on is kept per plugin set (see cuecache.py).
    cuecache.use(plugin_set(registry))
    return registry


def plugin_set(registry: Registry) -> str:
    """What identifies the loaded plugins: each one's name, version and source."""
    return "\n".join(sorted(f"{p.name} {p.version} {p.source}" for p in registry.plugins))


def _kind_files(dirs: Sequence[Path], allow: set[str] | None) -> list[Path]:
    """Data-only kinds: ``*.yaml`` / ``*.toml`` kind files straight in a plugins folder."""
    return [path for directory in dirs if directory.is_dir()
            for path in sorted([*directory.glob("*.yaml"), *directory.glob("*.toml")])
            if not path.name.startswith((".", "_")) and (allow is None or path.stem in allow)]


def _add_kind_file(registry: Registry, path: Path) -> None:
    from .rules import load_kind  # only when a plugins folder holds kind files
    info = PluginInfo(path.stem, "local", str(path))
    try:
        _add_critic(registry, info, load_kind(path))
    except PluginError as exc:
        registry.errors.append(exc)
        return
    registry.plugins.append(info)


def _bind_functions(registry: Registry) -> None:
    """Hand each data kind its escape-hatch functions; drop a kind that misses one."""
    for kind, critic in list(registry.critics.items()):
        bind = getattr(critic, "bind", None)
        if bind is None:
            continue
        try:
            bind(registry.rule_functions)
        except PluginError as exc:
            registry.errors.append(exc)
            del registry.critics[kind]


def _add_function(registry: Registry, info: PluginInfo, item: Any) -> None:
    name, function = item
    if not isinstance(name, str) or not callable(function):
        raise PluginError(f"plugin {info.name!r} registered rule function {item!r}; call "
                          "register(name, function)")
    if name in registry.rule_functions:
        raise PluginError(f"plugin {info.name!r} registers rule function {name!r}, which plugin "
                          f"{_owner(registry, 'functions', name)!r} already provides")
    registry.rule_functions[name] = function
    info.functions.append(name)


def _collect(pm: pluggy.PluginManager, hook: str, by_name: dict[str, PluginInfo],
             registry: Registry, add: Callable[[Registry, PluginInfo, Any], None]) -> None:
    # Call each plugin's implementation separately so one failure names its plugin.
    for impl in getattr(pm.hook, hook).get_hookimpls():  # registration order: built-ins first
        info = by_name.get(impl.plugin_name)
        if info is None:
            continue
        try:
            impl.function(register=lambda *item, _info=info: add(
                registry, _info, item if len(item) > 1 else item[0]))
        except PluginError as exc:
            registry.errors.append(exc)
        except (Exception, SystemExit) as exc:  # noqa: BLE001
            registry.errors.append(PluginError(
                f"plugin {info.name!r} failed in {hook}: {type(exc).__name__}: {exc}"))


def _owner(registry: Registry, attr: str, key: str) -> str:
    return next((p.name for p in registry.plugins if key in getattr(p, attr)), "?")


def _add_critic(registry: Registry, info: PluginInfo, critic: Critic) -> None:
    kind = getattr(critic, "kind", None)
    if not isinstance(kind, str) or not hasattr(critic, "check") or not hasattr(critic, "rubric"):
        raise PluginError(f"plugin {info.name!r} registered {critic!r}, which is not a Critic")
    if kind in registry.critics:
        raise PluginError(
            f"plugin {info.name!r} registers kind {kind!r}, which plugin "
            f"{_owner(registry, 'kinds', kind)!r} already provides; rename the kind or "
            "uninstall one of them")
    if critic.rubric.kind != kind:
        raise PluginError(f"plugin {info.name!r}: critic {kind!r} has a rubric for "
                          f"{critic.rubric.kind!r}")
    registry.critics[kind] = critic
    info.kinds.append(kind)


def _add_formatter(registry: Registry, info: PluginInfo, formatter: Any) -> None:
    name = getattr(formatter, "name", None)
    if not isinstance(name, str) or not callable(getattr(formatter, "render", None)):
        raise PluginError(f"plugin {info.name!r} registered {formatter!r}, "
                          "which is not a formatter (needs .name and .render)")
    if name in registry.formatters:
        raise PluginError(f"plugin {info.name!r} registers format {name!r}, which plugin "
                          f"{_owner(registry, 'formatters', name)!r} already provides")
    registry.formatters[name] = formatter
    info.formatters.append(name)


def _add_prompt_dir(registry: Registry, info: PluginInfo, path: Path) -> None:
    registry.prompt_dirs.append(Path(path))
    info.prompt_dirs.append(str(path))


def _add_engine(registry: Registry, info: PluginInfo, engine: Any) -> None:
    name = getattr(engine, "name", None)
    if not isinstance(name, str):
        raise PluginError(f"plugin {info.name!r} registered {engine!r}, which has no .name")
    if name in registry.engines:
        raise PluginError(f"plugin {info.name!r} registers engine {name!r}, which plugin "
                          f"{_owner(registry, 'engines', name)!r} already provides")
    registry.engines[name] = engine
    info.engines.append(name)
