"""How sure we are that a document is an update to one's manager.

Updates are short, addressed to a person, and move from a problem to a plan to a
question. A decision write-up can end with a question too, so the "it depends" shape,
a past project story or a strategy vocabulary pulls the score down.
"""

from __future__ import annotations

import re

from pmcoach import Document
from pmcoach.checks import BASELINE, FIRST_PERSON_ACTION, cues, fine_sentences, lazy

from .checks import ASK, CHALLENGE, PLAN, WEAK_ASK

GREETING = lazy(r"^(?:hi|hey|hello|dear|morning|good (?:morning|afternoon)|yo)\b[ ,]*"
                      r"(?:[A-Z][\w-]*|team|all|there|boss)?\b", re.I)
SIGN_OFF = lazy(r"^(?:thanks|thank you|thx|cheers|best|regards|talk soon|speak soon|ttyl|"
                      r"[-–—]{1,2}\s*[A-Z])", re.I)
SUBJECT = lazy(r"^\s*(?:subject|re|fwd|to|from)\s*:", re.I | re.M)
SUBJECT_LINE = lazy(r"^\s*(?:subject|re)\s*:(.*)$", re.I | re.M)
UPDATE_CUE = cues(
    r"(quick|short|weekly|brief) (update|note|heads[- ]up)", r"heads[- ]up", "fyi",
    r"(wanted|want) to (flag|let you know|share|give you|loop you in|update you|run)",
    r"ran into", r"running into", r"challenge", r"blockers?", "update on", r"status",
    r"keep(ing)? you (posted|in the loop)", r"for your (awareness|input)", "escalat",
)
MANAGER = cues("manager", "boss", "your (call|input|take|advice|sign-off|help)", "1:1",
               "one-on-one", "our 1:1", "skip-level")
ANY_THOUGHTS = cues(r"any (thoughts|concerns|objections|advice)", "what do you think",
                    r"(sound|sounds) (ok|okay|good|right)", "anything I'm missing")
# Signs of the neighbouring kinds.
DECISION_SHAPE = lazy(r"(?i)\b(?:if|when)\b[^.?!]{3,160}\b(?:then|best|better|wins|"
                            r"makes (?:more )?sense|we should|we'd|I'd|right call|go with)\b")
IT_DEPENDS = cues("it depends", "it all depends")
NARRATIVE = cues("resulted in", "what I learned", "in hindsight", "looking back", "the outcome",
                 r"my role", r"case study", "impact:", "results:")
STRATEGY = cues("vision", "target market", "roadmap", "pain points?", "strategic bets?",
                r"themes?", "north star", "differentiat", "horizon", "segment")
CAREER = cues("my career", "next role", "promotion", "years at", "spikes?", "life phase",
              "long-term goal")
TITLE_UPDATE = cues(r"update", "status", "check-?in", r"weekly", "heads[- ]up", "fyi", "flag",
                    r"note", "1:1", "sync", "blocker", r"re")
TITLE_OTHER = cues("strategy", "roadmap", "case study", "career", "portfolio", "decision",
                   "vision", "plan", "proposal", "retrospective", "post-?mortem", "prd")
DATE_RANGE = lazy(r"(?:19|20)\d\d\s*[-–—to]+\s*(?:(?:19|20)\d\d|present|now|today)", re.I)
GROUP = cues("all", "team", "everyone", "folks", "everybody", "y'all", "there")
BUSINESS = cues("vision", "market", "share", r"kpis?", r"objectives?", "portfolio", r"budgets?",
                r"invest(ment)?", "roadmap", r"segments?", r"bets?", r"margins?", "strategy",
                r"products", r"okrs?", "themes", r"competitors?", "pricing", "allocation")
