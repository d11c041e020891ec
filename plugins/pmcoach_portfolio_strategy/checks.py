"""Offline checks for product portfolio strategies."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import partial

from pmcoach import CriterionResult, Document, Sentence, Verdict
from pmcoach.checks import cues, finding, lazy, result
from pmcoach.cues import LazyPattern

#: This plugin's cue lists match lower-cased text, and their matches are of ``text.lower()``:
#: the checks were tuned on that, so they keep it (see ``pmcoach.checks.cues``).
lower_cues = partial(cues, match_lowercased=True)

# --- vocabulary --------------------------------------------------------------------------

VISION = lower_cues(
    "vision", "mission", "north star", "ambition", "purpose",
        r"we (want|aim|intend) to (be|become)",
    r"(become|be) the (leading|default|go-to|first|best|number one|#1|only)", "long[- ]term",
    r"by (the end of )?20\d\d,? (we|our|the company|the business)",
        "where the (company|business) is going",
    "company strategy", "business strategy", "strategic intent",
        r"in (three|five|ten|3|5|10) years",
    r"make us (the|a|an)",
        r"(we|the company|the business) (will|should|must|want to|aim to) (be|become|own)",
    r"(the|our) (default|leading|go-to)", "reason we exist", r"\w+ wants? to (be|become|own)",
    r"(is|are|be|become) the (everyday|one place|first place|place)", "the one place", "exists? to",
    r"(our|the) (business|company) (exists|is|wins|will be)", "we are building",
)
BUSINESS_LEVEL = lower_cues(
    "business", "company", "companies", "we", "our", "portfolio", "group", "organi[sz]ation",
    "firm", "enterprise", "all (of )?(our|the) products", "products", "suite", "platform",
)
PRODUCTS_SERVE = lower_cues(
    r"(each|every|all|our|the)( \w+)? products?", "portfolio", "suite", "product lines?",
    r"(serve|serves|support|supports|contribute|contributes|ladder|ladders|feed|feeds|play|plays)",
    "together", "role", "part",
)
OBJECTIVE = lower_cues(
    "objectives?", "goals?", "okrs?", "key results?", "priorit(y|ies)", "targets?", "aims?",
    r"what we want", r"we want (from|to see)",
    r"o\d", r"obj\.? ?\d", r"g\d", "themes?", "outcomes?", "pillars?",
)
SPAN = lower_cues(
    r"across (all |the |our |every |several |multiple )?(products|portfolio|suite|lines|business)",
    "cross-product", "cross-portfolio", "portfolio-(wide|level)", "company-wide", "business-wide",
    r"(two|three|four|2|3|4) or more (products|modules|services|apps|lines)", "multi-product",
    r"(second|another) (product|module|service)", "cross-sell(ing)?", "bundle(s|d)?",
    r"(several|multiple) (products|modules|services|apps)",
    "umbrella", "shared", r"(every|each|all) products?", "span(s|ning)?", "all three", "all four",
    "together", "jointly", "collectively", r"more than one product", "both products",
)
LINK = lower_cues(
    r"contribut(e|es|ing) to", r"support(s|ing)?", r"serv(e|es|ing)", r"drive(s)?", r"own(s)?",
    r"deliver(s)?", r"advance(s)?", r"(is|are) (responsible|accountable) for", r"feed(s)?",
    r"ladder(s)? (up )?to", r"link(s|ed)? to", r"tied to", r"maps? to", r"role", r"lead(s)? on",
    r"objective \d", r"o\d", r"goal \d", r"g\d", r"→|->", "primary", "secondary",
)
SHARE = lower_cues(
    "market share", r"share of (the )?(market|segment|category|spend|wallet)",
        r"\d+(\.\d+)?\s?% share",
    r"\d+(\.\d+)?\s?% of (the )?(market|segment|category|smb|mid-?market|enterprise"
    r"|[\w-]+ (market|segment|category)|[\w-]+ [\w-]+ (market|segment|category))",
    r"no (meaningful |real |measurable )?share", r"used by (about |roughly |around |~)?\d+\s?% of",
        r"(first|second|third|fourth|fifth) (behind|place|largest)",
    r"(first|second|third|fourth|fifth|\d(st|nd|rd|th))[- ](largest |biggest )?"
    r"(player|vendor|provider|competitor)",
    r"#\d", r"number (one|two|three)", r"(market )?leader", "challenger", r"(1st|2nd|3rd|4th|5th)",
    r"(rank|ranked|position)", "penetration",
        r"(small|tiny|minor|dominant|leading) (player|share|position)",
    r"share (is|of|at|grew|fell|dropped|rose)", "niche",
)
MARKET = lower_cues(
    "markets?", "segments?", "category", "categories", "customers", "buyers", "smbs?",
        "mid-?market",
    "enterprise", "consumers", "verticals?", "sector", "tam", "sam", "icp", "audience", "users",
)
ADJACENT = lower_cues(
    "adjacent", "untapped", "unmet", "under-?served", "white ?space", r"gaps? in", "unserved",
    r"not (yet )?(served|addressed|covered)", r"nobody (serves|addresses|covers)",
    "new (markets?|segments?)", r"expand(ing)? into", "neighbo(u)?ring", "next to (our|the)",
    "greenfield", r"no one (serves|covers)", "missing (product|offering)", "unaddressed",
)
INVEST = lower_cues(
    "invest(ing|ment|ments)?", r"double down", r"(increase|raise|grow|add|expand)(ing)? (the )?"
    r"(funding|budget|headcount|investment|team|teams|engineers|people|capacity|spend)",
    r"add(ing)? (\d+|two|three|four|five|six|a) (engineers|pms|people|squads?|teams?|hires?|fte)",
    "fund(ed|ing)?", "hire", "hiring", r"prioriti[sz]e", "accelerate",
    r"(more|additional) (engineers|people|headcount|budget|capacity)", "scale up", "new squad",
    r"doubl(e|es|ing) (the |our )?[\w-]* ?(team|budget|investment|headcount|spend)",
    r"(team|budget|headcount|spend) (grows|is growing|goes up|increases)", r"staff(ing)? up",
    r"grow(ing|s)? the [\w-]+ team", r"expand(ing|s)? the [\w-]+ team", r"team from \w+ to \w+",
    "(a|an|one|two|three|second|new) squads?",
    # "+£1.1m, +2 squads" in an allocation table.
    r"\+([£$€]\s?\d|\d+\s?(squads?|engineers?|ftes?|heads|people|pms|hires))",
    r"(move|moving|shift|shifting|reassign\w*|transfer\w*|reallocat\w*|redirect\w*) "
    r"[\w$£€.,' ]{0,40}?"
    r"\bto \w+", r"(goes|go|going|flows?) to \w+",
)
PULL_BACK = lower_cues(
    "pull(ing)? back", "divest(ing|ment)?", r"clos(e|es|ing) (the|our|down)",
    r"shut(ting|s)? (it |\w+ )?down", r"fold(s|ing)? [\w ]{0,30}into", r"discontinu(e|ing|ed)",
    "end of life", "eol", r"kill(ing|s)?", r"merg(e|es|ing) [\w ]{0,30}into", r"spending from",
    r"away from", r"stop(ping)? (new )?(work|development|investing|building|features)",
    r"sunset(ting)?",
    r"deprecat(e|ing)", "maintenance mode", "keep the lights on", "ktlo", "harvest(ing)?",
    r"wind(ing)? down", "freeze", "frozen", r"reallocat(e|ing|ion)",
        r"shift(ing)? (\d+ )?\w* ?from",
    r"(move|moving|shift|shifting|reassign\w*|transfer\w*|redirect\w*|tak(e|ing)) "
    r"[\w$£€.,' ]{0,40}?"
    r"\b(from|off|out of) \w+", r"deprioriti[sz](e|ing|ed)", "stop investing",
    r"(fewer|less) (engineers|people|budget|investment|funding)", "scale back",
    r"keeps? (its|their) (current|existing) (team|budget|headcount)",
        r"no (new )?(investment|headcount|features)", r"hold (flat|steady)",
    "flat (budget|headcount|funding)", "milk", "cash cow", "divert",
    # "−£0.9m, −1 squad" in an allocation table.
    r"[−–-]([£$€]\s?\d|\d+\s?(squads?|engineers?|ftes?|heads|people|pms))",
)
#: Verbs that mean pulling back only when money or people are what shrinks.
PULL_SOFT = lower_cues(
    r"reduc(e|ing|ed)", r"cut(ting|s)?", "trim(med|ming)?", "shrink(s|ing)?", "retire",
    "exit(ing)?",
    r"(lower|smaller) (budget|headcount|team|investment)",
)
RESOURCES = lower_cues(
    "budget", "headcount", "engineers?", "people", "fte", "teams?", "squads?", "capacity",
    "funding", "spend", "capital", "r&d", "money", "dollars", "hires?", "pms", "designers",
)
REASONING = lower_cues(
    "because", "roi", "return(s)?", "risk(s|y)?", "payback", "margins?", "profit(able|ability)?",
    "so that", "given", "since", "due to", r"expect(ed)?", "growth", "growing", "declin(e|ing)",
    "shrinking", "churn", "ltv", "cac", "upside", "downside", "opportunity", "cost", "why",
    "in order to", "which means", "payoff", "bet", "the reason",
)
#: Metrics of the business rather than of one product's usage.
BUSINESS_METRIC = lower_cues(
    "revenue", "arr", "mrr", "gross margin", "margins?", "profit", r"(customer )?acquisition",
    "nrr", "ndr", "net revenue retention", "cac", "ltv", "market share", "contribution margin",
    "ebitda", "bookings", "cross-sell", "attach rate", "p&l", "cash flow", "win rate",
)
KPI = lower_cues("subscriptions?", "paying (readers|customers|users)",
    "kpis?", "metrics?", "measures?", "revenue", "arr", "mrr", "gross margin", "margins?", "profit",
    "acquisition", "retention", "churn", "nrr", "ndr", "net revenue retention", "cac", "ltv",
    "customer count", "active (customers|users|accounts)", "market share", "contribution margin",
    "ebitda", "bookings", "pipeline", "win rate", "attach rate", "cross-sell", "nps", "dau", "mau",
    "conversion", "expansion", "scorecard", "dashboard",
)
BUSINESS_KPI = lower_cues(
    "portfolio", "business", "company", "group", "total", "blended", "overall", "combined",
    r"across (all |the |our )?(products|portfolio|suite)", "cross-sell", "attach rate",
    r"(business|portfolio|company)[- ]level", "segment", "profit", "margin",
)
LEAD_LAG = lower_cues(
    r"lead(s|ing)?", r"lag(s|ging|gard|gards)?", "behind", "ahead", r"under-?perform(s|ing|er)?",
    r"out-?perform(s|ing)?", r"on track", r"off track", r"at risk",
        r"(below|above|under|over|short of|missing) "
    r"(target|plan|goal)", r"trail(s|ing)?", "strongest", "weakest", r"best[- ]performing",
    r"worst[- ]performing", r"(best|worst|strongest|weakest|top|bottom) (product|performer)s?",
    r"(green|amber|red|yellow)", "falling short", "missed", "beat",
    r"exceed(s|ed|ing)?", r"stall(ed|ing)", r"flat", r"declin(e|ing|ed)", "ahead of plan", "drag",
)
EXEC = lower_cues(
    "executives?", "exec(s| team)?", "leadership( team)?", "c-suite", "ceo", "cfo", "coo", "board",
    "slt", "elt", "senior leaders(hip)?", "leaders", "investors", "management team",
)
PMS = lower_cues(
    r"product managers?", r"pms?", "product teams?", r"each pm", "product leads", "my team",
        "the pms",
    "team leads", "product owners", "squads", "engineering managers", "teams",
)
WHY = lower_cues(
    "why", "rationale", "reasons?", "because", "explain(s|ing)?", "context", "trade-?offs?",
    "the thinking", "so they", "so that", "what it means", "understand", "narrative",
)
#: "For the board: ...", "To the PMs: ...": a passage addressed to one audience.
ADDRESSED = lazy(r"(?i)^\W*(?:(?:for|to|dear|note to|message to)\s+(?:the\s+|our\s+|my\s+)?"
                       r"[\w ,&-]{2,40}:|to\s*:\s*\w)")
COMMS = lower_cues(
    r"communicat(e|ion|ing)", r"tell", r"share", r"present", r"brief(ing)?", r"update(s)?",
    r"review(s)?", r"memo", r"deck", "all-hands", "qbr", "1:1s?", r"walk (them|through)", "message",
    "audience", "readout", "newsletter", "town ?hall",
)

VISION_SECTION = lazy(
    r"(?i)vision|mission|north star|ambition|purpose|the business we|where we are going"
    r"|why we exist")
MARKET_SECTION = lazy(r"(?i)market|competiti|landscape")
KPI_SECTION = lazy(r"(?i)kpi|metric|scorecard|measur")
SERVES = lower_cues(
    r"serv(e|es|ing)", r"support(s|ing)?", r"contribut(e|es|ing)", r"exists? (to|for)", "make that",
    r"help(s|ing)?", r"play(s)?", "ladder", r"feed(s)?", "judged", r"ways? (in|into|to)", "role",
    "part", "together", "each", "every", r"step(s)? (of|in|toward)", r"(moves?|get) us",
    "earns? (its|their)", "toward", "towards",
)
EACH = lower_cues("each", "every", "all (three|four|five|of them|our)", "both", "together")
#: "the group's three objectives": objectives owned by the business rather than one product.
GROUP_LEVEL = lower_cues("group", "company", "business", "company-wide", "corporate", "firm")
#: "how each product maps / contributes / fits".
FITS = lower_cues(r"maps?( to)?", r"contribut(e|es|ing)", r"fits?", r"in service of", "ladders?",
                  r"serv(e|es|ing)")
PRODUCT_WORD = lazy(r"(?i)products?|portfolio|suite|lines?")
SHARE_HEADER = lazy(r"(?i)share|position|rank|penetration")
LEAD_LAG_HEADER = lazy(r"(?i)best|worst|lead|lag|top|bottom|strongest|weakest|vs\.? plan")
KPI_LEAD_LAG_HEADER = lazy(r"(?i)^(?=.*\b(kpi|metric|measure))"
                           r"(?=.*\b(lead|lag|best|worst|strongest|weakest))")
PLURAL_PRODUCTS = lazy(r"(?i)\b(?:products|portfolio|suite|product lines|apps|offerings)\b")
GENERIC = lazy(
    r"(?i)^(?:vision|mission|objectives?|goals?|okrs?|kpis?|metrics?|invest(ment)?s?|markets?|"
    r"audience|risks?|summary|why|executives?|teams?|pms|product managers|leadership|next steps|"
    r"appendix|context|background|overview|portfolio|strategy|products?|name|total|"
    r"communication|allocation|budget|headcount|q[1-4].*|h[12].*|20\d\d.*|the .*|our .*|"
    r"pull back|where .*|what .*|how .*|who .*|status|owner|market share|share|segment|"
    r"yes|no|n/a|tbd|lead|lag|leads|lags|comms|timeline|roadmap|scorecard|adjacent|adjacency|"
    r"opportunit(y|ies)|plan|decisions?|asks?|north star|next|now|later|problems?|solutions?|"
    r"tl;?dr|invest|pull back|communication|why|how|what|who|when|performance|results?|"
    r"markets?|share|progress|priorities|priority|bets?|themes?|budget|people|money|funding)$")
_NAME = lazy(r"^[A-Z0-9][\w&+.'’-]*(?:\s+[A-Z0-9][\w&+.'’-]*){0,3}$")
_LEAD_IN = lazy(
    r"^(?:(?:\*\*|__)([^*_\n]{2,40}?)(?:\*\*|__)|([A-Z][\w&+.'’ -]{1,40}?)\s*(?:[:—–(]|-\s))")
#: "our products are Ledger, Payroll and Invoicing" / "Products: Bill (invoicing), Tax (...)".
_ENUM = lazy(
    r"(?i:products?|apps?|offerings?|brands?|product lines?|businesses)\b[^.:;]{0,50}?"
    r"(?:[:(—–]|\b(?i:are|include|including|span|spans|covers?)\b)"
    r"\s*(?P<list>[^.;]+)")
_PAREN = lazy(r"\([^)]*\)")
#: "the Analytics, Alerts and Reports products".
_ENUM_BEFORE = lazy(
    r"(?P<list>(?:[A-Z][\w&+.'’-]*,\s*)+[A-Z][\w&+.'’-]*,?\s+(?:and|&)\s+[A-Z][\w&+.'’-]*)\s+"
    r"(?i:products|apps|offerings|brands|product lines)\b")
_PRODUCT_HEADER = lazy(r"(?i)product|offering|line|app|business|brand|unit|solution")


_LEADING_NAME = lazy(r"^[A-Z0-9][\w&+.'’-]*(?:\s+[A-Z0-9][\w&+.'’-]*){0,2}")


def _enumerated(text: str) -> list[str]:
    """The names listed at the start of ``text`` ("Atlas, Beacon and Compass need ...")."""
    text = _PAREN.sub("", text)
    text = re.split(r"[)—–:]", text, maxsplit=1)[0]
    names: list[str] = []
    parts = [p.strip() for p in re.split(r"\s*(?:,|\band\b|&)\s*", text) if p.strip()]
    for i, part in enumerate(parts):
        m = _LEADING_NAME.match(part)
        if m is None or (m.group(0) != part and i < len(parts) - 1):
            return []  # not a plain list of names
        names.append(m.group(0))
    return names if len(names) >= 2 else []


def _clean(name: str, strict: bool = True) -> str | None:
    """A product name, or None. Bold lead-ins (``strict=False``) may hold lower-case words."""
    name = re.sub(r"[*_`]", "", name).strip(" :-–—().,;")
    name = re.split(r"\s*[(:—–]\s*", name)[0].strip()
    if not name or len(name) > 40 or GENERIC.match(name):
        return None
    if strict and not _NAME.match(name):
        return None
    if not strict and not (name[0].isupper() or name[0].isdigit()) or len(name.split()) > 5:
        return None
    return name


def product_names(doc: Document) -> list[str]:
    """The products the doc names: table rows, enumerations, bold lead-ins, product headings."""
    names: list[str] = []

    def add(raw: str, strict: bool = True) -> None:
        name = _clean(raw, strict)
        if name and name.lower() not in {n.lower() for n in names}:
            names.append(name)

    # Tables whose header names a product column: one product per row.
    tables = [b for b in doc.blocks if b.kind == "table"]
    header_col: dict[int, int] = {}
    for block in tables:
        cells = [c.strip() for c in block.text.strip().strip("|").split("|")]
        nxt = doc.lines[block.line] if block.line < len(doc.lines) else ""
        if re.fullmatch(r"\s*\|?\s*:?-{2,}.*", nxt):
            col = next((i for i, c in enumerate(cells) if _PRODUCT_HEADER.search(c)), None)
            if col is not None:
                header_col[block.line + 1] = col
            continue
        start = max((line for line in header_col if line <= block.line), default=None)
        if start is not None and len(cells) > header_col[start]:
            add(cells[header_col[start]])
    for sentence in doc.sentences:
        for m in [*_ENUM.finditer(sentence.text), *_ENUM_BEFORE.finditer(sentence.text)]:
            for part in _enumerated(m.group("list")):
                add(part)
    # Bold or "Name:" lead-ins in lists of at least two such items.
    lead_ins = [(b, _LEAD_IN.match(b.text)) for b in doc.blocks if b.kind in ("item", "paragraph")]
    by_section: dict[str, list[str]] = {}
    bold: set[str] = set()
    for block, m in lead_ins:
        # A bold line on its own is a pseudo-heading ("**Shipped**"), not a product.
        if m and (block.kind == "item" or (
                block.text.startswith(("**", "__")) and len(block.text) > m.end() + 3)):
            by_section.setdefault(block.section, []).append(m.group(1) or m.group(2))
            bold.add(m.group(1) or "")
    for section, found in by_section.items():
        if len(found) >= 2 and (re.search(r"(?i)product|portfolio|line|suite", section)
                                or sum(1 for f in found if _clean(f, f in bold)) >= 2
                                and not names and PLURAL_PRODUCTS.search(doc.body_text)):
            for item in found:
                add(item, item not in bold)
    # Headings of sibling sections that each describe one product (market, share, metrics).
    by_level: dict[int, list[str]] = {}
    for sibling in doc.sections:
        if sibling.level >= 2 and sibling.blocks and sibling.blocks[0].kind == "heading":
            body = sibling.text
            if (MARKET.search(body) or SHARE.search(body) or KPI.search(body)) and _clean(
                    sibling.title):
                by_level.setdefault(sibling.level, []).append(sibling.title)
    for titles in by_level.values():
        if len(titles) >= 2:
            for title in titles:
                add(title)
    if len(names) >= 2:
        # "Tablekit Reserve", "Tablekit POS": the doc says "Reserve" and "POS" once introduced.
        first = {n.split()[0] for n in names}
        if len(first) == 1 and all(len(n.split()) >= 2 for n in names):
            names = [n.split(maxsplit=1)[1] for n in names]
    return names[:12] if len(names) >= 2 else []


def _mentions(sentences: Sequence[Sentence], name: str) -> list[Sentence]:
    pattern = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")
    return [s for s in sentences if pattern.search(s.text)]


def table_rows(doc: Document, header: re.Pattern[str] | LazyPattern) -> list[Sentence]:
    """Sentences of table rows whose table's header row matches ``header``."""
    rows: list[Sentence] = []
    current: str | None = None
    last_line = -2
    by_block: dict[int, list[Sentence]] = {}
    for sentence in doc.sentences:
        by_block.setdefault(id(sentence.block), []).append(sentence)
    for block in doc.blocks:
        if block.kind != "table":
            current = None
            continue
        if block.line > last_line + 2:
            current = None
        nxt = doc.lines[block.line] if block.line < len(doc.lines) else ""
        if re.fullmatch(r"\s*\|?\s*:?-{2,}.*", nxt):
            current = block.text
        elif current is not None and header.search(current):
            rows.extend(by_block.get(id(block), []))
        last_line = block.end_line
    return rows


