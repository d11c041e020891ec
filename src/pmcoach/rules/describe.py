"""``pmcoach rubric KIND.CRITERION``: one criterion's rules, verdict table and examples."""

from __future__ import annotations

from .kind import DataCritic
from .schema import CompareRule, MetricRule, PhrasesRule, PythonRule, SectionRule, SequenceRule

_SHOWN_PHRASES = 8


def _phrases(items: list[str] | None) -> str:
    items = items or []
    more = f", … (+{len(items) - _SHOWN_PHRASES})" if len(items) > _SHOWN_PHRASES else ""
    return ", ".join(items[:_SHOWN_PHRASES]) + more


def _what(rule: object) -> str:
    """The rule's own keys, in a line."""
    if isinstance(rule, PhrasesRule):
        parts = [f"any of: {_phrases(rule.any)}"] if rule.any else []
        parts += [f"and one of: {_phrases(group)}" for group in rule.all or ()]
        return "; ".join(parts) + (f" (in one {rule.unit})" if rule.all else "")
    if isinstance(rule, SequenceRule):
        return " … then ".join(_phrases(step) for step in rule.steps) + f" (in one {rule.unit})"
    if isinstance(rule, MetricRule):
        bounds = [f"above {rule.above}" if rule.above is not None else "",
                  f"below {rule.below}" if rule.below is not None else ""]
        return f"{rule.measure} {' and '.join(b for b in bounds if b)}"
    if isinstance(rule, CompareRule):
        return f"{rule.rule} at least {rule.factor:g}x as often as {rule.than}"
    if isinstance(rule, SectionRule):
        return f"a section headed like: {_phrases(rule.headings)}"
    assert isinstance(rule, PythonRule)
    return f"function {rule.function}({', '.join(f'{k}={v!r}' for k, v in rule.options.items())})"


def _filters(rule: object) -> list[str]:
    out = []
    for key in ("scope", "sections", "within", "has", "unless", "question", "min_words",
                "min", "max", "distinct"):
        value = getattr(rule, key)
        default = {"scope": "body", "min": 1, "distinct": "sentence"}.get(key)
        if value is not None and value != default:
            out.append(f"{key}: {_phrases(value) if isinstance(value, list) else value}")
    return out


def describe_criterion(critic: DataCritic, criterion_id: str) -> str:
    """A plain-text page about one criterion of a data kind."""
    spec = critic.criterion(criterion_id).spec
    lines = [f"{critic.kind}.{spec.id}: {spec.title}", f"  {spec.description}",
             f"  defined in {critic.source}", "", "rules:"]
    for rule in spec.rules:
        lines.append(f"  {rule.id} ({rule.type}): {rule.description}")
        lines += [f"      {what}" for what in [_what(rule)] if what]
        lines += [f"      {text}" for text in _filters(rule)]
        for expect in ("fires", "silent"):
            for example in getattr(rule.examples, expect):
                lines.append(f"      {expect}: {str(example)[:90]!r}")
    lines += ["", "verdicts (the first row that holds decides):"]
    for row in spec.verdicts:
        lines.append(f"  {row.verdict:<8} if {row.if_ or '(otherwise)'}"
                     + (f"   [{row.id}]" if row.id else ""))
        lines.append(f"      {row.message}")
        if row.suggestion:
            lines.append(f"      -> {row.suggestion}")
        if row.rewrite:
            lines.append(f"      rewrite ({row.rewrite.at}): {row.rewrite.text}")
    return "\n".join(lines) + "\n"
