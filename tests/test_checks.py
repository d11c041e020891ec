"""The shared cue matcher (pmcoach.checks.cues): same answers as the plain re.I pattern."""

from __future__ import annotations

import contextlib
import random
import re
from pathlib import Path

import pytest

from pmcoach.checks import Cue, LazyPattern, cues, lazy, matching
from pmcoach.cues import lower_pattern, reference_source
from pmcoach.document import Document

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

# The four characters whose lower case does not match like re.I does.
SPECIAL = "\u0130\u0131\u017f\u212a"  # İ ı ſ K(elvin)

PHRASE_LISTS: list[tuple[str, ...]] = [
    ("interview(s|ed)?", r"spoke (to|with)", "talked to", "survey"),
    (r"a/b test(ed|s)?", "ab test", r"vs\.?", "versus", "yoy"),
    (r"from \S+ to", r"up from", "baseline", "compared (to|with)"),  # upper-case escape
    ("(the )?driving force", r"single-?handedly", "I alone", r"I( woul|')d"),
    (r"q[1-4]", r"h[12]", r"(19|20)\d\d", r"\d+ (out )?of (the )?\d+", "tl;?dr"),
    ("kpis?", "risk", "ship(ped)?", "skills?", "is", "it"),  # letters the specials fold to
    ("yes|no go", "go|stop"),  # an alternation outside any group
    (r"[\d%]\S* (more|fewer|less)", r"\w+ing", "follow-?ups?", r"re-?interview"),
    (r"(in|within|over) (the )?(first |next )?(\d+|two|three) (weeks?|months?)",
     r"(per|a|each) (day|week)"),
    ("(?:also )?led", "owned", "decided", "drove"),
    ("ıs", "ſhip", "\u212api", "\u0130nterview"),  # special characters in the phrases
]

TEXTS = [
    "We Interviewed 12 customers and SPOKE WITH three more.",
    "We re-interviewed them; pre-interview notes; interview-based; interviews.",
    "The A/B Tested variant vs. control: up FROM 20% to 31% YoY.",
    "I was the Driving Force, single-handedly; I'd do it again. I wouldn't.",
    "In Q3 2023 and H2, 7 of the 10 accounts; TL;DR: tldr.",
    "KPIs, Risks, shipped skills: it is what it is.",
    "Yes, a NO GO. go-stop. Stop!",
    "20%+ more users, 3x fewer errors; follow-ups; followup; running late.",
    "Within the first two weeks, over 3 months; per day, a week.",
    "I also led it, owned it, decided and drove.",
    "talked\nto them;\ttalked   to us",
    # the special characters, in and around words
    "\u0130nterviewed \u0130NTERVIEWS \u0131nterview s\u0131gn",
    "\u017fhipped \u017fkills ri\u017fk \u212aPIs \u212api \u212a",
    "\u0130 \u0131s \u0130s it \u0131t I\u0307s",
    "\u212aelvin kpis; \u0130\u0130\u0130 is, ri\u017fks and risks",
    "Stra\u00dfe STRASSE \u00c9T\u00c9 caf\u00e9-interview \u00e9interview",
]


def _same(a: re.Match[str] | None, b: re.Match[str] | None) -> bool:
    if a is None or b is None:
        return a is b
    return (a.span(), a.group(0), a.groups()) == (b.span(), b.group(0), b.groups())


def _mutations(text: str, rng: random.Random) -> list[str]:
    """``text`` in other cases, and with the special characters swapped in."""
    swaps = {"i": "\u0131", "I": "\u0130", "s": "\u017f", "k": "\u212a", "K": "\u212a"}
    out = [text, text.upper(), text.lower(), text.swapcase(), text.title()]
    for _ in range(4):
        out.append("".join(c.upper() if rng.random() < 0.5 else c.lower() for c in text))
        out.append("".join(swaps[c] if c in swaps and rng.random() < 0.3 else c for c in text))
    return out


@pytest.mark.parametrize("phrases", PHRASE_LISTS, ids=lambda p: p[0])
def test_cues_answer_like_the_re_i_pattern(phrases: tuple[str, ...]) -> None:
    reference = re.compile(reference_source(phrases), re.I)
    cue = Cue(*phrases)
    rng = random.Random(7)
    for text in (t for base in TEXTS for t in _mutations(base, rng)):
        for _ in range(2):  # the second answer comes from the memo
            assert _same(cue.search(text), reference.search(text)), (phrases, text)
        assert [m.span() for m in cue.finditer(text)] == \
            [m.span() for m in reference.finditer(text)]
        assert cue.findall(text) == reference.findall(text)
        assert _same(cue.match(text), reference.match(text))
        assert cue.sub("<>", text) == reference.sub("<>", text)
    assert cue.pattern == reference.pattern
    assert cue.flags == reference.flags
    assert cue.groups == reference.groups


