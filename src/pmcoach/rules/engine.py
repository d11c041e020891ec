"""The rule engine: evaluate a criterion's rules over a document, then its verdict table.

Every rule type is a few lines here, once, for every kind; a kind file only says which
rules a criterion has and what their outcomes mean. A rule's result is its list of
matches (a sentence and the text that matched); it *fires* when the number of distinct
matches is within ``min``/``max``.
"""

from __future__ import annotations

import json
import threading
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..checks import fine_sentences, per_document
from ..document import Block, Document, Sentence, Span
from .groups import Test, compile_phrases, heading_test
from .schema import (
    CompareRule,
    MetricRule,
    PhrasesRule,
    PythonRule,
    Rule,
    SectionRule,
    SequenceRule,
)

#: A registered escape hatch: ``fn(doc, options)`` returns the spans it found, each with
#: the text to quote as what matched (or just the span).
RuleFunction = Callable[[Document, Mapping[str, Any]], Iterable["Span | tuple[Span, str]"]]

_BODY = ("paragraph", "item", "quote")
_EDGE_BLOCKS = 3


@dataclass(frozen=True)
class Match:
    """One thing a rule found: where (a sentence or span; None for the whole document),
    the text that matched, and for metrics the measured value."""

    span: Span | None
    text: str
    value: int | None = None

    @property
    def sentence(self) -> Sentence | None:
        return self.span if isinstance(self.span, Sentence) else None


def _is_directive(sentence: Sentence) -> bool:
    # ":::diagram", "{% include %}", "[[toc]]": markup for a renderer, not prose.
    head = sentence.block.text.lstrip()
    return head.startswith((":::", "{%", "{{", "[[", "<!--"))


@per_document
def scopes(doc: Document) -> dict[str, list[Sentence]]:
    """Each scope's sentences, computed once per document."""
    headings = [Sentence(h.text, h.line, h.end_line, h) for h in doc.headings]
    every = sorted([*(s for s in fine_sentences(doc) if not _is_directive(s)), *headings],
                   key=lambda s: s.line)
    body = [s for s in every if s.block.kind in _BODY]
    blocks = list(dict.fromkeys(s.block for s in body))
    opening, closing = set(blocks[:_EDGE_BLOCKS]), set(blocks[-_EDGE_BLOCKS:])
    return {
        "all": every,
        "body": body,
        "prose": [s for s in every if s.block.kind in (*_BODY, "table")],
        "headings": headings,
        "tables": [s for s in every if s.block.kind == "table"],
        "items": [s for s in body if s.block.kind == "item"],
        "opening": [s for s in body if s.block in opening],
        "closing": [s for s in body if s.block in closing],
    }


#: Per thread, the last document's python-rule results by (function, options): rules that
#: ask the same question of one document share the answer.
_local = threading.local()


def forget_calls() -> None:
    """Start afresh: a new review may see the same document differently (another clock)."""
    _local.__dict__.setdefault("calls", {}).clear()


def _expand(value: Any, groups: Mapping[str, Sequence[str]]) -> Any:
    """A list option's ``@name`` entries replaced by the kind's phrase group ``name``."""
    if not isinstance(value, list):
        return value
    out: list[Any] = []
    for item in value:
        name = item[1:] if isinstance(item, str) and item.startswith("@") else ""
        out.extend(groups.get(name, [item]))
    return out


def _as_sentence(span: Span) -> Sentence:
    """A span a rule function returned, as a sentence the rule's keys can test."""
    if isinstance(span, Sentence):
        return span
    block = span if isinstance(span, Block) else Block(span.text, span.line, span.end_line)
    return Sentence(span.text, span.line, span.end_line, block)


def _where(span: Span | None) -> tuple[int, int, str] | None:
    """A span by position, so sentences found by a function and by the engine compare."""
    return (span.line, span.end_line, span.text) if span is not None else None


def _distinct(matches: Sequence[Match], unit: str) -> int:
    if unit == "match":
        return len({m.text.lower() for m in matches})
    if unit == "block":
        return len({(m.span.line if m.span else 0) if not m.sentence else m.sentence.block.line
                    for m in matches})
    if unit == "section":
        return len({m.sentence.block.section if m.sentence else "" for m in matches})
    return len({id(m.span) for m in matches})


