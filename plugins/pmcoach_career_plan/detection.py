"""How sure we are that a document is a career plan."""

from __future__ import annotations

import datetime as dt
import math

from pmcoach import Document
from pmcoach.checks import cues

from .checks import NEEDS
from .dates import ranges

CAREER = cues(r"career(s)?", "spikes?", "portfolio of (roles|jobs|experiences|spikes)",
              "career (plan|path|portfolio|map)")
MY_ROLE = cues(
    r"my (next|current|first|last|previous|prior|future|dream) (role|job|move|position|employer|company|switch|step)",
    r"next (role|move|job|switch|position)", "job hop(ping)?", "switch(ing)? (jobs|roles|companies)",
    r"(I|I've|I have) (joined|left|worked at|been at|spent)", "dream job",
)
TENURE = cues("tenure", r"18\s*(-|–|to)\s*36 months", r"stay(ed|ing)? (for |about |around )?(\d|two|three|a year)",
              "how long to stay", "overstay(ed)?", "leaving (too )?(early|soon)", "months in (the|a|each) role")
GOALS = cues("long[- ]term goal", r"in (five|ten|5|10) years", "where I want to be", "ultimately",
             r"become (a|an) (vp|cpo|director|head|gm|founder)")
LIFE = cues("family", "kids", "caregiving", "life (phase|stage)s?", r"early(-| in my )career",
            "mid-career", "relocat(e|ion)", "retire(ment)?", "partner", "baby")
PROMO = cues("promot(ion|ed)", "salary", "compensation", "title", "raise", "equity")
#: Signals of other kinds: a product portfolio, one product's strategy, a project story.
PRODUCTS = cues("our products", "each product", "product lines?", "market share", "adjacent markets?",
                "across (the|our) portfolio", "product portfolio", "business units?", "kpis?", "roadmap",
                "target market", "customers", "revenue", "it depends", "any thoughts")


def _saturate(x: float) -> float:
    return 1.0 - math.exp(-x)


def score(doc: Document, today: dt.date) -> float:
    """0..1: career vocabulary, first-person role history with dates, minus product talk."""
    meta = " ".join(str(v) for v in doc.front_matter.values() if isinstance(v, str))
    text = f"{meta}\n{doc.title}\n{doc.body_text}"
    dated = sum(1 for b in doc.blocks if ranges(b.text, today))
    need_kinds = sum(1 for p in NEEDS.values() if p.search(text))
    pos = 0.0
    pos += 0.9 if CAREER.search(text) else 0.0
    pos += 0.8 * min(len(MY_ROLE.findall(text)), 2)
    pos += 0.45 * min(dated, 3) if dated >= 2 else 0.0
    pos += 0.5 if TENURE.search(text) else 0.0
    pos += 0.4 if GOALS.search(text) else 0.0
    pos += 0.35 if LIFE.search(text) else 0.0
    pos += 0.25 if PROMO.search(text) else 0.0
    pos += 0.15 * max(need_kinds - 1, 0)
    neg = 0.35 * len(PRODUCTS.findall(text))
    words = max(doc.word_count, 1)
    # Product talk matters relative to length: a long plan can mention a roadmap once.
    neg = neg * min(1.0, 250 / words) + (0.6 if len(PRODUCTS.findall(text)) >= 6 else 0.0)
    return max(0.0, min(1.0, _saturate(pos) * (1.0 - 0.55 * _saturate(neg))))
