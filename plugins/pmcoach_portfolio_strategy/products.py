"""Which products a portfolio strategy names, and where it talks about each of them.

Product names are what no phrase list can know in advance: they come from the document
(a table with a product column, an enumeration, bold lead-ins, sibling product headings).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from pmcoach import Document, Sentence
from pmcoach.checks import cues, lazy, per_document

__all__ = ["about", "mentions", "product_names", "table_headers", "table_rows"]

#: The product-detection cues match lower-cased text, as they were tuned on.
lower_cues = partial(cues, match_lowercased=True)

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
KPI = lower_cues("subscriptions?", "paying (readers|customers|users)",
    "kpis?", "metrics?", "measures?", "revenue", "arr", "mrr", "gross margin", "margins?", "profit",
    "acquisition", "retention", "churn", "nrr", "ndr", "net revenue retention", "cac", "ltv",
    "customer count", "active (customers|users|accounts)", "market share", "contribution margin",
    "ebitda", "bookings", "pipeline", "win rate", "attach rate", "cross-sell", "nps", "dau", "mau",
    "conversion", "expansion", "scorecard", "dashboard",
)
PLURAL_PRODUCTS = lazy(r"(?i)\b(?:products|portfolio|suite|product lines|apps|offerings)\b")
GENERIC = lazy(
    r"(?i)^(?:vision|mission|objectives?|goals?|okrs?|kpis?|metrics?|invest(ment)?s?|markets?|"
    r"audience|risks?|summary|why|executives?|teams?|pms|product managers|leadership|next steps|"
    r"appendix|context|background|overview|portfolio|strategy|products?|name|total|"
    r"communication|allocation|budget|headcount|q[1-4].*|h[12].*|20\d\d.*|the .*|our .*|"
    r"pull back|where .*|what .*|how .*|who .*|status|owner|market share|share|segment|"
    r"yes|no|n/a|tbd|all|everyone|everything|other|others|lead|lag|leads|lags|comms|timeline|roadmap|scorecard|adjacent|adjacency|"
    r"opportunit(y|ies)|plan|decisions?|asks?|north star|next|now|later|problems?|solutions?|"
    r"tl;?dr|invest|pull back|communication|why|how|what|who|when|performance|results?|"
    r"markets?|share|progress|priorities|priority|bets?|themes?|budget|people|money|funding|"
    # investment postures used as labels ("MAINTAIN: Ledger", "Harvest - Payroll")
    r"maintain|sustain|optimi[sz]e|incubate|harvest|divest|sunset|retire|grow|scale|defend|"
    r"explore|hold|build|double down|"
    # mail headers, and a document's own title ("Product Strategy 2026", "Group OKRs")
    r"from|to|cc|bcc|subject|date|sent|re|"
    r".*\b(?:strategy|okrs|kpis|offsite|roadmap)\b.*|unmet needs?( .*)?)$")
_NAME = lazy(r"^[A-Z0-9][\w&+.'’-]*(?:\s+[A-Z0-9][\w&+.'’-]*){0,3}$")
_LEAD_IN = lazy(
    r"^(?:(?:\*\*|__)([^*_\n]{2,40}?)(?:\*\*|__)|([A-Z][\w&+.'’ -]{1,40}?)\s*"
    r"(?:[:(]|[—–](?!\d)|-\s))")  # a dash between figures ("5–9") is a range, not a lead-in
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
        if m is None and i == len(parts) - 1 and len(names) >= 2:
            break  # "A, B, C and the kits we used to sell": the names before it stand
        if m is None or (m.group(0) != part and i < len(parts) - 1):
            return []  # not a plain list of names
        names.append(m.group(0))
    return names if len(names) >= 2 else []


def _clean(name: str, strict: bool = True) -> str | None:
    """A product name, or None. Bold lead-ins (``strict=False``) may hold lower-case words,
    but not read as a phrase: one that ends a sentence, or runs on in lower-case words
    ("Grow revenue through partners") is an objective or a point, not a name."""
    name = re.sub(r"[*_`]", "", name).strip()
    if not strict and _phrase_like(name):
        return None
    name = name.strip(" :-–—().,;")
    name = re.split(r"\s*[(:—–]\s*", name)[0].strip()
    if not name or len(name) > 40 or GENERIC.match(name):
        return None
    if strict and not _NAME.match(name):
        return None
    if not strict and not (name[0].isupper() or name[0].isdigit()) or len(name.split()) > 5:
        return None
    return name


_PRODUCT_NOUN = lazy(
    r"(?i)\b(?:app|portal|platform|suite|product|service|tool|kit|hub|api|sdk|cloud|line)s?$")
_NOT_A_PRODUCT_COLUMN = lazy(r"(?i)\b(?:kpis?|metrics?|measures?|objectives?|goals?|targets?)\b")


def _phrase_like(lead_in: str) -> bool:
    """A bold lead-in that reads as a sentence or a clause rather than a name."""
    if lead_in.endswith((".", "!", "?")):
        return True
    core = _PAREN.sub("", lead_in).strip(" :-–—,;")
    lower = [w for w in core.split()[1:] if w[:1].islower()]
    return len(lower) >= 2 and not _PRODUCT_NOUN.search(core)


Add = Callable[..., None]


@per_document
def product_names(doc: Document) -> list[str]:
    """The products the doc names: table rows, enumerations, bold lead-ins, product headings."""
    names: list[str] = []

    def add(raw: str, strict: bool = True) -> None:
        name = _clean(raw, strict)
        if name and name.lower() not in {n.lower() for n in names}:
            names.append(name)

    _from_tables(doc, add)
    for sentence in doc.sentences:
        for m in [*_ENUM.finditer(sentence.text), *_ENUM_BEFORE.finditer(sentence.text)]:
            for part in _enumerated(m.group("list")):
                add(part)
    _from_lead_ins(doc, add, bool(names))
    _from_headings(doc, add)
    if len(names) >= 2:
        # "Tablekit Reserve", "Tablekit POS": the doc says "Reserve" and "POS" once introduced.
        first = {n.split()[0] for n in names}
        if len(first) == 1 and all(len(n.split()) >= 2 for n in names):
            names = [n.split(maxsplit=1)[1] for n in names]
    return names[:12] if len(names) >= 2 else []


def _from_tables(doc: Document, add: Add) -> None:
    """Tables whose header names a product column: one product per row."""
    header_col: dict[int, int | None] = {}
    for block in (b for b in doc.blocks if b.kind == "table"):
        cells = [c.strip() for c in block.text.strip().strip("|").split("|")]
        nxt = doc.lines[block.line] if block.line < len(doc.lines) else ""
        if re.fullmatch(r"\s*\|?\s*:?-{2,}.*", nxt):
            col = next((i for i, c in enumerate(cells) if _PRODUCT_HEADER.search(c)
                        and not _NOT_A_PRODUCT_COLUMN.search(c)), None)
            header_col[block.line + 1] = col  # None: a later table without product column
            continue
        start = max((line for line in header_col if line <= block.line), default=None)
        col = None if start is None else header_col[start]
        if col is not None and len(cells) > col:
            add(cells[col])


def _from_lead_ins(doc: Document, add: Add, named: bool) -> None:
    """Bold or "Name:" lead-ins in lists of at least two such items."""
    by_section: dict[str, list[str]] = {}
    bold: set[str] = set()
    for block in doc.blocks:
        m = _LEAD_IN.match(block.text) if block.kind in ("item", "paragraph") else None
        # A bold line on its own is a pseudo-heading ("**Shipped**"), not a product.
        if m and (block.kind == "item" or (
                block.text.startswith(("**", "__")) and len(block.text) > m.end() + 3)):
            by_section.setdefault(block.section, []).append(m.group(1) or m.group(2))
            bold.add(m.group(1) or "")
    for section, found in by_section.items():
        if len(found) >= 2 and (re.search(r"(?i)product|portfolio|line|suite", section)
                                or sum(1 for f in found if _clean(f, f in bold)) >= 2
                                and not named and PLURAL_PRODUCTS.search(doc.body_text)):
            for item in found:
                add(item, item not in bold)


#: An outline number in front of a heading: "1.", "2)", "3.1", "IV.", "A." (not "4G").
_OUTLINE = lazy(r"^(?:\d+(?:\.\d+)*[.)]?|[IVX]+[.)]|[A-H][.)])\s+")


def _title(heading: str) -> str:
    """A heading's words without its outline number ("3.1 Ledger" is about "Ledger")."""
    return _OUTLINE.sub("", heading.strip())


