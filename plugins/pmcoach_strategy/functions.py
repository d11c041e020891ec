"""Escape hatches for the strategy kind: what its kind file cannot say with phrases.

- Stand-in headings ("**Market**", "What hurts:") and lead-ins ("Who it's for: ...") label
  the text under them as a heading would; the engine's ``sections`` only sees real headings.
- A segment is specific when it names several distinct qualifiers (size, industry, role,
  region, a figure): a count of distinct words, not a phrase.
- A point is argued when its own sentence or the next one gives a reason.
- The roadmap is read as themes: labelled headings, lead-ins or table rows and what follows
  each, whether each carries a period, and whether each says why (a table's "Why" column).

Every function is ``fn(doc, options) -> spans``; the kind file passes phrase lists as options.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pmcoach import Block, Document, Sentence, Span
from pmcoach.checks import per_document
from pmcoach.cues import Cue, cues, lazy
from pmcoach.rules.engine import scopes

Options = Mapping[str, Any]

# --- stand-in headings and labels ---------------------------------------------------------

# "**Market**", "What hurts:", or "**What they need.**" (a bold run-in head with a period).
PSEUDO_HEADING = lazy(
    r"^(?:\*\*|__)?([A-Z][^.!?\n]{0,50}?)(?:\.(?=\*\*|__))?(?:\*\*|__)?:?(?:\*\*|__)?$")
# Up to five words, then ":" or a dash: "Who it's for: ...", "**Our bets** — ...".
LEAD_IN = lazy(
    r"^(?:\*\*|__)?([^\s.!?:*_]+(?: [^\s.!?:*_]+){0,4})(?:\*\*|__)?\s*[:—–]\s*\S")
# A bold run-in head of up to six words ending in a period or colon: "**Who we sell to.** Small
# clinics ..." (a bold phrase that opens a sentence is only emphasis).
RUN_IN = lazy(
    r"^(?:\*\*|__)([^\s.!?:*_]+(?: [^\s.!?:*_]+){0,5})(?:[.:](?:\*\*|__)|(?:\*\*|__)[.:])\s*\S")
# A bare line of up to six words with no end punctuation, as plain-text exports leave
# headings: "Who it serves".
BARE_LINE = lazy(r"^[A-Z][^.!?:;,\n]{0,50}$")


def _flat(phrases: Any) -> list[str]:
    """A phrase list, with lists nested in it (YAML aliases of other groups) spliced in."""
    if isinstance(phrases, str):
        return [phrases]
    return [p for item in phrases or () for p in _flat(item)]


def _cue(options: Options, key: str) -> Cue | None:
    phrases = _flat(options.get(key))
    return cues(*phrases) if phrases else None


def is_pseudo_heading(block: Block) -> bool:
    """A short paragraph standing in for a heading: "**Market**" or "What hurts:"."""
    text = block.text.strip()
    if block.kind != "paragraph" or len(text.split()) > 6:
        return False
    return bool(PSEUDO_HEADING.match(text)) and (
        text.endswith(":") or text.startswith(("**", "__"))) or bool(BARE_LINE.match(text))


@per_document
def block_labels(doc: Document) -> dict[int, str]:
    """Each block's topic: its heading, a stand-in heading above it, or its own lead-in."""
    labels: dict[int, str] = {}
    current = ""
    for block in doc.blocks:
        text = block.text.strip()
        if block.kind == "heading" or is_pseudo_heading(block):
            pseudo = PSEUDO_HEADING.match(text) if block.kind != "heading" else None
            current = pseudo.group(1) if pseudo else block.text
            labels[id(block)] = current
            continue
        # A bold run-in head opens a section, as a heading would ("**Who we sell to.** ...");
        # on a list item it is only the item's name.
        run_in = RUN_IN.match(text[:120]) if block.kind == "paragraph" else None
        if run_in:
            current = run_in.group(1)
        lead = LEAD_IN.match(text[:120])
        labels[id(block)] = f"{current} / {lead.group(1)}" if lead else current
    return labels


