"""Phrase groups: from a rule's list of phrases to one test of a sentence.

A test returns the text it matched (so findings can quote it) or None. Phrases are
matched whole-word and case-insensitively (:func:`pmcoach.cues.cues`); ``@name`` refers to
a group of the kind file or to one of the built-in groups below, which say what a rule
cannot say with phrases alone (a number, a time frame, a sentence written in the first
person without "I").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from .. import checks
from ..cues import cues, lazy
from ..document import Block, Sentence

Test = Callable[[Sentence], "str | None"]


def _pattern(pattern: checks.Matcher) -> Test:
    def test(sentence: Sentence) -> str | None:
        match = pattern.search(sentence.text)
        return match.group(0) if match else None
    return test


# A list item that starts with a verb in the past tense ("Led the pricing work", "Ran
# twelve interviews") is the author speaking, as resumes and case studies write it.
_BULLET_VERB = lazy(
    r"^(?:[*_]+)?(?!(?:Need|Red|Bed|Speed|Seed|Feed|United|Limited|Based|Related|Used)\b)"
    r"(?:[A-Z][a-z]+ed|Led|Ran|Built|Wrote|Made|Set|Took|Drove|Chose|Sold|Spoke|Met|Found|Got|"
    r"Gave|Brought|Began|Kept|Held|Told|Cut|Sat|Won|Spent|Dug|Rebuilt|Redid|Taught|Sought|"
    r"Own|Owned|Shipped|Pitched|Framed|Scoped|Killed|Sketched|Drew|Rewrote)\b")


def _first_person(sentence: Sentence) -> str | None:
    match = checks.FIRST_PERSON_ACTION.search(sentence.text)
    if match:
        return match.group(0)
    if sentence.block is not None and sentence.block.kind == "item" \
            and sentence.line == sentence.block.line:
        start = _BULLET_VERB.search(sentence.text)
        if start:
            return start.group(0).strip("*_")
    return None


def _question(sentence: Sentence) -> str | None:
    text = sentence.text.rstrip(" *_)\"'")
    return text[-60:] if text.endswith("?") else None


_DATE = cues(r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*( \d{1,2})?",
             r"q[1-4]", r"h[12]", r"(19|20)\d\d", r"\d{4}-\d\d(-\d\d)?")
_PROPER = lazy(r"(?<=[a-z,;:] )(?!I\b)[A-Z][\w&-]+")

#: The built-in groups, usable in any kind file as ``@name``.
BUILTIN: dict[str, tuple[Test, str]] = {
    "quantity": (_pattern(checks.QUANTITY), "a metric: a percentage, money, a multiple, a count"),
    "digit": (_pattern(lazy(r"\d[\d,.]*")), "any figure"),
    "timeframe": (_pattern(checks.TIMEFRAME), "a period: 'in six weeks', 'by Q3', a year"),
    "baseline": (_pattern(checks.BASELINE), "a comparison: 'from 12% to 8%', 'vs control'"),
    "attribution": (_pattern(checks.ATTRIBUTION), "a reason to credit the work: A/B test, "
                    "holdout, 'because of'"),
    "date": (_pattern(_DATE), "a month, quarter or year"),
    "proper-noun": (_pattern(_PROPER), "a capitalised name inside a sentence"),
    "first-person": (_first_person, "the author acting: 'I decided', or a bullet that starts "
                     "with a past-tense verb ('Led the research')"),
    "vague-ownership": (_pattern(checks.VAGUE_OWNERSHIP), "'helped with', 'was involved in'"),
    "we": (_pattern(checks.WE), "we, our, us, the team"),
    "question": (_question, "a sentence that ends with a question mark"),
}


class UnknownGroup(ValueError):
    """A phrase list names a group that neither the kind file nor pmcoach defines."""


def compile_phrases(phrases: Sequence[str], groups: Mapping[str, Sequence[str]]) -> Test:
    """One test for a phrase list: the first of its phrases or groups that matches."""
    plain = [p for p in phrases if not p.startswith("@")]
    tests: list[Test] = [_pattern(cues(*plain))] if plain else []
    for ref in (p[1:] for p in phrases if p.startswith("@")):
        if ref in groups:
            tests.append(_pattern(cues(*groups[ref])))
        elif ref in BUILTIN:
            tests.append(BUILTIN[ref][0])
        else:
            raise UnknownGroup(f"unknown phrase group '@{ref}' (define it under 'phrases:' or "
                               f"use one of {', '.join('@' + b for b in BUILTIN)})")
    if len(tests) == 1:
        return tests[0]

    def test(sentence: Sentence) -> str | None:
        for one in tests:
            found = one(sentence)
            if found is not None:
                return found
        return None
    return test


def heading_test(phrases: Sequence[str], groups: Mapping[str, Sequence[str]]
                 ) -> Callable[[str], bool]:
    """Whether a heading's text means one of ``phrases`` (a group of synonyms)."""
    test = compile_phrases(phrases, groups)
    memo: dict[str, bool] = {}

    def means(title: str) -> bool:
        if title not in memo:
            memo[title] = bool(title) and test(_as_sentence(title)) is not None
        return memo[title]
    return means


def _as_sentence(title: str) -> Sentence:
    block = Block(title, 1, 1, "heading", title, 1)
    return Sentence(title, 1, 1, block)



def check_patterns(spec: object) -> None:
    """Compile every phrase of a kind file once; raise :class:`UnknownGroup` naming the
    first that is not a valid pattern."""
    import re

    lists: list[list[str]] = list(getattr(spec, "phrases", {}).values())
    for criterion in getattr(spec, "criteria", ()):
        for rule in criterion.rules:
            for key in ("any", "has", "unless", "sections", "headings"):
                lists.append(getattr(rule, key, None) or [])
            for key in ("all", "steps"):
                lists.extend(getattr(rule, key, None) or [])
    for phrases in lists:
        for phrase in (p for p in phrases if not p.startswith("@")):
            try:
                re.compile(cues(phrase).pattern)
            except re.error as exc:
                raise UnknownGroup(f"phrase {phrase!r} is not a valid pattern ({exc})") from None
