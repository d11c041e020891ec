"""Project configuration: discovery, validation, precedence, `pmcoach config` and `init`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import run, run_json, toy_plugin_dir

from pmcoach import config as config_loader
from pmcoach.errors import ConfigError, ExitCode

TODO_NOTE = "A toy note.\n\nTODO: finish this.\n"
NO_HEADING = "A toy note with no heading.\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _pyproject(root: Path, body: str) -> Path:
    path = root / "pyproject.toml"
    path.write_text(f'[project]\nname = "portfolio"\n\n[tool.pmcoach]\n{body}')
    return path


def test_found_by_walking_up_and_pmcoach_toml_wins(project: Path) -> None:
    _pyproject(project, 'fail-on = "warning"\n')
    deep = project / "a" / "b"
    deep.mkdir(parents=True)
    assert config_loader.find(deep, {}) == (project / "pyproject.toml").resolve()
    (project / ".pmcoach.toml").write_text('fail-on = "info"\n')
    config = config_loader.load(deep, {})
    assert config.settings.fail_on == "info"


def test_pyproject_without_table_is_passed_over(project: Path) -> None:
    (project / ".pmcoach.toml").write_text('jobs = 2\n')
    inner = project / "inner"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert config_loader.load(inner, {}).settings.jobs == 2


def test_env_names_the_file_or_turns_it_off(project: Path) -> None:
    other = project / "elsewhere.toml"
    other.write_text('fail-on = "never"\n')
    _pyproject(project, 'fail-on = "warning"\n')
    assert config_loader.load(project, {"PMCOACH_CONFIG": str(other)}).settings.fail_on == "never"
    assert config_loader.load(project, {"PMCOACH_CONFIG": "none"}).path is None
    with pytest.raises(ConfigError, match="no such file"):
        config_loader.load(project, {"PMCOACH_CONFIG": str(project / "missing.toml")})


@pytest.mark.parametrize("body, key, words", [
    ('fial-on = "error"\n', "fial-on", "did you mean 'fail-on'"),
    ('fail-on = "fatal"\n', "fail-on", "'fatal'"),
    ("jobs = 0\n", "jobs", "greater than or equal to 1"),
    ('jobs = "many"\n', "jobs", "integer"),
    ('disable = ["Not An Id"]\n', "disable", "kind.criterion"),
    ('[tool.pmcoach.kinds]\n"*.md" = "Case Study"\n', "kinds", "not a kind id"),
    ('[tool.pmcoach.severity]\nreflection = "fatal"\n', "severity.reflection", "'fatal'"),
])
def test_bad_keys_and_values_name_file_and_key(project: Path, body: str, key: str,
                                               words: str) -> None:
    path = _pyproject(project, body)
    with pytest.raises(ConfigError) as caught:
        config_loader.load(project, {})
    message = str(caught.value)
    assert message.startswith(f"{path} [tool.pmcoach]: {key}: ")
    assert words in message


def test_invalid_toml_is_a_config_error(project: Path) -> None:
    (project / ".pmcoach.toml").write_text("fail-on = \n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        config_loader.load(project, {})


def test_globs() -> None:
    match = [("case-studies/**/*.md", "case-studies/a.md", True),
             ("case-studies/**/*.md", "case-studies/x/y/a.md", True),
             ("README.md", "sub/README.md", True),
             ("drafts/", "drafts/x/y.md", True),
             ("docs/*.md", "docs/x/a.md", False),
             ("*.txt", "a.md", False)]
    for glob, path, expected in match:
        assert bool(config_loader.glob_regex(glob).match(path)) is expected, (glob, path)


def test_kinds_exclude_disable_and_severity_apply(project: Path) -> None:
    toy = toy_plugin_dir(project)
    (project / "notes").mkdir()
    # Content detection would fail here (no "toy" in the text): the glob supplies the kind.
    (project / "notes" / "n.md").write_text("Some words.\n\nTODO: finish.\n")
    (project / "notes" / "draft.md").write_text("TODO everywhere\n")
    _pyproject(project, 'exclude = ["notes/draft.md"]\n'
                        '[tool.pmcoach.kinds]\n"notes/*.md" = "toy-note"\n'
                        '[tool.pmcoach.disable]\n'
                        '"toy-note.has-heading" = "our notes have no headings"\n'
                        '[tool.pmcoach.severity]\n"no-todo" = "warning"\n')
    result, report = run_json("review", "notes", "--plugins-dir", str(toy))
    assert [r["path"] for r in report["results"]] == [str(Path("notes") / "n.md")]
    review = report["results"][0]
    assert review["detection"]["source"] == "config"
    heading = next(c for c in review["criteria"] if c["id"] == "has-heading")
    assert heading["suppressed"] == {"reason": "our notes have no headings", "source": "config",
                                     "line": None}
    assert {f["criterion"]: f["severity"] for f in review["findings"]} == {"no-todo": "warning"}
    assert result.exit_code == ExitCode.OK  # the error became a warning; fail-on is error
    # The explicitly named excluded file is skipped too (pre-commit names files).
    result, report = run_json("review", "notes/draft.md", "--plugins-dir", str(toy))
    assert report["results"] == [] and result.exit_code == ExitCode.OK


def test_command_line_beats_env_beats_file(project: Path, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    toy = toy_plugin_dir(project)
    (project / "n.md").write_text(NO_HEADING)
    _pyproject(project, 'fail-on = "warning"\n')
    assert run("review", "n.md", "--plugins-dir", str(toy)).exit_code == ExitCode.FINDINGS
    monkeypatch.setenv("PMCOACH_FAIL_ON", "error")
    assert run("review", "n.md", "--plugins-dir", str(toy)).exit_code == ExitCode.OK
    assert run("review", "n.md", "--plugins-dir", str(toy), "--fail-on", "warning"
               ).exit_code == ExitCode.FINDINGS


def test_unknown_kind_or_criterion_in_config_is_a_usage_error(project: Path) -> None:
    toy = toy_plugin_dir(project)
    (project / "n.md").write_text(NO_HEADING)
    _pyproject(project, 'disable = ["no-tdo"]\n')
    result = run("review", "n.md", "--plugins-dir", str(toy))
    assert result.exit_code == ExitCode.USAGE
    assert "[tool.pmcoach]: disable: 'no-tdo': no criterion 'no-tdo'" in result.stderr
    assert "did you mean 'no-todo'" in result.stderr
    assert "Traceback" not in result.stderr


def test_config_command_shows_values_and_sources(project: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    _pyproject(project, 'fail-on = "warning"\njobs = 3\n')
    monkeypatch.setenv("PMCOACH_JOBS", "5")
    result = run("config")
    assert result.exit_code == 0
    assert "pyproject.toml [tool.pmcoach]" in result.stdout
    lines = {line.split()[0]: line for line in result.stdout.splitlines()[1:] if line.strip()}
    assert lines["fail-on"].endswith("pyproject.toml") and '"warning"' in lines["fail-on"]
    assert lines["jobs"].endswith("env PMCOACH_JOBS")
    assert lines["model"].endswith("default")
    data = json.loads(run("config", "--json").stdout)
    assert data["settings"]["fail-on"] == {"value": "warning", "source": "pyproject.toml"}


def test_init_writes_a_valid_commented_config_once(project: Path) -> None:
    result = run("init")
    assert result.exit_code == 0
    assert "repos:" in result.stdout and "id: pmcoach-offline" in result.stdout
    text = (project / ".pmcoach.toml").read_text()
    assert text.count("#") > 10
    assert config_loader.load(project, {}).settings.fail_on == "error"
    (project / ".pmcoach.toml").write_text("# mine\n")
    again = run("init")
    assert again.exit_code == ExitCode.USAGE
    assert "not overwritten" in again.stderr
    assert (project / ".pmcoach.toml").read_text() == "# mine\n"


def test_init_refuses_when_pyproject_has_settings(project: Path) -> None:
    _pyproject(project, 'jobs = 2\n')
    assert run("init").exit_code == ExitCode.USAGE
    assert not (project / ".pmcoach.toml").exists()
