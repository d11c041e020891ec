"""Cue patterns for case-study checks.

Kept apart from the checks so the vocabulary can be read (and extended) in one place.
Everything is compiled on first use (``pmcoach.checks.cues`` and ``lazy``): most lists are
needed only by ``check()``, which runs for one critic per document.
"""

from __future__ import annotations

from functools import partial

from pmcoach.checks import cues, lazy

#: This plugin's cue lists match lower-cased text, and their matches are of ``text.lower()``:
#: the checks were tuned on that, so they keep it (see ``pmcoach.checks.cues``).
lower_cues = partial(cues, match_lowercased=True)

# --- section headings ---------------------------------------------------------------------

H_CONTEXT = lower_cues("context", "background", "overview", "situation", "setting", "the company",
                       r"about( the)? (company|product|project)", "summary", "tl;?dr", "the setup")
H_PROBLEM = lower_cues(
    "problem", "the problem", "discovery", "research", "opportunity", "insights?", "the challenge",
    "what was wrong", "diagnosis",
)
H_SOLUTION = lower_cues("solution", "approach", "options", r"what (we|I) (built|tried|did)",
                        "exploration", "experiments?", "iterations?", "execution", "building it",
                        "the build", "design", "decision")
H_RESULTS = lower_cues("results?", "impact", "outcomes?", "metrics", "what happened", "numbers")
H_REFLECT = lower_cues("learnings?", "lessons?( learned)?", "reflections?", "retrospective",
                       "looking back", r"what I.{0,3}d do differently", "hindsight", "takeaways?",
                       "next time")
H_ROLE = lower_cues("my role", "role", "my part", "what I did", "ownership", "responsibilities")
H_TEAM = lower_cues("team", "stakeholders", "collaboration", "leadership", "alignment")

# --- context ------------------------------------------------------------------------------

COMPANY = lower_cues("company", "startup", "start-up", "scale-?up", "business", "platform",
                     "marketplace", "app", "saas", "b2b", "b2c", "b2b2c", "fintech", "e-?commerce",
                     "insurtech", "healthtech", "edtech", "product", "products", "bank", "retailer",
                     "provider", "agency", "organi[sz]ation", "org", "firm", "tool", "software",
                     "service")
#: "at Acme", "joined Lumen": a named organisation (case-sensitive on the name).
NAMED_ORG = lazy(r"\b(?:at|for|joined|with)\s+[A-Z][A-Za-z0-9&]+")
USERS = lower_cues(
    "users?", "customers?", "clients?", "buyers?", "sellers?", "merchants?", "shoppers?",
    "patients?", "drivers?", "riders?", "members?", "subscribers?", "admins?", "developers",
    "smbs?", "small businesses", "enterprises", "consumers?", "students?", "teachers?",
    "clinicians?", "doctors?", "nurses?", "hosts?", "guests?", "travell?ers?", "readers?",
    "creators?", "accountants?", "agents?", "operators?", "owners?", "landlords?", "tenants?",
    "recruiters?", "candidates?", "employers?", "dispatchers?", "restaurants?", "stores?",
    "brands?", "advertisers?", "households?", "families", "freelancers?", "sales reps?",
    "finance teams?",
)
STAGE = lower_cues(
    r"series [a-f]", "seed(-stage)?", "pre-seed", "early[- ]stage", "growth[- ]stage",
    "late[- ]stage", "startup", "start-up", "scale-?up", "publicly traded", "public company", "ipo",
    r"fortune \d+", "founded", r"\d[\d,]{0,30}\+? (employees|people|staff)",
    r"\d+-person (company|startup|org)", "arr", "mrr", "revenue", "funded", "bootstrapped",
    "profitable", "pre-revenue", "product-market fit", "pmf",
    r"\d[\d,.]{0,30}\s?(k|m|million|thousand)? (users|customers|merchants|accounts|clients)",
    r"(millions|thousands) of", "market leader", "incumbent", "enterprise", "unicorn", "year-old",
    r"\d+ years? old", "mature", "legacy product", "new product", "v1",
)
CONSTRAINTS = lower_cues(
    "constraints?", "constrained", "deadlines?", "budgets?", "limited", "limits?",
    r"only (had|\d+|one|two|three|a few|a small)", r"regulat\w*", "compliance", "legal", "legacy",
    r"tech(nical)? debt", "headcount", "runway", "tight", "could not", "couldn't", "cannot",
    "can't", "had to", "hard (deadline|stop)", "freeze", "dependenc(y|ies)",
    "no (designer|data|budget|analytics|research)", "small team", "lean team",
    "shared (engineers|team|resources)", "risk", "contract", "renewal", "before the",
)
ROLE = lazy(
    r"""(?ix)
    \bI\s+(?:was|am|joined|served|worked|came\s+in|started)\s+(?:on\s+\S+\s+)?(?:as\s+)?
       (?:the|a|an|its|their)?\s*(?:[\w'’-]+\s+){0,3}?
       (?:product\s+manager|pm|product\s+owner|product\s+lead|lead|head|director|manager|owner
         |vp|founder|co-founder|apm|gpm|cpo)\b
    | \bas\s+(?:the|a|an|its)\s+(?:[\w'’-]+\s+){0,3}?
       (?:product\s+manager|pm|product\s+owner|product\s+lead|lead|director|head|apm|gpm|cpo)\b
    | \bmy\s+(?:role|title|job)\b
    | (?:^|\n|\|)\s*[*_]*(?:role|title|position|me|my\s+part)[*_]*\s*[:\-–|]\s*[*_]*\s*
       (?:[\w'’-]+\s+){0,3}?
       (?:product\s+manager|pm|product\s+owner|product\s+lead|lead|head|director|manager|owner
         |vp|founder|co-founder|apm|gpm|cpo)\b
    | (?:^|\n)\s*[*_]*(?:role|title|position)[*_]*\s*[:\-–]
    """
)

