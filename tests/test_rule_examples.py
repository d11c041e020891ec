"""Every rule of every installed data kind, run on its own examples (textlint-style), and
every rewrite pmcoach suggests, applied and checked again."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pmcoach.document import Document
from pmcoach.plugins import load
from pmcoach.rules import DataCritic
from pmcoach.rules.tester import cases, check_rewrites, example_documents, run_case, untested

ROOT = Path(__file__).resolve().parent.parent
CRITICS = {k: c for k, c in load().critics.items() if isinstance(c, DataCritic)}
CASES = [(critic, case) for critic in CRITICS.values() for case in cases(critic)]


def test_built_in_kinds_are_data() -> None:
    assert "manager-update" in CRITICS


@pytest.mark.parametrize(("critic", "case"), CASES, ids=[case.name for _, case in CASES])
def test_rule_example(critic: DataCritic, case) -> None:  # type: ignore[no-untyped-def]
    failure = run_case(critic, case)
    assert failure is None, f"{case.name}: {failure}\n--- example ---\n{case.text}"


@pytest.mark.parametrize("kind", sorted(CRITICS))
def test_every_rule_has_examples_both_ways(kind: str) -> None:
    assert list(untested(CRITICS[kind])) == []


def _documents(kind: str) -> list[Document]:
    paths = sorted((ROOT / "examples" / kind).glob("*.*"))
    for folder in ("eval", "eval-holdout", "eval-dev2", "eval-dev3"):
        labels = yaml.safe_load((ROOT / "examples" / folder / "labels.yaml").read_text())
        paths += [ROOT / "examples" / folder / d["path"] for d in labels["documents"]
                  if d["kind"] == kind]
    return [Document.from_text(p.read_text(encoding="utf-8"), str(p.relative_to(ROOT)))
            for p in paths]


@pytest.mark.parametrize("kind", sorted(CRITICS))
def test_every_rewrite_turns_its_criterion_to_met(kind: str) -> None:
    critic = CRITICS[kind]
    docs = [*_documents(kind), *example_documents(critic)]
    failures = [f for doc in docs for f in check_rewrites(critic, doc)]
    assert failures == []