@per_document
def prose_sentences(doc: Document) -> list[Sentence]:
    """Body sentences (paragraphs, items, quotes) that are not stand-in headings."""
    return [s for s in scopes(doc)["body"] if not is_pseudo_heading(s.block)]


def prose(doc: Document, options: Options) -> Iterable[Sentence]:
    """Body sentences that are text, not a bold or colon-ended line acting as a heading."""
    del options
    return prose_sentences(doc)


def _led_blocks(doc: Document, lead: Cue) -> set[int]:
    """List items whose lead-in paragraph (right above the list) holds ``lead``."""
    led: set[int] = set()
    ok = False
    previous: Block | None = None
    for block in doc.blocks:
        if block.kind == "item":
            if previous is not None and previous.kind != "item":
                ok = previous.kind == "paragraph" and bool(lead.search(previous.text))
            if ok:
                led.add(id(block))
        previous = block
    return led


def _next_in_block(doc: Document) -> dict[int, Sentence]:
    sentences = prose_sentences(doc)
    pairs = zip(sentences, sentences[1:], strict=False)
    return {id(s): t for s, t in pairs if t.block is s.block}


def under(doc: Document, options: Options) -> Iterable[Sentence]:
    """Sentences under a heading, stand-in heading or lead-in meaning one of ``labels``
    (or, with ``led_by``, list items introduced by a paragraph holding one of those), minus
    those holding ``unless``; ``items``: list items only; ``tables``: table rows too;
    ``argued``: only sentences where it or the next sentence of its paragraph holds one of
    ``argued``."""
    labels, unless, reason = _cue(options, "labels"), _cue(options, "unless"), \
        _cue(options, "argued")
    led_by = _cue(options, "led_by")
    names = block_labels(doc)
    led = _led_blocks(doc, led_by) if led_by else set()
    following = _next_in_block(doc) if reason else {}
    pool = prose_sentences(doc)
    if options.get("tables"):
        pool = sorted([*pool, *scopes(doc)["tables"]], key=lambda s: s.line)
    for s in pool:
        if options.get("items") and s.block.kind != "item":
            continue
        if not ((labels and labels.search(names.get(id(s.block), ""))) or id(s.block) in led):
            continue
        if unless and unless.search(s.text):
            continue
        if reason and not _argued(s, following, reason):
            continue
        yield s


def _argued(s: Sentence, following: Mapping[int, Sentence], reason: Cue) -> bool:
    after = following.get(id(s))
    return bool(reason.search(s.text) or (after and reason.search(after.text)))


def outside(doc: Document, options: Options) -> Iterable[Sentence]:
    """Body sentences not under a heading, stand-in heading or lead-in meaning one of
    ``labels`` (text about something else)."""
    labels = _cue(options, "labels")
    assert labels is not None
    names = block_labels(doc)
    return [s for s in prose_sentences(doc) if not labels.search(names.get(id(s.block), ""))]


def argued(doc: Document, options: Options) -> Iterable[Sentence]:
    """Sentences holding ``say`` where it or the next sentence of the paragraph holds
    ``reason``: a point with its argument."""
    say, reason = _cue(options, "say"), _cue(options, "reason")
    assert say is not None and reason is not None
    following = _next_in_block(doc)
    return [s for s in prose_sentences(doc) if say.search(s.text)
            and _argued(s, following, reason)]


def qualified(doc: Document, options: Options) -> Iterable[tuple[Span, str]]:
    """Sentences naming at least ``min`` distinct ``qualifiers`` (a figure counts as
    ``figure`` of them): a segment narrow enough to aim at."""
    words, say = cues(*_flat(options["qualifiers"])), _cue(options, "say")
    least, figure = int(options.get("min", 3)), int(options.get("figure", 2))
    labelled = {id(s) for s in under(doc, options)} if options.get("labels") else set()
    for s in prose_sentences(doc):
        if (say or labelled) and not ((say and say.search(s.text)) or id(s) in labelled):
            continue
        found = {m.group(0).lower() for m in words.finditer(s.text)}
        digits = set(re.findall(r"\d", s.text))
        count = len(found) + len(digits) + (figure if digits else 0)
        if count >= least:
            yield s, ", ".join(sorted(found))