# --- problem discovery --------------------------------------------------------------------

QUAL = lower_cues(
    r"interview(s|ed|ing)?", "user research", r"research(ed)?", r"survey(s|ed)?",
    r"usability (tests?|testing|sessions?)", r"shadow(ed|ing)?", r"observ(ed|ation|ations)",
    r"field (visits?|study|studies)", "site visits?", r"diary stud(y|ies)", "focus groups?",
    r"(customer|user|sales|discovery|support) calls?", r"(talked|spoke|met|sat down) (to|with)",
    "contextual inquiry", "jobs to be done", "jtbd", r"ethnograph\w*", r"listen(ed|ing) (to|in)",
    r"ride-?alongs?", "asked", r"sat (in )?with", "watched", r"kept hearing", "heard from",
)
QUANT = lower_cues(
    "analytics", "funnel", "dashboards?", "cohorts?",
    r"(data|numbers|metrics|logs) (showed|revealed|suggested|told|pointed|confirmed)",
    r"(the|our|usage|product|behaviou?ral|event|funnel|order|sales|transaction|purchase"
    r"|support|billing|search|traffic) data", r"quer(y|ied|ies)", "sql",
    r"backed (this|it|that) up", r"data (backed|supported)", "logs", "session (recordings|replays)",
    "heatmaps?", r"drop-?offs?", r"churn (analysis|data|reasons)", r"instrument(ed|ation)",
    r"segment(ed|ation)", "looker", "amplitude", "mixpanel", "tableau", "google analytics",
    "bigquery", r"pulled (the )?(data|numbers)", r"dug into", r"analy[sz](ed|is|ing)",
)
CUSTOMER = lower_cues(
    r"support tickets?", r"tickets?", r"complaints?", r"feature requests?",
    r"(customer|user|client) feedback", "feedback", "verbatims", r"nps (comments|responses)",
    r"churn(ed)? (customers|accounts|interviews|reasons)", "app store reviews",
    r"sales (team|reps?|calls?)", "customer success", r"account managers?", r"escalations?",
    r"lost deals?", "win/loss", r"requests? from", r"cancell?ation (reasons|survey)", "exit survey",
)
VALIDATE = lower_cues(
    r"validat(e|ed|ing|ion)", r"confirm(ed|ing|s)?", r"verif(y|ied)", r"hypothes(is|es|i[sz]ed)",
    r"assumptions?", "root cause", "patterns?",
    r"(\d+|most|half|majority|two-thirds|a third|nearly all|all but \w+) of (the )?"
    r"(\w+ )?(users|customers|respondents|interviewees|tickets|accounts"
    r"|merchants|people|them|those)", r"\d+ (out )?of (the )?\d+", r"sized", r"quantif(y|ied)",
    r"(same|common|recurring) (theme|complaint|issue)", r"kept (hearing|seeing)", "again and again",
    "repeatedly",
)
PROBLEM = lower_cues(
    "problem", r"pain( points?)?", r"struggl(e|ed|ing)", r"frustrat\w+", r"churn(ed|ing)?",
    r"drop(ped)?-?off", r"complain(ed|ts?)", "bottleneck", "friction", r"issues?",
    r"abandon(ed|ment|ing)?", "stuck", r"confus(ed|ing|ion)", "failing", "losing", r"gave up",
    "slow", "manual", "workaround",
)

