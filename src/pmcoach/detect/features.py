"""What detection measures in a document, in one pass over its lines and words.

``profile(doc)`` reads the text once into a :class:`Profile`: the words (code blocks left
out), the heading-like lines (markdown headings, bold labels, numbered sections, lines
ending with a colon), the title, the structural measures of
``signature.EXPECTATIONS`` and the style measures that say "not a PM document" (code,
links, markup, advice to "you", template placeholders). A :class:`Matcher` then reads a
profile against every kind's signature at once. Neither knows any kind by name.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from ..document import Document
from .signature import EXPECTATIONS, Signature
from .vocabulary import share

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
# Heading-like lines, by form; tried in turn (cheaper than one alternation).
_ATX = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)[\s#]*$")                      # ## Results
_BOLD_LABEL = re.compile(r"^\s*(?:[-*+]\s+)?(?:\*\*|__)([^*_]{1,60}?)(?:\*\*|__)")  # **Results**
_NUMBERED = re.compile(r"^\s*(?:\d{1,2}|[A-Z]|[ivx]{1,4})[.)]\s+([A-Z][^.!?]{0,50})$")  # 2. Results
# A label of at most four words ("What I'd change:"); a longer line ending in a colon is
# a sentence leading into a list.
_COLON_LABEL = re.compile(r"^\s*(?:[-*+]\s+)?([A-Z][\w/&'’()-]*(?: [\w/&'’()-]+){0,3}):(?:\s|$)")
_CAPS = re.compile(r"^\s*([A-Z][A-Z0-9 /&'-]{3,40})\s*$")                  # RESULTS
_HEADINGS = (_ATX, _BOLD_LABEL, _NUMBERED, _COLON_LABEL, _CAPS)
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
# Each pattern starts with a literal character: Python's regex engine then skips ahead
# quickly, where a leading \b or \d would make it try every position.
_LINK = re.compile(r"\]\(|https?://")
_INLINE_CODE = re.compile(r"`[^`\n]+`")
# "<describe the problem>", "[Your name]": words in brackets, not an HTML tag, autolink or
# markdown link target (those have '=', '/', ':' or no space). Bounded, so a stray "<"
# before a long line costs nothing.
_ANGLE_PLACEHOLDER = re.compile(r"<[a-z][a-z' ,-]{2,60}>", re.I)
_BRACKET_PLACEHOLDER = re.compile(r"\[(?:your|insert|add|describe|name|tbd|todo|link|date|x+)"
                                  r"[^\]\n]{0,50}\]", re.I)
_PLACEHOLDER_WORDS = ("tbd", "todo", "lorem", "xxx", "xx")
_VERSION = re.compile(r"\.\d+\.\d|v\d+\.\d")
_CLOCK = re.compile(r":[0-5]\d")
_MENTION = re.compile(r"@[A-Za-z]")
_RULE_CHARS = frozenset("=-~^")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,2}[.)])\s")
_EMPTY_ROW = frozenset("| \t")

# A field left blank in a form or template: "Owner:", "**Executives:**", "_Period:_".
_EMPTY_FIELD = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:\*\*|_)?[A-Z][\w /()'’-]{0,30}:(?:\*\*|_)?\s*$")
_GREETING = re.compile(
    r"^\s*(?:\*\*)?(?:hi|hey|hello|dear|good morning|morning|subject:|re:)\b", re.I)
_SUBJECT = re.compile(r"^\s*(?:\*\*)?subject:?(?:\*\*)?:?\s*(.+)", re.I)
_SIGN_OFF = re.compile(r"^\s*(thanks|thank you|cheers|best|regards|best regards|kind regards|"
                       r"talk soon|thx|ty)\b[ ,!.a-z]{0,20}$", re.I)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_SINGULAR = _words("i my me i'm i've i'd i'll myself mine")
_PLURAL = _words("we our us we're we've we'd we'll ours ourselves")
_SECOND = _words("you your you're you'll you've yours yourself")
_FUTURE = _words("will won't shall going plan plans planning next upcoming aim aims intend "
                 "expect we'll i'll")
_CONDITIONAL = _words("if unless depends otherwise whether whereas either")
_ASK = _words("thoughts advice feedback input suggestions opinion guidance okay ok approve sign")
_MONTHS = _words("jan feb mar apr may jun jul aug sep sept oct nov dec january february march "
                 "april june july august september october november december q1 q2 q3 q4 h1 "
                 "h2 fy quarter quarters")
_IRREGULAR_PAST = _words(
    "was were had did built led ran made took found saw grew went got wrote spent began "
    "brought bought chose came drove fell felt gave kept knew left lost met paid said sent "
    "sold spoke stood taught thought told understood won became hit cut shipped")
_NOT_PAST = _words("need needed based red bed feed seed speed embed indeed shed hundred breed "
                   "proceed exceed succeed deed weed")


@dataclass
class Profile:
    """Everything detection reads from one document."""

    words: int
    tokens: list[str]
    headings: list[list[str]]
    title: list[str]
    expectations: dict[str, float]
    style: dict[str, float]
    vocabulary: frozenset[str] = field(default_factory=frozenset)


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower().replace("’", "'"))


def _heading(line: str, following: str) -> str | None:
    """The label of a heading-like line, or None for a body line."""
    for pattern in _HEADINGS:
        match = pattern.match(line)
        if match:
            return match.group(1)
    if following and _SETEXT.match(following) and line.strip():
        return line
    return None


@dataclass
class _Lines:
    """What one pass over a document's lines finds (code is counted, not read)."""

    body: list[str] = field(default_factory=list)
    headings: list[list[str]] = field(default_factory=list)
    nonblank: int = 0
    code: int = 0
    markup: int = 0
    blanks: int = 0
    questions: int = 0


