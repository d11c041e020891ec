"""Cue matching: lists of phrases found as whole words, case-insensitively, and fast.

Offline checks ask one question over and over: does this sentence hold any of these
phrases? :func:`cues` answers it with a :class:`Cue`, which behaves like the pattern

    re.compile(r"(?<![\\w-])(?:phrase|phrase|...)(?![\\w-])", re.I)

(spaces in a phrase match any run of whitespace; a phrase may hold regex syntax such as
``interview(s|ed)?``) and returns that pattern's own results, only sooner.

Why it is faster, and why the answers are the same
--------------------------------------------------
With ``re.I``, Python's regex engine folds case and tries every alternative at every word
start; a search over one sentence costs tens of microseconds, and checks run dozens of cue
lists over every sentence, several times. :meth:`Cue.search` puts three cheap tests in
front of that reference pattern:

1. *Memo.* Detection and each criterion ask about the same sentence; recent answers are
   remembered per cue (the very match objects, which are immutable).
2. *Word starts.* Every match of a cue list begins, at a word start, with one of a few
   lower-case prefixes of up to five characters, derived from the parsed phrases (``"(the
   )?driving force"`` can only begin with ``"the d"`` or ``"drivi"``). When no word of
   the lower-cased text begins like that, there is no match, and no regex runs.
3. *Lower-cased pattern.* The same alternatives, lower-cased and grouped by first letter,
   matched *without* ``re.I`` against the lower-cased text. It finds a match exactly when
   the reference does (grouping alternatives changes which match is found first, never
   whether there is one), so on "no match" the answer is final; on "match" the reference
   pattern runs, so callers get the match object they would always have got. Compiling
   it costs as much as compiling the reference, so a cue compiles it only once the
   reference alone has answered a few dozen texts that passed test 2: a short run (a
   pre-commit hook) compiles one pattern per cue it needs, a long one gets the speed.

The keys and the lower-cased source are derived by parsing every phrase, which costs
more than most runs' searches; they are kept on disk between runs (``cuecache.py``).

Lower-casing keeps every position, and the outcome of every test above, identical to
matching the original text with ``re.I`` -- except for four characters whose case rules
differ: capital I with dot (``İ``, which lower-cases to two characters), dotless i
(``ı``), long s (``ſ``) and the Kelvin sign (``K``). Text holding any of them goes
straight to the reference pattern. Cues whose phrases use upper-case escapes (``\\S``,
``\\W``), back-references or non-ASCII cased letters skip tests 2 and 3 and always use the
reference. Everything except ``search`` (``finditer``, ``findall``, ``match``, ``sub``,
...) is the reference pattern's own method.

Patterns are compiled on first use, so importing a module full of cue lists stays cheap.
For plain regexes, :func:`lazy` gives the same compile-on-first-use.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from . import cuecache

__all__ = ["Cue", "LazyPattern", "cues", "lazy"]

#: Per phrase of a cue: the word starts one of which its matches begin with (None: any),
#: and how many groups it holds.
Plan = list[tuple[frozenset[str] | None, int]]

# Characters where lower-casing then matching differs from matching with re.I: found by
# comparing every code point's lower case, word/space/digit class and ASCII folding.
_EXOTIC = re.compile("[\u0130\u0131\u017f\u212a]")
_UPPER_ESCAPE = re.compile(r"\\[A-Z]")
_BACKREF = re.compile(r"\\[1-9]|\(\?P=")
# Each cue remembers this many texts (a document's sentences, searched by several checks);
# hundreds of cues share a process, so the bound keeps memory flat over many files.
_MEMO_LIMIT = 512
_KEY_LEN = 5
_WORD_START = re.compile(rf"(?<![\w-])\w{{1,{_KEY_LEN}}}")
_KEY_CHAR = re.compile(r"[a-z0-9_]")
_keys_memo: dict[str, frozenset[str]] = {}
# Searches past the word-start test before a cue compiles its lower-cased pattern: below
# this, the reference pattern alone is cheaper than compiling a second pattern.
_FAST_AFTER = 32


@lru_cache(maxsize=1024)
def cues(*phrases: str, match_lowercased: bool = False) -> Cue:
    """A case-insensitive matcher for any of ``phrases`` as whole words.

    A phrase may hold regex syntax (``interview(s|ed)?``); spaces match any whitespace.
    The result answers ``search``, ``finditer``, ``findall``, ``match``, ``sub`` (and the
    other ``re.Pattern`` methods and attributes, ``pattern`` included) exactly as
    ``re.compile(rf"(?<![\\w-])(?:{'|'.join(phrases)})(?![\\w-])", re.I)`` would; see
    the module documentation for how ``search`` is made faster without changing answers.

    ``match_lowercased=True`` keeps an older behaviour some plugins were tuned on: the
    phrases (outside escapes) and the text are lower-cased and matched without ``re.I``,
    and every method answers about ``text.lower()``, so match text and positions refer to
    the lower-cased text, and ``findall`` returns whole matches. Prefer the default.

    Equal arguments give the same object (results are cached).
    """
    return Cue(*phrases, match_lowercased=match_lowercased)


def lazy(pattern: str, flags: int = 0) -> LazyPattern:
    """``re.compile(pattern, flags)``, compiled on first use."""
    return LazyPattern(pattern, flags)


def reference_source(phrases: tuple[str, ...]) -> str:
    """The regex source :func:`cues` matches like (compiled with ``re.I``)."""
    body = "|".join(p.replace(" ", r"\s+") for p in phrases)
    return rf"(?<![\w-])(?:{body})(?![\w-])"


def lower_pattern(pattern: str) -> str:
    """``pattern`` with its letters lower-cased, escapes (``\\S``, ``\\W``) left alone."""
    out = []
    escaped = False
    for char in pattern:
        out.append(char if escaped else char.lower())
        escaped = not escaped and char == "\\"
    return "".join(out)


class Cue:
    """Phrases matched as whole words, case-insensitively; build one with :func:`cues`."""

    __slots__ = ("phrases", "match_lowercased", "_ref", "_fast", "_fast_source", "_keys",
                 "_plan", "_ready", "_hits", "_memo")

    def __init__(self, *phrases: str, match_lowercased: bool = False) -> None:
        self.phrases = phrases
        self.match_lowercased = match_lowercased
        self._ref: re.Pattern[str] | None = None
        self._fast: re.Pattern[str] | None = None  # compiled from _fast_source when it pays
        self._fast_source: str | None = None
        self._keys: frozenset[str] | None = None
        self._plan: Plan | None = None
        self._ready = False  # _keys and _fast_source derived (or read from the cue table)
        self._hits = 0  # searches that got past the word-start test
        self._memo: dict[str, re.Match[str] | None] = {}

    def __repr__(self) -> str:
        args = ", ".join(map(repr, self.phrases))
        return f"cues({args}{', match_lowercased=True' if self.match_lowercased else ''})"

    @property
    def reference(self) -> re.Pattern[str]:
        """The compiled pattern whose answers this cue gives."""
        if self._ref is None:
            source = reference_source(self.phrases)
            self._ref = (re.compile(lower_pattern(source)) if self.match_lowercased
                         else re.compile(source, re.I))
        return self._ref

    @property
    def pattern(self) -> str:
        return self.reference.pattern

    @property
    def flags(self) -> int:
        return self.reference.flags

    def _prepare(self) -> None:
        """Derive the word-start keys and the lower-cased source (or read them from the
        cue table on disk: deriving parses every phrase). Nothing is compiled here."""
        key = ("L" if self.match_lowercased else "I") + "\x1f".join(self.phrases)
        entry = cuecache.lookup(key)
        if entry is None:
            source = _fast_source(self.phrases)
            keys, plan = _derive(self.phrases) if source is not None else (None, None)
            cuecache.remember(key, keys, source, plan)
        else:
            keys, source, plan = entry
        self._keys, self._fast_source, self._plan = keys, source, plan
        self._ready = True  # set last: another thread may read the others once it is set

    def _past_keys(self, string: str, low: str, source: str) -> re.Match[str] | None:
        """The answer for a text that got past the word-start test. The reference pattern
        decides alone at first (one compile, not two, in a short run); once a cue is
        searched often, the lower-cased pattern is compiled to rule out misses sooner."""
        target = low if self.match_lowercased else string
        if self._fast is None:
            self._hits += 1
            if self._hits <= _FAST_AFTER:
                return self._narrowed(low).search(target)
            self._fast = re.compile(source)
        if self._fast.search(low) is None:
            return None
        return self.reference.search(target)

    def _narrowed(self, low: str) -> re.Pattern[str]:
        """The reference pattern without the phrases that cannot match ``low`` (none of
        their word starts is in the text); a run of left-out phrases that held groups
        becomes one never-matching alternative with as many groups. The regex engine
        tries alternatives in order and a phrase that cannot match fails wherever it is
        tried, so the match is the reference's own: the same span, text and groups (only
        ``match.re`` is the narrower pattern). A pattern of a few phrases compiles many
        times faster than one of dozens."""
        plan = self._plan
        if plan is None:
            return self.reference
        text_keys = _text_keys(low)
        phrases: list[str] = []
        dropped = 0  # groups of the phrases left out since the last one kept
        left_out = False
        for phrase, (keys, groups) in zip(self.phrases, plan, strict=True):
            if keys is None or not keys.isdisjoint(text_keys):
                if dropped:
                    phrases.append("(?!)" + "()" * dropped)  # keeps later groups' numbers
                    dropped = 0
                phrases.append(phrase)
            else:
                dropped += groups
                left_out = True
        if not left_out:
            return self.reference
        if dropped:
            phrases.append("(?!)" + "()" * dropped)
        if not phrases:
            phrases.append("(?!)")
        source = reference_source(tuple(phrases))
        # re.compile keeps recent patterns: a text with the same candidates compiles once.
        return (re.compile(lower_pattern(source)) if self.match_lowercased
                else re.compile(source, re.I))

    def _text(self, text: str) -> str:
        return text.lower() if self.match_lowercased else text

    def search(self, string: str, *args: Any, **kwargs: Any) -> re.Match[str] | None:
        if args or kwargs:  # pos/endpos: no shortcut
            return self.reference.search(self._text(string), *args, **kwargs)
        memo = self._memo
        try:
            return memo[string]
        except KeyError:
            pass
        if not self._ready:
            self._prepare()
        source = self._fast_source
        if self.match_lowercased:
            low: str | None = string.lower()
        else:
            low = _lowered(string) if source is not None else None
        if source is None or low is None:
            found = self.reference.search(self._text(string))
        elif self._keys is not None and self._keys.isdisjoint(_text_keys(low)):
            found = None  # no word starts the way every match must
        else:
            found = self._past_keys(string, low, source)
        if len(memo) >= _MEMO_LIMIT:
            memo.clear()
        memo[string] = found
        return found

    def finditer(self, string: str, *args: Any, **kwargs: Any) -> Iterator[re.Match[str]]:
        return self.reference.finditer(self._text(string), *args, **kwargs)

    def findall(self, string: str, *args: Any, **kwargs: Any) -> list[Any]:
        if self.match_lowercased:
            return [m.group(0) for m in self.finditer(string, *args, **kwargs)]
        return self.reference.findall(string, *args, **kwargs)

    def match(self, string: str, *args: Any, **kwargs: Any) -> re.Match[str] | None:
        return self.reference.match(self._text(string), *args, **kwargs)

    def fullmatch(self, string: str, *args: Any, **kwargs: Any) -> re.Match[str] | None:
        return self.reference.fullmatch(self._text(string), *args, **kwargs)

    def sub(self, repl: Any, string: str, count: int = 0) -> str:
        return self.reference.sub(repl, self._text(string), count)

    def subn(self, repl: Any, string: str, count: int = 0) -> tuple[str, int]:
        return self.reference.subn(repl, self._text(string), count)

    def split(self, string: str, maxsplit: int = 0) -> list[Any]:
        return self.reference.split(self._text(string), maxsplit)

    def __getattr__(self, name: str) -> Any:
        # Anything else a compiled pattern has (groups, groupindex, ...).
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.reference, name)


class LazyPattern:
    """``re.compile(pattern, flags)``, compiled on first use.

    Import stays cheap for patterns a run never needs. After the first use the compiled
    pattern's methods sit on the instance, so calls cost what a compiled pattern's do.
    """

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._args = (pattern, flags)

    def __repr__(self) -> str:
        return f"lazy{self._args!r}"

    def __getattr__(self, name: str) -> Any:  # only called for missing attributes
        if name.startswith("__") or name == "_args":
            raise AttributeError(name)
        compiled = re.compile(*self._args)
        for attr in ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn",
                     "split", "pattern", "flags", "groups", "groupindex"):
            setattr(self, attr, getattr(compiled, attr))
        return getattr(compiled, name)


# --- the quick tests ----------------------------------------------------------------------

def _lowered(text: str) -> str | None:
    """``text.lower()`` when matching it without re.I equals matching ``text`` with it."""
    if text.isascii() or _EXOTIC.search(text) is None:
        return text.lower()
    return None


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


def _heads(items: Any) -> tuple[set[str], set[str]] | None:
    """How a parsed regex sequence can begin: (keys complete as they are, keys that what
    follows the sequence extends). A key is at most ``_KEY_LEN`` word characters; a
    shorter one only promises its own characters. None: the sequence can begin anyhow."""
    from re import _constants as c  # type: ignore[attr-defined]

    closed: set[str] = set()
    opened: set[str] = {""}
    for op, av in items:
        if not opened:
            break
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # zero width: skipping it only loosens the keys
        item = _item_heads(c, op, av)
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


def _item_heads(c: Any, op: Any, av: Any) -> tuple[set[str], set[str]] | None:
    """How one item of a parsed regex can begin (see :func:`_heads`)."""
    if op is c.LITERAL:
        return set(), {chr(av)}
    if op is c.IN and all(o in (c.LITERAL, c.RANGE) for o, _ in av):
        chars: set[str] = set()
        for o, v in av:
            chars |= {chr(v)} if o is c.LITERAL else {chr(x) for x in range(v[0], v[1] + 1)}
        return (set(), chars) if len(chars) <= 64 else None
    if op is c.SUBPATTERN:
        return _heads(av[-1])
    if op is c.BRANCH:
        item: tuple[set[str], set[str]] = (set(), set())
        for alt in av[1]:
            sub = _heads(alt)
            if sub is None:
                return None
            item[0].update(sub[0])
            item[1].update(sub[1])
        return item
    if op in (c.MAX_REPEAT, c.MIN_REPEAT):
        sub = _heads(av[2])
        # One pass, then stop: another pass or the next item may follow.
        return None if sub is None else (sub[0] | sub[1], {""} if av[0] == 0 else set())
    return None


def _derive(phrases: tuple[str, ...]) -> tuple[frozenset[str] | None, Plan | None]:
    """From one parse of each phrase: the word starts one of which every match of
    ``phrases`` begins with (None: some phrase can begin anyhow), and per phrase its own
    word starts (None: any) and number of groups (the plan is None when a phrase names a
    group: narrowed patterns must keep every group's number and name)."""
    try:
        from re import _parser  # type: ignore[attr-defined]

        keys: set[str] | None = set()
        plan: Plan | None = []
        for phrase in phrases:
            parsed = _parser.parse(phrase.lower().replace(" ", r"\s+"))
            found = _heads(parsed)
            own = None if found is None or "" in found[0] or "" in found[1] \
                else frozenset(found[0] | found[1])
            keys = None if keys is None or own is None else keys | own
            if plan is not None:
                plan = None if parsed.state.groupdict else [*plan, (own, parsed.state.groups - 1)]
        return (None if keys is None else frozenset(keys)), plan
    except Exception:  # a private parser API changed: skip these shortcuts
        return None, None


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
    """The lower-case, first-letter-grouped form of ``cues(*phrases)``, or None.

    None when lower-casing the phrases could change what they match (upper-case escapes,
    non-ASCII cased letters) or reordering alternatives could (back-references).
    """
    groups: dict[str, list[str]] = {}
    others: list[str] = []
    for phrase in phrases:
        if _UPPER_ESCAPE.search(phrase) or _BACKREF.search(phrase) or any(
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
