"""Small text helpers shared by the fact extractors: numbers, word stems, clauses."""

from __future__ import annotations

import re

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "a dozen": 12, "a couple of": 2, "a couple": 2,
}
#: A count written in digits or words (not "a"/"an": "a designer" is one designer, but
#: "a team" is not a count of anything).
NUM = (r"(?:\d{1,4}(?:\.\d{1,2})?|one|two|three|four|five|six|seven|eight|nine|ten|eleven"
       r"|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty"
       r"|a\s+dozen)")
#: Words that make a number approximate.
APPROX = r"(?:about|around|roughly|approximately|nearly|almost|just\s+(?:over|under)|over" \
         r"|under|more\s+than|less\s+than|some|~|≈)"


def number(text: str) -> float | None:
    """``"6"``, ``"six"`` or ``"1,200"`` as a number (None when it is none of these)."""
    text = " ".join(text.lower().split())
    if text in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[text])
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


_STEM_RULES = (("ances", "ance"), ("ations", "ate"), ("ation", "ate"), ("ance", ""),
               ("ings", ""), ("ing", ""), ("ies", "y"), ("ied", "y"), ("ed", ""), ("es", ""),
               ("s", ""))
_TOKEN = re.compile(r"[a-z0-9]+")
STOPWORDS = frozenset([
    "a", "an", "the", "of", "for", "to", "in", "on", "at", "by", "with", "from", "and", "or",
    "our", "my", "their", "its", "his", "her", "your", "this", "that", "these", "those", "per",
    "about", "into", "than", "as", "is", "was", "were", "be", "been", "are", "it", "they", "we",
    "i", "you", "all", "any", "each", "every", "who", "which", "what", "when", "where", "how"
])


_NAME_WORD = re.compile(r"[a-z0-9]+")


def stem(word: str) -> str:
    """A light suffix-stripping stem: "acceptance" and "accept", "refunds" and "refund"."""
    word = word.lower()
    if len(word) <= 3 or word.endswith("ss"):
        return word
    for suffix, replacement in _STEM_RULES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: len(word) - len(suffix)] + replacement
    return word


def name_stems(text: str) -> tuple[str, ...]:
    """A name's words, stemmed ("Route-Planner's" and "route planner" are one name)."""
    return tuple(stem(w) for w in _NAME_WORD.findall(text.lower()))


def tokens(text: str) -> list[str]:
    """Lower-case words of ``text`` (hyphens and arrows split words)."""
    return _TOKEN.findall(text.lower())


def content_stems(text: str) -> tuple[str, ...]:
    """The stems of the words that carry meaning (no stop words), in order."""
    return tuple(stem(t) for t in tokens(text) if t not in STOPWORDS)


_CLAUSE_END = re.compile(r"[;:]|,\s+(?:but|and|while|whereas|although|though|so)\b|\s[–—]\s"
                         r"|\s(?:and|but)\s+(?=(?:has|have|had|was|were|is|are|it|we|I|they"
                         r"|then)\b)")


def clause_at(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause of ``text`` around ``text[start:end]``: bounded by ; : and ", but"."""
    left = 0
    for match in _CLAUSE_END.finditer(text, 0, start):
        left = match.end()
    after = _CLAUSE_END.search(text, end)
    return left, after.start() if after else len(text)
