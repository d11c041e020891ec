"""What the extractors read: a document as statements (sentences, table rows, front matter
lines), each able to turn a match into a :class:`~pmcoach.portfolio.facts.Place` whose quote
is exact text of the file at its line."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...checks import fine_sentences
from ...document import Document
from ..facts import Place

#: Longer "sentences" are not read: no fact needs them, and they would cost the most.
MAX_STATEMENT = 1500
#: A quote longer than this is cut to the clause around the fact.
_LONG = 180
_EMPHASIS = "*_`> "
_CLAUSE = re.compile(r"[.;:!?]\s|,\s(?=and\b|but\b|which\b|while\b|so\b)")


@dataclass(frozen=True)
class Statement:
    """One sentence, table row or front matter line, on one line of text.

    ``text`` is the statement with line breaks turned into spaces, so a position in it is a
    position in the original (multi-line) text too.
    """

    text: str
    raw: str  # as in the document, line breaks kept
    line: int
    lines: tuple[str, ...]  # the file's lines, to check quotes against
    section: str = ""
    previous: str = ""
    block: str = "paragraph"  # paragraph | item | table | quote | front | heading
    #: For a table row: its cells, and the header row's cells.
    cells: tuple[str, ...] = ()
    header: tuple[str, ...] = ()
    #: The position of the statement's block among the document's blocks (0 = first).
    index: int = 0

    def place(self, start: int, end: int | None = None) -> Place | None:
        """The place of ``text[start:end]``: its line, and a quote from that line."""
        end = start if end is None else end
        first = self.raw.count("\n", 0, start)
        last = self.raw.count("\n", 0, max(start, end - 1))
        pieces = self.raw.split("\n")
        # A fact written over two lines ("It cut late deliveries\nfrom 21% to 8%") is quoted
        # from the line that holds its end (the figures, the date), and spans both.
        piece_start = sum(len(p) + 1 for p in pieces[:last])
        piece = pieces[last]
        quote = _trim(piece, max(0, start - piece_start), end - piece_start)
        line, end_line = self.line + first, self.line + last
        if not quote or end_line > len(self.lines) or quote not in self.lines[end_line - 1]:
            return None
        return Place(line, end_line, quote, self.text, start, self.previous, self.section)

    def place_of(self, quote: str) -> Place | None:
        """The place of a piece of the statement given as text."""
        at = self.text.find(quote)
        return self.place(at, at + len(quote)) if at >= 0 else None


def _trim(piece: str, start: int, end: int) -> str:
    """The piece of a line to quote: all of it when short, else the clause of the fact."""
    if len(piece.strip()) > _LONG:
        start, end = max(0, start), min(len(piece), max(end, start))
        left = 0
        for match in _CLAUSE.finditer(piece, 0, start):
            left = match.end()
        after = _CLAUSE.search(piece, end)
        right = after.start() + 1 if after else len(piece)
        piece = piece[left:right]
    return piece.strip().strip(_EMPHASIS).strip()


def _cells(row: str) -> tuple[str, ...]:
    return tuple(c.strip() for c in row.strip().strip("|").split("|"))


def _header(lines: tuple[str, ...], line: int) -> tuple[str, ...]:
    """The header cells of the table row at ``line`` (1-based)."""
    top = line
    while top > 1 and lines[top - 2].lstrip().startswith("|"):
        top -= 1
    if top == line:
        return ()
    return _cells(lines[top - 1])


def statements(doc: Document) -> list[Statement]:
    """The document's sentences and table rows in order, after its front matter lines."""
    lines = tuple(doc.lines)  # one tuple shared by every statement
    found = _front_matter(doc)
    previous: dict[int, str] = {}
    order = {id(b): i for i, b in enumerate(doc.blocks)}
    for sentence in fine_sentences(doc):
        block = sentence.block
        if len(sentence.text) > MAX_STATEMENT:
            continue  # not prose: a dump, a table flattened to one line
        text = sentence.text.replace("\n", " ")
        cells: tuple[str, ...] = ()
        header: tuple[str, ...] = ()
        if block.kind == "table":
            cells, header = _cells(text), _header(lines, sentence.line)
            if not header:
                continue  # the header row itself: column names, no facts
        found.append(Statement(text, sentence.text, sentence.line, lines,
                               block.section, previous.get(id(block), ""), block.kind,
                               cells, header, order.get(id(block), 0)))
        previous[id(block)] = text
    return found


def headings(doc: Document) -> list[Statement]:
    lines = tuple(doc.lines)
    return [Statement(h.text.replace("\n", " "), h.text, h.line, lines, h.text, "", "heading")
            for h in doc.headings]


def _front_matter(doc: Document) -> list[Statement]:
    """``key: value`` lines of the front matter, as statements (their line is real)."""
    lines = tuple(doc.lines)
    found = []
    for number in range(2, doc.body_line - 1):
        text = lines[number - 1]
        if re.match(r"^[A-Za-z_][\w -]*:\s*\S", text):
            found.append(Statement(text, text, number, lines, "", "", "front"))
    return found
