"""A document parsed once: its text, front matter, sections, blocks and sentences.

Every position is a 1-based line number in the file as written (front matter
included), so anything that points at text points at the real file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

BlockKind = Literal["heading", "paragraph", "item", "table", "quote"]

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*$\r?\n?", re.S | re.M)
# A sentence ends at . ! ? (optionally closed by a quote or bracket) before a capital or
# digit. A line break alone does not end one: hard-wrapped paragraphs are common.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[*_]*[A-Z0-9])")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’%.-]*")


@dataclass(frozen=True)
class Span:
    """A piece of text with the lines it occupies."""

    text: str
    line: int
    end_line: int


@dataclass(frozen=True)
class Block(Span):
    """A heading, paragraph, list item, table or quote, with its section's title."""

    kind: BlockKind = "paragraph"
    section: str = ""
    #: Heading level (1-6) for headings, 0 otherwise.
    level: int = 0


@dataclass(frozen=True)
class Sentence(Span):
    block: Block = field(default=None, repr=False)  # type: ignore[assignment]


@dataclass(frozen=True)
class Section:
    """A heading and everything up to the next heading (the preamble has title "")."""

    title: str
    level: int
    line: int
    end_line: int
    blocks: tuple[Block, ...]

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    # Block structure only: blocks keep their inline text as written (``token.content``),
    # so parsing inline markup (emphasis, links, code spans) would be wasted work.
    return MarkdownIt("commonmark").enable("table").disable("inline")


@dataclass
class Document:
    """A file to review. Build one with :meth:`from_text`."""

    path: str
    text: str
    front_matter: dict[str, Any]
    front_matter_error: str | None
    sections: list[Section]
    #: Line where the body starts (after any front matter).
    body_line: int = 1

    @classmethod
    def from_text(cls, text: str, path: str = "<text>") -> Document:
        # NUL becomes U+FFFD as the markdown parser would make it, so that every block's
        # text is still the document's own text.
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "\ufffd")
        front_matter, error, body_line = _split_front_matter(text)
        # Blank out front matter so the parser's line numbers stay the file's.
        lines = text.split("\n")
        body = "\n" * (body_line - 1) + "\n".join(lines[body_line - 1 :])
        sections = _sections(_blocks(body, lines))
        return cls(path, text, front_matter, error, sections, body_line)

    @cached_property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    @cached_property
    def blocks(self) -> list[Block]:
        return [b for s in self.sections for b in s.blocks]

    @cached_property
    def sentences(self) -> list[Sentence]:
        return [s for b in self.blocks if b.kind != "heading" for s in split_sentences(b)]

    @cached_property
    def headings(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "heading"]

    @cached_property
    def body_text(self) -> str:
        """The text without front matter or markup lines, for scoring and counting."""
        return "\n".join(b.text for b in self.blocks)

    @cached_property
    def word_count(self) -> int:
        return len(_WORD.findall("\n".join(b.text for b in self.blocks if b.kind != "heading")))

    @property
    def title(self) -> str:
        value = self.front_matter.get("title")
        if isinstance(value, str) and value.strip():
            return value.strip()
        return self.headings[0].text if self.headings else ""

    @property
    def declared_kind(self) -> str | None:
        """The kind named in front matter (``kind:``, or ``type:`` as an alias)."""
        for key in ("kind", "type"):
            value = self.front_matter.get(key)
            if isinstance(value, str) and value.strip():
                return value.strip().lower()
        return None

    def section_for(self, line: int) -> Section | None:
        for section in self.sections:
            if section.line <= line <= section.end_line:
                return section
        return None

    def locate(self, quote: str, line: int | None = None, end_line: int | None = None
               ) -> Span | None:
        """Find ``quote`` (whitespace-insensitive, then case-insensitive) and its lines.

        With ``line``/``end_line``, search only those lines of the file.
        """
        words = quote.split()
        if not words:
            return None
        first = 1 if line is None else max(1, line)
        last = len(self.lines) if line is None else max(end_line or first, first)
        text = "\n".join(self.lines[first - 1 : last])
        offset = text.find(quote)  # the common case, and far cheaper than a regex
        if offset >= 0:
            found = quote
        else:
            pattern = r"\s+".join(re.escape(w) for w in words)
            match = re.search(pattern, text) or re.search(pattern, text, re.I)
            if match is None:
                return None
            offset, found = match.start(), match.group(0)
        start = first + text.count("\n", 0, offset)
        return Span(found, start, start + found.count("\n"))