# --- solution discovery -------------------------------------------------------------------

OPTIONS = lower_cues(
    r"options?", r"alternatives?", "approaches", "considered", "explored", "evaluated", "weighed",
    r"trade-?offs?", "instead of", "rather than", "ruled out", "rejected", "discarded",
    r"shortlist(ed)?",
    r"(two|three|four|several|\d) (ideas|designs|directions"
    r"|concepts|solutions|paths|options|approaches|variants|versions|candidates)",
    r"build (vs\.?|versus|or) buy", "one idea", "another idea", "first idea", r"plan [ab]",
    r"option [ab123]", "on the table", r"the obvious (fix|answer|idea)", "brainstorm(ed)?",
    r"sketched", r"we could (either|have|also)", r"(two|three|four|\d)-arm(ed)?",
    r"(one|another|a third) option",
)
EXPERIMENTS = lower_cues(
    r"prototyp(e|es|ed|ing)", r"mock-?ups?", r"wireframe(s|d)?", r"experiment(s|ed|ing)?",
    r"a/b test(s|ed|ing)?", "split test", r"pilot(ed|s)?", "beta", r"usability test(s|ed|ing)?",
    "tested", r"test(ed)? (it|them|with)", r"iterat(e|ed|ing|ion|ions)", "mvp", "fake door",
    "painted door", "concierge", "wizard of oz", r"(second|third|next|new) version",
    r"ran (a|an|the) ([\w-]+ ){0,2}(test|trial|pilot)", r"trial(l?ed|s)?",
    "spike", "proof of concept", "poc", r"rolled (it )?out to \d+%", "canary", r"dogfood(ed|ing)?",
    "revised", "reworked", "redesigned", "round of",
)
RATIONALE = lazy(
    r"""(?ix)
    \b(?:chose|choose|picked|went\s+with|settled\s+on|opted\s+for|decided\s+(?:to|on|against)
       |selected|prioriti[sz]ed|bet\s+on|committed\s+to|recommended|killed|dropped|ruled\s+out
       |rejected|shelved|parked)\b
       [^.;]{0,160}?\b(?:because|since|as\s+it|given|so\s+that|due\s+to|which\s+meant
       |the\s+reason|won|outperformed|beat|over)\b
    | \b(?:version|variant|option|design|approach|prototype|idea|flow)\s+(?:[A-Z0-9]\s+)?
       (?:won|performed\s+best|came\s+out\s+ahead|beat|outperformed)
    | \bthe\s+reason\s+(?:we|I)\b
    | \bso\s+(?:we|I)\s+(?:shipped|chose|picked|went\s+with|built|launched|kept|rolled\s+out
       |dropped|killed|settled\s+on)\b
    | \b(?:because|since)\b[^.;]{0,80}?\b(?:cheaper|faster|simpler|less\s+risk\w*|lower\s+risk
       |fewer|more\s+(?:reliable|scalable)|reversible|easier)\b
    | \b(?:cheaper|faster|simpler|riskier|less\s+risky|easier)\s+(?:to\s+\w+\s+)?than\b
    """
)

#: Two options' results side by side: "option 3 converted ..., while option 4 ...".
#: Only searched in sentences that contain "while" or "whereas".
COMPARED = lazy(r"(?i)\b(?:option|variant|arm|version|design|prototype)\s+\S+[^.;]{0,120}?"
                r"\b(?:while|whereas)\s+(?:option|variant|arm|version|design|prototype)\b")

# --- personal role ------------------------------------------------------------------------

