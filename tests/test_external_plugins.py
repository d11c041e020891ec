"""External plugins for real: pip-install them into a fresh venv next to pmcoach.

Covers the example team plugin (examples/team-plugin) and the package that
`pmcoach plugins new` scaffolds: each is installed from its folder, shows up in
`pmcoach plugins`, reviews a document of its kind, and passes its own tests.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from helpers import detected, run

ROOT = Path(__file__).resolve().parent.parent
TEAM_PLUGIN = ROOT / "examples" / "team-plugin"
DETECTION = ROOT / "tests" / "data" / "detection"
#: Launch retros written apart from the plugin's own examples (no front matter).
RETROS = DETECTION / "launch-retro-test"
#: A labelled set of the built-in kinds (blind split 1, development data since scored).
LABELLED = DETECTION / "blind-1"

pytestmark = pytest.mark.slow


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PMCOACH_")}
    env.update(PIP_DISABLE_PIP_VERSION_CHECK="1", NO_COLOR="1", PYTHONDONTWRITEBYTECODE="1")
    return env


def _run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], cwd=cwd, env=_env(), text=True,
                          capture_output=True, timeout=900)


@pytest.fixture(scope="module")
def env_bin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A venv holding pmcoach installed (not editable) from this checkout, and pytest."""
    where = tmp_path_factory.mktemp("venv") / "env"
    venv.EnvBuilder(with_pip=True).create(where)
    bin_dir = where / ("Scripts" if sys.platform == "win32" else "bin")
    done = _run(bin_dir / "python", "-m", "pip", "install", "-q", ROOT, "pytest>=8")
    assert done.returncode == 0, done.stdout + done.stderr
    return bin_dir


def _install_and_test(bin_dir: Path, package: Path) -> None:
    done = _run(bin_dir / "python", "-m", "pip", "install", "-q", package)
    assert done.returncode == 0, done.stdout + done.stderr
    # The package's own tests, against the installed plugin (not the source folder).
    tests = _run(bin_dir / "python", "-m", "pytest", "-q", "-p", "no:cacheprovider",
                 package / "tests", cwd=package)
    assert tests.returncode == 0, tests.stdout + tests.stderr


def test_team_plugin_installs_lists_and_reviews(env_bin: Path, tmp_path: Path) -> None:
    package = tmp_path / "team-plugin"
    shutil.copytree(TEAM_PLUGIN, package, ignore=shutil.ignore_patterns("__pycache__"))
    _install_and_test(env_bin, package)
    listed = _run(env_bin / "pmcoach", "plugins")
    assert listed.returncode == 0, listed.stderr
    assert "launch-retro 0.1.0 (entry point)" in listed.stdout
    assert "kinds: launch-retro, experiment-readout" in listed.stdout
    retro = tmp_path / "retro.md"
    retro.write_text("# Launch retro\n\nThe launch happened.\n\n## Action items\n"
                     "- Do better next time\n")
    reviewed = _run(env_bin / "pmcoach", "review", "--offline", retro)
    assert reviewed.returncode == 1, reviewed.stdout + reviewed.stderr
    assert f"{retro}: launch-retro, score " in reviewed.stdout  # its kind found by content
    assert "launch-retro (content" in _run(env_bin / "pmcoach", "review", "--offline", "-v",
                                           retro).stdout
    assert f"{retro}:6: error [action-items]" in reviewed.stdout or \
        f"{retro}:6: warning [action-items]" in reviewed.stdout


def _kinds(output: str) -> dict[str, str | None]:
    return {Path(r["path"]).name: r["kind"] for r in json.loads(output)["results"]}


def test_team_kind_is_detected_and_the_built_ins_keep_their_accuracy(env_bin: Path) -> None:
    """Retros the plugin never saw are detected without front matter, and installing the
    plugin does not cost the built-in kinds any accuracy on a labelled set."""
    done = _run(env_bin / "python", "-m", "pip", "install", "-q", TEAM_PLUGIN)
    assert done.returncode == 0, done.stdout + done.stderr
    retros = _run(env_bin / "pmcoach", "detect", "--format", "json", RETROS)
    assert retros.returncode == 0, retros.stderr
    found = _kinds(retros.stdout)
    assert len(found) == 10 and sum(k == "launch-retro" for k in found.values()) >= 9, found

    labelled = {p.name: p.parent.name for p in LABELLED.glob("*/*") if p.parent.name != "none"}
    with_plugin = _kinds(_run(env_bin / "pmcoach", "detect", "--format", "json",
                              LABELLED).stdout)
    without = {p.name: detected(p.read_text(), str(p)) for p in LABELLED.glob("*/*")}

    def accuracy(kinds: dict[str, str | None]) -> float:
        return sum(kinds[name] == kind for name, kind in labelled.items()) / len(labelled)

    assert accuracy(with_plugin) == accuracy(without) >= 0.95


@pytest.mark.parametrize("flags", [(), ("--data",)], ids=["python", "data"])
def test_scaffolded_plugin_passes_its_own_tests(env_bin: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch,
                                                flags: tuple[str, ...]) -> None:
    monkeypatch.chdir(tmp_path)
    created = run("plugins", "new", "okr-review", *flags)
    assert created.exit_code == 0, created.stderr
    package = tmp_path / "pmcoach-okr-review"
    assert (package / "src" / "pmcoach_okr_review" / "prompts" / "okr-review" / "v1.md.j2"
            ).is_file()
    assert (package / "src" / "pmcoach_okr_review" / "okr-review.yaml").is_file() == \
        bool(flags)
    _install_and_test(env_bin, package)
    assert "okr-review" in _run(env_bin / "pmcoach", "plugins").stdout
    if flags:
        tested = _run(env_bin / "pmcoach", "test-rules",
                      package / "src" / "pmcoach_okr_review" / "okr-review.yaml")
        assert tested.returncode == 0 and ": ok" in tested.stdout, tested.stdout
    _run(env_bin / "python", "-m", "pip", "uninstall", "-y", "-q", "pmcoach-okr-review")
    again = run("plugins", "new", "okr-review", *flags)
    assert again.exit_code == 2 and "not overwritten" in again.stderr


def test_plugins_new_refuses_a_bad_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                        ) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("plugins", "new", "OKR Review")
    assert result.exit_code == 2 and "not a kind id" in result.stderr
    assert list(tmp_path.iterdir()) == []
