"""Cue patterns matched against lower-cased text.

``pmcoach.checks.cues`` compiles with ``re.I``, which makes Python's regex engine fold case
at every position; lower-casing the text once and matching a lower-case pattern is about
three times faster, which matters with dozens of cue lists run over every sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


class Cue:
    """Like ``cues(*phrases)``: whole-word, case-insensitive, spaces match any whitespace.

    Phrases are lower-cased, so they must not use upper-case escapes (``\\S``, ``\\W``).
    """

    def __init__(self, *phrases: str) -> None:
        body = "|".join(p.lower().replace(" ", r"\s+") for p in phrases)
        self._source = rf"(?<![\w-])(?:{body})(?![\w-])"
        # The checks ask about the same sentence several times (detection, then each
        # criterion); remembering recent answers halves the regex work.
        self._seen: dict[str, re.Match[str] | None] = {}

    def __getattr__(self, name: str) -> re.Pattern[str]:
        # Compiled on first use (start-up time); afterwards an ordinary attribute.
        if name != "pattern":
            raise AttributeError(name)
        self.pattern = re.compile(self._source)
        return self.pattern

    def search(self, text: str) -> re.Match[str] | None:
        try:
            return self._seen[text]
        except KeyError:
            pass
        if len(self._seen) > 2048:
            self._seen.clear()
        found = self._seen[text] = self.pattern.search(text.lower())
        return found

    def findall(self, text: str) -> list[str]:
        return [m.group(0) for m in self.pattern.finditer(text.lower())]

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text.lower())


def cues(*phrases: str) -> Cue:
    return Cue(*phrases)


class LazyPattern:
    """``re.compile(pattern, flags)``, compiled on first use.

    Compiling the big cue lists dominated start-up, and most of them are only needed by
    ``check()``, which runs for one critic per document. After the first use the compiled
    pattern's methods sit on the instance, so calls cost what a compiled pattern's do.
    """

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._args = (pattern, flags)

    def __getattr__(self, name: str):  # noqa: ANN204 - only called for missing attributes
        if name.startswith("__") or name == "_args":
            raise AttributeError(name)
        compiled = re.compile(*self._args)
        for attr in ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn",
                     "split", "pattern", "flags", "groups", "groupindex"):
            setattr(self, attr, getattr(compiled, attr))
        return getattr(compiled, name)


def lazy(pattern: str, flags: int = 0) -> LazyPattern:
    return LazyPattern(pattern, flags)
