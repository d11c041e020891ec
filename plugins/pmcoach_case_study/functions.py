"""The case-study kind's escape hatches: what its kind file cannot say with phrases.

Each function is ``fn(doc, options)`` and yields sentences of the engine's ``all`` scope (so
rules can narrow them further with ``within:``), or ``(span, text)`` pairs. Phrase lists come
from the kind file through ``options`` (YAML anchors of its ``phrases:`` groups), so the
vocabulary stays in one place.

- ``opening``: the sentences that set the scene (position in the story, not wording).
- ``outside-sections`` / ``in-sections``: sentences outside (or inside) sections of a kind,
  including sections under plain-text headings ("RESULTS", "3. WHAT I LEARNED", a short
  first line on its own) in documents pasted without markup.
- ``front-matter``: a front-matter field whose value reads like the given phrases.
- ``outcomes``: sentences that report an outcome number, with what frames them (baseline,
  time frame, attribution), read across a table's header or a list's lead-in.
- ``facts`` / ``contradictions`` (consistency.py): facts stated twice that disagree.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from pmcoach import Block, Document, Sentence, Span
from pmcoach.checks import ATTRIBUTION, BASELINE, QUANTITY, TIMEFRAME, cues, lazy, per_document
from pmcoach.cues import Cue
from pmcoach.rules.engine import scopes

Found = Iterable["Span | tuple[Span, str]"]


def _flat(items: Any) -> list[str]:
    """A phrase list from options: a list, or a list of lists (several anchored groups)."""
    if isinstance(items, str):
        return [items]
    return [p for item in items or () for p in _flat(item)]


def _cue(options: Mapping[str, Any], key: str) -> Cue | None:
    phrases = _flat(options.get(key))
    return cues(*phrases) if phrases else None


def _titled(cue: Cue | None, title: str) -> bool:
    return cue is not None and bool(title) and cue.search(title) is not None


def _fine(doc: Document, chosen: Iterable[Sentence]) -> Iterator[Sentence]:
    """The engine's sentences that lie inside ``chosen`` (document sentences)."""
    spans: dict[int, list[Sentence]] = {}
    for s in chosen:
        spans.setdefault(id(s.block), []).append(s)
    for s in scopes(doc)["all"]:
        if any(c.line <= s.line <= c.end_line and s.text in c.text
               for c in spans.get(id(s.block), ())):
            yield s


# --- plain-text headings -------------------------------------------------------------------

_PLAIN_HEADING_WORDS = 6
_ENDS_SENTENCE = (".", "!", "?", ";", ",", ":", ")", "\"", "'")


def _plain_title(block: Block) -> tuple[str, bool] | None:
    """A plain-text heading this block starts with, and whether the block is only that
    line: a short line with no closing punctuation ("The problem", "RESULTS"); a list item
    only when it is in capitals ("3. REFLECTIONS" parsed as an item)."""
    first, _, rest = block.text.strip().partition("\n")
    first = first.strip().strip("*_").strip()
    words = first.split()
    if not words or len(words) > _PLAIN_HEADING_WORDS or first.endswith(_ENDS_SENTENCE):
        return None
    if not (first[0].isupper() or first[0].isdigit()):
        return None
    if block.kind == "item":
        return (first, True) if not rest and first.upper() == first and \
            any(c.isalpha() for c in first) else None
    if block.kind != "paragraph":
        return None
    rest = rest.strip()
    if rest and not rest[0].isupper():
        return None
    return first, not rest


@per_document
def _plain_sections(doc: Document) -> tuple[dict[int, str], frozenset[int]]:
    """Each block's section title under plain-text headings, and the blocks that are only
    a heading; empty when the document has headings of its own (markup decides then)."""
    titles: dict[int, str] = {}
    heading_only: set[int] = set()
    if doc.headings:
        return titles, frozenset()
    current = ""
    for block in doc.blocks:
        found = _plain_title(block)
        if found is not None:
            current = found[0]
            if found[1]:
                heading_only.add(id(block))
        titles[id(block)] = current
    return titles, frozenset(heading_only)


def section_of(doc: Document, block: Block) -> str:
    """The title of the section a block is in: its heading, or a plain-text heading."""
    return block.section or _plain_sections(doc)[0].get(id(block), "")


def heading_fragments(doc: Document, options: Mapping[str, Any]) -> Found:
    """Sentences that are a plain-text heading glued to a fragment of fewer than
    ``min_words`` words ("What I learned\nKeep it simple."): the heading's words are not
    the writer's statement, and the fragment alone is too short to be one."""
    if doc.headings:
        return
    least = int(options.get("min_words", 5))
    for s in scopes(doc)["all"]:
        found = _plain_title(s.block)
        if found is None or found[1]:
            continue
        text = s.text.strip().lstrip("*_")
        if text.startswith(found[0]) and len(text[len(found[0]):].split()) < least:
            yield s


def _section_start(doc: Document, s: Sentence) -> int:
    """The first line of the section a sentence is in."""
    section = doc.section_for(s.line)
    if section is not None and section.title:
        return section.line
    title = section_of(doc, s.block)
    return next((b.line for b in doc.blocks if title and section_of(doc, b) == title), s.line)


