"""A criterion's verdict table: conditions over its rules, and findings worded from matches.

``if`` is a small boolean language over the criterion's rule ids: ``and``, ``or``, ``not``
and parentheses (``specific and not many-items``). Messages, suggestions and rewrites are
templates: ``{rule.quote}`` is the sentence the rule matched first, and so on (see
:data:`FIELDS`), so advice uses the writer's own words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from ..checks import QUANTITY, evidence
from ..document import Document, Span
from ..review import CriterionResult, Finding, Rewrite, Severity, Verdict
from .engine import Match
from .schema import VerdictRow

#: The most findings one verdict row reports with ``each``.
MAX_FINDINGS = 10
_TOKEN = re.compile(r"\s*(\(|\)|,|[1-9]|[a-z][a-z0-9-]*)")
Condition = Callable[[Mapping[str, bool]], bool]

#: What a template may ask of a rule's matches.
FIELDS = {
    "quote": "the first sentence it matched",
    "short": "that sentence's first twelve words",
    "clause": "that sentence without its closing punctuation (to continue it)",
    "match": "the words that matched in it",
    "list": "every distinct matched phrase, as 'a, b and c'",
    "count": "how many distinct matches",
    "number": "the first figure in that sentence",
    "heading": "the heading of the section it is in",
    "value": "what a metric measured",
}
_REF = r"[a-z][a-z0-9-]*(?:\.[a-z]+)?"
# {rule.field}, or {a.field|b.field}: the first alternative that is not empty.
_PLACEHOLDER = re.compile(rf"\{{({_REF}(?:\|{_REF})*)\}}")


class ConditionError(ValueError):
    """An ``if`` that does not parse, or names a rule the criterion does not have."""


def parse_condition(text: str, known: Sequence[str]) -> tuple[Condition, list[str]]:
    """Compile ``text``; also return the rule ids it names outside a ``not``."""
    tokens = [m.group(1) for m in _TOKEN.finditer(text)]
    if "".join(tokens) != re.sub(r"\s+", "", text):
        raise ConditionError(f"cannot read condition {text!r}: use rule ids, and, or, not, (), "
                             "and 'N of (a, b, c)'")
    pos = 0
    positive: list[str] = []

    def peek() -> str | None:
        return tokens[pos] if pos < len(tokens) else None

    def take() -> str:
        nonlocal pos
        if pos >= len(tokens):
            raise ConditionError(f"condition {text!r} ends too early")
        pos += 1
        return tokens[pos - 1]

    def disjunction(negated: bool) -> Condition:
        parts = [conjunction(negated)]
        while peek() == "or":
            take()
            parts.append(conjunction(negated))
        return parts[0] if len(parts) == 1 else (lambda f: any(p(f) for p in parts))

    def conjunction(negated: bool) -> Condition:
        parts = [atom(negated)]
        while peek() == "and":
            take()
            parts.append(atom(negated))
        return parts[0] if len(parts) == 1 else (lambda f: all(p(f) for p in parts))

    def atom(negated: bool) -> Condition:
        token = take()
        if token.isdigit():
            return at_least(int(token), negated)
        if token == "not":
            inner = atom(not negated)
            return lambda f: not inner(f)
        if token == "(":
            inner = disjunction(negated)
            if take() != ")":
                raise ConditionError(f"condition {text!r}: missing ')'")
            return inner
        if token not in known:
            raise ConditionError(f"condition {text!r} names {token!r}, which is not a rule of "
                                 f"this criterion ({', '.join(known) or 'it has none'})")
        if not negated:
            positive.append(token)
        return lambda f: f[token]

    def at_least(count: int, negated: bool) -> Condition:
        # "2 of (a, b, c)": at least two of the listed conditions hold.
        if take() != "of" or take() != "(":
            raise ConditionError(f"condition {text!r}: write '{count} of (a, b, ...)'")
        parts = [disjunction(negated)]
        while peek() == ",":
            take()
            parts.append(disjunction(negated))
        if take() != ")":
            raise ConditionError(f"condition {text!r}: missing ')'")
        return lambda f: sum(p(f) for p in parts) >= count

    condition = disjunction(False)
    if pos != len(tokens):
        raise ConditionError(f"condition {text!r}: unexpected {tokens[pos]!r}")
    return condition, positive


def check_template(template: str, known: Sequence[str], suggestion: bool = False) -> None:
    """Refuse placeholders that name no rule or no field (at load, not mid-review):
    ``{rewrite}`` belongs in a suggestion only, and ``{words}``/``{title}`` take no field."""
    refs = [ref.partition(".") for group in _PLACEHOLDER.findall(template)
            for ref in group.split("|")]
    own = ("words", "title", *(("rewrite",) if suggestion else ()))
    for name, _, field in refs:
        if name not in (*known, *own):
            raise ConditionError(f"template {template[:40]!r}… names {{{name}}}, which is not "
                                 "a rule of this criterion"
                                 + (" ({rewrite} goes in a suggestion)" if name == "rewrite"
                                    else ""))
        if field and name in own and name not in known:
            raise ConditionError(f"template {template[:40]!r}… asks for {{{name}.{field}}}; "
                                 f"{{{name}}} takes no field")
        if field and field not in FIELDS:
            raise ConditionError(f"template {template[:40]!r}… asks for .{field}; known "
                                 f"fields: {', '.join(FIELDS)}")


def _join(items: Sequence[str]) -> str:
    items = list(dict.fromkeys(items))
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _field(matches: Sequence[Match], field: str) -> str:
    if not matches:
        return ""
    first = matches[0]
    quote = " ".join(first.span.text.split()) if first.span else ""
    values: dict[str, Callable[[], str]] = {
        "quote": lambda: quote,
        "short": lambda: " ".join(quote.split()[:12]) + ("…" if len(quote.split()) > 12 else ""),
        "clause": lambda: quote.rstrip(" .!?;:*_"),
        "match": lambda: " ".join(first.text.split()),
        "list": lambda: _join([" ".join(m.text.split()) for m in matches]),
        "count": lambda: str(len({id(m.span) for m in matches})),
        "number": lambda: next((q.group(0).strip() for q in QUANTITY.finditer(quote)), ""),
        "heading": lambda: first.sentence.block.section if first.sentence else "",
        "value": lambda: str(first.value if first.value is not None else len(matches)),
    }
    return values[field]()


def render(template: str, found: Mapping[str, Sequence[Match]], doc: Document,
           extra: Mapping[str, str] | None = None) -> str:
    """Fill a template from the rules' matches and the document."""
    known = {"words": str(doc.word_count), "title": doc.title, **(extra or {})}

    def value(ref: str) -> str:
        name, _, field = ref.partition(".")
        if name in known and not field:
            return known[name]
        return _field(found.get(name, ()), field or "quote")

    def fill(m: re.Match[str]) -> str:
        return next((text for text in map(value, m.group(1).split("|")) if text), "")
    return _PLACEHOLDER.sub(fill, template)


