"""The lines around a quote, read from the reviewed file when the HTML report is rendered.

The JSON report carries quotes but not the documents, so the HTML formatter reads each file
again. A file can change between the review and the rendering (or be standard input, or
gone): an excerpt is only shown when the quote is still found at its lines, so the page
never points at the wrong text; otherwise the finding is shown with its quote alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..errors import InputError
from ..pipeline.sources import read_text

#: Lines of context shown before and after the quoted lines.
CONTEXT = 1
#: A quote longer than this many lines is shown by its first and last lines only.
MAX_QUOTED = 8


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of one line's text; ``mark`` is true for the part the finding quotes."""

    text: str
    mark: bool = False


@dataclass(frozen=True, slots=True)
class ExcerptLine:
    number: int | None  # None for the gap row of a long quote
    segments: tuple[Segment, ...]
    quoted: bool


@dataclass(frozen=True, slots=True)
class Excerpt:
    path: str
    lines: tuple[ExcerptLine, ...]


class FileLines:
    """Each reviewed file's lines, read once; None for a file that cannot be read now."""

    def __init__(self, read: Callable[[str], str] = read_text) -> None:
        self._read = read
        self._cache: dict[str, list[str] | None] = {}

    def lines(self, path: str) -> list[str] | None:
        if path not in self._cache:
            try:
                text = self._read(path)
            except (InputError, OSError):
                self._cache[path] = None
            else:
                # Line numbers in the report count lines as Document does.
                text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "\ufffd")
                self._cache[path] = text.split("\n")
        return self._cache[path]

    def excerpt(self, path: str, line: int | None, end_line: int | None,
                quote: str | None) -> Excerpt | None:
        """The quoted lines with context, the quote marked; None when it is not there."""
        lines = self.lines(path)
        if lines is None or line is None or not 1 <= line <= len(lines):
            return None
        last = min(max(end_line or line, line), len(lines))
        marked = _mark(lines[line - 1 : last], quote)
        if marked is None:
            return None
        before = _context(lines, range(max(1, line - CONTEXT), line))
        after = _context(lines, range(last + 1, min(len(lines), last + CONTEXT) + 1))
        quoted = [ExcerptLine(line + i, segments, True) for i, segments in enumerate(marked)]
        if len(quoted) > MAX_QUOTED:
            gap = ExcerptLine(None, (Segment("…"),), True)
            quoted = [*quoted[: MAX_QUOTED - 2], gap, quoted[-1]]
        return Excerpt(path, tuple(_unblank(before) + quoted + _unblank(after)))


def _context(lines: list[str], numbers: range) -> list[ExcerptLine]:
    return [ExcerptLine(n, (Segment(lines[n - 1]),), False) for n in numbers]


def _unblank(rows: list[ExcerptLine]) -> list[ExcerptLine]:
    """Context is there to be read: a blank line around the quote adds nothing."""
    return [r for r in rows if any(s.text.strip() for s in r.segments)]


def _mark(lines: list[str], quote: str | None) -> list[tuple[Segment, ...]] | None:
    """Each line split into segments around the quote; None if the quote is not in them."""
    if not quote or not quote.split():
        return [(Segment(text),) for text in lines]
    joined = "\n".join(lines)
    span = _find(joined, quote)
    if span is None:
        return None
    start, end = span
    out: list[tuple[Segment, ...]] = []
    offset = 0
    for text in lines:
        low, high = max(start - offset, 0), min(end - offset, len(text))
        if low >= high:
            out.append((Segment(text),))
        else:
            parts = (Segment(text[:low]), Segment(text[low:high], True), Segment(text[high:]))
            out.append(tuple(p for p in parts if p.text))
        offset += len(text) + 1
    return out


def _find(text: str, quote: str) -> tuple[int, int] | None:
    """Where ``quote`` is in ``text``: exactly, else ignoring whitespace, then case."""
    at = text.find(quote)
    if at >= 0:
        return at, at + len(quote)
    pattern = r"\s+".join(re.escape(word) for word in quote.split())
    match = re.search(pattern, text) or re.search(pattern, text, re.IGNORECASE)
    return (match.start(), match.end()) if match else None