class CompiledRule:
    """A rule ready to run: phrase lists compiled once, per process."""

    def __init__(self, spec: Rule, groups: Mapping[str, Sequence[str]]) -> None:
        self.spec = spec
        self.id = spec.id
        def compile_(phrases: list[str] | None) -> Test | None:
            return compile_phrases(phrases, groups) if phrases else None

        self._has = compile_(spec.has)
        self._unless = compile_(spec.unless)
        self._sections = heading_test(spec.sections, groups) if spec.sections else None
        self._any: Test | None = None
        self._all: list[Test] = []
        self._steps: list[Test] = []
        self._headings: Callable[[str], bool] | None = None
        if isinstance(spec, PhrasesRule):
            self._any = compile_(spec.any)
            self._all = [compile_phrases(g, groups) for g in spec.all or ()]
        elif isinstance(spec, SequenceRule):
            self._steps = [compile_phrases(g, groups) for g in spec.steps]
        elif isinstance(spec, SectionRule):
            self._headings = heading_test(spec.headings, groups)
        self.function: RuleFunction | None = None
        #: A python rule's options, with "@group" entries of phrase lists expanded.
        self.options: dict[str, Any] = {
            key: _expand(value, groups) for key, value in getattr(spec, "options", {}).items()}
        try:
            self._options_key = json.dumps(self.options, sort_keys=True, default=str)
        except (TypeError, ValueError):  # keys YAML read as numbers or booleans
            self._options_key = repr(sorted(self.options.items(), key=repr))

    # -- candidates -----------------------------------------------------------------------

    def _candidates(self, doc: Document, found: Mapping[str, list[Match]]) -> list[Sentence]:
        spec = self.spec
        pool = scopes(doc)[spec.scope]
        if self._sections is not None:
            pool = [s for s in pool if self._sections(s.block.section)]
        return [s for s in self._narrow(pool, found) if self._keeps(s)]

    def _narrow(self, pool: list[Sentence], found: Mapping[str, list[Match]]
                ) -> list[Sentence]:
        """``pool`` within the ``within`` rules' matches and outside the ``outside`` ones'."""
        if self.spec.within is not None:
            allowed = {_where(m.span) for rid in self.spec.within for m in found.get(rid, ())}
            pool = [s for s in pool if _where(s) in allowed]
        for rid in self.spec.within_all or ():
            allowed = {_where(m.span) for m in found.get(rid, ())}
            pool = [s for s in pool if _where(s) in allowed]
        if self.spec.outside:
            taken = {_where(m.span) for rid in self.spec.outside for m in found.get(rid, ())}
            pool = [s for s in pool if _where(s) not in taken]
        return pool

    def _narrow_found(self, matches: list[Match], found: Mapping[str, list[Match]]
                      ) -> list[Match]:
        """What a rule function found, narrowed by the rule's own keys (a block it
        returns is read as one sentence)."""
        spans = [_as_sentence(m.span) for m in matches if m.span is not None]
        kept = {_where(s) for s in self._narrow(spans, found) if self._keeps(s)
                and (self._sections is None or self._sections(s.block.section))}
        return [m for m in matches if m.span is None or _where(m.span) in kept]

    def _narrows(self) -> bool:
        """Whether the rule reads only some sentences (sections, within, has, ...)."""
        spec = self.spec
        return any(v is not None for v in (spec.sections, spec.within, spec.within_all,
                                           spec.outside, spec.has, spec.unless,
                                           spec.question, spec.min_words))

    def _keeps(self, sentence: Sentence) -> bool:
        spec = self.spec
        if spec.min_words is not None and len(sentence.text.split()) < spec.min_words:
            return False
        if spec.question is not None:
            is_question = sentence.text.rstrip(" *_)\"'").endswith("?")
            if is_question is not spec.question:
                return False
        if self._has is not None and self._has(sentence) is None:
            return False
        return self._unless is None or self._unless(sentence) is None

    # -- evaluation -----------------------------------------------------------------------

    def evaluate(self, doc: Document, found: Mapping[str, list[Match]]) -> list[Match]:
        spec = self.spec
        if isinstance(spec, MetricRule):
            return self._metric(doc, spec, found)
        if isinstance(spec, PythonRule):
            return self._narrow_found(self._python(doc, spec), found)
        if isinstance(spec, CompareRule):
            mine, theirs = found.get(spec.rule, []), found.get(spec.than, [])
            enough = len(mine) >= spec.factor * len(theirs) and bool(mine)
            return list(mine) if enough else []
        candidates = self._candidates(doc, found)
        if isinstance(spec, SequenceRule):
            return self._sequence(candidates, spec.unit)
        if isinstance(spec, SectionRule):
            assert self._headings is not None
            headed = self._headings
            return [Match(s, s.block.section) for s in candidates if headed(s.block.section)]
        assert isinstance(spec, PhrasesRule)
        return self._phrases(candidates, spec.unit)

    def fired(self, matches: Sequence[Match]) -> bool:
        count = _distinct(matches, self.spec.distinct)
        return count >= self.spec.min and (self.spec.max is None or count <= self.spec.max)

    def _phrases(self, candidates: list[Sentence], unit: str) -> list[Match]:
        out: list[Match] = []
        by_block: dict[int, list[Sentence]] = {}
        if unit == "paragraph" and self._all:
            for s in candidates:
                by_block.setdefault(id(s.block), []).append(s)
        for s in candidates:
            text = self._any(s) if self._any is not None else (self._has(s) if self._has
                                                                 else s.text)
            if text is None:
                continue
            if self._all:
                company = by_block.get(id(s.block), [s]) if unit == "paragraph" else [s]
                if not all(any(test(o) is not None for o in company) for test in self._all):
                    continue
                text = text if self._any is not None else (self._all[0](s) or s.text)
            out.append(Match(s, text))
        return out

    def _sequence(self, candidates: list[Sentence], unit: str) -> list[Match]:
        def key(s: Sentence) -> object:
            return {"paragraph": id(s.block), "section": s.block.section}.get(unit, 0)
        groups: dict[object, list[Sentence]] = {}
        for s in candidates:
            groups.setdefault(key(s), []).append(s)
        out: list[Match] = []
        for sentences in groups.values():
            step, chain = 0, []
            for s in sentences:
                text = self._steps[step](s)
                if text is not None:
                    chain.append(Match(s, text))
                    step += 1
                    if step == len(self._steps):
                        out.extend(chain)
                        step, chain = 0, []
        return out

    def _metric(self, doc: Document, spec: MetricRule, found: Mapping[str, list[Match]]
                ) -> list[Match]:
        def inside(value: int) -> bool:
            return (spec.above is None or value > spec.above) and \
                (spec.below is None or value < spec.below)
        narrowed = self._narrows()
        body = self._candidates(doc, found) if narrowed else scopes(doc)[spec.scope]
        if spec.measure == "block-words":
            blocks = list(dict.fromkeys(s.block for s in body))
            first: dict[int, Sentence] = {}
            for s in body:
                first.setdefault(id(s.block), s)
            sized = [(first[id(b)], len(b.text.split())) for b in blocks]
            return [Match(s, f"{n} words", n) for s, n in sized if inside(n)]
        # The document's own word count, unless the rule measures only part of it.
        words = sum(len(s.text.split()) for s in body) if narrowed else doc.word_count
        value = {"words": words, "sentences": len(body),
                 "paragraphs": len({id(s.block) for s in body})}[spec.measure]
        return [Match(None, str(value), value)] if inside(value) else []

    def _python(self, doc: Document, spec: PythonRule) -> list[Match]:
        if self.function is None:
            raise LookupError(f"rule function {spec.function!r} is not registered")
        # Many rules call the same function with the same options on one document.
        key = (spec.function, self._options_key)
        calls: dict[Any, Any] = _local.__dict__.setdefault("calls", {})
        last = calls.get("doc")
        if last is None or last() is not doc:
            forget_calls()
            calls["doc"] = weakref.ref(doc)  # weakly: a finished file's Document is freed
        if key not in calls:
            calls[key] = [Match(*(item if isinstance(item, tuple) else (item, item.text)))
                          for item in self.function(doc, self.options)]
        return list(calls[key])