def _scan(lines: list[str]) -> _Lines:
    found = _Lines()
    fenced = indented = in_list = False
    previous = ""
    for i, line in enumerate(lines):
        stripped = line.strip()
        blank_before, previous = not previous.strip(), line
        if not stripped:
            continue
        found.nonblank += 1
        if _FENCE.match(line):
            fenced = not fenced
            found.code += 1
            continue
        # Indented code starts after a blank line and never inside a list, where
        # indentation continues an item (as in CommonMark).
        deep = line.startswith(("    ", "\t"))
        indented = deep and (indented or (blank_before and not in_list))
        if fenced or indented:
            found.code += 1
            continue
        in_list = bool(_LIST_ITEM.match(line)) or (in_list and deep)
        # reStructuredText: directives, literal blocks, and title underlines.
        found.markup += (stripped.startswith(".. ") or stripped.endswith("::")
                         or (len(stripped) >= 3 and set(stripped) <= _RULE_CHARS))
        # Blanks a template leaves to fill in: empty table rows, ____ lines, bare fields.
        found.blanks += ((stripped.startswith("|") and set(stripped) <= _EMPTY_ROW)
                         or "___" in stripped or bool(_EMPTY_FIELD.match(line)))
        found.questions += stripped.endswith("?")
        label = _heading(line, lines[i + 1] if i + 1 < len(lines) else "")
        if label:
            found.headings.append(_tokens(label))
        found.body.append(line)
    return found


def profile(doc: Document) -> Profile:
    """Read ``doc`` once into the measures detection scores."""
    scan = _scan(doc.lines[doc.body_line - 1:])
    text = "\n".join(scan.body)
    tokens = _tokens(text)
    counts = Counter(tokens)
    chat = len(_MENTION.findall(text)) + len(_CLOCK.findall(text))
    message = (any(_GREETING.match(line) for line in scan.body[:3])
               or any(_SIGN_OFF.match(line) for line in scan.body[-4:]) or chat >= 2)
    words = max(len(tokens), 1)
    return Profile(
        words=len(tokens),
        tokens=tokens,
        headings=scan.headings,
        title=_tokens(_title(doc.front_matter.get("title"), scan.headings, scan.body)),
        expectations=_expectations(tokens, counts, words, text.count("?"), message),
        style=_style(scan, text, counts, words),
        vocabulary=frozenset(counts),
    )


def _style(scan: _Lines, text: str, counts: Counter[str], words: int) -> dict[str, float]:
    """The measures that say "not a PM document": code, links, markup, advice, blanks."""
    lines = max(scan.nonblank, 1)
    # Counted over the whole text at once: one regex call each, not one per line.
    placeholders = (sum(" " in m for m in _ANGLE_PLACEHOLDER.findall(text))
                    + len(_BRACKET_PLACEHOLDER.findall(text))
                    + sum(counts[w] for w in _PLACEHOLDER_WORDS))
    return {
        "code": scan.code / lines,
        "links": math.log1p(100 * len(_LINK.findall(text)) / words),
        "inline-code": math.log1p(100 * len(_INLINE_CODE.findall(text)) / words),
        "markup": math.log1p(100 * scan.markup / lines),
        "second-person": min(1.0, sum(counts[w] for w in _SECOND) / words / 0.03),
        "placeholders": math.log1p(placeholders),
        "blanks": math.log1p(scan.blanks),
        "questions": scan.questions / lines,
        "versions": math.log1p(100 * len(_VERSION.findall(text)) / words),
        "heading-density": min(1.0, 10 * len(scan.headings) / words),
        "length": math.log1p(words) / 8,
    }


