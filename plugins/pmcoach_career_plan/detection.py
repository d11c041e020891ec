"""How sure we are that a document is a career plan."""

from __future__ import annotations

import datetime as dt
import math

from pmcoach import Document

from .checks import NEEDS, lower_cues
from .dates import ranges

CAREER = lower_cues(r"careers?", "spikes?", "portfolio of (roles|jobs|experiences|spikes)")
MY_ROLE = lower_cues(
    r"my (next|current|first|last|previous|prior|future|dream) "
    r"(role|job|move|position|employer|company|switch|step)",
    r"next (role|move|job|switch|position)", "job hop(ping)?",
        "switch(ing)? (jobs|roles|companies)",
    r"(I|I've|I have) (joined|left|worked at|been at|spent)", "dream job", r"next\s*[:—–]",
)
TENURE = lower_cues("tenure", r"18\s*(-|–|to)\s*36 months",
    r"stay(ed|ing)? (for |about |around )?(\d|two|three|a year)",
                    "how long to stay", "overstay(ed)?", "leaving (too )?(early|soon)",
                  "months in (the|a|each) role")
GOALS = lower_cues(
    "long[- ]term (goal|aim|plan)", r"in (five|ten|5|10) years", "where I want to be", "ultimately",
    "eventually", r"become (a|an) (vp|cpo|director|head|gm|founder)",
    r"(be|become) (a )?(vp|cpo|director)",
)
LIFE = lower_cues("family", "kids", "child", "caregiving", "life (phase|stage)s?",
    r"early(-| in my )career",
                  "mid-career", "relocat(e|ion)", "retire(ment)?", "partner", "baby")
PROMO = lower_cues("promot(ion|ed)", "salary", "compensation", "title", "raise", "equity")
#: Signals of other kinds: a product portfolio or strategy, a project story, a decision, an update.
PRODUCT = lower_cues("our products", "each product", "product lines?", "market share",
    "adjacent markets?",
                     "across (the|our) portfolio", "product portfolio", "business units?", "kpis?",
                   "roadmap",
                     "target market", "pain points?", "revenue", "go-to-market")
STORY = lower_cues(
    r"a/b test(ed)?", "we shipped", "we launched", "I learned", "lessons?", "conversion",
    r"(rose|grew|fell|dropped|increased|decreased) (from|by)", "baseline", "users", "customers",
)
MESSAGE = lower_cues("any thoughts", "quick update", "let me know", "wanted to flag", "heads up",
    "it depends",
                     "FYI", r"(would|do) you (mind|agree|think)", "your take")


def _saturate(x: float) -> float:
    return 1.0 - math.exp(-x)


def score(doc: Document, today: dt.date) -> float:
    """0..1: how many career-plan ingredients appear, discounted by other kinds' signals."""
    meta = " ".join(str(v) for v in doc.front_matter.values() if isinstance(v, str))
    text = f"{meta}\n{doc.title}\n{doc.body_text}"
    dated = sum(1 for b in doc.blocks if ranges(b.text, today))
    need_kinds = sum(1 for p in NEEDS.values() if p.search(text))
    # Count distinct ingredients: one career word in a case study must not make it a plan.
    my_role = len(MY_ROLE.findall(text))
    families = sum((
        CAREER.search(text) is not None,
        my_role >= 1,
        my_role >= 3,
        dated >= 2,
        dated >= 3,
        TENURE.search(text) is not None,
        GOALS.search(text) is not None,
        LIFE.search(text) is not None,
        PROMO.search(text) is not None,
        need_kinds >= 3,
    ))
    value = _saturate(max(families - 1, 0) * 0.6)
    words = max(doc.word_count, 1)
    density = 120 / max(words, 120)  # other kinds' words matter relative to length
    other = (len(PRODUCT.findall(text)) + len(STORY.findall(text))) * density * 2.5 \
        + 0.8 * len(MESSAGE.findall(text))
    return max(0.0, min(1.0, value * (1.0 - 0.6 * _saturate(other / 2.0))))