def _cells(row: Block) -> list[str]:
    return [c.strip() for c in row.text.strip().strip("|").split("|")]


def column_figures(doc: Document, options: Options) -> Iterable[Sentence]:
    """Table rows with a figure in a column whose header holds one of ``columns`` (a
    "Target" or "Goal" column): a metric with its target."""
    columns = _cue(options, "columns")
    assert columns is not None
    for s in scopes(doc)["tables"]:
        header = _table_header(doc, s.block)
        if header is None or re.fullmatch(r"[\s|:\-]+", s.block.text):
            continue
        names, cells = _cells(header), _cells(s.block)
        if any(columns.search(name) and i < len(cells) and re.search(r"\d", cells[i])
               for i, name in enumerate(names)):
            yield s


# --- roadmap themes ------------------------------------------------------------------------

PERIOD = lazy(
    r"""(?ix)
    \b(?:q[1-4](?:\s*(?:'|fy|20)?\d\d)?|h[12](?:\s*(?:fy|20)?\d\d)?|fy\s?\d\d|20\d\d
    |(?:now|next|later)(?!-)|near[- ]term|mid[- ]term|long[- ]term|short[- ]term
    |horizon\s*(?:\d|one|two|three)|phase\s*(?:\d|one|two|three|i{1,3})|stage\s*\d
    |year\s*(?:one|two|three|\d)|months?\s*\d+(?:\s*[-–]\s*\d+)?|first\s(?:half|quarter|year)
    |second\s(?:half|quarter|year)|this\s(?:quarter|year|half)
    |next\s(?:quarter|year|half|\d+\s(?:months|quarters))|(?:spring|summer|fall|autumn|winter)
    |sprint\s\d+|milestone\s\d+|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s20\d\d)\b
    """
)
LABEL_END = lazy(r"^[^.!?]{0,80}?(?::|\s[—–-]\s|\*\*\s)")
CONTAINER_WORD = lazy(r"\w+")


@dataclass
class Theme:
    """One roadmap group: its label (heading or lead-in) and the blocks under it."""

    label: Block
    blocks: list[Block]

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)

    @property
    def timed(self) -> bool:
        return bool(PERIOD.search(self.text))


@dataclass(frozen=True)
class Reader:
    """The roadmap vocabulary a kind file passes in as options."""

    section: Cue  # a heading that opens the roadmap
    theme: Cue  # a word that names a group of work ("theme", "pillar")
    elsewhere: Cue  # a heading about something else: the current state, goals, metrics
    why: Cue  # a reason
    why_column: Cue  # a table column that holds the reasons

    @classmethod
    def of(cls, options: Options) -> Reader:
        return cls(*(cues(*options[key]) for key in
                     ("sections", "themes", "not_themes", "why", "why_columns")))

    def other_topic(self, block: Block) -> bool:
        """A heading about the current state or the goals, not a stretch of planned work."""
        return block.kind == "heading" and bool(self.elsewhere.search(block.text)) \
            and not self.theme.search(block.text) and "roadmap" not in block.text.lower()


def _roadmap_region(doc: Document, read: Reader) -> tuple[list[Block], bool]:
    """Blocks of the roadmap part of the doc, and whether a heading marked it as such."""
    start = next((h for h in doc.headings if read.section.search(h.text)
                  and not read.other_topic(h)), None)
    if start is None:
        return list(doc.blocks), False
    region = []
    for block in doc.blocks:
        if block.line < start.line:
            continue
        if block.kind == "heading" and block.line > start.line and block.level <= start.level \
                and (read.other_topic(block)
                     or not (PERIOD.search(block.text) or read.theme.search(block.text))):
            break
        region.append(block)
    return region, True


