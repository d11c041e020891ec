"""Property-based tests: whatever text a file holds, parsing, front matter, suppression
comments, detection and the offline review either work or refuse with pmcoach's own
error, and quotes stay grounded. A small sample runs in the suite; speed is measured by
``python benchmarks/fuzz.py`` (100,000 mutated documents), never by a timed test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmcoach.detect import detect
from pmcoach.document import Document
from pmcoach.errors import PmcoachError
from pmcoach.pipeline import ReviewOptions, review_document
from pmcoach.pipeline.sources import decode
from pmcoach.pipeline.suppressions import parse
from pmcoach.plugins import load

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*/*.md"))
REGISTRY = load()
# A small, fixed sample in the suite; PMCOACH_FUZZ_EXAMPLES=5000 for a longer search.
SETTINGS = settings(max_examples=int(os.environ.get("PMCOACH_FUZZ_EXAMPLES", "60")),
                    deadline=None, derandomize="PMCOACH_FUZZ_EXAMPLES" not in os.environ,
                    suppress_health_check=[HealthCheck.too_slow])

PIECES = st.sampled_from([
    "---\n", "title: x\n", "kind: case-study\n", "a: &a [1]\nb: *a\n", "- ", "> ", "# ",
    "| a | b |\n|---|---|\n", "<!-- pmcoach-disable reflection: why -->",
    "<!-- pmcoach-disable -->", "<!--", "```", "\u2028", "\x0c", "\u0085", "\x00", "🎉",
    "9" * 400, "I led ", "If X, A wins. ", "from 3% to 9% ", "\n", "\n\n", "**", "_", "[",
    "Hi Sam,\n", "Thoughts?", "\t",
])
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=40)), max_size=60).map("".join)
DOCUMENTS = st.one_of(TEXT, st.builds(lambda base, junk, at: base[:at] + junk + base[at:],
                                      st.sampled_from([p.read_text() for p in EXAMPLES]),
                                      TEXT, st.integers(0, 3000)))


def _within(doc: Document, line: int | None, end_line: int | None, quote: str | None) -> None:
    if line is None or quote is None:
        return
    assert end_line is not None and 1 <= line <= end_line <= len(doc.lines)
    window = " ".join(" ".join(doc.lines[line - 1:end_line]).split())
    assert " ".join(quote.split()) in window


@SETTINGS
@given(DOCUMENTS)
def test_documents_parse_and_front_matter_is_bounded(text: str) -> None:
    doc = Document.from_text(text, "f.md")
    assert isinstance(doc.front_matter, dict)
    assert doc.sentences is not None and doc.headings is not None
    for sentence in doc.sentences:  # (a sentence's text is parsed inline text; findings
        # quote the file verbatim, which the review test checks)
        assert 1 <= sentence.line <= sentence.end_line <= len(doc.lines)


@SETTINGS
@given(DOCUMENTS)
def test_suppression_comments_never_crash(text: str) -> None:
    parse(Document.from_text(text, "f.md"))


@SETTINGS
@given(DOCUMENTS)
def test_detection_gives_one_of_three_outcomes(text: str) -> None:
    try:
        detection = detect(Document.from_text(text, "f.md"), REGISTRY.critics)
    except PmcoachError:
        return  # e.g. front matter naming a kind nobody provides: reported, not a crash
    assert detection.kind is None or detection.kind in REGISTRY.critics
    assert 0 <= detection.confidence <= 1
    assert not (detection.kind is None and detection.uncertain)


@SETTINGS
@given(st.binary(max_size=3000) | DOCUMENTS.map(str.encode))
def test_the_offline_review_is_grounded_or_refused(data: bytes) -> None:
    try:
        doc = Document.from_text(decode(data), "f.md")
        review = review_document(doc, REGISTRY, ReviewOptions())
    except PmcoachError:
        return
    if review.kind is None:
        return
    assert [c.id for c in review.criteria] == REGISTRY.critic(review.kind).rubric.ids
    for finding in review.findings:
        _within(doc, finding.line, finding.end_line, finding.quote)


@pytest.mark.parametrize("path", EXAMPLES[:3], ids=lambda p: p.name)
def test_the_examples_themselves_review_cleanly(path: Path) -> None:
    doc = Document.from_text(path.read_text(), path.name)
    assert review_document(doc, REGISTRY, ReviewOptions()).error is None