#: A vague-ownership phrase with the author (or "we") as its subject, or opening a
#: subjectless resume-style bullet ("Helped with ..."); "Sales supported the launch" is fine.
OWNED_VAGUE = lazy(
    r"""(?ix)
    (?:^|\bI\b|\bwe\b|\bmy\s+(?:role|job|part)\s+was\s+to\b)\s*
    (?:(?:also|mainly|mostly|just|primarily|largely|heavily|closely|then|was|were|have|had|got)\s+){0,3}
    (?P<phrase>helped(?:\s+with|\s+to|\s+out)?|help\s+with|(?:was|were)\s+involved\s+in|involved\s+in
      |(?:was|were)\s+part\s+of|participated\s+in|contributed\s+to|assisted(?:\s+with|\s+in)?
      |worked\s+on|(?:was|were)\s+responsible\s+for|had\s+a\s+hand\s+in
      |played\s+a\s+(?:key\s+|major\s+|big\s+|central\s+|pivotal\s+)?role\s+in|(?:was|were)\s+tasked\s+with
      |supported|support(?:ed)?\s+the|was\s+on\s+the\s+team)
    """
)
INFLATED = lower_cues(
    "single-?handedly", "all by myself", "I alone", r"entirely (by|on) my own",
    "(the )?driving force", r"spearheaded (everything|all)",
    r"I (built|coded|designed) "
    r"(the )?(entire|whole)", "I was solely responsible", "solely responsible for",
)

# --- team leadership ----------------------------------------------------------------------

STAKEHOLDERS = lower_cues(
    r"engineer(s|ing)?", "eng", r"designers?", "design (team|lead)", r"ux",
    r"data scien(ce|tists?)", r"analysts?", r"researchers?", "legal", r"lawyers?", "sales",
    "marketing", "support", "customer success", "ceo", "cto", "cpo", "cfo", "coo", r"founders?",
    r"vps?", r"head of \w+", "leadership", r"execs?", r"executives?", r"stakeholders?", "finance",
    "ops", "operations", "compliance", "security", "tech lead", r"engineering managers?", r"ems?",
    "qa", "product marketing", "pmm", r"directors?", "the board", "my manager", r"other teams?",
    r"(platform|infra|infrastructure|data|growth|payments|mobile|"
    r"backend|frontend|risk|trust|partner) team", r"partners?", r"account managers?",
)
ALIGN = lower_cues(
    r"align(ed|ing|ment)?", r"agree(d|ment)?", "consensus", r"buy-?in", "bought in", "on board",
    r"kick-?off", r"workshops?", r"1:1s?", r"one-on-ones?", r"sync(s|ed)?",
    r"brought (\w+ ){0,2}together", r"facilitat(e|ed|ing)", r"rall(y|ied)",
    r"shared (the|a|our|my) \w+", "presented", "pitched", r"walked (\w+ ){0,2}through",
    r"demo(s|ed)?", "reviewed", r"kept (\w+ ){0,2}(informed|in the loop|updated)",
    r"coordinat(e|ed|ing)", r"collaborat(e|ed|ing|ion)", r"partner(ed)? with",
    r"worked (closely )?with \w+", r"paired with", "led", "managed", "mentored", "coached",
    "delegated",
    r"set (the )?(goal|goals|priorities|direction)", r"got (\w+ ){0,2}to agree", "signed off",
    r"sign-?off", r"weekly (syncs?|reviews?|demos?|meetings?|check-?ins?|updates?|calls?)",
    "standups?", "planning",
)
CONFLICT = lower_cues(
    r"disagree(d|ment|ments)?", "pushed back", r"push-?back", r"conflict(s|ing)?", "tension",
    r"objections?", "objected", r"skeptic(al|ism)", r"sceptic(al|ism)", r"resist(ed|ance)",
    r"debate(d|s)?", "argued", r"convinc(e|ed|ing)", r"persuad(e|ed|ing)",
    r"negotiat(e|ed|ing|ion)", r"compromise(d)?", r"escalat(e|ed|ion)", r"won (\w+ ){0,2}over",
    r"changed (their|his|her|my) minds?", r"concerns?", "worried", "unconvinced",
    r"against (it|the idea|the plan)", r"said no", r"veto(ed)?", r"wanted (to|a|the) \w+ instead",
    "not everyone", r"split (on|over)", r"fought",
)

# --- impact -------------------------------------------------------------------------------