def in_sections(doc: Document, options: Mapping[str, Any]) -> Found:
    """The body sentences of sections whose heading (or plain-text heading) means one of
    ``headings``, each with its section's title."""
    heading = _cue(options, "headings")
    only_heading = _plain_sections(doc)[1]
    for s in scopes(doc)["all"]:
        if s.block.kind == "heading" or id(s.block) in only_heading:
            continue
        title = section_of(doc, s.block)
        if _titled(heading, title):
            yield s, title


# --- opening ------------------------------------------------------------------------------


def opening(doc: Document, options: Mapping[str, Any]) -> Found:
    """The opening of the story: the first quarter of the sentences (at least ``min``), the
    first section unless it holds most of the text, and a section whose heading means one of
    ``headings`` if it starts in the first half."""
    sentences = doc.sentences
    if not sentences:
        return []
    limit = max(int(options.get("min", 4)), math.ceil(0.25 * len(sentences)))
    first: str | None = section_of(doc, sentences[0].block)
    if sum(1 for s in sentences if section_of(doc, s.block) == first) > len(sentences) / 2:
        first = None
    half = sentences[0].line + (sentences[-1].end_line - sentences[0].line) / 2
    heading = _cue(options, "headings")
    early = []
    for i, s in enumerate(sentences):
        title = section_of(doc, s.block)
        context = _titled(heading, title) and _section_start(doc, s) <= half
        if i < limit or title == first or context:
            early.append(s)
    return list(_fine(doc, early))


# --- sections -----------------------------------------------------------------------------


def _indent(doc: Document, block: Block) -> int:
    line = doc.lines[block.line - 1] if 0 < block.line <= len(doc.lines) else ""
    return len(line) - len(line.lstrip())


def _is_lead(block: Block) -> bool:
    """A short item or paragraph that ends in ':' ("Results:"), introducing what follows."""
    text = block.text.rstrip()
    return text.endswith(":") and (block.kind == "paragraph" or len(text.split()) <= 6)


def _item_lead(doc: Document, block: Block, previous: Block | None,
               nested: tuple[str, int] | None) -> tuple[str, int] | None:
    """The lead-in item a nested list item sits under ("- Results:" then indented items)."""
    if previous is not None and previous.kind == "item" and _is_lead(previous) and \
            _indent(doc, block) > _indent(doc, previous):
        return previous.text, _indent(doc, block)
    if nested is not None and previous is not None and previous.kind == "item" and \
            _indent(doc, block) >= nested[1]:
        return nested
    return None


def lead_ins(doc: Document) -> dict[int, str]:
    """For each table row and list item, the text that frames it: the table's header row,
    the paragraph ending in ':' just before the list, or the short item ending in ':' that
    a nested list sits under."""
    frames: dict[int, str] = {}
    header: Block | None = None
    lead = ""
    nested: tuple[str, int] | None = None
    previous: Block | None = None
    for block in doc.blocks:
        if block.kind == "table":
            if previous is None or previous.kind != "table" or block.line > previous.end_line + 2:
                header = block
            elif header is not None:
                frames[id(block)] = header.text
        elif block.kind == "item":
            if previous is not None and previous.kind == "paragraph" and _is_lead(previous):
                lead = previous.text
            elif previous is None or previous.kind != "item":
                lead = ""
            nested = _item_lead(doc, block, previous, nested)
            if nested is not None or lead:
                frames[id(block)] = nested[0] if nested is not None else lead
        previous = block
    return frames


def _lead(s: Sentence, frames: Mapping[int, str]) -> str:
    """A block's own short first line ending in ':' ("Results:"), or its lead-in."""
    first = s.block.text.split("\n", 1)[0].rstrip()
    if first.endswith(":") and len(first.split()) <= 6 and s.block.end_line > s.block.line:
        return first
    return frames.get(id(s.block), "")


def outside_sections(doc: Document, options: Mapping[str, Any]) -> Found:
    """Sentences neither in a section whose heading means one of ``headings`` nor in a
    block framed by a lead-in that means one of ``lead_ins``."""
    heading, lead = _cue(options, "headings"), _cue(options, "lead_ins")
    frames = lead_ins(doc) if lead is not None else {}
    out = []
    for s in scopes(doc)["all"]:
        if _titled(heading, section_of(doc, s.block)):
            continue
        framing = _lead(s, frames) if lead is not None else ""
        if framing and lead is not None and lead.search(framing):
            continue
        out.append(s)
    return out


def front_matter(doc: Document, options: Mapping[str, Any]) -> Found:
    """A front-matter field among ``keys`` whose "Key: value" reads like ``phrases``."""
    keys = {k.lower() for k in _flat(options.get("keys"))}
    test = _cue(options, "phrases")
    for key, value in doc.front_matter.items():
        name = str(key).lower()
        if name in keys and value and (test is None or test.search(f"Role: {value}")):
            line = next((i for i, text in enumerate(doc.lines, 1)
                         if text.strip().lower().startswith(f"{name}:")), 1)
            yield Span(doc.lines[line - 1].strip(), line, line), f"{key}: {value}"