@dataclass
class CompiledRow:
    spec: VerdictRow
    condition: Condition | None
    positive: list[str]

    @property
    def name(self) -> str:
        return self.spec.id or (self.positive[0] if self.positive else self.spec.verdict)

    def holds(self, fired: Mapping[str, bool]) -> bool:
        return self.condition is None or self.condition(fired)


def compile_row(spec: VerdictRow, known: Sequence[str]) -> CompiledRow:
    condition, positive = parse_condition(spec.if_, known) if spec.if_ else (None, [])
    for rid in [*(spec.evidence or ()), *([spec.anchor] if spec.anchor else [])]:
        if rid not in known:
            raise ConditionError(f"verdict row names rule {rid!r}, which this criterion lacks")
    for template in (spec.message, spec.rewrite.text if spec.rewrite else ""):
        check_template(template, known)
    check_template(spec.suggestion, known, suggestion=True)
    return CompiledRow(spec, condition, positive)


def decide(criterion: str, kind: str, rows: Sequence[CompiledRow], doc: Document,
           found: Mapping[str, list[Match]], fired: Mapping[str, bool]) -> CriterionResult:
    """The first row that holds, as a criterion result with its evidence and finding."""
    row = next(r for r in rows if r.holds(fired))
    spec = row.spec
    sources = spec.evidence if spec.evidence is not None else \
        [rid for rid in row.positive if fired.get(rid)]
    spans = [m.span for rid in sources for m in found.get(rid, ()) if m.span is not None]
    anchor_rule = spec.anchor or next((rid for rid in sources if found.get(rid)), None)
    anchor = _anchor(anchor_rule, found)
    rewrite = _rewrite(spec, anchor, found, doc)
    suggestion = _suggestion(spec.suggestion, rewrite, found, doc)
    message = render(spec.message, found, doc)
    verdict = Verdict(spec.verdict)
    findings = [] if verdict is Verdict.MET and not spec.each else [
        Finding(criterion=criterion, rule=row.name,
                severity=Severity(spec.severity) if spec.severity else
                Severity.for_verdict(verdict),
                line=at.line if at else None, end_line=at.end_line if at else None,
                quote=at.text if at else None, message=message, suggestion=suggestion,
                rewrite=rewrite if at is anchor else None)
        for at in _anchors(spec, anchor, anchor_rule, found)]
    return CriterionResult(
        id=criterion, verdict=verdict, message=message, suggestion=suggestion,
        evidence=evidence(sorted(spans, key=lambda s: s.line)), findings=findings,
        rule=row.name)


def _suggestion(template: str, rewrite: Rewrite | None, found: Mapping[str, list[Match]],
                doc: Document) -> str:
    """The suggestion, quoting the rewrite ("For example: ...") unless it places it."""
    if rewrite is not None and "{rewrite}" not in template and \
            rewrite.text not in render(template, found, doc):
        template = f"{template} For example: \u201c{{rewrite}}\u201d"
    return render(template, found, doc, {"rewrite": rewrite.text} if rewrite else None).strip()


def _anchors(spec: VerdictRow, anchor: Span | None, rule: str | None,
             found: Mapping[str, list[Match]]) -> list[Span | None]:
    """Where the row's findings point: the anchor, or with ``each`` every match of it."""
    if not (spec.each and rule):
        return [anchor]
    spans = list(dict.fromkeys(m.span for m in found.get(rule, ()) if m.span))
    return list(spans[:MAX_FINDINGS]) or [None]


def _anchor(rule: str | None, found: Mapping[str, list[Match]]) -> Span | None:
    """The first span the rule matched: where the finding points."""
    return next((m.span for m in found.get(rule, ()) if m.span), None) if rule else None


def _rewrite(spec: VerdictRow, anchor: Span | None, found: Mapping[str, list[Match]],
             doc: Document) -> Rewrite | None:
    """The row's rewrite, placed at the anchor (or at the end when there is none)."""
    if spec.rewrite is None:
        return None
    text = render(spec.rewrite.text, found, doc)
    at = spec.rewrite.at if anchor is not None or spec.rewrite.at == "start" else "end"
    placed = anchor if at in ("replace", "after") else None
    return Rewrite(at=at, text=text, line=placed.line if placed else None,
                   end_line=placed.end_line if placed else None,
                   quote=placed.text if placed and at == "replace" else None)
