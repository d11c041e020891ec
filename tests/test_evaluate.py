"""`pmcoach eval`: agreement figures against a labelled set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from helpers import run, toy_plugin_dir

from pmcoach.errors import ExitCode

EVAL_SET = Path(__file__).resolve().parent.parent / "examples" / "eval"


def _labelled_set(tmp_path: Path) -> Path:
    folder = tmp_path / "set"
    folder.mkdir()
    (folder / "clean.md").write_text("# Toy\n\nA toy note.\n")
    (folder / "todo.md").write_text("A toy note about toys.\n\nTODO finish.\n")
    (folder / "recipe.md").write_text("# Toy\n\nBake the bread.\n")  # detection misses it
    labels = {"documents": [
        {"path": "clean.md", "kind": "toy-note",
         "verdicts": {"no-todo": "met", "has-heading": "met"}},
        # One label disagrees on purpose: the toy critic says partial for has-heading.
        {"path": "todo.md", "kind": "toy-note",
         "verdicts": {"no-todo": "missing", "has-heading": "missing"}},
        {"path": "recipe.md", "kind": "toy-note",
         "verdicts": {"no-todo": "met", "has-heading": "met"}},
    ]}
    (folder / "labels.yaml").write_text(yaml.safe_dump(labels))
    return folder


def test_eval_reports_agreement_and_disagreements(tmp_path: Path) -> None:
    folder = _labelled_set(tmp_path)
    plugins = toy_plugin_dir(tmp_path)
    result = run("eval", str(folder), "--plugins-dir", str(plugins), "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["documents"] == 3
    # recipe.md says "Toy" in its heading, so the toy critic detects all three.
    assert data["kind_accuracy"] == 1.0
    assert data["verdicts"] == {"n": 6, "exact": round(5 / 6, 4), "met_not_met": 1.0}
    assert data["by_criterion"]["toy-note.has-heading"]["exact"] == round(2 / 3, 4)
    assert data["disagreements"] == [
        "todo.md: toy-note.has-heading: labelled missing, got partial (no heading)"]


def test_eval_text_output_and_detection_misses(tmp_path: Path) -> None:
    folder = _labelled_set(tmp_path)
    (folder / "recipe.md").write_text("# Bread\n\nBake the bread.\n")
    result = run("eval", str(folder), "--plugins-dir", str(toy_plugin_dir(tmp_path)))
    assert "kind detection   67%" in result.stdout
    assert "recipe.md: kind: labelled toy-note, detected nothing" in result.stdout


def test_eval_rejects_labels_that_do_not_match_the_rubric(tmp_path: Path) -> None:
    folder = _labelled_set(tmp_path)
    labels = yaml.safe_load((folder / "labels.yaml").read_text())
    labels["documents"][0]["verdicts"]["made-up"] = "met"
    (folder / "labels.yaml").write_text(yaml.safe_dump(labels))
    result = run("eval", str(folder), "--plugins-dir", str(toy_plugin_dir(tmp_path)))
    assert result.exit_code == ExitCode.FAILED
    assert "unknown: ['made-up']" in result.stderr


def test_eval_without_labels_is_a_usage_error(tmp_path: Path) -> None:
    result = run("eval", str(tmp_path))
    assert result.exit_code == ExitCode.USAGE
    assert "no labels file" in result.stderr


@pytest.mark.parametrize("name", ["eval", "eval-holdout"])
def test_shipped_eval_sets_are_complete(name: str) -> None:
    from pmcoach import plugins

    folder = EVAL_SET.parent / name
    labels = yaml.safe_load((folder / "labels.yaml").read_text())
    critics = plugins.load().critics
    per_kind: dict[str, int] = {}
    for item in labels["documents"]:
        assert (folder / item["path"]).is_file(), item["path"]
        assert set(item["verdicts"]) == set(critics[item["kind"]].rubric.ids), item["path"]
        # Detection is measured, so no document may name its kind.
        assert "kind:" not in (folder / item["path"]).read_text().split("\n---", 1)[0]
        per_kind[item["kind"]] = per_kind.get(item["kind"], 0) + 1
    assert set(per_kind) == set(critics) and min(per_kind.values()) >= 4