def evaluate(rules: Sequence[CompiledRule], doc: Document) -> tuple[dict[str, list[Match]],
                                                                     dict[str, bool]]:
    """Every rule's matches and whether it fired, in the order the rules are written."""
    found: dict[str, list[Match]] = {}
    fired: dict[str, bool] = {}
    for rule in rules:
        matches = rule.evaluate(doc, found)
        found[rule.id] = matches
        fired[rule.id] = rule.fired(matches)
    return found, fired


class Lazy(Mapping[str, list[Match]]):
    """A criterion's rule results, each computed when first asked for (with the earlier
    rules it reads): a verdict table whose first rows decide never runs the rest."""

    def __init__(self, rules: Sequence[CompiledRule], doc: Document) -> None:
        self._rules = {rule.id: rule for rule in rules}
        self._doc = doc
        self._found: dict[str, list[Match]] = {}
        self.fired = _Fired(self)

    def __getitem__(self, rule_id: str) -> list[Match]:
        if rule_id not in self._found:
            rule = self._rules[rule_id]  # KeyError for an unknown id, as a dict would
            self._found[rule_id] = rule.evaluate(self._doc, self)
        return self._found[rule_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._rules)

    def __len__(self) -> int:
        return len(self._rules)

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._rules

    def get(self, rule_id: str, default: Any = None) -> Any:  # type: ignore[override]
        # Mapping.get would swallow a KeyError raised *inside* a rule (a plugin bug).
        return self[rule_id] if rule_id in self._rules else default

    def rule(self, rule_id: str) -> CompiledRule:
        return self._rules[rule_id]


class _Fired(Mapping[str, bool]):
    def __init__(self, found: Lazy) -> None:
        self._found = found

    def __getitem__(self, rule_id: str) -> bool:
        return self._found.rule(rule_id).fired(self._found[rule_id])

    def __iter__(self) -> Iterator[str]:
        return iter(self._found)

    def __len__(self) -> int:
        return len(self._found)

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._found

    def get(self, rule_id: str, default: Any = None) -> Any:  # type: ignore[override]
        return self[rule_id] if rule_id in self._found else default