CHANGE = lower_cues(
    r"increas\w*", r"decreas\w*", r"gr(ew|own|owth)", "rose", "risen", "rise", "fell", "fallen",
    r"drop(ped)?", "cut", r"reduc\w*", r"improv\w*", r"lift(ed)?", r"boost(ed)?",
    r"sav(ed|ing|ings)", r"doubl(ed|ing)", r"tripl(ed|ing)", r"halv(ed|ing)",
    r"(up|down) (by |to )?(about |roughly |nearly |over |~)?[$€£]?\d", r"went (up|down|from)",
    r"jump(ed)?", r"climb(ed)?", r"declin(e|ed)", r"gain(ed)?", r"generat(ed|ing)", r"shrank",
    r"[\d%]\S* (more|fewer|higher|lower|faster|slower|less)", r"recover(ed)?", r"unlock(ed)?",
    r"reached", r"hit [$€£]?\d", r"moved (from|to)",
    r"(got|achieved|won|signed( up)?|added|attracted) (over |about |nearly |almost |~)?[$€£]?\d",
)
METRIC_WORD = lower_cues("retention", "conversion", "churn", "revenue", "arr", "mrr", "nps", "csat",
                         "activation", "adoption", "engagement", r"sign-?ups?", "completion",
                         "resolution", "win rate", "gmv", "aov", "dau", "mau", "wau", "rate",
                         r"time to \w+", "response time", "load time", "ctr", "click-through",
                         "bounce rate", r"cancell?ations", "refunds", r"tickets?", r"errors?")
VAGUE_IMPACT = lower_cues(
    "significant(ly)?", "dramatic(ally)?", "huge", "massive(ly)?", "a lot", "greatly",
    "substantial(ly)?", "big (win|impact|improvement)", "game-?changer", r"very (successful|well)",
    "well received", "positive (feedback|impact)", "success(ful)?", "loved it",
    r"improv(ed|ement)s?", "increased", "reduced",
)
#: A plain count that moved: "from 900 to 310", "by 1,200".
NUMBER_CHANGE = lazy(r"(?i)\bfrom\s+(?:about\s+|roughly\s+|around\s+|nearly\s+|~)?"
                           r"[$€£]?\d[\d,.]{0,30}\s*[kmb]?\s+to\s+[$€£]?\d"
                           r"|\b(?:by|up|down)\s+(?:to\s+)?[$€£]?\d[\d,.]{0,30}\b")
_NUMBER_WORD = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two"
                r"|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven"
                r"|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
                r"|eighteen|nineteen|(?:a|one|two|three|four|five) hundred)")
#: Outcome numbers written as words: "twelve percent", "from three weeks to five days".
WORD_QUANTITY = lazy(
    rf"(?i)\b{_NUMBER_WORD}\s+(?:percent|per\s+cent|percentage\s+points|points)\b"
    rf"|\bfrom\s+{_NUMBER_WORD}\b(?:\s+[a-z]+){{0,2}}?\s+to\s+(?:{_NUMBER_WORD}|\d)\b"
    rf"|\bfrom\s+\d[\d,.]{0,30}\b(?:\s+[a-z]+){{0,2}}?\s+to\s+{_NUMBER_WORD}\b"
)
_N = r"(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several)"
#: Time frames the shared TIMEFRAME pattern leaves out ("for six weeks", "in the first week",
#: "over the same six weeks").
TIMEFRAME_MORE = lower_cues(
    rf"for (the )?(first |next |following |past |same )?{_N} (days?|weeks?|months?|quarters?"
    r"|years?|sprints?)",
    r"(in|during|over|within|across) the (first|same|following|next|last|past) "
    rf"({_N} )?(days?|weeks?|months?|quarters?|years?|sprints?)",
    r"(since|after|before) (launch|release|rollout|the launch|go-live)",
    rf"{_N} (days?|weeks?|months?|quarters?) (after|later|post)",
    rf"{_N}-(day|week|month|quarter|year|sprint) (test|period|window|pilot|experiment|trial"
    r"|run|rollout|study|beta)",
)
#: A rate ("weekly orders", "1.1% a month"): it says how often, not over what period.
RATE_ONLY = lazy(r"(?i)weekly|monthly|quarterly|annually|(?:per|a|each)\s+(?:day|week|month"
                 r"|quarter|year)")
#: A table column that holds the starting point ("| Metric | Before | After |").
BASELINE_COLUMN = lower_cues("before", "baseline", "previous(ly)?", "prior", "was", "old",
                             "start(ing)?")
