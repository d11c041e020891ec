"""Offline checks for the product-strategy rubric.

A strategy has three parts: a vision (the customer's better future), a framework (who we
serve, what hurts them, the bets that win them, the roads not taken) and a roadmap of
themes over time where each theme can answer "why?". Section titles help when present,
but many docs use odd headings or none, so every check also reads the sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pmcoach import Block, CriterionResult, Document, Sentence, Span, Verdict
from pmcoach.checks import QUANTITY, cues, finding, lazy, per_document, result
from pmcoach.cues import Cue

# --- vision ------------------------------------------------------------------------------

VISION = cues(
    r"vision", "imagine", r"picture (this|a|the)", r"will be the (place|way|tool|platform|"
    r"default|first|one|home|app|standard)", r"in (\d+|two|three|five|ten|a few) years",
    r"(\d+|two|three|four|five|ten|a few) years (from now|out|on|later|time)",
    r"future", "world where", "day in the life", "north star", r"by 20\d\d", "we envision",
    r"will (be able to|never|no longer|simply|just|instantly|automatically|finally|always)",
    "no longer", "someday", "one day", r"aspir(e|ation)", "end state", "dream",
    "the future we want", r"if we get (this|it) right", r"where (i|we) want (us|to) (to )?be",
    r"what (the world|life|their (day|week|job|work)|success) (looks|will look|would look) like",
    r"become (the|their) (default|go-to|standard|first|obvious)",
)
STATUS_QUO = cues(
    "today", "currently", "status quo", "instead of", "rather than", r"compared (to|with)",
    "than today", "right now", "no longer", r"without (having|needing|a|the|any)", "used to",
    "these days", "at the moment", r"spend(s|ing)? (hours|days|weeks|an hour|half)",
    r"manual(ly)?", r"spreadsheets?", "still have to", "now they", "instead", "anymore",
    r"from .{3,40} to ", "than before",
)
COMPANY_CENTRIC = cues("leading", "#1", "number one", "market leader", "best-in-class",
                       "world-class", "dominant", "largest", "category leader")
CUSTOMER = cues(r"customers?", r"users?", r"teams?", r"they", r"their", r"people", r"buyers?",
                r"owners?", r"managers?", r"clinics?", r"shops?", r"merchants?", r"you", "she",
                "he", "her", "his", r"staff", r"employees")
VISION_SECTION = cues("vision", "future", "north star", "where we're going", "mission",
                      "the world in", "imagine", "destination")

# --- target market -----------------------------------------------------------------------

TARGET = cues(
    r"target(ing|ed)? (market|customers?|segments?|users?|audience|buyers?|accounts?)",
    r"segments?", "icp", "ideal customer", r"we('re| are)? (serve|serving|for)", "built for",
    r"(focus|focused|focusing) on", r"(serve|serving|sell(ing)? to|go after|going after|win)",
    r"personas?", r"(our|the) (customers|users|buyers|market) (are|is)", "who (it's|this is) for",
    "beachhead", r"(initial|core|primary|first) (market|customers?|segment|users?|audience)",
    "market:", r"customers? (who|that)", r"designed for", r"aimed at",
)
SPECIFIC = lazy(
    r"""(?ix)
    \d | \b(?:small|mid-?sized?|medium|mid-?market|enterprise|smb|independent|regional|b2b|b2c
    |saas|early-stage|growth-stage|series\ [a-d]|seed|startups?|clinics?|restaurants?|agenc(?:y|ies)
    |retailers?|hospitals?|schools?|universities|nonprofits?|dtc|e-?commerce|fintech|logistics
    |manufactur\w+|hospitality|construction|healthcare|dental|legal|law\ firms|accounting
    |freelancers?|contractors?|creators?|developers?|engineers?|designers?|marketers?|recruiters?
    |parents|families|students|patients|homeowners|renters|drivers|shoppers|travel\w+|gamers
    |smallholders|farmers|clinicians|physicians|doctors|dentists|pharmacies|gyms|salons|teams
    |accountants?|nurses?|teachers?|founders?|admins?|operators?|owners?|managers?|leads?
    |directors?|analysts?|sellers?|merchants?|landlords?|dispatchers?|employees|headcount
    |north\ america|europe|emea|apac|latam|us|uk|eu|german\w*|french|india\w*|nordic\w*)\b
    """
)
GENERIC = cues("everyone", "anyone", r"all (users|businesses|companies|customers|teams)",
               "all walks of life", r"whatever (their|your) (level|size|age)",
               r"of all (ages|levels|sizes|kinds|types)", "everybody",
               "any business", "any company", "the whole market", "all sizes")
MARKET_SECTION = cues("target", "market", "customers?", "segments?", "who (we|it)", "audience",
                      "icp", "personas?", "users?")

# --- pain points -------------------------------------------------------------------------

PAIN = cues(
    r"pain( points?)?", r"problems?", r"struggl(e|es|ing)", r"frustrat(ed|ing|ion)",
    r"wast(e|es|ed|ing)",
    r"manual(ly)?", r"churn(s)?", r"complain(ts|s)?", "can't", "cannot", "hard to", r"difficult",
    r"slow(er)?", r"expensive", "error-prone", r"friction", r"headaches?", r"bottlenecks?",
    r"spend(s|ing)? .{0,25}(hours|days|time|weeks)", r"tedious", r"los(e|es|ing)",
    r"juggl(e|ing)",
    r"stitch(ing)?", "no way to", r"lack(s|ing)?", "forced to", r"(still|always) have to",
    r"costly",
    r"miss(es|ed)?",
    r"chas(e|es|ing)", r"copy(ing)?[- ]past(e|ing)", "don't know", "no visibility", r"guess(ing)?",
    r"errors?", "re-?enter", r"double[- ]entry", r"worr(y|ies)", r"fear", r"stuck",
    r"overwhelm(ed)?",
    r"(too|very) (long|many|much)", r"outdated", r"fragmented", r"scattered", r"clunky",
)
NOT_PAIN_SECTION = cues(r"bets?", "how we win", "why we win", "differentiat", "roadmap",
                        r"metrics?", "success", "alternatives", "considered", "not take",
                        "set aside", r"themes?", "next \\d+ months", "how we('ll| will) know")
PAIN_SECTION = cues("pain", "problems?", "struggles?", "challenges?", "jobs", "needs", "why now",
                    "what hurts", "what's broken")

# --- strategic bets ----------------------------------------------------------------------

BETS = cues(
    r"bets?", "betting", r"differentiat(e|es|ed|or|ors|ion)", r"advantages?", "moat",
    r"unique(ly)?", "unlike", r"only (we|product|one|tool|company)", "we believe", "wedge",
    r"(our|an|a real|competitive|unfair) edge", r"win (because|by|with|on|the)",
    r"why we('ll| will)? win", r"pillars?",
    r"strategic (choices?|pillars?|bets?)", r"double down", r"competitors?", "competition",
    r"positioning", "right to win", "better than", r"no one else", "hard to copy",
    r"leverage (our|the)", "unfair", r"out-?\w+ (them|competitors|incumbents)", "incumbents?",
)
BET_SECTION = cues("bets?", "differentiat", "how we win", "why we win", "strategic bets?",
                   "strategic pillars?", "pillars?", "advantage", "moat", "edge", "wedge")

#: Qualities every product claims: they do not set this one apart.
GENERIC_BET = cues(r"(easier|simpler|nicer) to use", r"user-?friendly", "best-in-class",
                   "world-class", r"(better|great|best|amazing) (ux|user experience|experience"
                   r"|design)", "intuitive", "ai-powered everything", "grow fast", "move fast")
#: A bare "Strategy:" label over a list of bets.
STRATEGY_LABEL = lazy(r"(?i)(?:^|/)[\s*_]*(?:our\s+|the\s+)?strateg(?:y|ies)[\s*_:]*$")
#: Inline enumeration: "(1) ... (2) ..." or "(a) ... (b) ...".
INLINE_ENUM = lazy(r"\((?:\d|[a-e])\)")

# --- alternatives ------------------------------------------------------------------------

ALT_STRONG = cues(
    r"alternatives?", r"we considered", r"considered", r"could (also )?have", r"other (approach|"
    r"option|path|strateg)(es|s|y|ies)?", "rejected", r"ruled out", "decided against",
    r"chose not", r"why not", r"we (won't|will not|are not going to|aren't going to|don't)",
    r"not (building|going after|competing|pursuing|chasing|doing|targeting)", "passed on",
    r"option [A-Z1-9]", r"another (path|approach|way|option)", "the obvious", "say no",
    r"saying no", "what we('re| are)? not doing", "trade-?offs?", r"we could (instead|also)",
    r"one option", "path not taken", r"roads? not taken", "instead, we",
)
ALT_WEAK = cues("instead of", "rather than", r"vs\.?", "versus", "over (building|buying|going)")
ALT_REASON = cues(
    "because", "since", "too", r"would (mean|require|cost|take|lock|commoditi[sz]e|put|force|"
    r"distract|leave|make|need|split|dilute|slow|give|compete|be)", r"risks?", r"costs?",
    "slower", r"lose", "crowded", "requires", r"commodit(y|ized|ised)", "margins?",
    "not worth", "can't", "cannot", "dilute", r"lacks?", r"ties", "leaves out", r"no (moat|"
    r"link|edge|advantage)", "race to the bottom", r"bottleneck", r"weakest", r"poor fit",
    r"but (it|they|we|that|this|the|our|its|their|there|then|legal|customers|users)"
    r"(?! (decided|chose|don't think|do not think|'re not|are not|set it aside))",
)
ALT_SECTION = cues(r"alternatives?", "considered", "not doing", "rejected", "options",
                   "didn't take", "not taken", r"paths?", "set aside", "instead",
                   "why not", "trade-?offs?", "what we won't", "non-goals", "anti-goals")

# --- roadmap -----------------------------------------------------------------------------

PERIOD = lazy(
    r"""(?ix)
    \b(?:q[1-4](?:\s*(?:'|fy|20)?\d\d)?|h[12](?:\s*(?:fy|20)?\d\d)?|fy\s?\d\d|20\d\d
    |now|next|later|near[- ]term|mid[- ]term|long[- ]term|short[- ]term
    |horizon\s*(?:\d|one|two|three)|phase\s*(?:\d|one|two|three|i{1,3})|stage\s*\d
    |year\s*(?:one|two|three|\d)|months?\s*\d+(?:\s*[-–]\s*\d+)?|first\s(?:half|quarter|year)
    |second\s(?:half|quarter|year)|this\s(?:quarter|year|half)
    |next\s(?:quarter|year|half|\d+\s(?:months|quarters))|(?:spring|summer|fall|autumn|winter)
    |sprint\s\d+|milestone\s\d+|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s20\d\d)\b
    """
)
THEME_WORD = cues(r"themes?", r"pillars?", r"focus areas?", r"initiatives?", r"workstreams?",
                  r"tracks?")
ROADMAP_SECTION = cues("roadmap", "plan", r"themes?", r"horizons?", "timeline", r"sequenc\w*",
                       r"phases?", "milestones", r"what we('ll| will) (build|do)", "next steps",
                       r"quarters?", "now.{0,5}next.{0,5}later", r"the next \w+ (months|years)",
                       "execution", "delivery")
ROADMAP_WORD = cues("roadmap", r"milestones?", r"planned", "upcoming", "coming (soon|up)",
                    "backlog", "what's next",
                    r"we('ll| will) (build|ship|launch|start|add|deliver)",
                    r"next (quarter|year|half)", r"release", r"phase", "plan to", "in q[1-4]")
CONTAINER_WORD = lazy(r"\w+")
WHY_COLUMN = cues("why", "rationale", "because", "reason", r"bets?", "so that", "purpose")
LABEL_END = lazy(r"^[^.!?]{0,80}?(?::|\s[—–-]\s|\*\*\s)")

# --- roadmap rationale -------------------------------------------------------------------

WHY = cues(
    "because", "so that", r"so (we|customers|users|teams|they|that|it|our)", "in order to", "why",
    r"which (lets|means|enables|unlocks|gives|removes|proves)", r"this (lets|enables|unlocks|"
    r"supports|proves|tests|de-?risks|addresses|answers|is how|is what|is where|matters|"
    r"gives|removes|earns|builds)", r"to (enable|unlock|prove|win|reduce|increase|support|"
    r"validate|earn|remove|land|grow|cut|de-?risk|close|test|learn|lower|raise|keep|stop|"
    r"capture|defend|retain|expand|show)", "rationale", r"ties? (back )?to",
    r"supports (the |our )?",
    r"bets?", "goal", r"addresses", "without (it|this)", "since", "needed for", "prerequisite",
    r"unblock(s)?", r"pain", r"differentiat\w*", r"(that|which) is why", "the point is",
    "it matters", r"(proves|tests) (the|our|that)", "→", "->",
)

# --- success metrics ---------------------------------------------------------------------

METRIC_FRAME = cues(
    r"metrics?", r"kpis?", r"measur(e|ed|es|ing)", r"success (is|looks|means|will be|would be|=|:)",
    "north star", r"targets? (of|for|is|are|:)", r"okrs?", r"key results?", r"we('ll| will) know",
    r"what (I|we) (would love|want|hope|need) to see", r"(we|I) want to see",
    r"(we'll|we will) (track|watch)", r"goals? (is|are|for|:)",
    r"how (do|will|would|can|could|should) (we|i|you) know",
)
TARGET_NUMBER = lazy(
    r"(?i)\bfrom\s+\S+\s+to\b|\bto\s+\$?\d|\b(?:by|before|in)\s+(?:20\d\d|q[1-4]|h[12]|end|"
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\b(?:above|below|under|over|at least|"
    r"at most|more than|less than|fewer than|reach|hit|double|triple|halve)\b|\d\s*%|\d+x\b")
METRIC = cues(
    r"metrics?", r"kpis?", r"measur(e|ed|es|ing)", r"success (is|looks|means|will be|=|:)",
    "north star", r"okrs?", r"key results?", r"we('ll| will) know",
    r"benchmarks?", r"retention", r"churn", r"nps", r"activation", r"conversion", "arr", "mrr",
    r"revenue", r"adoption", r"(weekly|monthly|daily) active", "wau", "mau", "dau", r"win rate",
    r"time to (value|first)", r"csat", r"net revenue retention", "nrr", r"payback",
)
METRIC_SECTION = cues(r"metrics?", "measur", "success", r"kpis?", r"okrs?", "north star",
                      r"targets?(?! (customers?|market|users?|segments?|audiences?|buyers?"
                      r"|accounts?|groups?))", "how we('ll| will) know", "scorecard",
                      r"goals?")
DIGIT = lazy(r"\d")


PSEUDO_HEADING = lazy(
    r"^(?:\*\*|__)?([A-Z][^.!?\n]{0,50}?)(?:\*\*|__)?:?(?:\*\*|__)?$")
# Up to five words, then ":" or a dash: "Who it's for: ...", "**Our bets** — ...".
LEAD_IN = lazy(
    r"^(?:\*\*|__)?([^\s.!?:*_]+(?: [^\s.!?:*_]+){0,4})(?:\*\*|__)?\s*[:—–]\s*\S")


def is_pseudo_heading(block: Block) -> bool:
    """A short paragraph standing in for a heading: "**Market**" or "What hurts:"."""
    text = block.text.strip()
    return block.kind == "paragraph" and len(text.split()) <= 6 and bool(
        PSEUDO_HEADING.match(text)) and (text.endswith(":") or text.startswith(("**", "__")))


@per_document
def block_labels(doc: Document) -> dict[int, str]:
    """Each block's topic: its heading, or a bold / colon-ended line acting as one
    ("**Market**", "What hurts:"), or its own lead-in ("Who it's for: ...")."""
    labels: dict[int, str] = {}
    current = ""
    for block in doc.blocks:
        if block.kind == "heading":
            current = block.text
            labels[id(block)] = current
            continue
        text = block.text.strip()
        if is_pseudo_heading(block):
            current = PSEUDO_HEADING.match(text).group(1)  # type: ignore[union-attr]
            labels[id(block)] = current
            continue
        lead = LEAD_IN.match(text[:120])
        labels[id(block)] = f"{current} / {lead.group(1)}" if lead else current
    return labels


def _in_sections(doc: Document, title: re.Pattern[str] | Cue) -> list[Sentence]:
    labels = block_labels(doc)
    return [s for s in _body(doc) if title.search(labels.get(id(s.block), ""))
            and not is_pseudo_heading(s.block)]


@per_document
def _body(doc: Document) -> list[Sentence]:
    """Sentences that are text, not stand-in headings like "**Problems**"."""
    return [s for s in doc.sentences if not is_pseudo_heading(s.block)]


DEFERRED = cues(r"(rather not|not going to|won't|will not|don't want to) "
                r"(pin|set|commit|lay|write)",
                r"defer(red)?", "later", "tbd", "to be decided", "work (that|it) out")


def _merge(*groups: list[Sentence]) -> list[Sentence]:
    seen: dict[int, Sentence] = {}
    for group in groups:
        for s in group:
            seen.setdefault(id(s), s)
    return sorted(seen.values(), key=lambda s: s.line)


def check_vision(doc: Document) -> CriterionResult:
    cid = "vision"
    section = _in_sections(doc, VISION_SECTION)
    visions = _merge([s for s in _body(doc) if VISION.search(s.text)], section)
    # A one-line mission slogan ("Improve outcomes with connected care") is not a vision.
    visions = [s for s in visions if len(s.text.split()) >= 10 or VISION.search(s.text)
               and not s.text.lower().startswith(("**mission", "mission"))]
    blocks = {id(s.block) for s in visions}
    contrasted = [s for s in _body(doc) if id(s.block) in blocks
                  and STATUS_QUO.search(s.text)]
    customer = [s for s in visions if CUSTOMER.search(s.text)]
    if contrasted and (customer or not COMPANY_CENTRIC.search(" ".join(s.text for s in visions))):
        return result(cid, Verdict.MET, "Paints the customer's future and contrasts it with "
                      "today.", spans=_merge(contrasted, customer))
    if visions and COMPANY_CENTRIC.search(" ".join(s.text for s in visions)) and not customer:
        first = next(s for s in visions if COMPANY_CENTRIC.search(s.text)) \
            if any(COMPANY_CENTRIC.search(s.text) for s in visions) else visions[0]
        return result(
            cid, Verdict.PARTIAL, "The vision is about the company's position, not the "
            "customer's life.",
            "Describe a day for a customer once the product exists, and what is better than "
            "today.", spans=visions,
            findings=[finding(cid, first, "This is where the company wants to be, not what "
                              "changes for customers.",
                              "Rewrite from the customer's side: \"A <customer> will <do what> "
                              "instead of <today's workaround>.\"")])
    if visions:
        return result(
            cid, Verdict.PARTIAL,
            "States a vision but does not show how the customer's life beats the status quo.",
            "Add the contrast: what the customer does today, and what they will do with the "
            "product (\"Today <workaround>; with us <better future>\").", spans=visions)
    return result(
        cid, Verdict.MISSING, "No vision: the doc never describes the future it is aiming for.",
        "Open with a short storyboard of a future customer using the product and how their "
        "day is better than today.")


def check_target_market(doc: Document) -> CriterionResult:
    cid = "target-market"
    section = _in_sections(doc, MARKET_SECTION)
    hits = _merge([s for s in _body(doc) if TARGET.search(s.text)], section)
    def qualifiers(text: str) -> int:
        found = {m.group(0).lower() for m in SPECIFIC.finditer(text)}
        return len(found) + (2 if DIGIT.search(text) else 0)

    specific = [s for s in hits if qualifiers(s.text) >= 3 and not GENERIC.search(s.text)]
    if specific:
        return result(cid, Verdict.MET, "Names a specific target segment.", spans=specific)
    generic = [s for s in hits if GENERIC.search(s.text)]
    if hits and len(generic) == len(hits):
        return result(
            cid, Verdict.MISSING, "The market is \"everyone\": no segment is named.",
            "Name the first segment you will win: role, company size, industry, region.",
            findings=[finding(cid, generic[0], "\"Everyone\" is not a market.",
                              "Name the first segment you will win.")])
    if hits:
        return result(
            cid, Verdict.PARTIAL, "Mentions customers, but the segment is too broad to "
            "aim at.",
            "Narrow it: who exactly (role, company size, industry, region) you will win first.",
            spans=hits, findings=[finding(cid, generic[0], "\"Everyone\" is not a market.",
                                          "Name the first segment you will win.")]
            if generic else ())
    return result(
        cid, Verdict.MISSING, "No target market or customer segment is named.",
        "Say who the product is for: e.g. \"Operations leads at 50-500 person logistics "
        "companies in North America\".")


def check_pain_points(doc: Document) -> CriterionResult:
    cid = "pain-points"
    section = [s for s in _in_sections(doc, PAIN_SECTION) if not METRIC.search(s.text)]
    elsewhere = {id(s) for s in _in_sections(doc, NOT_PAIN_SECTION)}
    hits = _merge([s for s in _body(doc) if PAIN.search(s.text) and id(s) not in elsewhere],
                  section)
    units = sum(1 + s.text.count(";") for s in hits)
    if units >= 2:
        return result(cid, Verdict.MET, "States the market's problems.", spans=hits)
    if hits:
        return result(
            cid, Verdict.PARTIAL, "Only one pain point, stated briefly.",
            "List the two or three problems that hurt this segment most, with how often or "
            "how much they cost.", spans=hits)
    return result(
        cid, Verdict.MISSING, "The doc does not say what problems the market has.",
        "Add the segment's pain points: what they struggle with today and what it costs them.")


def _bet_items(doc: Document) -> list[Sentence]:
    """List items under a bets heading or label, or under a bare "Strategy:" label."""
    labels = block_labels(doc)
    return [s for s in _body(doc) if s.block.kind == "item" and (
        BET_SECTION.search(labels.get(id(s.block), ""))
        or STRATEGY_LABEL.search(labels.get(id(s.block), "")))]


def check_strategic_bets(doc: Document) -> CriterionResult:
    cid = "strategic-bets"
    hits = [s for s in _body(doc) if BETS.search(s.text)]
    section = _bet_items(doc)
    spans = _merge(hits, section)
    # A generic quality ("easier to use", "best-in-class UX") or a slogan-length item
    # ("Grow fast") is a wish, not a bet competitors would struggle to match.
    bets = [s for s in hits if not GENERIC_BET.search(s.text)]
    items = [s for s in section if len(s.text.split()) >= 5 and not GENERIC_BET.search(s.text)]
    # "bets: (1) ... (2) ... (3) ..." lists them inline.
    inline = max((len(INLINE_ENUM.findall(s.block.text)) for s in hits), default=0)
    if len(bets) >= 2 or len(items) >= 2 or inline >= 2:
        return result(cid, Verdict.MET, "Names the bets or differentiators meant to win.",
                      spans=spans)
    if spans:
        generic = any(GENERIC_BET.search(s.text) for s in spans) or len(items) < len(section)
        return result(
            cid, Verdict.PARTIAL, "Hints at what sets the product apart, but names no clear "
            "bets" + (" (generic qualities or slogans are not bets)." if generic else "."),
            "Write two or three explicit bets: \"We bet that <belief>; if true, we win "
            "because <differentiator competitors can't easily copy>.\"", spans=spans)
    return result(
        cid, Verdict.MISSING, "No strategic bets or differentiators are named.",
        "State the bets you believe will win this market and why competitors won't match them.")


#: A paragraph that introduces a list of alternatives: other paths open to the team, and
#: why the author is not choosing them.
ALT_LEAD = cues("what else", r"not (recommending|choosing|picking|doing)", "we could",
                r"other (options|paths|approaches|strategies)", r"alternatives?", "considered",
                "why not")


def _alternative_items(doc: Document) -> list[Sentence]:
    """Sentences of list items whose lead-in paragraph introduces alternatives."""
    leads: set[int] = set()
    lead_ok = False
    previous: Block | None = None
    for block in doc.blocks:
        if block.kind == "item":
            if previous is not None and previous.kind != "item":
                lead_ok = previous.kind == "paragraph" and bool(ALT_LEAD.search(previous.text))
            if lead_ok:
                leads.add(id(block))
        previous = block
    return [s for s in _body(doc) if id(s.block) in leads] if leads else []


def check_alternatives(doc: Document) -> CriterionResult:
    cid = "alternatives"
    section = _merge(_in_sections(doc, ALT_SECTION), _alternative_items(doc))
    strong = _merge([s for s in _body(doc) if ALT_STRONG.search(s.text)], section)
    weak = [s for s in _body(doc) if ALT_WEAK.search(s.text) and not STATUS_QUO.search(
        ALT_WEAK.sub("", s.text))]

    def reasoned(s: Sentence) -> bool:
        if ALT_REASON.search(s.text):
            return True
        following = [t for t in doc.sentences if t.block is s.block and t.line >= s.line
                     and t is not s]
        return bool(following and ALT_REASON.search(following[0].text))

    if any(reasoned(s) for s in strong):
        return result(cid, Verdict.MET, "Lays out alternatives and why this approach wins.",
                      spans=[s for s in strong if reasoned(s)])
    if strong or any(reasoned(s) for s in weak):
        return result(
            cid, Verdict.PARTIAL, "Alternatives are mentioned but not argued against.",
            "For each alternative, say why you are not taking it: \"We could <other approach>, "
            "but <reason it loses>.\"", spans=strong or weak)
    return result(
        cid, Verdict.MISSING, "No alternative approaches are considered.",
        "Add the paths you did not choose (e.g. another segment, build vs partner, "
        "a competitor's strategy) and why this one is better.")


@dataclass
class Theme:
    """One roadmap group: its label (heading or lead-in) and the blocks under it."""

    label: Block
    blocks: list[Block]

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)

    @property
    def timed(self) -> bool:
        return bool(PERIOD.search(self.text))


def _roadmap_region(doc: Document) -> tuple[list[Block], bool]:
    """Blocks of the roadmap part of the doc, and whether a heading marked it as such."""
    start = next((h for h in doc.headings if ROADMAP_SECTION.search(h.text)), None)
    if start is None:
        return [b for b in doc.blocks], False
    region = []
    for block in doc.blocks:
        if block.line < start.line:
            continue
        if block.kind == "heading" and block.line > start.line and block.level <= start.level \
                and not (PERIOD.search(block.text) or THEME_WORD.search(block.text)):
            break
        region.append(block)
    return region, True


def _is_label(block: Block, in_roadmap: bool) -> bool:
    head = block.text.split("\n", 1)[0]
    if block.kind == "heading" and block.level == 1:
        return False  # the document's title, not a roadmap group
    if block.kind == "heading":
        return bool(PERIOD.search(head) or (in_roadmap and THEME_WORD.search(head))
                    or (in_roadmap and block.level >= 3))
    if block.kind in ("item", "paragraph", "table"):
        lead = LABEL_END.match(head.lstrip("|*_ "))
        if lead and (PERIOD.search(lead.group(0)) or THEME_WORD.search(lead.group(0))):
            return True
        return bool(block.kind != "paragraph" and PERIOD.match(head.lstrip("|*_ ")))
    return False


def _split_label_lines(doc: Document, region: list[Block]) -> list[Block]:
    """A plain-text paragraph whose lines each start with a period ("Winter 2024/25 - ...",
    "2026 - ...") is a list without bullets: one block per line."""
    out: list[Block] = []
    for block in region:
        if block.kind == "paragraph" and block.end_line > block.line:
            lines = [Block(doc.lines[n - 1].strip(), n, n, "item", block.section)
                     for n in range(block.line, block.end_line + 1)
                     if n <= len(doc.lines) and doc.lines[n - 1].strip()]
            if sum(_is_label(b, False) for b in lines) >= 2:
                out.extend(lines)
                continue
        out.append(block)
    return out


@per_document
def roadmap_themes(doc: Document) -> list[Theme]:
    """Group the roadmap into themes: labelled headings, lead-ins or rows and what follows."""
    region, marked = _roadmap_region(doc)
    region = _split_label_lines(doc, region)
    themes: list[Theme] = []
    open_theme = False
    for block in region:
        if is_pseudo_heading(block) and not _is_label(block, marked):
            open_theme = False  # "**Success in 2025**" ends the roadmap's last theme
            continue
        if _is_label(block, marked):
            themes.append(Theme(block, [block]))
            open_theme = True
        elif not open_theme:
            continue
        elif themes and (block.kind != "heading"
                         or block.level > themes[-1].label.level > 0):
            themes[-1].blocks.append(block)
    # A label that only groups other labels ("Themes:" over "H1 — ...") is not a theme
    # itself; neither is a table's separator row.
    return [t for t in themes if not re.fullmatch(r"[\s|:\-]+", t.label.text)
            and not (len(t.blocks) == 1 and len(CONTAINER_WORD.findall(t.label.text)) <= 3
                     and (t.label.kind == "heading" or t.label.text.rstrip().endswith(":")))]


def _feature_list(theme: Theme) -> bool:
    """A period followed only by a comma list of features ("Q1: Dark mode, new onboarding,
    Alexa integration"): a release plan, not a named theme."""
    if len(theme.blocks) != 1:
        return False
    head = theme.label.text.lstrip("|*_-• ")
    lead = LABEL_END.match(head)
    if not lead or not PERIOD.search(lead.group(0)):
        return False
    rest = head[lead.end():].strip(" ")
    parts = [p.strip() for p in re.split(r",|\band\b|;", rest) if p.strip()]
    # A bold, quoted or lead-in name ("**Pro payments** and payouts") makes it a theme.
    return len(parts) >= 2 and all(len(p.split()) <= 4 for p in parts) and not re.search(
        r"[\"“(:—–]|\*\*|__", rest)


def check_roadmap(doc: Document) -> tuple[CriterionResult, list[Theme]]:
    cid = "roadmap"
    themes = roadmap_themes(doc)
    timed = [t for t in themes if t.timed]
    region, marked = _roadmap_region(doc)
    theme_words = any(THEME_WORD.search(b.text) for b in region) if marked else any(
        THEME_WORD.search(t.text) for t in themes)
    grouped = theme_words or sum((len(t.blocks) >= 2 or len(t.text.split()) >= 6)
                                 and not _feature_list(t) for t in themes) > len(themes) // 2
    labels = [t.label for t in themes]
    if len(timed) >= 2 and grouped:
        return result(cid, Verdict.MET,
                      f"Plans work over time in {len(themes)} themes.", spans=labels), themes
    if len(themes) >= 2:
        missing = "time periods" if len(timed) < 2 else "themes (it reads as a feature list)"
        return result(
            cid, Verdict.PARTIAL, f"There is a roadmap, but without {missing}.",
            "Group the next periods of work into a few named themes, each with a horizon "
            "(e.g. \"Now / Next / Later\" or quarters).", spans=labels), themes
    mentions = [s for s in _body(doc) if (ROADMAP_WORD.search(s.text) or PERIOD.search(s.text)
                and re.search(r"\b(will|'ll|plan|build|ship|launch)\b", s.text))
                and not (ROADMAP_WORD.search(s.text) and DEFERRED.search(s.text))]
    if mentions or themes:
        return result(
            cid, Verdict.PARTIAL, "Future work is mentioned, but not laid out as a roadmap of "
            "themes.",
            "Add a roadmap: the next two to four periods, each with a named theme and the "
            "main work in it.", spans=mentions or labels), themes
    return result(
        cid, Verdict.MISSING, "No roadmap: the doc does not plan the next periods of work.",
        "Sketch the next few quarters or \"Now / Next / Later\", grouping work into strategic "
        "themes."), themes


def _explained(doc: Document, theme: Theme) -> bool:
    """Whether a theme says why; in a table with a "Why" column, that cell must say it."""
    if theme.label.kind == "table":
        header = _table_header(doc, theme.label)
        if header is not None:
            names = [c.strip().lower() for c in header.text.strip("| ").split("|")]
            cells = [c.strip() for c in theme.label.text.strip("| ").split("|")]
            why_cols = [i for i, n in enumerate(names) if WHY_COLUMN.search(n)]
            if why_cols:
                return any(i < len(cells) and len(cells[i].split()) >= 3 for i in why_cols)
    return bool(WHY.search(theme.text))


def _table_header(doc: Document, row: Block) -> Block | None:
    """The first row of the table ``row`` belongs to."""
    header = None
    previous_end = -2
    for block in doc.blocks:
        if block.kind != "table":
            previous_end = -2
            continue
        if block.line > previous_end + 2 or header is None:
            header = block
        previous_end = block.end_line
        if block is row:
            return header if header is not row else None
    return None


def check_roadmap_rationale(doc: Document, themes: list[Theme]) -> CriterionResult:
    cid = "roadmap-rationale"
    plans = [s for s in _body(doc) if ROADMAP_WORD.search(s.text)]
    if not themes and any(WHY.search(s.text) for s in plans):
        return result(
            cid, Verdict.PARTIAL, "Some planned work says why, but there are no themes to "
            "hang the reasons on.",
            "Group the plan into themes and give every theme its \"why\", tied to a bet.",
            spans=[s for s in plans if WHY.search(s.text)])
    if not themes:
        return result(
            cid, Verdict.MISSING, "There are no roadmap themes to explain.",
            "Once the roadmap has themes, give each a \"why\": the pain it removes or the bet "
            "it tests.")
    if len(themes) < 2:
        return result(
            cid, Verdict.MISSING if not any(WHY.search(t.text) for t in themes)
            else Verdict.PARTIAL,
            "The roadmap is not grouped into themes, so there is no \"why\" per theme.",
            "Group the work into themes and give each a \"why\" tied to a bet.",
            spans=[t.label for t in themes])
    explained = [t for t in themes if _explained(doc, t)]
    unexplained = [t for t in themes if t not in explained]
    findings = [finding(cid, t.label, "This roadmap theme does not say why it is on the "
                        "roadmap.", "Add one line: \"Why: <the bet or pain point this "
                        "serves>.\"") for t in unexplained]
    spans: list[Span] = [t.label for t in explained]
    if not unexplained:
        return result(cid, Verdict.MET, "Every roadmap theme says why it is there.",
                      spans=spans)
    if explained:
        return result(
            cid, Verdict.PARTIAL,
            f"{len(unexplained)} of {len(themes)} roadmap themes do not say why.",
            "For each theme, say which bet it advances or which pain point it removes.",
            spans=spans, findings=findings)
    return result(
        cid, Verdict.MISSING, "No roadmap theme says why it is there.",
        "Tie each theme back to a strategic bet: \"<Theme>, because <bet/pain>.\"",
        findings=findings)


def check_success_metrics(doc: Document) -> CriterionResult:
    cid = "success-metrics"
    section = _in_sections(doc, METRIC_SECTION)
    framed = [s for s in _body(doc) if METRIC_FRAME.search(s.text)]
    named = [s for s in _body(doc) if METRIC.search(s.text)]
    measured = [s for s in _merge(section, framed, named)
                if (DIGIT.search(s.text) or QUANTITY.search(s.text))
                and TARGET_NUMBER.search(s.text)]
    # A named metric with a target, or any target in a success / metrics section.
    measured = [s for s in measured if METRIC.search(s.text) or METRIC_FRAME.search(s.text)
                or s in section]
    hits = _merge(section, framed)
    if measured:
        return result(cid, Verdict.MET, "Says how success will be measured, with targets.",
                      spans=measured)
    if hits:
        return result(
            cid, Verdict.PARTIAL, "Names what to watch, but sets no target.",
            "Give each metric a target and a date: \"<metric> from <baseline> to <target> "
            "by <date>.\"", spans=hits)
    return result(
        cid, Verdict.MISSING, "The doc never says how success will be measured.",
        "Add two or three success metrics with targets, e.g. \"Weekly active teams from 1,200 "
        "to 3,000 by Q4\".")


def check(doc: Document) -> list[CriterionResult]:
    """Judge every criterion of the strategy rubric."""
    roadmap, themes = check_roadmap(doc)
    return [
        check_vision(doc),
        check_target_market(doc),
        check_pain_points(doc),
        check_strategic_bets(doc),
        check_alternatives(doc),
        roadmap,
        check_roadmap_rationale(doc, themes),
        check_success_metrics(doc),
    ]