# --- outcomes -----------------------------------------------------------------------------

_DURATION_UNIT = lazy(r"(?i)(minutes|hours|days|weeks|seconds|ms)\s*$")
_MONTH = r"(?:(?:early|mid|late)[- ])?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
#: When the change started, not how long it was measured: "after launch (in May 2023)",
#: "launched in May 2023". Removed before looking for a time frame.
_OPEN_START = lazy(
    rf"(?i)\b(?:after|since|following) (?:the |our )?(?:launch|release|rollout|go-live)"
    rf"(?:\s+(?:in|on)\s+(?:{_MONTH}\s*)?(?:\d{{1,2}},?\s+)?(?:(?:19|20)\d\d)?)?"
    rf"|\b(?:launched|released|rolled out|shipped|went live)\s+(?:in|on)\s+"
    rf"(?:{_MONTH}\s*)?(?:\d{{1,2}},?\s+)?(?:19|20)\d\d")
_RATE_ONLY = lazy(r"(?i)weekly|monthly|quarterly|annually|(?:per|a|each)\s+(?:day|week|month"
                  r"|quarter|year)")


class _Outcomes:
    """The kind file's vocabulary for outcome numbers, compiled."""

    def __init__(self, options: Mapping[str, Any]) -> None:
        get: Callable[[str], Cue | None] = lambda key: _cue(options, key)  # noqa: E731
        self.results, self.before = get("results"), get("before")
        self.change, self.metric = get("change"), get("metric_words")
        self.counted, self.in_words = get("counted_change"), get("in_words")
        self.research, self.evidence = get("research"), get("evidence")
        self.timeframe, self.column = get("timeframe"), get("baseline_column")
        self.baseline = get("baseline")

    @staticmethod
    def _has(cue: Cue | None, text: str) -> bool:
        return cue is not None and cue.search(text) is not None

    def _quantities(self, text: str) -> list[str]:
        found = [m.group(0) for m in QUANTITY.finditer(text)]
        if found:
            return found
        low = text.lower()
        worded = any(w in low for w in ("from ", "per", "point")) and self._has(self.in_words, low)
        return ["change"] if self._has(self.counted, text) or worded else []

    def compared(self, text: str) -> bool:
        """A number set against an earlier one or a control ("from 4% to 6%", "4% → 6%")."""
        return BASELINE.search(text) is not None or self._has(self.baseline, text)

    def reports(self, s: Sentence, frame: str = "", section: str = "") -> bool:
        """A sentence that reports an outcome number (not a team size, duration, sample or
        a number describing the situation before the work); a list led in by "Results:"
        counts as a results section."""
        quantities = self._quantities(s.text)
        if not quantities:
            return False
        text = s.text
        results = _titled(self.results, section) or self._has(self.results, frame)
        baseline = self.compared(text)
        if not results and (_titled(self.before, section) or self._has(self.research, text)
                            or (not baseline and self._has(self.evidence, text))):
            return False
        changed = self._has(self.change, text) or baseline
        if all(_DURATION_UNIT.search(q) for q in quantities):
            return changed and (self._has(self.metric, text) or baseline)
        return changed or results

    def timed(self, text: str) -> bool:
        """A period the outcome was measured over; a rate ("weekly", "a month") is not, nor
        is an open start with no end ("after launch in May 2023")."""
        text = _OPEN_START.sub(" ", text)
        if self._has(self.timeframe, text):
            return True
        return any(not _RATE_ONLY.fullmatch(m.group(0)) for m in TIMEFRAME.finditer(text))

    def framing(self, s: Sentence, around: str, frame: str) -> dict[str, bool]:
        return {
            "baseline": bool(self.compared(s.text) or self.compared(frame)
                             or (self._has(self.column, frame)
                                 and len(QUANTITY.findall(s.text)) >= 2)),
            "timeframe": self.timed(f"{frame} {around}"),
            "attribution": bool(ATTRIBUTION.search(f"{frame} {around}")),
        }


def outcomes(doc: Document, options: Mapping[str, Any]) -> Found:
    """Sentences reporting an outcome number. With ``needs`` (baseline, timeframe,
    attribution), only those framed by all of them; with ``bare: true``, those framed by
    none. The sentence just before (if not itself a result) and a table header or list
    lead-in count as framing."""
    vocabulary = _Outcomes(options)
    sentences = doc.sentences
    frames = lead_ins(doc)
    flags = [vocabulary.reports(s, frames.get(id(s.block), ""), section_of(doc, s.block))
             for s in sentences]
    needs: Sequence[str] = _flat(options.get("needs"))
    chosen = []
    for i, s in enumerate(sentences):
        if not flags[i]:
            continue
        around = s.text
        if i and not flags[i - 1] and sentences[i - 1].block is s.block:
            around = sentences[i - 1].text + " " + around
        framed = vocabulary.framing(s, around, frames.get(id(s.block), ""))
        if options.get("bare") and any(framed.values()):
            continue
        if all(framed[n] for n in needs):
            chosen.append(s)
    return list(_fine(doc, chosen))