#: Numbers that are durations or sizes rather than outcomes.
DURATION_UNIT = lazy(r"(?i)(minutes|hours|days|weeks|seconds|ms)\s*$")
RESEARCH_VERB = lower_cues(r"interview(ed|s)?", r"survey(ed|s)?", "talked to", r"spoke (to|with)",
                           "read", r"analy[sz]ed", r"tagged", r"reviewed", r"shadowed", "met with",
                           "watched")

# --- reflection ---------------------------------------------------------------------------

REFLECT = lower_cues(
    "learned", "learnt", r"lessons?", r"takeaways?", "in hindsight", "looking back",
    "in retrospect", "differently", "next time",
    r"if I (did|were to do|had to do|could do) (it|this) (again|over)", r"I( woul|')d (have )?\w+",
    r"should have", "shouldn't have", r"mistakes?", "I wish", r"(under|over)estimated",
    r"what (went wrong|didn't work)", r"surprised me", r"taught me", r"reali[sz]ed", "the hard way",
    r"wouldn't", r"would not", r"regret", r"missed", "I now", "these days I", "since then I",
)
GENERIC_REFLECT = lower_cues(
    "learned a lot", "great learning experience", "learned so much",
    r"(great|amazing|valuable) experience", "grew a lot", "learned many things",
)

# --- detection ----------------------------------------------------------------------------

PAST = lazy(
    r"(?i)\b(?:was|were|had|did|ran|led|built|shipped|launched|made|took|found|saw|chose|"
    r"decided|learned|learnt|went|got|grew|fell|rose|cut|wrote|spent|began|became|[a-z]{3,}ed)\b"
)
FIRST_PERSON = lazy(r"\b(?:I|my|me|we|our|us)\b")
FUTURE = lower_cues("will", "we'll", "shall", r"plan to", r"going to", "next quarter", "next year",
                    r"roadmap", "vision", r"h[12]", r"q[1-4]", "we aim", r"by (20\d\d|end of)",
                    "should we", "we propose", "proposal", "strategy")
DEPENDS = lower_cues("it depends", r"if \w+[^.]{0,80}, (then )?(we|I) should", "my recommendation",
                     r"recommend(ation)?", "decision")
ASK = lower_cues(
    "any thoughts", r"thoughts\?", "what do you think", "let me know", "would love your",
    r"can you", "heads up", "fyi", "quick update",
)
OFF_TOPIC = lower_cues("install", "pip", "npm", "usage", "license", "contributing", r"ingredients?",
                       "preheat", r"tbsp", r"tsp", "oven", r"changelog", r"fixed", r"added",
                       r"deprecated",
                       "released", r"bump(ed)?", r"v?\d+\.\d+\.\d+", "api", r"function", "returns")
ROLE_STATEMENT = lazy(
    r"(?i)\b(?:I\s+(?:was|joined\s+as|served\s+as)\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:pm|product\s+manager|product\s+owner|product\s+lead)|my\s+role|as\s+the\s+(?:[\w-]+\s+)?"
    r"(?:pm|product\s+manager)|I\s+led|I\s+owned)\b"
)
CAREER = lower_cues(
    "career", r"next (role|move|job|switch)", "tenure", r"spikes?", r"long-term goals?",
    r"life (phase|stage)", "compensation", r"my (current|next|previous|last) (role|job)",
    r"switch(ing)? (jobs|companies|roles)", "promotion", r"job (hop|change)\w*",
)
#: "we" as the one doing something (not "our customers").
WE_SUBJECT = lower_cues("we", "the team", "my team", "our team", "the squad", "everyone")
LEARN = lower_cues("learned", "learnt", r"lessons?", r"takeaways?", r"reali[sz]ed", r"taught me",
                   r"surprised me", "the hard way", r"(under|over)estimated", r"mistakes?", "I now",
                   "these days I", "since then I", r"what (went wrong|didn't work)", "turned out",
                   "found out")
NEXT_TIME = lower_cues("differently", "next time", r"should have", "shouldn't have", r"I( woul|')d",
                       "I wish", r"wouldn't", r"would not", "in hindsight", "looking back",
                       "in retrospect", r"regret", "missed",
                       r"if I (did|were to do|had to do|could do) (it|this) (again|over)")
