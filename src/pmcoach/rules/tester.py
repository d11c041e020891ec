"""The rule tester, in the spirit of textlint's: every rule's examples, every rewrite.

- Each rule's ``fires`` examples must make it fire and its ``silent`` ones must not.
- Each criterion's ``examples`` (whole documents) must get the verdict they are filed under.
- Each rewrite a finding offers, put where the finding points, must turn its criterion
  to met: advice that does not satisfy the check that raised it is a failing test.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..document import Document
from ..review import Rewrite, Verdict
from .kind import CompiledCriterion, DataCritic


@dataclass(frozen=True)
class Case:
    """One example: ``kind/criterion/rule``, what is expected, and the text."""

    kind: str
    criterion: str
    rule: str | None  # None for a criterion's whole-document example
    expect: str  # "fires", "silent", or a verdict
    text: str
    index: int

    @property
    def name(self) -> str:
        where = "/".join(p for p in (self.kind, self.criterion, self.rule) if p)
        return f"{where}:{self.expect}[{self.index}]"


def cases(critic: DataCritic) -> Iterator[Case]:
    """Every example of every rule and criterion of a kind."""
    for criterion in critic.criteria:
        cid = criterion.spec.id
        for rule in criterion.spec.rules:
            for expect in ("fires", "silent"):
                for i, text in enumerate(getattr(rule.examples, expect)):
                    yield Case(critic.kind, cid, rule.id, expect, str(text), i)
        for verdict, texts in criterion.spec.examples.items():
            for i, text in enumerate(texts):
                yield Case(critic.kind, cid, None, verdict, str(text), i)


def run_case(critic: DataCritic, case: Case) -> str | None:
    """Why the example fails, or None when it passes."""
    criterion = critic.criterion(case.criterion)
    doc = Document.from_text(case.text, f"<{case.name}>")
    if case.rule is None:
        got = criterion.check(doc).verdict.value
        return None if got == case.expect else f"expected {case.expect}, got {got}"
    _, fired = criterion.run(doc)
    if fired[case.rule] is (case.expect == "fires"):
        return None
    return "did not fire" if case.expect == "fires" else "fired"


def untested(critic: DataCritic) -> Iterator[str]:
    """Rules that lack a fires or a silent example."""
    for criterion in critic.criteria:
        for rule in criterion.spec.rules:
            if not rule.examples.fires or not rule.examples.silent:
                yield f"{critic.kind}/{criterion.spec.id}/{rule.id}"


def apply(text: str, rewrite: Rewrite, body_line: int = 1) -> str:
    """``text`` with the rewrite put where it says."""
    lines = text.split("\n")
    if rewrite.at == "end":
        return text.rstrip("\n") + "\n\n" + rewrite.text + "\n"
    if rewrite.at == "start":
        head, tail = lines[:body_line - 1], lines[body_line - 1:]
        return "\n".join([*head, rewrite.text, "", *tail])
    assert rewrite.line is not None and rewrite.end_line is not None
    start, end = rewrite.line - 1, rewrite.end_line
    if rewrite.at == "after":
        return "\n".join([*lines[:end], "", rewrite.text, "", *lines[end:]])
    region = "\n".join(lines[start:end])
    # The quote is the parsed text: markdown may have re-flowed its indentation, so any run
    # of whitespace in it matches any run in the file.
    words = (rewrite.quote or region).split()
    found = re.search(r"(?:\s|>)+".join(map(re.escape, words)), region)  # "> " quotes too
    if found is None:
        raise ValueError(f"the quote is not on lines {rewrite.line}-{rewrite.end_line}")
    fixed = region[:found.start()] + rewrite.text + region[found.end():]
    return "\n".join([*lines[:start], fixed, *lines[end:]])


def check_rewrites(critic: DataCritic, doc: Document) -> Iterator[str]:
    """A failure message per rewrite that does not turn its criterion to met in ``doc``."""
    for criterion in critic.criteria:
        result = criterion.check(doc)
        for finding in result.findings:
            if finding.rewrite is None:
                continue
            try:
                fixed_text = apply(doc.text, finding.rewrite, doc.body_line)
            except ValueError as exc:
                yield f"{doc.path}: {critic.kind}/{criterion.spec.id}/{finding.rule}: {exc}"
                continue
            fixed = Document.from_text(fixed_text, doc.path)
            after = _verdict(criterion, fixed)
            if after is not Verdict.MET:
                yield (f"{doc.path}: {critic.kind}/{criterion.spec.id}/{finding.rule}: the "
                       f"rewrite ({finding.rewrite.at}: {finding.rewrite.text!r}) leaves it "
                       f"{after.value}")


def _verdict(criterion: CompiledCriterion, doc: Document) -> Verdict:
    return criterion.check(doc).verdict


def example_documents(critic: DataCritic) -> Iterable[Document]:
    """The kind's own examples as documents, for rewrite checks."""
    for case in cases(critic):
        yield Document.from_text(case.text, f"<{case.name}>")