def _title(declared: object, headings: list[list[str]], body: list[str]) -> str:
    """Front matter's title, else an email's subject, else the first heading, else a short
    first line (a long one is a paragraph, not a title)."""
    if isinstance(declared, str) and declared.strip():
        return declared
    for line in body[:3]:
        subject = _SUBJECT.match(line)
        if subject:
            return subject.group(1)
    if headings:
        return " ".join(headings[0])
    first = body[0] if body else ""
    return first if len(first.split()) <= 12 else ""


def _rate(count: int, words: int, full: float) -> float:
    """``count`` per word, scaled so that a rate of ``full`` or more gives 1."""
    return min(1.0, count / words / full)


def _expectations(tokens: list[str], counts: Counter[str], words: int, questions: int,
                  message: bool) -> dict[str, float]:
    past = sum(n for w, n in counts.items()
               if (len(w) > 4 and w.endswith("ed") and w not in _NOT_PAST)
               or w in _IRREGULAR_PAST)
    numbers = sum(n for w, n in counts.items() if w[0].isdigit())
    years = sum(n for w, n in counts.items()
                if len(w) == 4 and w.isdigit() and w[:2] in ("19", "20"))
    asks = questions + sum(counts[w] for w in _ASK)
    future = sum(counts[w] for w in _FUTURE)
    # Tense as a balance: a story told after the fact against a plan for what comes next.
    told = past / (past + 3 * future + 1)
    planned = 3 * future / (past + 3 * future + 1)
    measured = {
        "first-person-singular": _rate(sum(counts[w] for w in _SINGULAR), words, 0.04),
        "first-person-plural": _rate(sum(counts[w] for w in _PLURAL), words, 0.03),
        "past-tense": _rate(past, words, 0.05) * told,
        "future-tense": _rate(future, words, 0.015) * planned,
        "dates": _rate(sum(counts[w] for w in _MONTHS) + years, words, 0.015),
        "numbers": _rate(numbers, words, 0.04),
        "conditional": _rate(sum(counts[w] for w in _CONDITIONAL), words, 0.012),
        "ask": min(1.0, asks / 2),
        "message": 1.0 if message else 0.0,
        "brief": max(0.0, min(1.0, (450 - len(tokens)) / 250)),
    }
    assert measured.keys() == EXPECTATIONS.keys()
    return measured


#: (offset, words, last is a prefix, kind, group): ``words`` must follow at ``i + offset``.
Entry = tuple[int, tuple[str, ...], bool, str, str]
Index = dict[str, list[Entry]]


def _add(index: Index, phrase: str, kind: str, group: str) -> None:
    """Index a phrase by its first word, or first two words, and say what is left to check.

    A final '*' makes the last word a prefix (``outcome*``); a prefix is keyed by its
    first three letters and checked in full on a hit.
    """
    prefix = phrase.endswith("*")
    words = tuple(_tokens(phrase.rstrip("*")))
    if not words:
        return
    if len(words) == 1:
        key, offset = (words[0][:3] + "*", 0) if prefix else (words[0], 1)
    elif len(words) == 2 and prefix:
        key, offset = f"{words[0]} {words[1][:3]}*", 1
    else:
        key, offset = f"{words[0]} {words[1]}", 2
    entry = (offset, words[offset:], prefix, kind, group)
    entries = index.setdefault(key, [])
    if entry not in entries:  # "follow up" and "follow-up" are one phrase once tokenised
        entries.append(entry)


class _Keys:
    """Which words can start an index entry: one set look-up per word rules most out."""

    def __init__(self, index: Index) -> None:
        self.words = frozenset(k for k in index if " " not in k and not k.endswith("*"))
        self.prefixes = frozenset(k[:3] for k in index if " " not in k and k.endswith("*"))
        self.starts = frozenset(k.split(" ")[0] for k in index if " " in k)


