"""How sure we are that a document is a decision write-up.

The tell-tale shape is conditions mapped to options plus a call; words like "decision"
alone are common in case studies and updates, so they only add a little.
"""

from __future__ import annotations

import re

from pmcoach import Document
from pmcoach.checks import cues, fine_sentences, lazy

from .checks import (
    ASSESS,
    FRAMING,
    IF_THEN,
    NEXT_BRANCH,
    RECOMMEND,
    REVISIT,
    RIGHT_WHEN,
    TRADEOFF,
    _table_mappings,
    conditional_sentences,
)

STRONG_CONSEQUENT = cues("then", "best", "better", r"right (call|choice|answer|move)", "wins",
                         r"go(es)? with", r"makes (more )?sense", r"prefer(able)?",
                         r"(option|plan|approach) [A-Z1-9]", "the way to go", "pick", "choose")
OPTIONS = cues(r"options?", r"alternatives?", r"option [A-Z1-9]", "pros", "cons", r"vs\.?",
               "versus", "either", "or not", r"trade-?offs?")
TITLE = cues("decision", "decide", "should we", "whether", r"vs\.?", "versus", "options",
             "or", r"proposal", "propose", r"rfc", r"move (to|the)", "switch",
             "it depends", "recommendation", "proposal", "choice", "build or buy", "which")
# Signs of the neighbouring kinds: a past project story, a career plan, a strategy doc.
NARRATIVE = cues(r"I (led|launched|shipped|built|drove|owned|ran|grew|managed)",
                 "resulted in", "as a result", "what I learned", "in hindsight", "looking back",
                 "the outcome", "we launched", "we shipped")
CAREER = cues("my career", "next role", "promotion", r"tenure", "years at", "job", "spikes?",
              "life phase")
STRATEGY = cues("vision", "target market", "roadmap", "pain points?", "strategic bets?",
                "themes?", "north star", "portfolio", "horizon")
TWO_SIDES = cues(r"some (people|folks|of us|of you|on the team)",
                 "others (want|prefer|think|argue)",
                 r"on (each|either|both) sides?", "pros and cons", r"arguments? (for|on|against)",
                 r"(camp|side) (wants|thinks|argues)", "other side",
                 r"both (have|are|options|approaches|paths|sides|camps)", "each option")
IT_DEPENDS_STRICT = cues("it depends", "it all depends", "it really depends", "depends on whether")
# A question that offers alternatives ("do we rebuild in KMP or keep two native apps?",
# "Postgres vs Dynamo?"): the decision itself, however it is phrased.
CHOICE_POSED = lazy(r"(?i)\b(?:or|vs\.?|versus|whether|which)\b[^?]*\?")
SUBJECT_LINE = lazy(r"^\s*(?:subject|re)\s*:(.*)$", re.I | re.M)
MANAGER_NOTE = cues(r"(hi|hey|hello),? \w+", "quick update", "heads up", "fyi", "any thoughts",
                    "ran into")


def _hits(doc: Document, pattern: object) -> int:
    return sum(1 for s in fine_sentences(doc) if pattern.search(s.text))  # type: ignore[attr-defined]


def score(doc: Document) -> float:
    """0..1: how much the document reads like an "it depends" decision write-up."""
    if not fine_sentences(doc):
        return 0.0
    sentences = conditional_sentences(doc)
    # Only explicit "condition -> this option wins" sentences count fully for detection:
    # strategy and portfolio docs are full of softer "if ..., ... would ..." sentences.
    strong = [x for x in sentences if STRONG_CONSEQUENT.search(x.text) or IF_THEN.search(x.text)]
    mappings = len(strong) + len(_table_mappings(doc))
    mappings += sum(1 for x in sentences if NEXT_BRANCH.search(x.text))
    value = 0.0
    value += 0.35 if mappings >= 2 else 0.15 if mappings == 1 or len(sentences) >= 2 else 0.0
    value += 0.25 if _hits(doc, IT_DEPENDS_STRICT) else 0.0
    value += 0.1 if _hits(doc, TWO_SIDES) else 0.0
    first = fine_sentences(doc)[:3]
    posed = [s for s in fine_sentences(doc) if CHOICE_POSED.search(s.text)]
    framing = _hits(doc, FRAMING) + len(posed)
    value += 0.15 if framing >= 2 else 0.08 if framing else 0.0
    value += 0.15 if _hits(doc, RECOMMEND) else 0.0
    value += 0.08 if _hits(doc, OPTIONS) >= 2 else 0.0
    value += 0.07 if _hits(doc, ASSESS) else 0.0
    value += 0.05 * sum(1 for p in (REVISIT, RIGHT_WHEN, TRADEOFF) if _hits(doc, p))
    title = " ".join(h.text for h in doc.headings[:2])
    title += " " + str(doc.front_matter.get("title", ""))
    subject = SUBJECT_LINE.search("\n".join(doc.lines[doc.body_line - 1: doc.body_line + 4]))
    title += " " + (subject.group(1) if subject else "")  # an email's subject is its title
    if TITLE.search(title):
        value += 0.15
    elif FRAMING.search(first[0].text) or any(s in posed for s in first):
        # The opening states the decision, or asks it as a choice (in chat threads and
        # emails, after a channel line or a greeting).
        value += 0.1
    # Penalties for text whose centre of gravity is another kind.
    n = len(fine_sentences(doc))
    if _hits(doc, NARRATIVE) >= max(2, n // 8):
        value *= 0.6
    if _hits(doc, CAREER) >= 3:
        value *= 0.6
    if _hits(doc, STRATEGY) >= 4 and mappings < 2:
        value *= 0.6
    return min(1.0, value)