def test_cues_from_every_plugin_answer_like_their_reference() -> None:
    """Every cue list the built-in plugins use, over mutated example sentences."""
    import importlib

    from pmcoach.plugins import load
    from pmcoach.rules import DataCritic

    # Python modules that still hold cue lists (escape-hatch rule functions) ...
    modules = [importlib.import_module("pmcoach.checks")]
    for plugin in ("strategy", "decision", "manager_update", "career_plan",
                   "portfolio_strategy", "case_study"):
        for part in ("checks", "functions", "signals", "consistency", "dates"):
            with contextlib.suppress(ModuleNotFoundError):
                modules.append(importlib.import_module(f"pmcoach_{plugin}.{part}"))
    found = {(c.phrases, c.match_lowercased) for m in modules for v in vars(m).values()
             for c in (v.values() if isinstance(v, dict) else [v]) if isinstance(c, Cue)}
    # ... and every phrase list of every kind file.
    for critic in load().critics.values():
        if isinstance(critic, DataCritic):
            found |= {(tuple(group), False) for group in critic.spec.phrases.values()}
            found |= {(tuple(p for p in lists if not p.startswith("@")), False)
                      for c in critic.spec.criteria for r in c.rules
                      for lists in (getattr(r, "any", None), r.has, r.unless) if lists
                      and any(not p.startswith("@") for p in lists)}
    assert len(found) > 150
    rng = random.Random(11)
    texts = [t for base in TEXTS for t in _mutations(base, rng)[:3]]
    sentences = [s.text for p in sorted(EXAMPLES.glob("*/*.md"))[:40]
                 for s in Document.from_text(p.read_text(encoding="utf-8"), p.name).sentences]
    texts += [t for s in rng.sample(sentences, min(60, len(sentences)))
              for t in _mutations(s, rng)[:3]]
    for phrases, lowered in sorted(found):
        cue = Cue(*phrases, match_lowercased=lowered)
        if lowered:
            reference = re.compile(lower_pattern(reference_source(phrases)))
            for text in texts:
                assert _same(cue.search(text), reference.search(text.lower())), (phrases, text)
        else:
            reference = re.compile(reference_source(phrases), re.I)
            for text in texts:
                assert _same(cue.search(text), reference.search(text)), (phrases, text)


def test_lowering_matches_like_re_i_except_four_characters() -> None:
    """Why the quick tests may match lower-cased text: for every other code point, lower
    case keeps the length, the classes the patterns use, and what re.I folds it to."""
    letters = [(ch, re.compile(ch, re.I)) for ch in "abcdefghijklmnopqrstuvwxyz0123456789_"]
    word, space, digit = re.compile(r"[\w-]"), re.compile(r"\s"), re.compile(r"\d")
    odd = []
    for code in range(0x30000):
        ch = chr(code)
        if 0xD800 <= code < 0xE000 or ch in SPECIAL:
            continue
        low = ch.lower()
        if len(low) != 1:
            odd.append(ch)
            continue
        if (bool(word.match(ch)) != bool(word.match(low))
                or bool(space.match(ch)) != bool(space.match(low))
                or bool(digit.match(ch)) != bool(digit.match(low))):
            odd.append(ch)
            continue
        if (ch.isascii() or low != ch or ch.upper() != ch) and any(
                bool(p.fullmatch(ch)) != (low == a) for a, p in letters):
            odd.append(ch)
    assert odd == []


def test_lowercased_option_answers_about_the_lowered_text() -> None:
    cue = cues("interview(s|ed)?", r"from \S+ to", match_lowercased=True)
    assert cue.search("We INTERVIEWED them").group(0) == "interviewed"
    assert cue.findall("Interviews, then INTERVIEW.") == ["interviews", "interview"]
    assert cue.search("FROM X TO") is not None  # \S stays an escape
    # İ lower-cases to two characters: positions refer to the lowered text.
    text = "\u0130\u0130 interview"
    assert cue.search(text).span() == (5, 14)
    assert [m.span() for m in cue.finditer(text)] == [(5, 14)]
    assert Cue("interview").search(text).span() == (3, 12)


def test_cues_is_cached_and_reads_like_a_pattern() -> None:
    assert cues("alpha", "beta") is cues("alpha", "beta")
    assert cues("alpha") is not cues("alpha", match_lowercased=True)
    cue = cues("alpha (one|two)")
    assert cue.pattern == r"(?<![\w-])(?:alpha\s+(one|two))(?![\w-])"
    assert cue.flags & re.I
    assert cue.search("ALPHA\ntwo").group(1) == "two"
    assert cue.search("alpha-one") is None and cue.search("pre-alpha one") is None
    assert cue.fullmatch("Alpha One") is not None
    assert cue.split("x alpha one y") == ["x ", "one", " y"]
    assert cue.search("an alpha one", 4) is None
    assert "alpha" in repr(cue)


def test_lazy_compiles_on_first_use() -> None:
    pattern = lazy(r"(?i)\bfoo(\d)")
    assert isinstance(pattern, LazyPattern) and "search" not in vars(pattern)
    assert pattern.search("a FOO7").group(1) == "7"
    assert "search" in vars(pattern)
    assert pattern.pattern == r"(?i)\bfoo(\d)" and pattern.groups == 1
    assert pattern.findall("foo1 foo2") == ["1", "2"]


def test_matching_accepts_cues_and_plain_patterns() -> None:
    doc = Document.from_text("We interviewed users.\n\nNothing here.\n", "x.md")
    assert [s.text for s in matching(doc, cues("interviewed"))] == ["We interviewed users."]
    assert [s.text for s in matching(doc, re.compile("Nothing"))] == ["Nothing here."]
    assert [s.text for s in matching(doc, lazy("users"))] == ["We interviewed users."]