def _is_label(block: Block, in_roadmap: bool, read: Reader) -> bool:
    head = block.text.split("\n", 1)[0]
    if block.kind == "heading":
        # Level 1 is the document's title; a heading about today or the goals is no theme.
        return block.level > 1 and not read.other_topic(block) and bool(
            PERIOD.search(head) or (in_roadmap and (read.theme.search(head) or block.level >= 3)))
    if block.kind in ("item", "paragraph", "table"):
        lead = LABEL_END.match(head.lstrip("|*_ "))
        if lead and read.theme.search(lead.group(0)):
            return True
        if _other_lead(block, read):
            return False  # "Metrics (vs last year):" or "Goals for 2025:" is no theme
        if lead and PERIOD.search(lead.group(0)):
            return True
        return bool(block.kind != "paragraph" and PERIOD.match(head.lstrip("|*_ ")))
    return False


def _other_lead(block: Block, read: Reader) -> bool:
    """A lead-in about the current state, the goals or the metrics ("KPIs: ...")."""
    if block.kind not in ("item", "paragraph", "table"):
        return False
    lead = LABEL_END.match(block.text.split("\n", 1)[0].lstrip("|*_ "))
    return bool(lead and read.elsewhere.search(lead.group(0))
                and not read.theme.search(lead.group(0)))


def _split_label_lines(doc: Document, region: list[Block], read: Reader) -> list[Block]:
    """A plain-text paragraph whose lines each start with a period is a list without
    bullets: one block per line."""
    out: list[Block] = []
    for block in region:
        if block.kind == "paragraph" and block.end_line > block.line:
            lines = [Block(doc.lines[n - 1].strip(), n, n, "item", block.section)
                     for n in range(block.line, block.end_line + 1)
                     if n <= len(doc.lines) and doc.lines[n - 1].strip()]
            if sum(_is_label(b, False, read) for b in lines) >= 2:
                out.extend(lines)
                continue
        out.append(block)
    return out


# Documents held weakly: a finished file's Document is freed, not kept by this memo.
_THEMES: dict[tuple[int, Reader], tuple[weakref.ref[Document], list[Theme], bool]] = {}


def roadmap_themes(doc: Document, read: Reader) -> tuple[list[Theme], bool]:
    """The roadmap's themes, and whether a heading marked the roadmap (memoised)."""
    key = (id(doc), read)
    hit = _THEMES.get(key)
    if hit is None or hit[0]() is not doc:
        if len(_THEMES) >= 32:
            _THEMES.pop(next(iter(_THEMES)))
        region, marked = _roadmap_region(doc, read)
        themes = _group(_split_label_lines(doc, region, read), marked, read)
        hit = _THEMES[key] = (weakref.ref(doc), themes, marked)
    return hit[1], hit[2]


def _group(region: list[Block], marked: bool, read: Reader) -> list[Theme]:
    """Labelled headings, lead-ins or rows, each with the blocks that follow it."""
    themes: list[Theme] = []
    open_theme = False
    for block in region:
        label = _is_label(block, marked, read)
        if (is_pseudo_heading(block) and not label) or read.other_topic(block) \
                or _other_lead(block, read):
            open_theme = False  # a stand-in heading ("**Success**") or "KPIs:" ends a theme
        elif label:
            themes.append(Theme(block, [block]))
            open_theme = True
        elif open_theme and themes and (block.kind != "heading"
                                        or block.level > themes[-1].label.level > 0):
            themes[-1].blocks.append(block)
    # A label that only groups other labels ("Themes:" or a heading over "H1 — ...") is not
    # a theme itself; neither is a table's separator row.
    return [t for t in themes if not re.fullmatch(r"[\s|:\-]+", t.label.text)
            and not (len(t.blocks) == 1 and _container(t.label))]


def _container(label: Block) -> bool:
    """A heading, or a short colon-ended line, that could only group the labels below it."""
    return label.kind == "heading" or (len(CONTAINER_WORD.findall(label.text)) <= 3
                                       and label.text.rstrip().endswith(":"))