def _split_front_matter(text: str) -> tuple[dict[str, Any], str | None, int]:
    match = _FRONT_MATTER.match(text)
    if match is None:
        if text.startswith("---\n") and "\n---" not in text[4:]:
            return {}, "front matter starts with '---' on line 1 but is never closed", 1
        return {}, None, 1
    body_line = match.group(0).count("\n") + 1
    import yaml

    from .frontmatter import FrontMatterError, load

    try:
        data = load(match.group(1))
    except FrontMatterError as exc:
        return {}, f"front matter {exc}", body_line
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" on line {mark.line + 2}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        return {}, f"front matter is not valid YAML{where} ({problem})", body_line
    if data is None:
        return {}, None, body_line
    if not isinstance(data, dict):
        return {}, "front matter is not a 'key: value' mapping", body_line
    return {str(k): v for k, v in data.items()}, None, body_line


def _blocks(body: str, lines: list[str]) -> list[Block]:
    """Walk markdown-it tokens into blocks whose text is the file's own inline text."""
    blocks: list[Block] = []
    tokens = _parser().parse(body)
    context: list[str] = []  # enclosing containers: list items, quotes, tables
    heading_level = 0
    section = ""
    for i, token in enumerate(tokens):
        if token.type in ("list_item_open", "blockquote_open", "table_open"):
            context.append(token.type)
        elif token.type in ("list_item_close", "blockquote_close", "table_close"):
            context.pop()
        elif token.type == "heading_open":
            heading_level = int(token.tag[1])
        elif token.type == "inline" and token.map:
            start, end = token.map
            text = token.content.strip()
            if not text:
                continue
            if tokens[i - 1].type == "heading_open":
                kind: BlockKind = "heading"
                section = text
            elif "table_open" in context:
                # One block per row: cells of a row are quoted from the row's line.
                text = lines[start].strip()
                kind = "table"
                if blocks and blocks[-1].kind == "table" and blocks[-1].line == start + 1:
                    continue
            elif "list_item_open" in context:
                kind = "item"
            elif "blockquote_open" in context:
                kind = "quote"
            else:
                kind = "paragraph"
            end_line = start + 1 + text.count("\n")
            level = heading_level if kind == "heading" else 0
            blocks.append(Block(text, start + 1, end_line, kind, section, level))
    return blocks


def _sections(blocks: list[Block]) -> list[Section]:
    sections: list[Section] = []
    current: list[Block] = []
    title, level, line = "", 0, 1
    for block in blocks:
        if block.kind == "heading":
            if current or title:
                sections.append(_section(title, level, line, current))
            title, level, line, current = block.text, block.level, block.line, [block]
        else:
            current.append(block)
    if current or title:
        sections.append(_section(title, level, line, current))
    return sections


def _section(title: str, level: int, line: int, blocks: list[Block]) -> Section:
    end_line = max((b.end_line for b in blocks), default=line)
    return Section(title, level, line, end_line, tuple(blocks))


def split_sentences(block: Block) -> list[Sentence]:
    """Split a block into sentences, each with the lines it spans."""
    sentences: list[Sentence] = []
    text = block.text
    start = 0
    for match in [*_SENTENCE_END.finditer(text), None]:
        end = match.start() if match else len(text)
        piece = text[start:end].strip()
        if piece:
            offset = start + (len(text[start:end]) - len(text[start:end].lstrip()))
            line = block.line + text.count("\n", 0, offset)
            end_line = line + piece.count("\n")
            sentences.append(Sentence(piece, line, end_line, block))
        if match:
            start = match.end()
    return sentences
