"""Helpers for the model-coaching tests: a stub critic, a registry, canned answers."""

from __future__ import annotations

import json
from typing import Any

from pmcoach import Criterion, CriterionResult, Critic, Rubric, Verdict
from pmcoach.engines.builtin import register_engines
from pmcoach.formats import register_formatters
from pmcoach.plugins import Registry
from pmcoach.review import Evidence

RUBRIC = Rubric(kind="decision", title="Decision write-up", criteria=tuple(
    Criterion(id=i, title=i.replace("-", " ").capitalize(), description=f"covers {i}")
    for i in ("decision-stated", "conditional-options", "situation-assessment",
              "recommendation", "stakeholder-views", "tradeoffs", "revisit-trigger")))
IDS = list(RUBRIC.ids)

DOC = """---
kind: decision
---
# Should we build our own billing?

It depends. If we stay under 50 enterprise customers, Stripe Billing is best.
If we pass 200, an in-house system is best.
We have 64 customers today and add about 5 a quarter, so Stripe Billing.
"""


class StubCritic(Critic):
    """Every criterion partial, with the heading as evidence: deterministic and tiny."""

    kind = "decision"
    title = "Decision write-up"
    rubric = RUBRIC
    prompt_version = 1

    def check(self, doc: Any) -> list[CriterionResult]:
        heading = doc.headings[0] if doc.headings else None
        evidence = [Evidence(line=heading.line, end_line=heading.end_line, quote=heading.text)
                    ] if heading else []
        return [CriterionResult(id=i, verdict=Verdict.PARTIAL, message=f"offline on {i}",
                                suggestion=f"do more {i}", evidence=evidence) for i in IDS]


def make_registry() -> Registry:
    registry = Registry()
    registry.critics["decision"] = StubCritic()
    register_engines(lambda e: registry.engines.__setitem__(e.name, e))
    register_formatters(lambda f: registry.formatters.__setitem__(f.name, f))
    return registry


def answer(verdict: str = "met", quote: str = "It depends.", **overrides: Any) -> dict:
    """A valid model answer: every criterion ``verdict`` quoting ``quote``, in the shape
    the schema asks for (``criteria`` keyed by id)."""
    criteria = {i: {"verdict": verdict, "message": f"model on {i}",
                    "suggestion": "" if verdict == "met" else f"model fix {i}",
                    "evidence": [{"quote": quote}]} for i in IDS}
    return {"criteria": criteria, "summary": "A clear conditional decision.", **overrides}


def listed(content: dict) -> dict:
    """The same answer in the older list shape (``[{"id": ..., ...}]``)."""
    return {**content, "criteria": [{"id": k, **v} for k, v in content["criteria"].items()]}


def completion(content: Any, *, finish_reason: str = "stop", refusal: str | None = None,
               prompt_tokens: int = 120, completion_tokens: int = 30) -> dict:
    """A chat.completions response body."""
    if not isinstance(content, str) and content is not None:
        content = json.dumps(content)
    return {
        "id": "chatcmpl-test", "object": "chat.completion", "created": 1700000000,
        "model": "gpt-test",
        "choices": [{"index": 0, "finish_reason": finish_reason, "logprobs": None,
                     "message": {"role": "assistant", "content": content,
                                 "refusal": refusal}}],
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                  "total_tokens": prompt_tokens + completion_tokens},
    }