# One pattern per part of a strategy doc: an email that covers most of them is a strategy.
STRATEGY_PARTS = (
    cues("vision", "imagine", r"picture (a|the|this)", r"years from now", "future", "north star"),
    cues("target", r"segments?", "we are for", "who we serve", r"icp", "persona"),
    cues(r"struggl\w*", r"pain( points?)?", r"frustrat\w*"),
    cues("we win", r"differentiat\w*", r"bets?", "moat", r"competitors?", "other apps"),
    cues(r"alternatives?", "could also go after", "we considered", r"instead of"),
    cues("roadmap", r"themes?", "horizon", "next year"),
)
PORTFOLIO = cues("portfolio", "product lines?", "across (the )?products", "invest(ment)?")


def _hits(doc: Document, pattern: re.Pattern[str]) -> int:
    return sum(1 for s in fine_sentences(doc) if pattern.search(s.text))


def score(doc: Document) -> float:
    """0..1: how much the document reads like a short update to one's manager."""
    if not fine_sentences(doc):
        return 0.0
    blocks = [b for b in doc.blocks if b.kind != "heading"]
    value = 0.0
    first_lines = "\n".join(doc.lines[doc.body_line - 1: doc.body_line + 4])
    greeting = GREETING.match(blocks[0].text) if blocks else None
    if greeting and not GROUP.search(greeting.group(0)):
        value += 0.25  # written to one person
    elif greeting or SUBJECT.search(first_lines):
        value += 0.1
    if any(SIGN_OFF.match(b.text) for b in blocks[-3:]):
        value += 0.1
    value += min(0.2, 0.1 * _hits(doc, UPDATE_CUE))
    value += 0.1 if _hits(doc, CHALLENGE) else 0.0
    value += 0.15 if _hits(doc, PLAN) else 0.0
    # A generic "reach out if you have questions" closes announcements too: not an ask.
    asks = sum(1 for s in fine_sentences(doc) if not WEAK_ASK.search(s.text)
               and (ASK.search(s.text) or s.text.rstrip().endswith("?")))
    value += 0.1 if asks else 0.0
    value += 0.1 if _hits(doc, ANY_THOUGHTS) else 0.0
    value += 0.05 if _hits(doc, MANAGER) else 0.0
    subject = SUBJECT_LINE.search(first_lines)
    title = " ".join([*(h.text for h in doc.headings[:1]), str(doc.front_matter.get("title", "")),
                      subject.group(1) if subject else ""])
    titled_update = bool(TITLE_UPDATE.search(title) and not TITLE_OTHER.search(title))
    if titled_update:
        value += 0.3
    elif TITLE_OTHER.search(title):
        value *= 0.6
    words = doc.word_count
    value += 0.1 if words <= 350 else 0.0 if words <= 600 else -0.2
    # The shape itself: an update raises a problem the author ran into. Without one, a
    # plan and a question read as a decision or an announcement, and with no ask either
    # it is something else again.
    if not _hits(doc, CHALLENGE) and not titled_update:
        value *= 0.75 if asks else 0.6
    # Penalties for text whose centre of gravity is another kind.
    if sum(1 for part in STRATEGY_PARTS if _hits(doc, part)) >= 4:
        value *= 0.5
    business = {m.group(0).lower() for s in fine_sentences(doc) for m in BUSINESS.finditer(s.text)}
    if len(business) >= 5:
        value *= 0.6
    if _hits(doc, DECISION_SHAPE) >= 2 or _hits(doc, IT_DEPENDS):
        value *= 0.55
    # A case study: many first-person past actions and before/after results.
    told = _hits(doc, FIRST_PERSON_ACTION)
    if _hits(doc, NARRATIVE) >= 2 or (told >= 4 and told * 4 >= len(fine_sentences(doc))):
        value *= 0.6
    if _hits(doc, BASELINE) >= 2:
        value *= 0.7
    if _hits(doc, STRATEGY) >= 3:
        value *= 0.6
    if _hits(doc, CAREER) >= 2 or _hits(doc, PORTFOLIO) >= 3:
        value *= 0.6
    if len(DATE_RANGE.findall(doc.body_text)) >= 2:
        value *= 0.5  # a list of roles with dates: a career plan or CV
    if len(doc.headings) >= 4:
        value *= 0.7  # updates are rarely sectioned documents
    return max(0.0, min(1.0, value))
