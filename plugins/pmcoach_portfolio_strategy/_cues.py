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

    __slots__ = ("pattern", "_seen")

    def __init__(self, *phrases: str) -> None:
        body = "|".join(p.lower().replace(" ", r"\s+") for p in phrases)
        self.pattern = re.compile(rf"(?<![\w-])(?:{body})(?![\w-])")
        # The checks ask about the same sentence several times (detection, then each
        # criterion); remembering recent answers halves the regex work.
        self._seen: dict[str, re.Match[str] | None] = {}

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
