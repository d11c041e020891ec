"""Helpers shared by offline checks: cue matching, numbers, ownership language, evidence.

Critics combine these into verdicts; nothing here knows about a particular rubric.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

# Cue matching lives in .cues; plugins import it from here, with the other helpers.
from .cues import Cue as Cue
from .cues import LazyPattern as LazyPattern
from .cues import cues as cues
from .cues import lazy as lazy
from .document import Document, Sentence, Span
from .review import CriterionResult, Evidence, Finding, Severity, Verdict

MAX_EVIDENCE = 3


#: What the helpers below accept as a pattern: a compiled regex, :func:`cues` or :func:`lazy`.
Matcher = re.Pattern[str] | Cue | LazyPattern


def matching(doc: Document, pattern: Matcher, *, sections: Matcher | None = None
             ) -> list[Sentence]:
    """Sentences matching ``pattern``, optionally only in sections whose title matches."""
    return [
        s for s in doc.sentences
        if pattern.search(s.text) and (sections is None or sections.search(s.block.section))
    ]


def section_titled(doc: Document, pattern: Matcher) -> list[Span]:
    """Headings whose text matches ``pattern``."""
    return [h for h in doc.headings if pattern.search(h.text)]


def evidence(spans: Iterable[Span], limit: int = MAX_EVIDENCE) -> list[Evidence]:
    """Evidence items for the first ``limit`` spans (one per line range)."""
    items: list[Evidence] = []
    seen: set[tuple[int, int]] = set()
    for span in spans:
        key = (span.line, span.end_line)
        if key in seen:
            continue
        seen.add(key)
        items.append(Evidence(line=span.line, end_line=span.end_line, quote=span.text))
        if len(items) == limit:
            break
    return items


def finding(criterion: str, span: Span | None, message: str, suggestion: str,
            severity: Severity = Severity.WARNING) -> Finding:
    """A finding anchored to ``span`` (or to the whole document when ``span`` is None).

    The review sets the final severity from the criterion's verdict.
    """
    return Finding(
        criterion=criterion, severity=severity, message=message, suggestion=suggestion,
        line=span.line if span else None, end_line=span.end_line if span else None,
        quote=span.text if span else None,
    )


def result(criterion: str, verdict: Verdict, message: str, suggestion: str = "",
           spans: Sequence[Span] = (), findings: Sequence[Finding] = ()) -> CriterionResult:
    """A criterion result with evidence drawn from ``spans``."""
    return CriterionResult(
        id=criterion, verdict=verdict, message=message, suggestion=suggestion,
        evidence=evidence(spans), findings=list(findings),
    )


def grade(count: int, *, met: int, partial: int = 1) -> Verdict:
    """Turn a count of supporting signals into a verdict."""
    if count >= met:
        return Verdict.MET
    return Verdict.PARTIAL if count >= partial else Verdict.MISSING


# --- numbers -----------------------------------------------------------------------------

#: A quantity worth calling a metric: percentages, money, multiples, counts with units.
QUANTITY = re.compile(
    r"""(?ix)
    (?:[$€£]\s?\d[\d,.]{0,30}\s?(?:[kmb]n?|million|billion|thousand)?)      # money
    | (?:\d[\d,.]{0,30}\s?(?:%|percent|pp|percentage\ points|bps))          # percentages
    | (?:\b\d+(?:\.\d+)?\s?x\b)                                          # multiples
    | (?:\b\d[\d,.]{0,30}\s?(?:[km]\b|million|thousand)?\s?
        (?:users|customers|accounts|merchants|sellers|buyers|drivers|orders|signups|sign-ups
          |downloads|sessions|tickets|requests|visits|leads|deals|subscribers|installs
          |minutes|hours|days|weeks|seconds|ms|nps|points|stars|dau|mau|wau|arr|mrr))
    """
)
BASELINE = cues(
    r"from \S+ to", r"up from", r"down from", "baseline", "compared (to|with)", r"vs\.?",
    "versus", "previously", "before (the|this|launch|we|I)", "relative to", "than before",
    r"(rose|grew|fell|dropped|increased|decreased|went|climbed|improved|reduced|cut)"
    r"[\w\s]{0,30}? from",
    "year over year", "yoy", "month over month", "over the control", "control group",
)
TIMEFRAME = cues(
    r"(in|within|over|after|during|across|by) (the )?(first |next |following |past )?"
    r"(\d+|one|two|three|four|five|six|eight|nine|ten|twelve|a few|several)\s"
    r"(days?|weeks?|months?|quarters?|years?|sprints?)",
    r"(in|by|during|over|through) (q[1-4]|h[12])", r"q[1-4] (19|20)\d\d", r"(19|20)\d\d",
    r"(per|a|each) (day|week|month|quarter|year)", "weekly", "monthly", "quarterly", "annually",
    r"(within|after) (launch|release|rollout)", r"(first|next) (month|quarter|year)",
)
ATTRIBUTION = cues(
    r"a/b test(ed|s)?", "ab test", "experiment(s|ed)?", "holdout", "control group", "controlled",
    "attribut(ed|able|ion)", "because of", "as a result of", "driven by", "caused by", "due to",
    "isolat(ed|e)", "cohort", "statistically significant", "significance", "causal",
    "randomi[sz]ed", "treatment group", "incremental", "diff-in-diff", "difference-in-differences",
)


def quantities(text: str) -> list[str]:
    return [m.group(0).strip() for m in QUANTITY.finditer(text)]


# --- ownership language ------------------------------------------------------------------

#: "I" followed by an action verb: the author's own decision or act.
FIRST_PERSON_ACTION = re.compile(
    r"""(?x)\bI\s+(?:also\s+|then\s+|personally\s+|first\s+|later\s+|quickly\s+|initially\s+)?
    (?:(?!was\b|wanted\b|hoped\b|needed\b|used\b|liked\b|learned\b|learnt\b)[a-z]+ed
      |ran|led|made|wrote|built|set|took|drove|chose|sold|spoke|met|went|found|put|got|gave
      |brought|began|kept|held|told|cut|sat|pushed|pitched|own|owned|decide|lead|run|proposed
      |insisted|negotiated|interviewed|shadowed|sketched|drew|rewrote|framed|scoped|killed|bet
      |ship|shipped|sent|sought|fought|taught|won|lost|spent|dug|redid|rebuilt|moved|reframed)\b
    """
)
#: Phrases that claim part of the work without saying which part.
VAGUE_OWNERSHIP = cues(
    "helped( with| to)?", "was involved in", "were involved in", "was part of", "participated in",
    "contributed to", "assisted( with| in)?", "worked on", "was responsible for",
    "had a hand in", "played a (key |major |big )?role in", "was tasked with", "supported",
)
WE = cues("we", "our", "us", "the team", "my team")
I_WORD = re.compile(r"\bI\b|\bmy\b|\bme\b")


def words(text: str) -> int:
    return len(text.split())


# --- finer sentences ---------------------------------------------------------------------

# A line that ends with . ! ? also ends a sentence, whatever case the next line starts
# with: chat messages and lowercase notes put one thought per line.
_T = TypeVar("_T")
_LINE_END = re.compile(r"(?<=[.!?])[\"')\]]*[ \t]*\n")


def per_document(fn: Callable[[Document], _T]) -> Callable[[Document], _T]:
    """Memoise ``fn(doc)`` for the last few documents (checks call helpers many times).

    The cache holds each document weakly: its entry goes when the document does, so a
    finished file's Document (and what was computed from it) is freed at once.
    """
    cache: dict[int, tuple[weakref.ref[Document], _T]] = {}

    def wrapper(doc: Document) -> _T:
        key = id(doc)
        hit = cache.get(key)
        if hit is not None and hit[0]() is doc:
            return hit[1]
        value = fn(doc)
        if len(cache) >= 16:
            # Another thread may evict at the same moment: never fail over it.
            cache.pop(next(iter(cache.copy()), -1), None)

        def forget(ref: weakref.ref[Document]) -> None:
            entry = cache.get(key)
            if entry is not None and entry[0] is ref:  # not a newer document's entry
                cache.pop(key, None)

        cache[key] = (weakref.ref(doc, forget), value)
        return value

    wrapper.__doc__ = fn.__doc__
    return wrapper


@per_document
def fine_sentences(doc: Document) -> list[Sentence]:
    """``doc.sentences``, further split where a line ends a sentence (chat, lowercase notes)."""
    out: list[Sentence] = []
    for sentence in doc.sentences:
        text, start, line = sentence.text, 0, sentence.line
        for match in [*_LINE_END.finditer(text), None]:
            end = match.start() if match else len(text)
            piece = text[start:end].strip()
            if piece:
                first = line + text.count("\n", start, start + text[start:end].index(piece[0]))
                out.append(Sentence(piece, first, first + piece.count("\n"), sentence.block))
            if match:
                start = match.end()
                line = sentence.line + text.count("\n", 0, start)
    return out