def table_headers(doc: Document) -> list[list[str]]:
    """The cells of every table's header row."""
    headers = []
    for block in doc.blocks:
        nxt = doc.lines[block.line] if block.line < len(doc.lines) else ""
        if block.kind == "table" and re.fullmatch(r"\s*\|?\s*:?-{2,}.*", nxt):
            headers.append([c.strip() for c in block.text.strip().strip("|").split("|")])
    return headers


def _about_product(sentence: Sentence, products: list[str]) -> bool:
    """Whether ``sentence`` names a product or sits in a product's own section."""
    return any(p in sentence.text or sentence.block.section.startswith(p) for p in products)


def _blocks_mentioning(doc: Document, name: str) -> list[Sentence]:
    """Sentences about ``name``: those naming it, plus a table row's or product section's."""
    named = _mentions(doc.sentences, name)
    in_section = [s for s in doc.sentences if s.block.section.startswith(name)]
    return [*named, *[s for s in in_section if s not in named]]


# --- criteria ----------------------------------------------------------------------------

def check_vision(doc: Document, products: list[str]) -> CriterionResult:
    cid = "business-vision"
    suggestion = ("Open with the business-level vision in a sentence or two (where the company "
                  "will be in a few years and for whom), then say how each product serves it.")
    sentences = doc.sentences
    early = sentences[: max(6, len(sentences) * 2 // 5)]
    in_vision_section = [s for s in sentences if VISION_SECTION.search(s.block.section)]
    visions = [s for s in sentences if VISION.search(s.text) or s in in_vision_section]
    # A vision naming none of the products (the company serving a whole type of customer)
    # is the business's, whoever the subject is.
    business = [s for s in visions if BUSINESS_LEVEL.search(s.text) or (
        products and not any(_mentions([s], p) for p in products))]
    if not business:
        if visions:
            return result(cid, Verdict.PARTIAL, "There is a vision, but it is about one product, "
                          "not the business the products serve.", suggestion, visions)
        # A business target ("$100M ARR next year") is a direction, not yet a vision.
        targets = [s for s in early if OBJECTIVE.search(s.text) and (
            BUSINESS_METRIC.search(s.text) or GROUP_LEVEL.search(s.text))]
        if targets:
            return result(cid, Verdict.PARTIAL, "The doc opens with a business target, not a "
                          "vision of what the business becomes for its customers.", suggestion,
                          targets)
        return result(cid, Verdict.MISSING, "The doc does not start from a business-level vision.",
                      suggestion)
    # The products' part is often said in the sentence before or after the vision.
    index = {id(s): i for i, s in enumerate(sentences)}
    near = [sentences[j] for s in business for j in range(index[id(s)] - 1, index[id(s)] + 3)
            if 0 <= j < len(sentences)]
    served = [s for s in near if SERVES.search(s.text) and (
        PRODUCT_WORD.search(s.text) or any(p in s.text for p in products)
        or EACH.search(s.text))]
    served += [s for s in near if s not in served and sum(p in s.text for p in products) >= 2]
    # The products listed right after the vision ("## Our products" under "## Vision").
    if not served and sum(any(p in s.text for s in near) for p in products) >= 2:
        served = [s for s in near if any(p in s.text for p in products)]
    # "Here's how each product maps:" later in the doc ties every product to the vision.
    served += [s for s in sentences if s not in served and EACH.search(s.text)
               and PRODUCT_WORD.search(s.text) and FITS.search(s.text)]
    starts = any(s in early for s in business)
    if served and starts:
        return result(cid, Verdict.MET, "Opens with a business-level vision the products serve.",
                      suggestion, [*business[:1], *served])
    if served or starts:
        return result(cid, Verdict.PARTIAL,
                      "A business-level vision is there, but " + (
                          "it comes late; lead with it." if served else
                          "it does not say how the products serve it."),
                      suggestion, business)
    return result(cid, Verdict.PARTIAL, "A vision appears late and does not say how the products "
                  "serve it.", suggestion, business)


def check_objectives(doc: Document, products: list[str]) -> CriterionResult:
    cid = "cross-product-objectives"
    suggestion = ("Set two to four objectives that span products (e.g. 'raise net revenue "
                  "retention to 115% across the suite') and say, product by product, which "
                  "objective it drives and how.")
    objectives = [s for s in doc.sentences if OBJECTIVE.search(s.text) or re.search(
        r"(?i)objective|goal|okr|priorit", s.block.section)]
    spanning = [s for s in objectives
                if SPAN.search(s.text) or sum(p in s.text for p in products) >= 2]
    # An objectives table with one column per product links every product to every objective.
    lowered = {p.lower() for p in products}
    for cells in table_headers(doc):
        if cells and OBJECTIVE.search(cells[0]):
            columns = [c for c in cells[1:] if c.lower() in lowered or (
                not products and _clean(c) and not re.search(r"(?i)target|today|baseline|owner|"
                                                             r"status|metric|kpi|measure", c))]
            if len(columns) >= 2:
                rows = table_rows(doc, re.compile(re.escape(cells[0])))
                spanning += [r for r in rows if r not in spanning]
                products = products or columns
                lowered |= {c.lower() for c in columns}
                objectives += [r for r in rows if r not in objectives]
                table_linked = {c.lower() for c in columns}
                break
    else:
        table_linked = set()
        # The transposed table: one row per product, one column per objectives
        # ("| Product | Objective A: ... | Objective B: ... |").
        for cells in table_headers(doc):
            if (len(cells) >= 3 and _PRODUCT_HEADER.search(cells[0])
                    and sum(bool(OBJECTIVE.search(c)) for c in cells[1:]) >= 2):
                rows = table_rows(doc, re.compile(re.escape(cells[1])))
                names = [c for r in rows if (c := r.text.strip().strip("|").split("|")[0].strip())]
                spanning += [r for r in rows if r not in spanning]
                objectives += [r for r in rows if r not in objectives]
                products = products or names
                table_linked = {p.lower() for p in products if any(p in r.text for r in rows)}
                break
    if not objectives:
        return result(cid, Verdict.MISSING, "No objectives are set for the portfolio.", suggestion)
    linked: list[tuple[str, list[Sentence]]] = []
    unlinked: list[tuple[str, list[Sentence]]] = []
    # A sentence in the same paragraph or list as an objective is read in its context.
    context = {id(s.block) for s in objectives}
    for name in products:
        about = _blocks_mentioning(doc, name)
        hit = [s for s in about if (LINK.search(s.text) and (
            OBJECTIVE.search(s.text) or id(s.block) in context or s.block.section
            and re.search(r"(?i)objective|goal|okr|priorit", s.block.section)))
            or (s in spanning)]
        if not hit and name.lower() in table_linked:
            hit = spanning[:1]
        (linked if hit else unlinked).append((name, hit[:1] or about[:1]))
    findings = [finding(cid, spans[0] if spans else None,
                        f"{name} is not linked to any portfolio objective.",
                        f"Say which objective {name} drives and what it contributes.")
                for name, spans in unlinked]
    share = len(linked) / len(products) if products else 0.0
    evidence = [*spanning[:2], *(s for _, spans in linked for s in spans)]
    # Without product names, look for objective-linking sentences after the spanning one.
    generic_links = [s for s in objectives if s not in spanning and LINK.search(s.text)]
    elaborated = any(sum(1 for x in doc.sentences if x.block is s.block) >= 3 for s in spanning)
    if spanning and (share >= 0.6 or (not products and (
            len(spanning) >= 2 or len(generic_links) >= 2 or elaborated))):
        return result(cid, Verdict.MET, "Objectives span the products and each product is "
                      "linked to them.", suggestion, evidence)
    if spanning or linked:
        why = ("some products are not linked to them" if spanning and products else
               "it is not clear which products each objective spans" if not spanning else
               "the products are not linked to them")
        return result(cid, Verdict.PARTIAL, f"Objectives are set, but {why}.", suggestion,
                      evidence or objectives, findings)
    # A business target naming no product (a revenue or margin goal for the year) is the
    # whole portfolio's, even though no product is linked to it yet.
    business_wide = [s for s in objectives if BUSINESS_METRIC.search(s.text)
                     and not any(_mentions([s], p) for p in products)]
    if business_wide:
        return result(cid, Verdict.PARTIAL, "Objectives are set for the business as a whole, but "
                      "no product is linked to them.", suggestion, business_wide, findings)
    return result(cid, Verdict.MISSING, "Objectives are set per product only; none spans the "
                  "portfolio.", suggestion, objectives, findings)


def check_market(doc: Document, products: list[str]) -> CriterionResult:
    cid = "market-coverage"
    suggestion = ("For each product, name its market and current share (e.g. 'Payroll: US "
                  "SMBs, ~6% share, #4'), then name the unmet needs in adjacent markets you "
                  "could serve next.")
    share_rows = [r for r in table_rows(doc, SHARE_HEADER)
                  if re.search(r"\d|#|leader|niche", r.text)]
    shares = [s for s in doc.sentences if SHARE.search(s.text)]
    shares += [r for r in share_rows if r not in shares]
    markets = [s for s in doc.sentences if MARKET.search(s.text)
               or MARKET_SECTION.search(s.block.section)]
    adjacent = [s for s in doc.sentences if ADJACENT.search(s.text)]
    covered = [p for p in products if any(
        SHARE.search(s.text) or s in share_rows for s in _blocks_mentioning(doc, p))]
    enough_share = (len(covered) >= max(2,
        (len(products) + 1) // 2)) if products else len(shares) >= 2
    findings = [finding(cid, next(iter(_blocks_mentioning(doc, p)), None),
                        f"{p}'s market share is not given.",
                        f"Add {p}'s market and its current share (even a range or rank).")
                for p in products if p not in covered] if products and covered else []
    if enough_share and adjacent:
        return result(cid, Verdict.MET, "Each product's market and share are given, with unmet "
                      "needs in adjacent markets.", suggestion, [*shares[:2], *adjacent[:1]])
    if shares or adjacent:
        gap = ("no unmet needs in adjacent markets are named" if not adjacent else
               "market share is missing for most products")
        return result(cid, Verdict.PARTIAL, f"Market coverage is incomplete: {gap}.", suggestion,
                      [*shares[:2], *adjacent[:1]], findings)
    if len(markets) >= 3:
        return result(cid, Verdict.PARTIAL,
                      "Markets are mentioned, but not each product's share or the adjacent "
                      "markets' unmet needs.", suggestion, markets)
    return result(cid, Verdict.MISSING, "The doc does not describe the products' markets.",
                  suggestion)


def check_investment(doc: Document) -> CriterionResult:
    cid = "investment-allocation"
    suggestion = ("Say where money and people go and where they come from (e.g. 'move 6 "
                  "engineers from Legacy to Payroll'), and why: expected return, risk.")
    invest = [s for s in doc.sentences if INVEST.search(s.text)]
    pull = [s for s in doc.sentences if PULL_BACK.search(s.text)
            or (PULL_SOFT.search(s.text) and RESOURCES.search(s.text))]
    both = invest + [s for s in pull if s not in invest]
    resourced = [s for s in both if RESOURCES.search(s.text) or re.search(r"[$€£]\s?\d|\d\s?%",
        s.text)]
    reasoned = [s for s in both if REASONING.search(s.text)]
    # Reasoning often sits in the sentence after the allocation.
    index = {id(s): i for i, s in enumerate(doc.sentences)}
    for s in both:
        i = index[id(s)]
        if i + 1 < len(doc.sentences) and REASONING.search(doc.sentences[i + 1].text):
            reasoned.append(doc.sentences[i + 1])
    if not both:
        return result(cid, Verdict.MISSING, "The doc does not say where to invest or where to "
                      "pull back.", suggestion)
    invest.sort(key=lambda s: not RESOURCES.search(s.text))
    pull.sort(key=lambda s: not RESOURCES.search(s.text))
    if invest and pull and reasoned and resourced:
        return result(cid, Verdict.MET, "Says where to invest and where to pull back, with "
                      "people or money and the reasoning.", suggestion,
                      [*invest[:1], *pull[:1], *reasoned[:1]])
    gaps = []
    if not invest:
        gaps.append("where to invest")
    if not pull:
        gaps.append("where to pull back")
    if not resourced:
        gaps.append("how much money or how many people")
    if not reasoned:
        gaps.append("why (return, risk)")
    return result(cid, Verdict.PARTIAL, f"Allocation is discussed but misses {', '.join(gaps)}.",
                  suggestion, [*invest[:1], *pull[:1], *resourced[:1]])


def check_kpis(doc: Document, products: list[str]) -> CriterionResult:
    cid = "portfolio-kpis"
    suggestion = ("Track a few business-level KPIs (revenue, margin, acquisition in target "
                  "segments) and say which products lead and which lag on each.")
    kpis = [s for s in doc.sentences if KPI.search(s.text) or KPI_SECTION.search(s.block.section)]
    if not kpis:
        return result(cid, Verdict.MISSING, "No business-level KPIs are tracked.", suggestion)
    business = [s for s in kpis if BUSINESS_KPI.search(s.text) or BUSINESS_METRIC.search(s.text)
                or re.search(
        r"(?i)portfolio|business|company", s.block.section)]
    ranked = [s for s in kpis if LEAD_LAG.search(s.text) and (
        _about_product(s, products) or not products or s.block.kind == "table")]
    ranked += [s for s in doc.sentences if s not in ranked and LEAD_LAG.search(s.text)
               and _about_product(s, products) and KPI.search(s.text)]
    # A KPI table's rows ("| Vault | 1M | $0.5M | behind |") rank products against each other.
    kpi_tables = {s.block.section for s in kpis if s.block.kind == "table"}
    ranked += [s for s in doc.sentences if s.block.kind == "table" and s not in ranked
               and s.block.section in kpi_tables and LEAD_LAG.search(s.text)]
    ranked += [r for r in table_rows(doc, LEAD_LAG_HEADER) if r not in ranked]
    # A KPI on which products are ranked against each other ("| KPI | ... | Leading | Lagging |")
    # is measured across the portfolio, so it is business-level.
    business += [r for r in table_rows(doc, KPI_LEAD_LAG_HEADER) if r not in business]
    if business and ranked:
        return result(cid, Verdict.MET, "Business-level KPIs are tracked, with which products "
                      "lead and lag.", suggestion, [*business[:1], *ranked[:2]])
    if business or ranked:
        gap = ("which products lead or lag is not said" if business else
               "the KPIs are product-level, not business-level")
        return result(cid, Verdict.PARTIAL, f"KPIs are named, but {gap}.", suggestion,
                      business or ranked)
    return result(cid, Verdict.PARTIAL, "Metrics appear, but not as business-level KPIs with "
                  "leaders and laggards.", suggestion, kpis)


def check_audience(doc: Document) -> CriterionResult:
    cid = "audience"
    suggestion = ("Add how you will tell each audience: what product managers need (their "
                  "product's part and the why behind it) and what executives need (funding and "
                  "allocation choices, their rationale, portfolio progress).")
    # Read per block: "For the product managers: ..." addresses the whole paragraph.
    by_block: dict[int, list[Sentence]] = {}
    for s in doc.sentences:
        by_block.setdefault(id(s.block), []).append(s)
    execs: list[Sentence] = []
    pms: list[Sentence] = []
    comms: list[Sentence] = []
    why: list[Sentence] = []
    for sentences in by_block.values():
        text = " ".join(s.text for s in sentences)
        section = sentences[0].block.section
        to_exec = EXEC.search(text) or EXEC.search(section)
        to_pm = PMS.search(text) or PMS.search(section)
        if not (to_exec or to_pm):
            continue
        (execs if to_exec else pms).extend(sentences[:1])
        if to_exec and to_pm:
            pms.extend(sentences[:1])
        if COMMS.search(text) or WHY.search(text) or ADDRESSED.search(text) or re.search(
                r"(?i)communicat|audience|comms|who hears|telling", section):
            comms.extend(sentences[:1])
            why.extend(s for s in sentences if WHY.search(s.text))
    if execs and pms and comms and why:
        return result(cid, Verdict.MET, "Says what product managers and executives each hear, "
                      "including the why.", suggestion, [*why[:2], *comms[:1]])
    if comms:
        gap = ("only one audience is addressed" if not (execs and pms) else
               "the why behind the choices is not part of it")
        return result(cid, Verdict.PARTIAL, f"Communication is planned, but {gap}.", suggestion,
                      comms)
    reasons = [s for s in doc.sentences if WHY.search(s.text)]
    if len(reasons) >= 3:
        return result(cid, Verdict.PARTIAL, "The choices come with reasons, but no audience "
                      "(product managers, executives) is told what they need to hear.",
                      suggestion, reasons)
    return result(cid, Verdict.MISSING, "The doc does not say how the strategy will be "
                  "communicated to product managers and executives.", suggestion)


def run(doc: Document) -> list[CriterionResult]:
    products = product_names(doc)
    return [
        check_vision(doc, products),
        check_objectives(doc, products),
        check_market(doc, products),
        check_investment(doc),
        check_kpis(doc, products),
        check_audience(doc),
    ]
