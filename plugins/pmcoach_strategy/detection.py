"""How sure we are that a document is a single product's strategy.

A strategy doc covers several of vision, market, pains, bets, alternatives, roadmap and
metrics, written about the future. A case study mentions a roadmap in the past tense; a
portfolio strategy juggles several products and budgets; a career plan is about roles.
"""

from __future__ import annotations

import re

from pmcoach import Document
from pmcoach.checks import cues, lazy

from .checks import (
    ALT_STRONG,
    BETS,
    METRIC,
    PAIN,
    PERIOD,
    ROADMAP_WORD,
    TARGET,
    VISION,
    roadmap_themes,
)

TITLE = cues("strategy", "vision", "roadmap", "north star", "product plan", "where we're going",
             "strategic", "bets", "the next (two|three|\\d+) years", "20\\d\\d plan", "one-pager")
HEADINGS = cues("vision", "target", "market", "customers?", "pain", "problems?", "bets?",
                "differentiat", "alternatives?", "roadmap", "themes?", "metrics?", "success",
                "strategy", "how we win", "why now", "horizons?", "now", "next", "later")
# Signs of the neighbouring kinds.
# "I/we" + a past-tense verb: a story of what was done, not a plan.
PAST_STORY = lazy(r"\b(?:I|[Ww]e) (?:also |then |first |finally )?(?:[a-z]{2,}ed|led|ran|built|"
                  r"drove|grew|wrote|took|made|found|chose|spent|sat|got|went|began|kept|knew|"
                  r"brought|sold|won|lost|rolled out)\b")
RESULTS = cues("resulted in", "as a result", "what I learned", "in hindsight", "looking back",
               "the outcome", "my role", "I was the", "lessons")
PORTFOLIO = cues("portfolio", r"product lines?", r"across (the |our |all )?products",
                 r"each product", "every product", r"(pull|pulling) back", "divest",
                 "sunset", r"allocat(e|ion)", "headcount", r"invest(ment)? (in|across)",
                 "business units?", r"our (three|four|five|\d) products")
CAREER = cues("my career", "next role", r"promotion", "years at", r"spikes?", "life phase",
              "long-term goal", "my next move", "tenure")
NOTE = lazy(r"^(?:hi|hey|hello|dear)\b", re.I)
DECISION = cues("it depends", "i recommend", "we need to decide", "the decision")


def _hits(doc: Document, pattern: re.Pattern[str]) -> int:
    return sum(1 for s in doc.sentences if pattern.search(s.text))


def score(doc: Document) -> float:
    """0..1: how much the document reads like a product strategy."""
    if not doc.sentences:
        return 0.0
    groups = 0.0
    groups += 1 if _hits(doc, VISION) else 0
    groups += 1 if _hits(doc, TARGET) else 0
    groups += 1 if _hits(doc, PAIN) >= 2 else 0.5 if _hits(doc, PAIN) else 0
    groups += 1 if _hits(doc, BETS) >= 2 else 0.5 if _hits(doc, BETS) else 0
    groups += 0.5 if _hits(doc, ALT_STRONG) else 0
    themes = roadmap_themes(doc)
    timed = sum(1 for t in themes if t.timed)
    groups += 1.5 if timed >= 2 else 0.5 if _hits(doc, ROADMAP_WORD) or _hits(doc, PERIOD) else 0
    groups += 0.5 if _hits(doc, METRIC) else 0
    value = 0.1 * groups
    title = " ".join(h.text for h in doc.headings[:1]) + " " + str(doc.front_matter.get("title",
                                                                                      ""))
    if TITLE.search(title):
        value += 0.2
    value += min(0.2, 0.04 * sum(1 for h in doc.headings if HEADINGS.search(h.text)))
    # Penalties for text whose centre of gravity is another kind.
    n = len(doc.sentences)
    if _hits(doc, PAST_STORY) >= max(3, n // 6) or _hits(doc, RESULTS) >= 2:
        value *= 0.55
    if _hits(doc, PORTFOLIO) >= 3:
        value *= 0.5
    if _hits(doc, CAREER) >= 2:
        value *= 0.5
    blocks = [b for b in doc.blocks if b.kind != "heading"]
    if blocks and NOTE.match(blocks[0].text) and doc.word_count < 400 and groups < 4:
        value *= 0.6
    if _hits(doc, DECISION) >= 2:
        value *= 0.7
    return max(0.0, min(1.0, value))
