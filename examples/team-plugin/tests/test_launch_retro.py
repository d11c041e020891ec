"""The launch-retro plugin's own tests, written with pmcoach.testing (no model, no network).

Run them after installing the plugin: ``pip install -e '.[test]' && pytest``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pmcoach import plugins
from pmcoach.coach.prompts import PromptLibrary
from pmcoach.document import Document
from pmcoach.pipeline import ReviewOptions, review_document
from pmcoach.testing import FakeEngine, review_text

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

STRONG = """\
# Team billing launch: retrospective

## Goals
We aimed for 2,000 paying teams and a checkout error rate under 1% by June 30.

## Results
We reached 1,400 paying teams by June 30, and the error rate landed at 0.6%.

## What went well
The beta with 40 design partners worked because it caught the invoice bugs early.

## What went wrong
Sign-ups missed the target because the pricing page launched two weeks late; the root
cause was that legal review started after the design was final.

## Action items
- Start legal review at the first design review (@maria, by 2026-07-15)
- Add a launch checklist item for pricing pages (@sam, by Aug 1)
"""

WEAK = """\
# Launch retro

The launch happened. Some things were good and some were not.

## Action items
- Do better next time
"""


@pytest.fixture(scope="module")
def registry() -> plugins.Registry:
    return plugins.load()


def _offline(text: str, registry: plugins.Registry) -> dict[str, str]:
    review = review_document(Document.from_text(text, "retro.md"), registry, ReviewOptions())
    return {c.id: c.verdict.value for c in review.criteria}


def test_plugin_is_installed_with_its_kind_and_prompts(registry: plugins.Registry) -> None:
    assert not registry.errors
    assert {"launch-retro", "experiment-readout"} <= set(registry.critics)
    info = next(p for p in registry.plugins if "launch-retro" in p.kinds)
    assert info.source == "entry point"
    assert info.prompt_dirs and info.prompt_dirs[0].endswith("prompts")


def test_detects_a_retro_from_its_signature(registry: plugins.Registry) -> None:
    from pmcoach.detect import detect

    assert detect(Document.from_text(STRONG), registry.critics).kind == "launch-retro"
    assert detect(Document.from_text(WEAK), registry.critics).kind == "launch-retro"


def test_every_rule_example_and_every_rewrite(registry: plugins.Registry) -> None:
    """What `pmcoach test-rules` does: each rule's fires/silent examples, and each rewrite
    applied to the example documents turns its criterion to met."""
    from pmcoach.rules.runtests import report

    critics = [registry.critic(kind) for kind in ("launch-retro", "experiment-readout")]
    lines, failed = report(critics, [EXAMPLES])
    assert not failed, "\n".join(lines)


def test_the_python_rule_reads_sample_sizes(registry: plugins.Registry) -> None:
    def sample(text: str) -> str:
        review = review_document(Document.from_text(text, "readout.md"), registry,
                                 ReviewOptions(kind="experiment-readout"))
        return next(c.verdict.value for c in review.criteria if c.id == "sample")

    assert sample("Each arm had 12,000 visitors.") == "met"
    assert sample("We ran it on n = 240.") == "partial"
    assert sample("The test ran for two weeks.") == "missing"


def test_offline_checks(registry: plugins.Registry) -> None:
    assert set(_offline(STRONG, registry).values()) == {"met"}
    weak = _offline(WEAK, registry)
    assert weak["goals"] == "missing" and weak["action-items"] == "partial"


def test_unowned_action_is_pointed_at(registry: plugins.Registry) -> None:
    review = review_document(Document.from_text(WEAK, "retro.md"), registry, ReviewOptions())
    finding = next(f for f in review.findings if f.criterion == "action-items")
    assert (finding.line, finding.quote) == (6, "Do better next time")


def test_prompt_template_renders_and_is_locked(registry: plugins.Registry) -> None:
    library = PromptLibrary.discover(registry.prompt_dirs)
    assert library.problems() == []
    template = library.get("launch-retro")
    assert (template.id, template.released) == ("launch-retro/v1", True)
    engine = FakeEngine()
    review = review_text(STRONG, registry, engine, kind="launch-retro")
    request = engine.history[0]
    assert request.prompt.id == "launch-retro/v1"
    assert "Launch retrospective" in request.prompt.user
    assert [c.id for c in review.criteria] == registry.critic("launch-retro").rubric.ids
