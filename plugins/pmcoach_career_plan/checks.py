"""Offline checks for career plans: roles, the needs they serve, stays, goals, life phase."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Literal

from pmcoach import CriterionResult, Document, Sentence, Severity, Verdict
from pmcoach.checks import Cue, cues, finding, lazy, result

from .dates import Stay, describe, durations, joined, ranges

#: This plugin's cue lists match lower-cased text, and their matches are of ``text.lower()``:
#: the checks were tuned on that, so they keep it (see ``pmcoach.checks.cues``).
lower_cues = partial(cues, match_lowercased=True)

Phase = Literal["past", "current", "next"]

#: The five needs a role can serve ("spikes"), each with the words people use for it.
NEEDS: dict[str, Cue] = {
    "social impact": lower_cues(
        r"social(ly)? (impact|good)", r"(real-world|societal|human|environmental) impact",
        r"impact on (people|lives|society|the world|patients|communities|the planet|the climate)",
        "mission(-driven)?", "purpose(ful)?",
        "meaningful", "non-?profit", "ngo", "charit(y|able)", "climate", "sustainab(le|ility)",
        "public (good|sector|health|service)", "civic", "underserved", "accessibility",
        "give back", "giving back", "make a difference", r"matter(s|ed)? to (me|people|society)",
        "do(ing)? good", "world better", "patients", "education(al)?", "healthcare",
    ),
    "management": lower_cues(
        "manag(e|ed|ing) (a |my |the )?(team|teams|people|pms|product managers|designers|others)",
        "management (experience|chops|skills|track|role)", "people manag(er|ement)",
        "(direct|first) reports?", r"report(s|ing)? to me", "lead(ing)? (a |my )?team",
        "led (a |my )?team", "team lead", "group (pm|product manager)", "gpm", "manager of",
        "hir(e|ed|ing) (and|pms|my|a team)", "mentor(ing|ed|ship)?", "coach(ing)? (pms|people)",
        "manager track", r"(a )?team of \d+", r"lead \d+", r"led \d+", r"manag(e|ed|ing) \d+",
        "head of product", "leadership experience", r"manag(e|ed|ing) (other )?managers",
        r"(my )?(first|direct) reports?", "people leadership", "leading (pms|people|managers)",
    ),
    "industry expertise": lower_cues(
        "domain", "industry (expertise|knowledge|depth|experience)", "expertise",
        "expert in", "specialis(e|t|ation)", "speciali[sz](e|ed|ing|ation|ist)", "vertical",
        r"deep(er)? (knowledge|understanding|in)", r"know(ing)? the (space|market|industry)",
        r"learn(ing|ed)? (the )?\w+ (industry|space|domain|market)", "subject matter",
        r"(fintech|payments|healthtech|edtech|insurtech|regtech|adtech|b2b|saas|devtools"
        r"|developer tools|marketplaces?|e-?commerce|ai|ml|machine learning|security|biotech"
        r"|logistics|gaming|enterprise software) (expertise|knowledge|experience|depth|background)",
        "know an industry", "technical depth",
        r"(learn\w*|knowledge of|depth in|expert\w* in|understand\w*|grounding in) [\w -]{0,25}"
        r"(payments|fintech|banking|lending|insurance|health\w*|climate|energy|retail|logistics"
        r"|security|ai|ml|data|b2b|saas|marketplaces?|e-?commerce|ads|advertising|gaming"
        r"|education|travel|crypto|hr|legal|government|regulat\w*)",
    ),
    "compensation": lower_cues(
        "compensation", "comp", "salary", "salaries", "pay(check| raise| bump| cut)?", "paid",
        "equity", "stock", "rsus?", "stock options", "bonus(es)?", "money", "financial(ly)?",
        "earn(ing|ings)?", "income", r"(a|pay|salary) raise", "cash", "total comp", "savings",
        "wealth",
        "well-paid", "higher-paying", "pays? (well|more)",
    ),
    "advancement": lower_cues(
        "advancement", r"advanc(e|ing) (quickly|fast|faster)", "promot(ed|ion|ions)",
        "title( bump)?", "fast[- ]track", "level(l)?ing up", "level up",
            "career (speed|growth|velocity)",
        r"grow(th)? (fast|quickly|faster)", "move up", "moving up", "climb(ing)?", "step up",
        "bigger scope", "more scope", "scope", "seniority", "ladder", "next level",
        r"(senior|principal|director|vp)[- ]level", "faster growth", "rapid growth",
    ),
}

ROLE_NOUN = lower_cues(
    r"(associate |senior |sr\.? |lead |principal |staff |group |technical |growth |platform )?"
    r"(product manager|pm|apm|gpm|product owner|product lead)s?",
    "role", "job", "position", "stint", "internship", "director", "vp", "head of \\w+",
    "cpo", "founder", "co-?founder", "consultant", "analyst", "engineer", "designer",
    r"(a|an) (bigger|larger|smaller|new|different|later-stage|early-stage) (company|startup|team"
    r"|org|organi[sz]ation|employer)",
    r"at (a|an|the) [\w-]+ (company|startup|firm|vendor|agency|bank|business|"
    r"scale-?up|non-?profit|charity|consultancy|marketplace|platform|lab|studio|shop)",
)
#: "at Globex": a capitalised employer name (case matters, so not a cue list).
AT_COMPANY = lazy(r"\bat [A-Z][\w&.-]+")


def _role_word(text: str) -> bool:
    return ROLE_NOUN.search(text) is not None or AT_COMPANY.search(text) is not None


NEXT_ROLE = lower_cues(
    r"(my |the )?next (role|move|job|step|switch|position|company|chapter|stint|gig|jump|hop)",
    "target role",
        r"(plan|want|hope|intend|aim|expect)(ing)? to (move|switch|join|take|apply|look|go"
    r"|leave|land|become|step|transition|pivot)",
    r"(I'm|I am|I'll|I will) (be )?(looking|aiming|moving|switching|joining|interviewing)",
    r"next,? I('d| would| want| plan| hope| will|'ll)", "move on",
    r"(I'll|I will|I'm going to|I am going to) (move|switch|join|leave|look|take|go|apply|jump)",
        r"next\s*[:—–]", r"next step\s*[:—–]",
        r"then,? I('d| would| want| plan| hope| will|'ll)",
    r"after (this|my current) (role|job)", "next up", "looking for (a|my|an)",
    r"in (the )?next (\d+|one|two|three|six|twelve|eighteen) (months|years?)",
    r"I('d| would)? (want|like|hope|plan|aim|intend)( to (get|land|find|take|have|move into|make))?"
    r" (a|an|the|my)( [\w-]+){0,3} (role|job|position|move|switch)",
)
CURRENT_ROLE = lower_cues(
    r"(my )?current(ly)? (role|job|position|company|employer)", r"(I'm|I am) (currently|now)",
    r"currently (a|an|the|at|working|leading|managing)", "right now", "today I", "these days",
    "present role", "this role", r"\(current\)", r"\(now\)",
    r"(I've|I have) been (a|an|the|at|working|leading)",
)
PAST_ROLE = lower_cues(
    r"(my )?(first|previous|prior|last|earlier|former|old) (role|job|position|company|employer)",
    r"I (joined|worked at|worked as|was (a|an|the)|started (my career )?(as|at)|spent|left)",
)
NEXT_STRONG = lower_cues(r"next (role|move|job|switch|position|step|chapter|stint)",
                         r"next\s*[:—–]", "move on", "switch to", "moving to")
UNDECIDED = lower_cues(r"haven't decided", "not decided", "undecided", "weighing",
                       r"(two|three) options",
                       "not sure (which|whether)", r"(don't|do not) know (yet|which)", "torn")
STAYING = lower_cues(r"stay(ing)? put", r"(staying|stay) where (i am|i'm)",
                     r"(not|no plans? to be) (looking|moving|leaving) (yet|for now|any ?time soon)",
                     r"no plans? to (move|leave|switch)", "for the foreseeable( future)?")
NEXT_SECTION = lower_cues("next", "future", "plan(ned|s)?", "ahead", "upcoming", "target", "then")
CURRENT_SECTION = lower_cues("current", "now", "today", "present")
PAST_SECTION = lower_cues(
    "past", "history", "so far", "previous", "experience", "background", "roles?",
)

EXPLAIN = lower_cues(
    "because", r"since (the|my|we|it|I|our)", "due to", "as a result", r"so (that|I)",
    r"to (finish|see|complete|ship|get|learn|be|take|follow|care|support)",
    r"(left|quit|moved on|switched) (when|after|once|as)", "laid off", "layoffs?", "let go",
    "folded", "shut (down|its doors)", "closed", "went under", "acquired", "acquisition",
    "reorg(anization)?", "restructur(e|ed|ing)", "wound down", "bankrupt(cy)?", "ran out of",
    r"promot(ed|ion)", r"relocat(e|ed|ion)", "moved (to|cities|countries|abroad)", "visa",
    "family", "baby", "parental", "health", "caregiv(er|ing)", "contract", "intern(ship)?",
    "fixed-term", "on purpose", "intentional(ly)?", "deliberate(ly)?", "chose to",
    "(stayed|stay) (longer|on|extra)", "extended", "the reason", "reason was", "in hindsight",
    "too (long|soon|early|short)", "overstay(ed)?", "fellowship", "sabbatical", "rotation",
    "startup failed", "funding", "pivot(ed)?", r"acqui-?hired?", "dissolved", "disbanded",
    "left early", r"re-?orgs?", "see (it )?through", "wanted to see", "was cut", "were cut",
)
PLANNED_STAY = lower_cues(
    r"(stay|spend|commit|give (it|each role|the role)|remain|plan on|plan for|aim for|tenure)",
    r"18\s*(-|–|to)\s*36 months",
)

GOAL = lower_cues(
    "long[- ]term", r"in (\d+|five|ten|fifteen|twenty) years",
        r"(\d+|five|ten)[- ]year (goal|plan|vision)",
    "ultimately", "eventually", "end goal", "north star", "someday", "some day", "one day",
    r"by (~|about |around |circa |c\.)?\s*(20[3-9]\d|my (40s|50s|forties|fifties))",
    "aspir(e|ation|ations)", "dream",
    r"(my |the )?(career )?goal(s)? (is|are)", r"goal(s)?\b", "where I want to (be|end up)",
    "end up", "later in my career", "by the end of my career",
)
#: "I'd like to become a Head of Product": an aspiration aimed at a senior destination.
ASPIRE = lower_cues(r"(want|like|hope|aim|plan|intend|dream|goal is|aim is) to "
                    r"(become|be|run|lead|reach|get to|"
                    r"grow into|land|end up|move into|step into)")
GOAL_SECTION = lazy(r"(?i)goal|long[- ]term|end up|vision|ambition|north star|"
                          r"where I('m| am)? (want|going|heading)|destination|the plan in")
NO_GOAL = lower_cues(
    r"(don't|do not|no longer) know", "not sure (what|where|whether)", "no idea",
    r"haven't (decided|figured)", "stopped pretending", "undecided", "no long-term goal",
)
WANT = lower_cues(
    "want", "aim", "hope", "plan", "become", "be", "like", "get", "reach", "grow", "lead", "run",
)
GOAL_TARGET = lower_cues(
    "cpo", "chief product officer", r"vp( of product)?", "vice president", "director",
    "head of product", "general manager", "gm", "founder",
        r"(start|found|build) (a|my own) (company|startup)",
    "ceo", "coo", "cto", "executive", "partner", "investor", "advisor", "teach(ing)?",
    "group product manager", "principal pm", "principal product manager", r"product leader(ship)?",
    r"(lead|run|head) product", "head of",
)
TIE = lower_cues(
    r"(toward|towards|for|closer to) (my |that |this |the )?(long[- ]term )?"
    r"(goal|aim|ambition|target)",
    "build(s|ing)? toward", "step(ping)?[- ]stones?", r"step toward", r"prepares? me",
        r"prepar(e|ing) (me )?for",
    "on the (path|road|way) to", r"needed (for|to become)",
        r"(need|needs|require|requires) to (have|show|know)",
    r"gets? me closer", "so (that )?I can (later|eventually|one day)", "ladders? up",
        "(a |an )?prerequisite",
    r"(to get|getting) there", r"for (that|this|it)\b",
        r"(missing|lacking|needed|need) (for|to get|to reach)",
    "the (missing )?piece", "building blocks?", r"(toward|towards) (it|that|this)",
        "what I need (for|to)",
    "which (a|an|any) (cpo|vp|director|gm|founder|head of product)",
        r"every (cpo|vp|director|gm|founder)",
    r"(cpo|vp|director|gm|founder)s? (need|needs|must|have)", "fills? (the|a|that) gap",
    r"(which|that|what) (a|an|every|any) [\w -]{0,30}(needs|requires|must have)",
)

LIFE = lower_cues(
    "life (phase|phases|stage|stages)", r"(phase|stage|season|chapter) of (my )?life", "family",
    r"kids?", "child(ren)?", "baby", "babies", "toddlers?", r"parent(s|al|hood|ing)?(?! company)",
    r"(my|our) parents", r"(my|our) (partner|spouse|husband|wife)", "married", "marriage",
    "wedding", "caregiv(er|ing)", "car(e|ing) for", "aging parents?", "ageing parents?", "elderly",
    r"relocat(e|ed|ing|ion)",
    r"mov(e|ing) (back )?(closer|abroad|cities|countries|home|house|overseas)",
    r"mov(e|ing) (back )?to(?! (a|an|the|my|our) ([\w-]+ ){0,3}(company|startup|role|job|team|org"
    r"|organi[sz]ation|employer|title|level|position))",
    r"(daughter|son|twins|newborn|grandchild)(s|ren)?", r"pregnan(t|cy)", "maternity", "paternity",
    r"(at|starts?|starting|start) (school|nursery|daycare|kindergarten)",
    "mortgage", r"early(-| in (my|the) )career", r"late(r)?(-| in (my|the) )career",
    "mid-career", r"retir(e|ed|ing|ement)", "work-life", "work/life", r"flexib(le|ility)",
    r"burn(ed|t)?[- ]?out", r"young (kids|children|family)", "twenties", "thirties", "forties",
    "fifties", r"in my (20s|30s|40s|50s)", "sabbatical", r"health (issue|issues|scare|reasons)",
    "stage of my career", "part-time", r"time (with|for) (my|the|our) (family|kids|children)",
    "commute", "predictable hours", "on-call",
)
LIFE_STRONG = lower_cues(
    "life (phase|phases|stage|stages)", r"(phase|stage|season|chapter) of (my )?life", "family",
    r"kids?", "child(ren)?", "baby", "babies", "toddlers?", r"parent(s|al|hood|ing)?(?! company)",
    r"(my|our) parents", "caregiv(er|ing)", "car(e|ing) for", "elderly", "aging parents?",
    "ageing parents?", r"early(-| in (my|the) )career",
    r"(daughter|son|twins|newborn|grandchild)(s|ren)?", r"pregnan(t|cy)", "maternity", "paternity",
    r"late(r)?(-| in (my|the) )career", "mid-career", r"retir(e|ed|ing|ement)", "twenties",
    "thirties", "forties", "fifties", r"in my (20s|30s|40s|50s)", "married",
    r"(my|our) (partner|spouse|husband|wife)", "stage of my career",
)
SHIFT = lower_cues(
    r"priorit(y|ies) (shift|change|will shift|will change|move)",
    r"(shift|shifts|change|changes|shifted|changed)", "now that", "once", "when (we|I|the|our|my)",
    "while (I|we|the|my)", "for now", "right now", "these days", "at the moment", "this year",
    r"for the next (few|\d+|two|three|couple of) (years|months)", "at this (stage|point)",
    "this (phase|stage|season)", "no longer", "matters? (more|less)", "trade", "willing to",
    "less (travel|hours)", "more (time|flexibility|stability)", "until", "before", "then", "later",
    "after", "again", r"need(s)?", r"so I('d| would| want| will|'ll| need| can)", "stab(le|ility)",
    "which means", "that's why", "for a while", "can afford", "can't afford",
)
GAP = lower_cues(
    "gap", "missing", "lack(ing|s)?", r"haven'?t (yet|had|done|managed|been)",
        "never (had|done|managed|been)",
    "round(s)? out", r"add(s|ing)? (to|a|the|what)", "complement(s|ary)?", "balance(s)?",
        "new (to me|spike)",
    "first time", "fill(s|ing)?", "so far I", "what I don'?t have", "diversif(y|ies)", "broaden",
    "because", "so (that )?I", r"to (gain|get|build|learn|earn|grow|develop)", "in order to",
)


@dataclass
class Role:
    """A role the plan talks about: the sentence that introduces it and what follows."""

    anchor: Sentence
    phase: Phase
    stays: list[Stay] = field(default_factory=list)
    scope: list[Sentence] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.scope)

    @property
    def stay(self) -> Stay | None:
        return self.stays[0] if self.stays else None


def needs_in(text: str) -> list[str]:
    """The needs ("spikes") a piece of text mentions, in rubric order."""
    return [name for name, pattern in NEEDS.items() if pattern.search(text)]


_YEAR = lazy(r"\b(19|20)\d\d\b")


def _phase(sentence: Sentence, stays: Sequence[Stay], section: str,
           today: dt.date | None = None) -> Phase:
    text = sentence.text
    future = today is not None and not stays and any(
        int(m.group(0)) > today.year for m in _YEAR.finditer(text))
    if any(s.planned for s in stays) or NEXT_ROLE.search(text) or future:
        return "next"
    if not stays and section and NEXT_SECTION.search(section) and not PAST_SECTION.search(section):
        return "next"
    if any(s.ongoing for s in stays) or CURRENT_ROLE.search(text):
        return "current"
    if stays:
        return "past"
    if section and NEXT_SECTION.search(section) and not PAST_SECTION.search(section):
        return "next"
    if section and CURRENT_SECTION.search(section):
        return "current"
    return "past"


def find_roles(doc: Document, today: dt.date) -> list[Role]:
    """The roles the plan describes, in order, each with the sentences that belong to it.

    A role starts at a sentence with a date range or a stay ("18 months at Acme"), or at one
    that introduces a past, current or next role; it runs until the next role or heading.
    """
    roles: list[Role] = []
    current: Role | None = None
    for sentence in doc.sentences:
        text = sentence.text
        block = sentence.block
        if current is not None and not _continues(current, sentence):
            current = None
        stays = ranges(text, today)
        if len(stays) == 1 and (stays[0].ongoing or stays[0].approximate):
            stated = [d for d in durations(text) if d.upper is None and 1 <= d.months <= 240]
            # The author's own count ("2016 to 2017, 11 months") is more precise than years,
            # and was true when written where "now" may be stale.
            if stated:
                stays = [replace(stays[0], months=stated[0].months, approximate=False)]
        if not stays and (_role_word(text) or block.kind == "table"):
            stays = [s for s in durations(text) if s.upper is None or _role_word(text)]
            stays = [s for s in stays if 1 <= s.months <= 240]
        if not stays and CURRENT_ROLE.search(text):
            stays = joined(text, today)
        if block.kind == "table" and _is_table_header(doc, sentence):
            continue
        same_block = current is not None and current.anchor.block is block
        if same_block and current is not None and current.stays and not ranges(text, today):
            stays = []  # a length later in the same paragraph elaborates on the dated role
        future = any(int(m.group(0)) > today.year for m in _YEAR.finditer(text))
        in_next_section = bool(block.section and NEXT_SECTION.search(block.section)
                               and not PAST_SECTION.search(block.section))
        # "**Senior PM, fintech (current).**" or "- PM, HR software, 2 years": a role line.
        lead_role = (block.kind in ("item", "paragraph") and sentence.line == block.line
                     and len(text) <= 100 and _role_word(text)
                     and (text.startswith(("**", "__")) or (block.kind == "item" and "," in text)))
        cue = bool(NEXT_STRONG.search(text)) or lead_role or _role_word(text) and bool(
            NEXT_ROLE.search(text) or CURRENT_ROLE.search(text) or PAST_ROLE.search(text) or future
            or in_next_section)
        # Within one paragraph a cue starts a new role only when it moves to another phase.
        introduces = bool(stays) or (cue and (
            not same_block or current is None
            or _phase(sentence, stays, block.section, today) != current.phase))
        if introduces:
            current = Role(sentence, _phase(sentence, stays, block.section, today), list(stays),
                [sentence])
            roles.append(current)
        elif current is not None:
            if stays and not current.stays:
                current.stays = list(stays)
            current.scope.append(sentence)
    # A heading that names a role ("## 2021–present: Senior PM at Ledgerly") is its own anchor.
    return roles + _heading_roles(doc, today, roles)


def _continues(role: Role, sentence: Sentence) -> bool:
    """Whether ``sentence`` still describes ``role``.

    The rest of the anchor's block always does. A following block does only for a short
    role line ("Acme, PM, 2019-2021") and within the same section and list.
    """
    anchor = role.anchor.block
    block = sentence.block
    if block is anchor:
        return True
    if block.section != anchor.section or block.kind == "heading":
        return False
    if anchor.kind in ("item", "table") and block.kind == "paragraph":
        return False  # the list or table has ended
    if anchor.kind == "table":
        return False  # one row is one role
    first_block = [s for s in role.scope if s.block is anchor]
    return len(first_block) <= 1 and len(anchor.text) <= 120 and all(
        s.block in (anchor, block) for s in role.scope)


def _is_table_header(doc: Document, sentence: Sentence) -> bool:
    line = sentence.block.line
    nxt = doc.lines[line] if line < len(doc.lines) else ""
    return bool(re.fullmatch(r"\s*\|?\s*:?-{2,}.*", nxt))


def _heading_roles(doc: Document, today: dt.date, roles: list[Role]) -> list[Role]:
    out: list[Role] = []
    taken = {id(r.anchor.block) for r in roles}
    for section in doc.sections:
        if not section.blocks or section.blocks[0].kind != "heading":
            continue
        heading = section.blocks[0]
        stays = ranges(heading.text, today)
        if not stays and not (_role_word(heading.text) and (
                NEXT_ROLE.search(heading.text) or CURRENT_ROLE.search(heading.text)
                or PAST_ROLE.search(heading.text) or re.search(r"\bat [A-Z]", heading.text))):
            continue  # a title such as "My PM career" is not a role
        body = [s for s in doc.sentences if s.block.section == section.title
                and section.line <= s.line <= section.end_line]
        if not body or any(id(s.block) in taken for s in body) and not stays:
            continue
        anchor = Sentence(heading.text, heading.line, heading.end_line, heading)
        phase = _phase(anchor, stays, "")
        if not stays and phase == "past":
            if NEXT_SECTION.search(heading.text):
                phase = "next"
            elif CURRENT_SECTION.search(heading.text):
                phase = "current"
            elif not PAST_SECTION.search(heading.text) and not _role_word(heading.text):
                continue
        # The body's own role sentences are folded into this heading's role.
        out.append(Role(anchor, phase, stays, [anchor, *body]))
    return out


def merge_roles(roles: list[Role]) -> list[Role]:
    """Heading roles absorb the sentence roles beneath them that add no dates of their own."""
    headings = [r for r in roles if r.anchor.block.kind == "heading"]
    kept: list[Role] = []
    for role in roles:
        if role.anchor.block.kind != "heading":
            owner = next((h for h in headings if any(s is role.anchor for s in h.scope)), None)
            if owner is not None and (not role.stays or not owner.stays):
                if role.stays and not owner.stays:
                    owner.stays = role.stays
                continue
        kept.append(role)
    return sorted(kept, key=lambda r: r.anchor.line)


# --- criteria ----------------------------------------------------------------------------

def check_spikes(roles: list[Role], doc: Document) -> CriterionResult:
    cid = "spikes-named"
    suggestion = ("For each role, past, current and next, name the one or two needs it serves, "
                  "e.g. 'Acme (2019–2021): compensation and industry expertise in payments'.")
    served = [(r, needs_in(r.text)) for r in roles]
    with_needs = [(r, n) for r, n in served if n]
    anywhere = [s for s in doc.sentences if needs_in(s.text)]
    if not roles:
        if len(anywhere) >= 2:
            return result(cid, Verdict.PARTIAL,
                          "The plan talks about needs such as impact or compensation but never "
                          "says which role serves which.", suggestion, anywhere)
        return result(cid, Verdict.MISSING,
                      "No roles are tied to the needs they serve (impact, management, industry "
                      "expertise, compensation, advancement).", suggestion)
    findings = []
    for role, needs in served:
        if not needs:
            findings.append(finding(
                cid, role.anchor, f"This {role.phase} role does not say which need it serves.",
                "Add the one or two needs this role serves and why it was (or is) the right "
                "place to get them.", Severity.WARNING))
        elif len(needs) > 2:
            findings.append(finding(
                cid, role.anchor,
                f"This role claims {len(needs)} needs ({', '.join(needs)}); a role usually "
                "serves one or two well.",
                "Pick the one or two needs this role really serves; the others belong to "
                "other roles in the portfolio.", Severity.INFO))
    share = len(with_needs) / len(roles)
    phases = {r.phase for r, _ in with_needs}
    spans = [r.anchor for r, _ in with_needs]
    if share >= 0.7 and len(with_needs) >= 2 and len(phases) >= 2:
        return result(cid, Verdict.MET,
                      f"{len(with_needs)} of {len(roles)} roles say which needs they serve "
                      f"({', '.join(sorted(phases))}).", suggestion, spans,
                      [f for f in findings if f.severity is Severity.INFO])
    if with_needs or len(anywhere) >= 2:
        missing_phases = {"past", "current", "next"} - phases
        return result(cid, Verdict.PARTIAL,
                      f"Only {len(with_needs)} of {len(roles)} roles say which need they serve"
                      + (f"; nothing for the {', '.join(sorted(missing_phases))} role(s)"
                         if missing_phases else "") + ".",
                      suggestion, spans or anywhere, findings)
    return result(cid, Verdict.MISSING,
                  "The roles are listed, but none says which need it serves.", suggestion,
                  [], findings)


def _explained(role: Role, doc: Document, roles: Sequence[Role] = ()) -> bool:
    if any(EXPLAIN.search(s.text) for s in role.scope):
        return True
    if role.phase != "current":
        return False
    # The reason for a long current stay is often written where the current role is discussed
    # again (a "What my current role is for" section, say).
    others = [s for r in roles if r.phase == "current" and r is not role for s in r.scope]
    return any(EXPLAIN.search(s.text) for s in others) or any(
        CURRENT_ROLE.search(s.text) and EXPLAIN.search(s.text) for s in doc.sentences)


def check_tenure(roles: list[Role], doc: Document) -> CriterionResult:
    cid = "tenure"
    suggestion = ("Give each role's dates or length and aim for 18 to 36 months; when a stay "
                  "was shorter or longer, say why (the company folded, stayed to finish a launch).")
    dated = [r for r in roles if r.stay is not None]
    in_range: list[Role] = []
    flagged = []
    for role, stay in ((r, st) for r in dated for st in r.stays):
        months = stay.months
        if stay.upper is not None:  # a planned range such as "2-3 years"
            ok = stay.months <= 36 and stay.upper >= 18
        elif stay.ongoing:
            ok = months <= 36  # an ongoing stay is only too long, never too short yet
        else:
            ok = 18 <= months <= 36
        if ok or _explained(role, doc, roles):
            if role not in in_range:
                in_range.append(role)
            continue
        long = months > 36
        flagged.append(finding(
            cid, role.anchor,
            f"A {'long' if long else 'short'} stay ({'about ' if stay.approximate else ''}"
            f"{describe(months)}{', and counting' if stay.ongoing else ''}) with no reason given.",
            ("Say why you stayed longer than about three years (a promotion, a launch to see "
             "through), or what you would do differently." if long else
             "Say why you left before 18 months (a layoff, the company folded, a move), or "
             "plan to give the next role at least 18 months."),
            Severity.WARNING))
    planned = [s for s in doc.sentences if PLANNED_STAY.search(s.text)
               and any((18 <= d.months <= 36) if d.upper is None else
                       (d.months <= 36 and d.upper >= 18) for d in durations(s.text))]
    history = [r for r in roles if r.phase != "next"]
    coverage = (len([r for r in history if r.stay]) / len(history)) if history else 0.0
    if not dated and not planned:
        talk = [s for s in doc.sentences if lower_cues("tenure", "stay(ed)?", "how long", "months",
                                                   "years").search(s.text)]
        if talk:
            return result(cid, Verdict.PARTIAL,
                          "The plan mentions how long to stay but gives no dates or lengths "
                          "for its roles.", suggestion, talk)
        return result(cid, Verdict.MISSING,
                      "No role has dates or a length, so stays of 18 to 36 months cannot be "
                      "checked.", suggestion)
    if flagged:
        # Several unexplained outliers outweighing the healthy stays: the pattern is the problem.
        verdict = Verdict.MISSING if len(flagged) >= 2 and len(flagged) >= len(in_range) \
            else Verdict.PARTIAL
        return result(cid, verdict,
                      f"{len(flagged)} stay(s) fall outside 18 to 36 months without a reason.",
                      suggestion, [r.anchor for r in in_range], flagged)
    if dated and coverage < 0.5 and not planned:
        return result(cid, Verdict.PARTIAL,
                      "Only some roles have dates or lengths; the others cannot be checked.",
                      suggestion, [r.anchor for r in dated])
    return result(cid, Verdict.MET,
                  "Stays are about 18 to 36 months, or the plan says why not.", suggestion,
                  [r.anchor for r in in_range] + planned)


_CONTENT_WORD = lazy(r"[a-z][a-z-]{4,}")
_GENERIC_WORDS = {
    "company", "companies", "product", "products", "years", "later", "become", "would", "about",
    "there", "where", "which", "career", "goal", "goals", "long-term", "eventually", "ultimately",
    "someday", "want", "lead", "leader", "leading", "director", "manager", "management", "senior",
    "their", "really", "should", "could", "being", "people", "team", "teams", "start", "build",
    "within", "three", "five", "after", "before", "still", "other", "think", "north", "star",
    "larger", "bigger", "smaller", "great", "good", "better", "right", "small", "large",
    "months", "somewhere", "maybe", "probably", "perhaps", "longer", "haven", "series", "something",
}


def check_goal(roles: list[Role], doc: Document) -> CriterionResult:
    cid = "long-term-goal"
    suggestion = ("State where you want to be in five to ten years (e.g. 'VP of Product at a "
                  "climate company') and say how each role builds toward it.")
    goals = [s for s in doc.sentences if (ASPIRE.search(s.text) and GOAL_TARGET.search(s.text))
             or GOAL.search(s.text) and (GOAL_TARGET.search(s.text) or WANT.search(s.text))
             or (GOAL_SECTION.search(s.block.section) and (
                 GOAL_TARGET.search(s.text) or WANT.search(s.text)))]
    negated = [s for s in goals if NO_GOAL.search(s.text)]
    goals = [s for s in goals if not NO_GOAL.search(s.text)]
    # A sentence about the next role and its timing (within a year, say) is the next move,
    # not the long-term goal, unless it also says it is long-term.
    goals = [s for s in goals if not NEXT_ROLE.search(s.text) or GOAL.search(s.text)]
    if not goals and negated:
        return result(cid, Verdict.MISSING, "The plan says outright that there is no long-term "
                      "goal yet.", "Even a provisional direction helps: name two or three "
                      "destinations you would be happy with, and what each would need.", negated)
    if not goals:
        return result(cid, Verdict.MISSING, "The plan never says where the career is heading.",
                      suggestion)
    targets = {m.group(0).lower() for s in goals for m in GOAL_TARGET.finditer(s.text)}
    goal_ids = {id(s) for s in goals}
    ties = [s for s in doc.sentences if id(s) not in goal_ids and (
        TIE.search(s.text) or any(re.search(rf"(?i)\b{re.escape(t)}\b", s.text) for t in targets))]
    role_ties = [s for r in roles for s in r.scope if id(s) not in goal_ids and (
        TIE.search(s.text) or any(re.search(rf"(?i)\b{re.escape(t)}\b", s.text) for t in targets))]
    # A role in the goal's own field ("climate company" / "climate nonprofit") builds toward it.
    topics = {w for g in goals for w in _CONTENT_WORD.findall(g.text.lower())} - _GENERIC_WORDS
    role_ties += [r.anchor for r in roles if r.phase != "next" and id(r.anchor) not in goal_ids
                  and topics & set(_CONTENT_WORD.findall(r.text.lower()))]
    tied = [s for s in goals if TIE.search(s.text)]
    if role_ties or ties or tied:
        return result(cid, Verdict.MET, "A long-term goal is stated and the roles are tied to it.",
                      suggestion, [*goals[:1], *(role_ties or ties)])
    return result(cid, Verdict.PARTIAL,
                  "A long-term goal is stated, but the roles are not tied to it.",
                  "Say how each role moves you toward the goal (what it teaches or proves that "
                  "the goal needs).", goals)


def check_life_phase(doc: Document) -> CriterionResult:
    cid = "life-phase"
    suggestion = ("Say what phase of life you are in and how it shapes what you need now and "
                  "later (e.g. 'with a baby due next year, stability and flexibility matter "
                  "more than title for the next two years').")
    any_life = [s for s in doc.sentences if LIFE.search(s.text)]
    strong = [s for s in any_life if LIFE_STRONG.search(s.text)]
    shifting = [s for s in any_life if SHIFT.search(s.text)]
    if strong and (shifting or len(any_life) >= 2):
        return result(cid, Verdict.MET,
                      "The plan acknowledges how the phase of life shapes its priorities.",
                      suggestion, [*[s for s in strong if s in shifting], *strong])
    if any_life:
        return result(cid, Verdict.PARTIAL,
                      "Life outside work comes up, but not how priorities shift with life phases.",
                      suggestion, any_life)
    return result(cid, Verdict.MISSING,
                  "The plan does not say how priorities will shift with life phases (family, "
                  "caregiving, relocation, early or late career).", suggestion)


def check_next_move(roles: list[Role], doc: Document) -> CriterionResult:
    cid = "next-move"
    suggestion = ("Name the next switch (the kind of role and company, and roughly when) and "
                  "the gap it fills in your portfolio, e.g. 'next: a GPM role at a health "
                  "startup in 2026, my first management spike'.")
    nxt = [r for r in roles if r.phase == "next"]
    statements = [s for s in doc.sentences if NEXT_ROLE.search(s.text)]
    staying = [s for s in doc.sentences if STAYING.search(s.text)]
    # "I'm staying put for the foreseeable": no switch is planned, whatever else hints at one,
    # unless a next role is laid out under its own heading or with a date.
    if staying and not any(r.stays or r.anchor.block.kind == "heading"
                           or NEXT_SECTION.search(r.anchor.block.section) for r in nxt):
        return result(cid, Verdict.MISSING, "The plan says you are staying where you are, so no "
                      "next switch is named.", "When you do plan the next switch, name it (the "
                      "kind of role and company, roughly when) and the gap it fills in your "
                      "portfolio.", staying)
    if not nxt and not statements:
        return result(cid, Verdict.MISSING, "The plan does not name the next move.", suggestion)
    scope = [s for r in nxt for s in r.scope] or statements
    # The why often follows in the same paragraph ("It adds the management spike ...").
    order = {id(s): i for i, s in enumerate(doc.sentences)}
    scope += [s for s in doc.sentences if s not in scope and any(
        s.block is x.block and order[id(s)] > order.get(id(x), -1) for x in scope)]
    why = [s for s in scope if needs_in(s.text) or GAP.search(s.text)]
    undecided = [s for s in scope if UNDECIDED.search(s.text)]
    if undecided:
        return result(cid, Verdict.PARTIAL, "The next move is still open between options.",
                      "Pick one option, or say what will decide between them and when; then say "
                      "which gap in the portfolio it fills.", undecided)
    if why:
        return result(cid, Verdict.MET, "The next move is named, with what it adds to the "
                      "portfolio.", suggestion, [*(r.anchor for r in nxt), *why])
    return result(cid, Verdict.PARTIAL,
                  "The next move is named, but not why it adds to the portfolio.",
                  "Say which need the next role serves that your past roles did not.",
                  [r.anchor for r in nxt] or statements)


def run(doc: Document, today: dt.date) -> list[CriterionResult]:
    roles = merge_roles(find_roles(doc, today))
    return [
        check_spikes(roles, doc),
        check_tenure(roles, doc),
        check_goal(roles, doc),
        check_life_phase(doc),
        check_next_move(roles, doc),
    ]
