"""Cue patterns that answer ``search`` like ``pmcoach.checks.cues`` would, only faster.

``cues()`` compiles one case-insensitive alternation; Python's regex engine then folds
case and tries every alternative at every word start, which makes each search over a
sentence cost tens of microseconds. A :class:`Cue` keeps that pattern as the reference
(compiled on first use) and puts a quicker test in front of it: the same alternatives,
lower-cased, grouped by their first letter and matched without ``re.I`` against the
lower-cased text. The quick test says "no match" exactly when the reference would; on a
"match" the reference runs, so callers get the very match object they always got.

Lower-casing keeps positions and matches identical except for four characters (dotted
and dotless i, long s, the Kelvin sign) whose case rules differ; text holding one of them
goes straight to the reference pattern.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pmcoach.checks import cues

# Characters where lower-casing then matching differs from matching with re.I: found by
# comparing every code point's lower case, word/space/digit class and ASCII folding.
_EXOTIC = re.compile("[\u0130\u0131\u017f\u212a]")
_UPPER_ESCAPE = re.compile(r"\\[A-Z]")
_MEMO_LIMIT = 4096
_WORD_START = re.compile(r"(?<![\w-])\w{1,5}")
_KEY_CHAR = re.compile(r"[a-z0-9_]")
_KEY_LEN = 5
_keys_memo: dict[str, frozenset[str]] = {}


def _text_keys(low: str) -> frozenset[str]:
    """The first one to five characters of every word in lower-cased ``low``."""
    try:
        return _keys_memo[low]
    except KeyError:
        pass
    heads = _WORD_START.findall(low)
    keys = frozenset([h[:n] for h in heads for n in range(1, len(h) + 1)])
    if len(_keys_memo) >= _MEMO_LIMIT:
        _keys_memo.clear()
    _keys_memo[low] = keys
    return keys


def _trim(head: str) -> str:
    """``head`` up to its first character that cannot be part of a word key."""
    for i, ch in enumerate(head):
        if not _KEY_CHAR.match(ch):
            return head[:i]
    return head[:_KEY_LEN]


def _heads(items: object) -> tuple[set[str], set[str]] | None:
    """How a parsed regex sequence can begin: (keys complete as they are, keys that what
    follows the sequence extends). A key is at most ``_KEY_LEN`` word characters; a
    shorter one only promises its own characters. None: the sequence can begin anyhow."""
    from re import _constants as c  # type: ignore[attr-defined]

    closed: set[str] = set()
    opened: set[str] = {""}
    for op, av in items:  # type: ignore[attr-defined]
        if not opened:
            break
        item: tuple[set[str], set[str]] | None
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # zero width: skipping it only loosens the keys
        if op is c.LITERAL:
            item = (set(), {chr(av)})
        elif op is c.IN and all(o in (c.LITERAL, c.RANGE) for o, _ in av):
            chars: set[str] = set()
            for o, v in av:
                chars |= {chr(v)} if o is c.LITERAL else {chr(x) for x in range(v[0], v[1] + 1)}
            item = (set(), chars) if len(chars) <= 64 else None
        elif op is c.SUBPATTERN:
            item = _heads(av[-1])
        elif op is c.BRANCH:
            item = (set(), set())
            for alt in av[1]:
                sub = _heads(alt)
                if sub is None:
                    item = None
                    break
                item[0].update(sub[0])
                item[1].update(sub[1])
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            sub = _heads(av[2])
            # One pass, then stop: another pass or the next item may follow.
            item = None if sub is None else (sub[0] | sub[1], {""} if av[0] == 0 else set())
        else:
            item = None
        if item is None:
            closed |= opened
            opened = set()
            break
        grown: set[str] = set()
        for head in opened:
            closed.update(_trim(head + h) for h in item[0])
            for h in item[1]:
                g = head + h
                t = _trim(g)
                if t != g or len(g) >= _KEY_LEN:
                    closed.add(t)
                else:
                    grown.add(g)
        opened = grown
    return closed, opened


def _cue_keys(phrases: tuple[str, ...]) -> frozenset[str] | None:
    """Word starts one of which every match of ``cues(*phrases)`` begins with, or None."""
    from re import _parser  # type: ignore[attr-defined]

    keys: set[str] = set()
    for phrase in phrases:
        found = _heads(_parser.parse(phrase.lower().replace(" ", r"\s+")))
        if found is None or "" in found[0] or "" in found[1]:
            return None
        keys |= found[0] | found[1]
    return frozenset(keys)


def lowered(text: str) -> str | None:
    """``text.lower()`` when matching it without re.I equals matching ``text`` with it."""
    if text.isascii() or _EXOTIC.search(text) is None:
        return text.lower()
    return None


def _top_level_bar(phrase: str) -> bool:
    """Whether ``phrase`` holds an alternation ``|`` outside any group or class."""
    depth, i, in_class = 0, 0, False
    while i < len(phrase):
        c = phrase[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
        elif c == "[":
            in_class = True
            i += 1
            if phrase[i:i + 1] == "^":
                i += 1
            if phrase[i:i + 1] == "]":
                i += 1
            continue
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            return True
        i += 1
    return False


def _fast_source(phrases: tuple[str, ...]) -> str | None:
    """The lower-case, first-letter-grouped form of ``cues(*phrases)``, or None."""
    groups: dict[str, list[str]] = {}
    others: list[str] = []
    for phrase in phrases:
        if _UPPER_ESCAPE.search(phrase) or any(
                not c.isascii() and (c.lower() != c or c.upper() != c) for c in phrase):
            return None
        low = phrase.lower().replace(" ", r"\s+")
        if (re.match(r"[a-z0-9]", low) and low[1:2] not in ("?", "*", "+", "{")
                and not _top_level_bar(low)):
            groups.setdefault(low[0], []).append(low[1:])
        else:
            others.append(low)
    parts = [f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items()]
    parts += [f"(?:{p})" for p in others]
    return rf"(?<![\w-])(?:{'|'.join(parts)})(?![\w-])"


class Cue:
    """``cues(*phrases)`` with a fast ``search``; everything else is the reference pattern."""

    __slots__ = ("phrases", "_slow", "_fast", "_keys", "_memo")

    def __init__(self, *phrases: str) -> None:
        self.phrases = phrases
        self._slow: re.Pattern[str] | None = None
        self._fast: re.Pattern[str] | None | bool = False  # False: not built yet
        self._keys: frozenset[str] | None = None
        self._memo: dict[str, re.Match[str] | None] = {}

    @property
    def slow(self) -> re.Pattern[str]:
        if self._slow is None:
            self._slow = cues(*self.phrases)
        return self._slow

    @property
    def pattern(self) -> str:
        return self.slow.pattern

    @property
    def flags(self) -> int:
        return self.slow.flags

    def search(self, text: str) -> re.Match[str] | None:
        memo = self._memo
        try:
            return memo[text]
        except KeyError:
            pass
        fast = self._fast
        if fast is False:
            source = _fast_source(self.phrases)
            fast = self._fast = re.compile(source) if source is not None else None
            self._keys = _cue_keys(self.phrases) if fast is not None else None
        low = lowered(text) if fast is not None else None
        if low is None:
            found = self.slow.search(text)
        elif self._keys is not None and self._keys.isdisjoint(_text_keys(low)):
            found = None  # no word starts the way every match must
        else:
            found = None if fast.search(low) is None else self.slow.search(text)  # type: ignore[union-attr]
        if len(memo) >= _MEMO_LIMIT:
            memo.clear()
        memo[text] = found
        return found

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.slow.finditer(text)

    def findall(self, text: str) -> list[str]:
        return self.slow.findall(text)

    def sub(self, repl: str, text: str) -> str:
        return self.slow.sub(repl, text)

    def match(self, text: str) -> re.Match[str] | None:
        return self.slow.match(text)


class Lazy:
    """A regex compiled on first use (import stays cheap for patterns a run never needs)."""

    __slots__ = ("_args", "_compiled")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._args = (pattern, flags)
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(*self._args)
        return self._compiled

    def __getattr__(self, name: str) -> object:
        return getattr(self.compiled, name)
