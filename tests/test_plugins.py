"""Plugin loading: built-ins, entry points, loose files, the allowlist, and failures."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from helpers import TOY_PLUGIN, run, toy_plugin_dir

from pmcoach import hookspecs, plugins
from pmcoach.errors import ExitCode


def _install_entry_point(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, module: str,
                         source: str, ep_name: str = "toy") -> None:
    """A real installed distribution with a `pmcoach` entry point, found on sys.path."""
    site = tmp_path / "site"
    (site / "toy_dist-1.2.3.dist-info").mkdir(parents=True)
    (site / "toy_dist-1.2.3.dist-info" / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: toy-dist\nVersion: 1.2.3\n")
    (site / "toy_dist-1.2.3.dist-info" / "entry_points.txt").write_text(
        f"[pmcoach]\n{ep_name} = {module}\n")
    (site / f"{module}.py").write_text(source)
    monkeypatch.syspath_prepend(str(site))
    importlib.invalidate_caches()


def test_entry_point_plugin_is_loaded_with_its_version(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    _install_entry_point(tmp_path, monkeypatch, "toy_ep_plugin", TOY_PLUGIN)
    registry = plugins.load()
    assert "toy-note" in registry.critics
    info = next(p for p in registry.plugins if p.name == "toy")
    assert (info.version, info.source, info.kinds) == ("1.2.3", "entry point", ["toy-note"])
    assert registry.errors == []


def test_allowlist_limits_external_plugins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    _install_entry_point(tmp_path, monkeypatch, "toy_ep_allow", TOY_PLUGIN)
    monkeypatch.setenv("PMCOACH_LOAD_PLUGINS", "")
    assert "toy-note" not in plugins.load().critics
    monkeypatch.setenv("PMCOACH_LOAD_PLUGINS", "other, toy")
    assert "toy-note" in plugins.load().critics
    # Built-ins always load: the allowlist is for what users installed.
    assert "text" in plugins.load().formatters


def test_plugins_dir_from_option_and_environment(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    folder = toy_plugin_dir(tmp_path)
    assert "toy-note" in plugins.load([folder]).critics
    monkeypatch.setenv("PMCOACH_PLUGINS_DIR", str(folder))
    assert "toy-note" in plugins.load().critics


def test_plugin_that_fails_to_import_is_named_and_exits_3(tmp_path: Path) -> None:
    folder = toy_plugin_dir(tmp_path, "import not_a_real_module_xyz\n", name="broken")
    (tmp_path / "n.md").write_text("# Toy\n\nA toy note.\n")
    good = toy_plugin_dir(tmp_path)  # same folder: the toy plugin loads beside the broken one
    assert good == folder
    result = run("review", str(tmp_path / "n.md"), "--plugins-dir", str(folder))
    assert result.exit_code == ExitCode.FAILED
    assert "broken.py failed to load: ModuleNotFoundError" in result.stderr
    assert "Traceback" not in result.stderr
    assert "toy-note" in result.stdout  # the other plugin still reviewed the file


def test_broken_entry_point_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _install_entry_point(tmp_path, monkeypatch, "toy_ep_broken", "raise RuntimeError('boom')\n")
    registry = plugins.load()
    assert any("plugin 'toy'" in str(e) and "boom" in str(e) for e in registry.errors)


def test_duplicate_kind_is_refused_naming_both(tmp_path: Path) -> None:
    folder = toy_plugin_dir(tmp_path)
    toy_plugin_dir(tmp_path, TOY_PLUGIN, name="toy_again")
    registry = plugins.load([folder])
    assert registry.critics["toy-note"] is not None
    assert any("'toy_again' registers kind 'toy-note', which plugin 'toy' already provides"
               in str(e) for e in registry.errors)
    result = run("plugins", "--plugins-dir", str(folder))
    assert result.exit_code == ExitCode.FAILED


def test_misspelled_hook_fails_loudly(tmp_path: Path) -> None:
    source = "from pmcoach import hookimpl\n\n@hookimpl\ndef register_critic(register):\n    pass\n"
    folder = toy_plugin_dir(tmp_path, source, name="typo")
    registry = plugins.load([folder])
    assert any("'typo'" in str(e) and "register_critic" in str(e) for e in registry.errors)


def test_hook_that_raises_is_named(tmp_path: Path) -> None:
    source = ("from pmcoach import hookimpl\n\n@hookimpl\ndef register_critics(register):\n"
              "    raise ValueError('bad rubric')\n")
    registry = plugins.load([toy_plugin_dir(tmp_path, source, name="raiser")])
    assert any("'raiser' failed in register_critics: ValueError: bad rubric" in str(e)
               for e in registry.errors)


def test_registering_something_that_is_not_a_critic(tmp_path: Path) -> None:
    source = ("from pmcoach import hookimpl\n\n@hookimpl\ndef register_critics(register):\n"
              "    register('case-study')\n")
    registry = plugins.load([toy_plugin_dir(tmp_path, source, name="wrong")])
    assert any("which is not a Critic" in str(e) for e in registry.errors)


def test_critic_that_crashes_on_a_file_fails_only_that_file(tmp_path: Path) -> None:
    source = TOY_PLUGIN.replace("todos = [", "1 / 0\n        todos = [")
    folder = toy_plugin_dir(tmp_path, source, name="crashy")
    (tmp_path / "n.md").write_text("# Toy\n\nA toy note.\n")
    result = run("review", str(tmp_path / "n.md"), "--plugins-dir", str(folder))
    assert result.exit_code == ExitCode.FAILED
    assert "critic 'toy-note' failed on this file: ZeroDivisionError" in result.stderr


def test_critic_skipping_a_criterion_is_a_plugin_error(tmp_path: Path) -> None:
    source = TOY_PLUGIN.replace("return [no_todo, heading]", "return [no_todo]")
    folder = toy_plugin_dir(tmp_path, source, name="partial")
    (tmp_path / "n.md").write_text("# Toy\n\nA toy note.\n")
    result = run("review", str(tmp_path / "n.md"), "--plugins-dir", str(folder))
    assert result.exit_code == ExitCode.FAILED
    assert "missing: has-heading" in result.stderr


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    source = TOY_PLUGIN.replace("todos = [", "1 / 0\n        todos = [")
    folder = toy_plugin_dir(tmp_path, source, name="crashy")
    (tmp_path / "n.md").write_text("# Toy\n\nA toy note.\n")
    result = run("review", str(tmp_path / "n.md"), "--plugins-dir", str(folder), "--debug")
    assert result.exit_code == ExitCode.FAILED
    assert "Traceback" in result.stderr and "1 / 0" in result.stderr


def test_every_hookspec_is_implemented_by_some_test_or_builtin() -> None:
    specs = {name for name in dir(hookspecs) if name.startswith("register_")}
    assert specs == {"register_critics", "register_prompt_dirs", "register_formatters",
                     "register_engines", "register_rule_functions"}


def test_broken_builtin_fails_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plugins, "BUILTIN_PLUGINS",
                        ("pmcoach.formats", "pmcoach_no_such_builtin", "pmcoach_decision"))
    registry = plugins.load()
    assert "decision" in registry.critics and "text" in registry.formatters
    assert any("built-in plugin 'pmcoach_no_such_builtin' failed to load" in str(e)
               for e in registry.errors)


def test_the_old_module_paths_still_work_with_a_warning() -> None:
    """0.1 plugin tests imported pmcoach.runner and pmcoach.prompts: still importable,
    with a DeprecationWarning naming the new home (docs/plugins.md)."""
    import importlib
    import sys

    for old, new in (("pmcoach.runner", "pmcoach.pipeline"),
                     ("pmcoach.prompts", "pmcoach.coach.prompts")):
        sys.modules.pop(old, None)
        with pytest.warns(DeprecationWarning, match=new):
            module = importlib.import_module(old)
        assert module.__all__


def test_a_loose_plugin_named_like_an_installed_one_is_reported(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _install_entry_point(tmp_path, monkeypatch, "toy_ep_named", TOY_PLUGIN)
    (tmp_path / "loose").mkdir()
    folder = toy_plugin_dir(tmp_path / "loose", TOY_PLUGIN, name="toy")
    registry = plugins.load([folder])
    assert any("plugin 'toy' from" in str(e) and "already has that name" in str(e)
               for e in registry.errors), registry.errors
