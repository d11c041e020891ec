from __future__ import annotations

import pytest

from pmcoach.document import Document

MARKDOWN = """---
kind: case-study
title: Checkout
---
# Checkout redesign

I was the PM at Acme. We shipped it in Q3 2023! Retention rose
from 20% to 35% over six months.

## Impact
- Activation up 12% (from 40% to 52%).
- I decided to cut scope.

| metric | before | after |
|---|---|---|
| churn | 5% | 3% |
"""


def test_front_matter_and_title() -> None:
    doc = Document.from_text(MARKDOWN, "x.md")
    assert doc.front_matter == {"kind": "case-study", "title": "Checkout"}
    assert doc.declared_kind == "case-study"
    assert doc.body_line == 5
    assert doc.title == "Checkout"


def test_sections_have_file_line_ranges() -> None:
    doc = Document.from_text(MARKDOWN)
    assert [(s.title, s.level, s.line) for s in doc.sections] == [
        ("Checkout redesign", 1, 5), ("Impact", 2, 10)]
    assert doc.sections[1].end_line == 16


def test_blocks_and_sentences_point_at_real_lines() -> None:
    doc = Document.from_text(MARKDOWN)
    for sentence in doc.sentences:
        window = " ".join(doc.lines[sentence.line - 1 : sentence.end_line])
        assert " ".join(sentence.text.split()) in " ".join(window.split())
    wrapped = next(s for s in doc.sentences if s.text.startswith("Retention"))
    assert (wrapped.line, wrapped.end_line) == (7, 8)
    kinds = {b.kind for b in doc.blocks}
    assert {"heading", "paragraph", "item", "table"} <= kinds


def test_plain_text_without_headings() -> None:
    doc = Document.from_text("Hi Sam,\n\nI ran into a problem. Any thoughts?\n", "note.txt")
    assert doc.headings == []
    assert [s.text for s in doc.sentences] == ["Hi Sam,", "I ran into a problem.", "Any thoughts?"]
    assert doc.sentences[1].line == 3


def test_crlf_line_endings_keep_line_numbers() -> None:
    doc = Document.from_text("# A\r\n\r\nFirst line.\r\nSecond line.\r\n")
    assert doc.sentences[0].line == 3


@pytest.mark.parametrize("text, problem", [
    ("---\nkind: [unclosed\n---\nBody.\n", "not valid YAML"),
    ("---\n- a\n- b\n---\nBody.\n", "mapping"),
    ("---\nkind: x\nno closing line\n", "never closed"),
])
def test_broken_front_matter_is_reported_not_fatal(text: str, problem: str) -> None:
    doc = Document.from_text(text)
    assert doc.front_matter == {}
    assert problem in (doc.front_matter_error or "")


def test_locate_finds_quotes_across_wrapped_lines_and_case() -> None:
    doc = Document.from_text(MARKDOWN)
    span = doc.locate("retention rose from 20%")
    assert span is not None and (span.line, span.end_line) == (7, 8)
    assert doc.locate("not in the file") is None
    assert doc.locate("I decided", line=1, end_line=3) is None