def _feature_list(theme: Theme) -> bool:
    """A period followed only by a comma list of short features: a release plan, not a
    named theme (a bold, quoted or lead-in name makes it a theme)."""
    if len(theme.blocks) != 1:
        return False
    head = theme.label.text.lstrip("|*_-• ")
    lead = LABEL_END.match(head)
    if not lead or not PERIOD.search(lead.group(0)):
        return False
    rest = head[lead.end():].strip(" ")
    parts = [p.strip() for p in re.split(r",|\band\b|;", rest) if p.strip()]
    return len(parts) >= 2 and all(len(p.split()) <= 4 for p in parts) and not re.search(
        r"[\"“(:—–]|\*\*|__", rest)


def _grouped(doc: Document, themes: list[Theme], marked: bool, read: Reader) -> bool:
    """Whether the work is grouped into themes rather than listed as features."""
    if marked:
        region, _ = _roadmap_region(doc, read)
        if any(read.theme.search(b.text) for b in region):
            return True
    elif any(read.theme.search(t.text) for t in themes):
        return True
    substantial = sum((len(t.blocks) >= 2 or len(t.text.split()) >= 6) and not _feature_list(t)
                      for t in themes)
    return substantial > len(themes) // 2


def _table_header(doc: Document, row: Block) -> Block | None:
    """The first row of the table ``row`` belongs to."""
    header = None
    previous_end = -2
    for block in doc.blocks:
        if block.kind != "table":
            previous_end = -2
            continue
        if block.line > previous_end + 2 or header is None:
            header = block
        previous_end = block.end_line
        if block is row:
            return header if header is not row else None
    return None


def _explained(doc: Document, theme: Theme, read: Reader) -> bool:
    """Whether a theme says why; in a table with a "Why" column, that cell must say it."""
    header = _table_header(doc, theme.label) if theme.label.kind == "table" else None
    if header is not None:
        names = [c.strip().lower() for c in header.text.strip("| ").split("|")]
        cells = [c.strip() for c in theme.label.text.strip("| ").split("|")]
        columns = [i for i, n in enumerate(names) if read.why_column.search(n)]
        if columns:
            return any(i < len(cells) and len(cells[i].split()) >= 3 for i in columns)
    return bool(read.why.search(theme.text))


_SHOW: dict[str, Callable[[Document, list[Theme], bool, Reader], Sequence[Theme]]] = {
    "themes": lambda doc, themes, marked, read: themes,
    "timed": lambda doc, themes, marked, read: [t for t in themes if t.timed],
    "grouped": lambda doc, themes, marked, read:
        themes if _grouped(doc, themes, marked, read) else [],
    "explained": lambda doc, themes, marked, read:
        [t for t in themes if _explained(doc, t, read)],
    "unexplained": lambda doc, themes, marked, read:
        [t for t in themes if not _explained(doc, t, read)],
}


def roadmap(doc: Document, options: Options) -> Iterable[tuple[Span, str]]:
    """The roadmap's theme labels; ``show`` picks themes, timed, grouped, explained or
    unexplained ones."""
    read = Reader.of(options)
    themes, marked = roadmap_themes(doc, read)
    for theme in _SHOW[options.get("show", "themes")](doc, themes, marked, read):
        yield theme.label, _name(theme.label)


def _name(label: Block) -> str:
    """A theme's name to quote: its label's first clause, at most eight words."""
    head = label.text.split("\n", 1)[0].strip("*_ ")
    if label.kind == "table":
        head = " · ".join([c.strip() for c in head.split("|") if c.strip()][:2])
    clause = re.split(r"[,.;](?:\s|$)", head, maxsplit=1)[0]
    words = clause.replace("**", "").split()
    return " ".join(words[:8]) + ("…" if len(words) > 8 else "")


FUNCTIONS: dict[str, Callable[[Document, Options], Iterable[Any]]] = {
    "strategy.prose": prose,
    "strategy.under": under,
    "strategy.outside": outside,
    "strategy.argued": argued,
    "strategy.qualified": qualified,
    "strategy.column-figures": column_figures,
    "strategy.roadmap": roadmap,
}
