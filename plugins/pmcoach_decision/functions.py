"""The decision kind's escape hatches: what its kind file cannot say with phrases.

Telling a condition mapped to an option ("if X, A is best") from an ordinary "if", and
telling two branches' options apart, is sentence parsing; "evidence near a claim" and "a
call later in the paragraph" relate sentences to each other; a name or a role ("Sales
argues", "our CTO") is told by its capital letters. Each function is ``fn(doc, options)``
and returns sentences (or spans) with the text to quote; the kind file filters and
combines them. Options that take phrases accept the kind file's ``@groups``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from pmcoach import Document, Sentence, Span
from pmcoach.checks import QUANTITY, fine_sentences, per_document
from pmcoach.cues import cues, lazy
from pmcoach.document import Block
from pmcoach.rules import load_kind
from pmcoach.rules.groups import Test, compile_phrases

KIND_FILE = Path(__file__).with_name("kind.yaml")

Found = Iterator["Span | tuple[Span, str]"]

# --- conditions mapped to options ----------------------------------------------------------

# A condition clause. "where", "should" and "were/had" only count at the start of a
# sentence or list item ("Where data is thin, ...", "Should churn rise, ..."), since
# mid-sentence they are usually not conditional.
CONDITION = lazy(
    r"""(?ix)
    (?:(?<![\w-])(?:if|when|whenever|in\ case|in\ the\ case\ (?:that|of)|assuming|provided
        |as\ long\ as|unless|in\ (?:a|the)\ (?:world|scenario|case)\ where|in\ scenarios?
        |for\ (?:teams|customers|accounts|users|segments|markets|deals)\ (?:that|who|with|where))
      (?![\w-]))
    | (?:^[\s*_\-"']*(?:where|should|were|had)\s+[^,;:]{3,80},)
    | (?:\b(?:scenario|case|world|situation)\s*[A-Z1-9]?\s*(?:\([^)]*\))?\s*[:→])
    """
)
NOT_A_MAPPING = cues(
    "let me know if", "if you have", "if needed", "if possible", "if any", "even if", "what if",
    "if so", "as if", "if anything", "only if you", "if you'd like", "if you want", "when in doubt",
)
# What a branch lands on: a verdict word, an option, or who acts.
CONSEQUENT = lazy(
    r"""(?ix)
    \bthen\b | \bbest\b | \bbetter\b | \bright\ (?:call|choice|answer|move|option|bet|pick)\b
    | \bgo(?:es)?\ (?:with|for)\b | \bpick\b | \bchoose\b | \bopt\ for\b | \bwins?\b
    | \bmakes?\ (?:more\ |the\ most\ )?sense\b | \bprefer(?:able|red)?\b | \bfavou?rs?\b
    | \b(?:option|plan|approach|path|choice)\s+[A-Z1-9]\b | \bis\ the\ way\b
    | \b(?:we|i|you|teams?)\s*(?:'d|would|'ll|will|should|could)\b
    | \bshould\ (?:go|pick|choose|build|buy|use|keep|stay|ship|do|launch|wait|invest|stick)\b
    | →|->|=> | \bstick\ with\b | \bswitch\ to\b | \bworth\b | \bwe\ (?:build|buy|keep|ship)\b
    | \bwould\b | \bthe\ only\b | \b(?:is|are|'s)\ (?:fine|ok|okay|enough|good\ enough)\b
    """
)
# "if fewer than 50 accounts use it, we sunset it": a condition clause, a comma, then who acts.
IF_THEN = lazy(
    r"(?i)(?:^|[.;:]\s+)\W*(?:if|when|whenever|should|where|in case|assuming|provided|unless|"
    r"once)\b[^,;.]{3,160}"
    r"[,;]\s*(?:then\s+)?(?:we|i|you|they|it|the|option|plan|a|b|this|that|our|[A-Z]\w*)\b")
# Chat and lower-case notes run several conditions into one "sentence" ("... shared code
# wins. if we expect iOS first, native is fine"): each further condition opens a branch.
NEXT_BRANCH = lazy(r"(?i)(?:[.;!]|\s[—–-])\s+(?:and\s+|but\s+)?(?:if|when|whenever|unless|"
                   r"otherwise)\b")
OTHERWISE = cues("otherwise", "if not", "else", "in every other case", "in all other cases")
OPTION_LABEL = lazy(r"\b(?:option|plan|approach|path|choice)\s+([A-Z1-9])\b", re.I)
OPTION_VERB = lazy(
    r"\b(?:go(?:es)? with|go for|pick|choose|opt for|build|buy|stick with|switch to|use|keep|"
    r"ship|launch|stay with|stay on|partner with|wait|delay|invest in|focus on|prioriti[sz]e|"
    r"migrate to|move to|adopt|hire|outsource|then|best choice is|is best|wins)\s+"
    r"((?:[\w'-]+\s*){1,3})", re.I)
STOP = frozenset(["the", "a", "an", "we", "our", "to", "is", "it", "of", "and", "or", "for",
                  "with", "in", "on", "that", "this", "be"])
# A table laid out as condition | option.
TABLE_HEADER = cues("if", "when", "condition", "scenario", "situation", "case", "world",
                    "signal", "context", "assumption", "trigger")
TABLE_OPTION = cues("option", "choice", "pick", "best", "recommend(ed|ation)?", "approach",
                    "do", "go with", "then", "answer", "winner", "path", "action")
_RULE_ROW = re.compile(r"[\s|:\-]+")

# --- sentences relating to one another -------------------------------------------------------

# "roadmap is parity-heavy (payments, offline both needed), so I lean KMP": the call drawn
# from a stated fact in the same sentence.
DRAWN = lazy(r"(?i)[,;:)—–-]\s*(?:and\s+)?(?:so|therefore|hence|which is why|that's why)\s+"
             r"(?:i|we)\b")
DIGIT = lazy(r"\d")

# A team, a role or a named person taking a position: case matters ("CS", "Dana argues").
STAKEHOLDER = lazy(
    r"""(?x)
    (?i:\b(?:sales|engineering|eng|engineers|design(?:ers)?|finance|marketing|legal|support
        |leadership|execs?|executives|ops|operations|customer\ success|data\ science|security
        |stakeholders?|partners?|the\ board|investors|product\ marketing|platform\ team
        |skeptics|critics|others|some\ (?:people|folks|of\ you|on\ the\ team)|the\ team
        |(?:our|the)\ (?:ceo|cto|cfo|coo|vp|head|director|lead|manager|architect)s?
        |[a-z]+\ team|teammates|colleagues|reviewers|customers)\b)
    | \b(?:CEO|CTO|CFO|COO|VP|PMM|SRE|CS)\b
    | \b[A-Z][a-z]+(?:'s|\ (?:argues|argued|thinks|thought|believes|wants|wanted|prefers
        |worries|pushed|pushes|disagrees|feels|suggested|proposed|points|pointed|raised|says
        |said|made|has|would|is))\b
    """
)


@lru_cache(maxsize=1)
def _groups() -> dict[str, list[str]]:
    # From the loaded kind file (cached between runs), not by parsing the YAML again.
    return dict(load_kind(KIND_FILE).spec.phrases)


@lru_cache(maxsize=64)
def _test(phrases: tuple[str, ...]) -> Test:
    return compile_phrases(phrases, _groups())


def _option(options: Mapping[str, Any], key: str) -> Test | None:
    value = options.get(key)
    return _test(tuple(value)) if value else None


def _is_question(sentence: Sentence) -> bool:
    return sentence.text.rstrip().endswith("?")


def _has_consequent(text: str) -> bool:
    return bool(CONSEQUENT.search(text))


def _option_key(text: str) -> str:
    """A rough name for the option a conditional sentence lands on, to tell options apart."""
    label = OPTION_LABEL.search(text)
    if label:
        return label.group(1).upper()
    consequent = text
    for sep in (" then ", ", ", "→", "->", "=>", ": ", "; "):
        if sep in text:
            consequent = text.split(sep, 1)[1]
            break
    match = OPTION_VERB.search(consequent)
    chunk = match.group(1) if match else consequent
    words = [w for w in re.findall(r"[a-z0-9']+", chunk.lower()) if w not in STOP]
    return " ".join(words[:2])


@per_document
def _mapped(doc: Document) -> list[Sentence]:
    found = []
    for sentence in fine_sentences(doc):
        text = sentence.text
        if sentence.block.kind == "table" or _is_question(sentence):
            continue
        if not CONDITION.search(text) or NOT_A_MAPPING.search(text) and not OTHERWISE.search(text):
            continue
        if _has_consequent(text) or IF_THEN.search(text):
            found.append(sentence)
    return found


def _tables(doc: Document) -> list[list[Span]]:
    """Each table's rows (adjacent table blocks), header first."""
    tables: list[list[Span]] = []
    previous_end = -2
    for block in doc.blocks:
        if block.kind != "table":
            continue
        if not tables or block.line not in (previous_end + 1, previous_end + 2):
            tables.append([])
        tables[-1].append(block)
        previous_end = block.end_line
    return tables


@per_document
def _table_rows(doc: Document) -> list[Span]:
    """Data rows of tables whose header reads like condition -> option."""
    rows: list[Span] = []
    for table in _tables(doc):
        header, data = table[0], [r for r in table[1:] if not _RULE_ROW.fullmatch(r.text)]
        shaped = TABLE_HEADER.search(header.text) and TABLE_OPTION.search(header.text)
        row_conditions = sum(1 for r in data if CONDITION.search(r.text.strip("| ")))
        if len(data) >= 2 and (shaped or row_conditions >= 2):
            rows.extend(data)
    return rows


def _run_on_branches(sentence: Sentence) -> Iterator[tuple[Span, str]]:
    """Further branches inside one unsplit sentence ("if X, A wins. if Y, B is fine")."""
    starts = [m.start() for m in NEXT_BRANCH.finditer(sentence.text)]
    for start, end in zip(starts, [*starts[1:], len(sentence.text)][:len(starts)], strict=True):
        piece = sentence.text[start:end].lstrip(".;!—–- ")
        if _has_consequent(piece) and not OTHERWISE.match(piece):
            yield Span(piece, sentence.line, sentence.end_line), _option_key(piece)


def branches(doc: Document, options: Mapping[str, Any]) -> Found:
    """Every condition -> option branch, quoting the option it lands on ("if X, A is best";
    "otherwise B"; a condition | option table row). Each branch is its own span, so a rule
    counts branches with ``distinct: sentence`` and different options with ``distinct: match``."""
    del options
    sentences = _mapped(doc)
    for sentence in sentences:
        yield sentence, _option_key(sentence.text)
    otherwise = next((s for s in sentences if OTHERWISE.search(s.text)), None)
    if otherwise is not None:
        yield Span(otherwise.text, otherwise.line, otherwise.end_line), "<otherwise>"
    for sentence in sentences:
        yield from _run_on_branches(sentence)
    for row in _table_rows(doc):
        yield row, f"row {row.line}"


def mapped(doc: Document, options: Mapping[str, Any]) -> Found:
    """Sentences that map a condition to an option."""
    del options
    yield from _mapped(doc)


def conditions(doc: Document, options: Mapping[str, Any]) -> Found:
    """Sentences holding a condition clause ("if", "unless", "should X happen, ...")."""
    del options
    for sentence in fine_sentences(doc):
        match = CONDITION.search(sentence.text)
        if match:
            yield sentence, match.group(0)


# --- sentences outside the branches --------------------------------------------------------

def _evidence(sentence: Sentence) -> bool:
    text = sentence.text
    return bool(DIGIT.search(text) or QUANTITY.search(text)) \
        or _test(("@data",))(sentence) is not None


def _evidence_near(sentences: Sequence[Sentence], sentence: Sentence) -> bool:
    block = sentence.block
    return any(_evidence(s) for s in sentences
               if s.block is block or abs(s.line - sentence.line) <= 2
               or (s.block.section and s.block.section == block.section))


def _call_later(sentences: Sequence[Sentence], sentence: Sentence, call: Test) -> bool:
    return any(t.block is sentence.block and t.line >= sentence.line and call(t) is not None
               for t in sentences)


def _filters(options: Mapping[str, Any], everything: Sequence[Sentence]
             ) -> list[Callable[[int, Sentence], bool]]:
    """The tests ``outside_branches`` applies, from its options."""
    tests: list[Callable[[int, Sentence], bool]] = []
    if options.get("drawn"):
        tests.append(lambda _, s: bool(DRAWN.search(s.text)))
    if options.get("evidence") == "near":
        tests.append(lambda _, s: _evidence_near(everything, s))
    later = _option(options, "call-later")
    if later is not None:
        tests.append(lambda _, s: _call_later(everything, s, later))
    after = _option(options, "after-call")
    if after is not None:
        tests.append(lambda i, s: i > 0 and everything[i - 1].block is s.block
                     and after(everything[i - 1]) is not None)
    return tests


def outside_branches(doc: Document, options: Mapping[str, Any]) -> Found:
    """Sentences that are not condition -> option branches, optionally only those that
    ``drawn``: draw a call from a fact in the same sentence ("..., so I lean A");
    ``evidence: near``: have a figure or data in their paragraph, within two lines or in
    their section; ``call-later``: are followed in their paragraph by a sentence holding
    one of these phrases; ``after-call``: come right after such a sentence (outside the
    branches) in their paragraph."""
    everything = fine_sentences(doc)
    branch = {id(s) for s in _mapped(doc)}
    tests = _filters(options, everything)
    for i, sentence in enumerate(everything):
        if id(sentence) in branch:
            continue
        if "after-call" in options and (i == 0 or id(everything[i - 1]) in branch):
            continue
        if all(test(i, sentence) for test in tests):
            yield sentence


# --- people, headings, the start of the document -------------------------------------------

def stakeholders(doc: Document, options: Mapping[str, Any]) -> Found:
    """Sentences naming a team, a role or a person. With ``paragraph-with``: every sentence
    of a paragraph where such a sentence also holds one of those phrases."""
    named = [(s, m.group(0)) for s in fine_sentences(doc) for m in [STAKEHOLDER.search(s.text)]
             if m]
    holding = _option(options, "paragraph-with")
    if holding is None:
        yield from named
        return
    blocks = {id(s.block) for s, _ in named if holding(s) is not None}
    yield from (s for s in fine_sentences(doc) if id(s.block) in blocks)


def _title_block(doc: Document) -> list[Block]:
    """The document's title: its front matter ``title``, else its first heading."""
    title = doc.front_matter.get("title")
    if isinstance(title, str) and title.strip():
        return [Block(title.strip(), 1, 1, "heading", title.strip(), 1)]
    return doc.headings[:1]


def headings(doc: Document, options: Mapping[str, Any]) -> Found:
    """Headings holding one of ``any``, or questions holding one of ``question`` (the title
    only, with ``first: true``: the front matter's, else the first heading)."""
    holds, asks = _option(options, "any"), _option(options, "question")
    for heading in _title_block(doc) if options.get("first") else doc.headings:
        as_sentence = Sentence(heading.text, heading.line, heading.end_line, heading)
        found = holds(as_sentence) if holds else None
        if found is None and asks and heading.text.rstrip().endswith("?"):
            found = asks(as_sentence)
        if found is not None:
            yield heading, found


# A plain-text heading (emails, .txt notes): a short line of its own, without end punctuation
# (a colon at most), opening a paragraph or standing alone.
PLAIN_HEADING = lazy(r"\A[\s*_#]*([A-Za-z][\w'’&/ -]{1,40}?)[\s*_]*:?[\s*_]*(?:\n|\Z)")


def _plain_heading(sentence: Sentence) -> tuple[str, str] | None:
    """The heading a sentence's first line is, if it reads as a plain-text heading, and the
    text after it."""
    match = PLAIN_HEADING.match(sentence.text)
    if match is None or len(match.group(1).split()) > 6 or sentence.block.kind == "table":
        return None
    return match.group(1), sentence.text[match.end():].strip()


def _plain_sections(sentences: Sequence[Sentence]) -> Iterator[tuple[str, Sentence]]:
    """(heading, first sentence after it) for each plain-text heading among ``sentences``."""
    for i, sentence in enumerate(sentences):
        found = _plain_heading(sentence)
        if found is None:
            continue
        heading, rest = found
        if rest:
            yield heading, sentence
        elif i + 1 < len(sentences) and sentences[i + 1].block is not sentence.block:
            yield heading, sentences[i + 1]


def section_openers(doc: Document, options: Mapping[str, Any]) -> Found:
    """The first sentence (not a question, not a table row) of each section whose heading
    holds one of ``headings`` and none of ``unless``: what a "Recommendation" section says
    first (and not what a heading that poses the decision, "The decision in front of us",
    says). Plain-text headings (a short line of its own in an email) count as headings."""
    means = _test(tuple(options["headings"]))
    poses = _option(options, "unless")

    def heads(text: str, line: int, block: Block) -> bool:
        as_sentence = Sentence(text, line, line, block)
        return means(as_sentence) is not None and (poses is None or poses(as_sentence) is None)

    sentences = fine_sentences(doc)
    for heading in doc.headings:
        if not heads(heading.text, heading.line, heading):
            continue
        body = [s for s in sentences if s.block.section == heading.text
                and s.line > heading.line and not _is_question(s) and s.block.kind != "table"]
        yield from body[:1]
    for title, opener in _plain_sections(sentences):
        if heads(title, opener.line, opener.block) and not _is_question(opener):
            yield opener


def early(doc: Document, options: Mapping[str, Any]) -> Found:
    """Sentences in the first half of the document (at least its first ``lines`` lines)."""
    limit = max(int(options.get("lines", 8)), len(doc.lines) // 2)
    yield from (s for s in fine_sentences(doc) if s.line <= limit)


def every_phrase(doc: Document, options: Mapping[str, Any]) -> Found:
    """Every occurrence of the phrases in ``any`` (plain phrases and ``@groups``), so a
    rule with ``distinct: match`` counts different terms, even in one sentence."""
    groups = _groups()
    phrases = [p for ref in options["any"]
               for p in (groups[ref[1:]] if ref.startswith("@") else [ref])]
    pattern = cues(*phrases)
    for sentence in fine_sentences(doc):
        for match in pattern.finditer(sentence.text):
            yield sentence, match.group(0)


FUNCTIONS: dict[str, Callable[[Document, Mapping[str, Any]], Found]] = {
    "decision.branches": branches,
    "decision.mapped": mapped,
    "decision.conditions": conditions,
    "decision.outside-branches": outside_branches,
    "decision.stakeholders": stakeholders,
    "decision.headings": headings,
    "decision.section-openers": section_openers,
    "decision.early": early,
    "decision.every-phrase": every_phrase,
}