def _follows(tokens: list[str], start: int, words: tuple[str, ...], prefix: bool) -> bool:
    if start + len(words) > len(tokens):
        return False
    last = len(words) - 1
    for j, word in enumerate(words):
        token = tokens[start + j]
        if token != word and not (prefix and j == last and token.startswith(word)):
            return False
    return True


def _hits(tokens: list[str], index: Index, keys: _Keys, opening: int = 0
          ) -> tuple[Counter[tuple[str, str]], Counter[tuple[str, str]]]:
    """How often each (kind, group) of ``index`` occurs in ``tokens``, and in their first
    ``opening`` words: one pass."""
    singles, prefixes, starts = keys.words, keys.prefixes, keys.starts
    found: list[tuple[int, str]] = []  # (position, index key)
    last = len(tokens) - 1
    for i, token in enumerate(tokens):
        if token in singles:
            found.append((i, token))
        if token[:3] in prefixes:
            found.append((i, token[:3] + "*"))
        if token in starts and i < last:
            following = tokens[i + 1]
            found.append((i, f"{token} {following}"))
            found.append((i, f"{token} {following[:3]}*"))
    hits: Counter[tuple[str, str]] = Counter()
    early: Counter[tuple[str, str]] = Counter()
    for i, key in found:
        for offset, words, prefix, kind, group in index.get(key, ()):
            if not words or _follows(tokens, i + offset, words, prefix):
                hits[kind, group] += 1
                if i < opening:
                    early[kind, group] += 1
    return hits, early


class Matcher:
    """Every kind's signature in three word-indexed tables, so matching is one pass."""

    def __init__(self, signatures: dict[str, Signature]) -> None:
        self.signatures = signatures
        self.word_totals = {kind: sum(sig.words.values()) for kind, sig in signatures.items()}
        self.names: Index = {}
        self.headings: Index = {}
        self.phrases: Index = {}
        for kind, sig in signatures.items():
            for phrase in sig.names:
                _add(self.names, phrase, kind, "name")
            for table, groups in ((self.headings, sig.headings), (self.phrases, sig.phrases)):
                for group, phrases in groups.items():
                    for phrase in phrases:
                        _add(table, phrase, kind, group)
        self.keys = {id(t): _Keys(t) for t in (self.names, self.headings, self.phrases)}

    def _hits(self, tokens: list[str], index: Index, opening: int = 0
              ) -> tuple[Counter[tuple[str, str]], Counter[tuple[str, str]]]:
        return _hits(tokens, index, self.keys[id(index)], opening)

    def features(self, prof: Profile) -> dict[str, dict[str, float]]:
        """Per kind, how strongly ``prof`` shows the evidence its signature asks for."""
        title = {kind for kind, _ in self._hits(prof.title, self.names)[0]}
        heading_groups: dict[str, set[str]] = {k: set() for k in self.signatures}
        matched_headings: Counter[str] = Counter()
        for heading in prof.headings:
            found = self._hits(heading, self.headings)[0]
            for kind, group in found:
                heading_groups[kind].add(group)
            matched_headings.update({kind for kind, _ in found})
        body, early = self._hits(prof.tokens, self.phrases, OPENING)
        opening: Counter[str] = Counter(kind for kind, _ in early)
        groups: Counter[str] = Counter(kind for kind, _ in body)
        rates: Counter[str] = Counter()
        for (kind, _), n in body.items():
            rates[kind] += n
        words = max(prof.words, 1)
        out = {}
        for kind, sig in self.signatures.items():
            features = {
                "name-in-title": float(kind in title),
                "heading-groups": math.log1p(len(heading_groups[kind])),
                "heading-share": (matched_headings[kind] / len(prof.headings)
                                  if prof.headings else 0.0),
                "phrase-groups": groups[kind] / max(len(sig.phrases), 1),
                "phrase-rate": math.log1p(100 * rates[kind] / words),
                "opening-groups": opening[kind] / max(len(sig.phrases), 1),
                "words-share": share(prof.vocabulary, sig.words, self.word_totals[kind]),
            }
            for name, value in prof.expectations.items():
                features[f"expects:{name}"] = value if name in sig.expects else 0.0
            out[kind] = features
        return out


#: The per-kind features, in the order of the fitted weights.
KIND_FEATURES = ("name-in-title", "heading-groups", "heading-share", "phrase-groups",
                 "phrase-rate", "opening-groups", "words-share",
                 *(f"expects:{e}" for e in EXPECTATIONS))
#: The opening, in words, where a document usually says what it is about.
OPENING = 60