def _from_headings(doc: Document, add: Add) -> None:
    """Headings of sibling sections that each describe one product (market, share, metrics).
    Siblings are the headings of one level under one parent; they are a list of products
    only when at least two, and at least half of them, read so: the outline of a document
    ("Context", "Company goals", "Risks") is not a product list."""
    groups: dict[tuple[int, int], list[tuple[str, bool]]] = {}
    parents: dict[int, int] = {}  # level -> the line of the current heading at that level
    for sibling in doc.sections:
        if sibling.level < 1 or not sibling.blocks or sibling.blocks[0].kind != "heading":
            continue
        parents = {lv: line for lv, line in parents.items() if lv < sibling.level}
        parent = max(parents.items(), default=(0, 0))[1]
        parents[sibling.level] = sibling.line
        if sibling.level < 2:
            continue
        body, title = sibling.text, _title(sibling.title)
        product = bool(MARKET.search(body) or SHARE.search(body) or KPI.search(body)) and bool(
            _clean(title))
        groups.setdefault((sibling.level, parent), []).append((title, product))
    for group in groups.values():
        titles = [title for title, product in group if product]
        if len(titles) >= 2 and 2 * len(titles) >= len(group):
            for title in titles:
                add(title)


def mentions(sentence: Sentence, name: str) -> bool:
    """Whether ``sentence`` names ``name`` as a whole word."""
    return re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", sentence.text) is not None


