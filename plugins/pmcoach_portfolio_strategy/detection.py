"""How sure we are that a document is a product portfolio strategy."""

from __future__ import annotations

import math
import re

from pmcoach import Document
from pmcoach.checks import lazy

from .checks import lower_cues, product_names

PORTFOLIO = lower_cues(
    "product portfolio", r"portfolio of (\w+ )?products",
        r"(across|in|of) (the|our) (product )?portfolio",
    r"portfolio[- ](level|wide|strategy|roadmap|kpis?|review|objectives?|health|view|management)",
    "portfolio manager", "product suite", r"(our|the) suite", "product lines?", "product family",
    "multi-product", r"(each|every) product", r"across (all |our |the )?(\w+ )?products",
    "business units?", "bus", "sister products?",
)
BARE_PORTFOLIO = lower_cues("portfolio")
PRODUCTS_PLURAL = lower_cues(
    r"(our|the|these|both|all|three|four|five|six|several|other) products", r"products",
    r"(two|three|four|five|six) (apps|offerings|lines|businesses)",
)
ALLOCATION = lower_cues(
    "invest(ment)?", "divest", "pull back", "sunset", "maintenance mode", "harvest",
        r"reallocat\w*",
    "headcount", "funding", "budget", "wind down", r"shift \w+ (engineers|people) from",
)
MARKET = lower_cues("market share", "adjacent markets?", "untapped", "unmet needs?", "white ?space")
KPIS = lower_cues(
    "kpis?", "business-level", "lead(s|ing)? and lag", r"lag(s|ging)", "under-?perform\\w*",
    "margin", "revenue", "acquisition",
)
AUDIENCE = lower_cues("executives?", "leadership", "board", "product managers", "pms")
VISION = lower_cues("business vision", "company vision", "business strategy", "company strategy",
                    "vision", "objectives")
#: Signals of a career plan (which may call itself a portfolio of roles).
CAREER = lower_cues(
    "career", "spikes?", r"my (next|current|first|last|previous) (role|job|move)", "salary",
    "compensation", r"promot(ion|ed)", "tenure", "job hop", "life phase", "resume", "my manager",
    r"(I|I've) (joined|left|worked at)", "portfolio of (roles|jobs|experiences|spikes)",
        "hiring manager",
)
#: Signals of a single-product strategy, a decision, a project narrative, a manager update.
SINGLE = lower_cues(r"(our|the|this) product\b(?!s| portfolio| line| suite)", "target market",
                    "pain points?", "bets?", "roadmap themes?")
OTHER = lower_cues(
    "it depends", "any thoughts", "what I learned", "I led", "we shipped", "in hindsight",
    "let me know", "wanted to flag",
)


#: A first-person story in the past tense: a case study, not a plan.
PAST_STORY = lazy(
    r"\b(?:I|[Ww]e)\s+(?:\w+ed|ran|led|made|found|took|went|grew|saw|built|shipped|learned|learnt"
    r"|was|were|had|spent|chose|cut|hired|sold|won|lost|drove|wrote)\b")
FUTURE = lower_cues("will", "going to", r"plan(s)? to", "next (year|quarter|half)", "we invest",
                    "we pull", "should", "must", r"20\d\d", r"fy\d\d")


def _saturate(x: float) -> float:
    return 1.0 - math.exp(-x)


def score(doc: Document) -> float:
    """0..1: several products steered together, with allocation, markets and KPIs."""
    meta = " ".join(str(v) for v in doc.front_matter.values() if isinstance(v, str))
    text = f"{meta}\n{doc.title}\n{doc.body_text}"
    portfolio = len(PORTFOLIO.findall(text))
    plural = len(PRODUCTS_PLURAL.findall(text))
    bare_count = len(BARE_PORTFOLIO.findall(text))
    career = len(CAREER.findall(text))
    # Named products only count where the text talks about products at all (a pattern
    # finds something exactly when it finds at least one match).
    named = len(product_names(doc)) if (plural or portfolio or bare_count) else 0
    bare = bare_count if not career else 0
    pos = 0.9 * min(portfolio, 3) + 0.25 * min(plural, 4) + 0.3 * min(named, 4)
    pos += 0.4 * min(bare, 2)
    pos += 0.4 * min(len(ALLOCATION.findall(text)), 3)
    pos += 0.4 * min(len(MARKET.findall(text)), 2)
    pos += 0.2 * min(len(KPIS.findall(text)), 3)
    pos += 0.3 if AUDIENCE.search(text) and re.search(r"(?i)executive|leadership|board",
        text) else 0.0
    pos += 0.2 if VISION.search(text) else 0.0
    single = len(SINGLE.findall(text))
    other = len(OTHER.findall(text))
    value = _saturate(pos / 2.2)
    if named >= 3:
        portfolio += 1  # three or more named products steered together
    if portfolio == 0 and plural < 2:
        value *= 0.3  # one product's strategy, however business-minded, is not a portfolio's
    elif portfolio == 0:
        value *= 0.6
    value *= 1.0 - 0.8 * _saturate(career / 2.0)
    value *= 1.0 - 0.5 * _saturate(max(single - portfolio - plural / 2, 0) / 3.0)
    value *= 1.0 - 0.5 * _saturate(other / 2.0)
    story = sum(1 for sentence in doc.sentences if PAST_STORY.search(sentence.text))
    future = sum(1 for sentence in doc.sentences if FUTURE.search(sentence.text))
    if story >= 3 and story > future:
        value *= 0.35  # a story of portfolio work already done is a case study
    return max(0.0, min(1.0, value))