def about(sentence: Sentence, name: str) -> bool:
    """Whether ``sentence`` names ``name``, sits in that product's own section, or sits in a
    list item, paragraph or table row led by the name ("- **Ledger**: ... We hold 9% of ...",
    "| Ledger | A. Owner | 9% |", a row the sentence splitter cut at the initial)."""
    return mentions(sentence, name) or _title(sentence.block.section).startswith(name) or (
        sentence.block.kind in ("item", "paragraph", "table")
        and _led_by(sentence.block.text, name))


def _led_by(text: str, name: str) -> bool:
    lead = re.sub(r"^[\s*_`|]+", "", text)
    return lead.startswith(name) and not re.match(r"[\w-]", lead[len(name):len(name) + 1])


_RULE_LINE = lazy(r"\s*\|?\s*:?-{2,}.*")


def table_headers(doc: Document) -> dict[int, list[str]]:
    """The cells of every table's header row, by the header block's line."""
    headers = {}
    for block in doc.blocks:
        nxt = doc.lines[block.line] if block.line < len(doc.lines) else ""
        if block.kind == "table" and _RULE_LINE.fullmatch(nxt):
            headers[block.line] = [c.strip() for c in block.text.strip().strip("|").split("|")]
    return headers


def table_rows(doc: Document) -> dict[int, int]:
    """Each table body row's line, with the line of its table's header row."""
    rows: dict[int, int] = {}
    current: int | None = None
    last_line = -2
    for block in doc.blocks:
        if block.kind != "table" or block.line > last_line + 2:
            current = None
        if block.kind != "table":
            continue
        nxt = doc.lines[block.line] if block.line < len(doc.lines) else ""
        if _RULE_LINE.fullmatch(nxt):
            current = block.line
        elif current is not None:
            rows[block.line] = current
        last_line = block.end_line
    return rows
