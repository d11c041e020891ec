"""Offline checks for the decision rubric.

The shape being rewarded: "It depends. If X, A is best. If Y, B is best. We are in X
(evidence), so A." Each check looks for the *function* a sentence plays (a condition
mapped to an option, a claim about which condition holds, a conclusion), not for
particular wording.
"""

from __future__ import annotations

import re

from pmcoach import CriterionResult, Document, Sentence, Severity, Span, Verdict
from pmcoach.checks import (
    QUANTITY,
    TIMEFRAME,
    cues,
    finding,
    fine_sentences,
    lazy,
    per_document,
    result,
)

# --- decision stated ---------------------------------------------------------------------

FRAMING = cues(
    r"decid(e|es|ing)", "decision (is|on|about|to|here|we|i|between|:)", "the decision",
    r"whether (or not )?(to|we|i|the|our|it)", "should (we|i) ", "choose between",
    "choosing between", r"(a |the )?choice (between|of|is)", r"pick(ing)? between",
    r"(the )?question\s*(is|here|we|i|:|on the table)", r"trade-?off between", "weigh(ing)?",
    r"options? (are|is|on the table|:)", r"which (one|option|approach|path|vendor|tool|plan)",
    r"vs\.?", "versus", "or not", "go/no-go", "(make|making) (a|the) call", "how (to|we|should)",
    "open question", "need to (pick|choose|decide|settle)", "deciding", "proposal",
)
POLITE_QUESTION = cues("any thoughts", "thoughts", "make sense", "questions")
CHOICE_QUESTION = cues("or", "should", "whether", "which", r"do we", r"vs\.?", "versus")
# The choice is there but never posed: the write-up names a shortlist of candidates or
# options without asking which one to pick.
IMPLIED_CHOICE = cues(r"candidates?", r"options?", r"alternatives?", r"shortlist(ed)?",
                      "long list", r"(asked|ask) (for )?(my|our) (view|take|opinion|input)")
DECISION_HEADING = cues("decision", "question", "the call", "problem", "what we're deciding",
                        "context", "background", "proposal", r"vs\.?", "versus", "should we",
                        "whether")

# --- conditions mapped to options --------------------------------------------------------

# A condition clause. "where", "should" and "were/had" only count at the start of a
# sentence or list item ("Where data is thin, ...", "Should churn rise, ..."), since
# mid-sentence they are usually not conditional.
CONDITION = lazy(
    r"""(?ix)
    (?:(?<![\w-])(?:if|when|whenever|in\ case|in\ the\ case\ (?:that|of)|assuming|provided
        |as\ long\ as|unless|in\ (?:a|the)\ (?:world|scenario|case)\ where|in\ scenarios?
        |for\ (?:teams|customers|accounts|users|segments|markets|deals)\ (?:that|who|with|where))
      (?![\w-]))
    | (?:^[\s*_\-"']*(?:where|should|were|had)\s+[^,;:]{3,80},)
    | (?:\b(?:scenario|case|world|situation)\s*[A-Z1-9]?\s*(?:\([^)]*\))?\s*[:→])
    """
)
NOT_A_MAPPING = cues(
    "let me know if", "if you have", "if needed", "if possible", "if any", "even if", "what if",
    "if so", "as if", "if anything", "only if you", "if you'd like", "if you want", "when in doubt",
)
CONSEQUENT = lazy(
    r"""(?ix)
    \bthen\b | \bbest\b | \bbetter\b | \bright\ (?:call|choice|answer|move|option|bet|pick)\b
    | \bgo(?:es)?\ (?:with|for)\b | \bpick\b | \bchoose\b | \bopt\ for\b | \bwins?\b
    | \bmakes?\ (?:more\ |the\ most\ )?sense\b | \bprefer(?:able|red)?\b | \bfavou?rs?\b
    | \b(?:option|plan|approach|path|choice)\s+[A-Z1-9]\b | \bis\ the\ way\b
    | \b(?:we|i|you|teams?)\s*(?:'d|would|'ll|will|should|could)\b
    | \bshould\ (?:go|pick|choose|build|buy|use|keep|stay|ship|do|launch|wait|invest|stick)\b
    | →|->|=> | \bstick\ with\b | \bswitch\ to\b | \bworth\b | \bwe\ (?:build|buy|keep|ship)\b
    | \bwould\b | \bthe\ only\b | \b(?:is|are|'s)\ (?:fine|ok|okay|enough|good\ enough)\b
    """
)
# "if fewer than 50 accounts use it, we sunset it": a condition clause, a comma, then who acts.
IF_THEN = lazy(
    r"(?i)(?:^|[.;:]\s+)\W*(?:if|when|whenever|should|where|in case|assuming|provided|unless|"
    r"once)\b[^,;.]{3,160}"
    r"[,;]\s*(?:then\s+)?(?:we|i|you|they|it|the|option|plan|a|b|this|that|our|[A-Z]\w*)\b")
# Chat and lower-case notes run several conditions into one "sentence" ("... shared code
# wins. if we expect iOS first, native is fine"): each further condition opens a branch.
NEXT_BRANCH = lazy(r"(?i)(?:[.;!]|\s[—–-])\s+(?:and\s+|but\s+)?(?:if|when|whenever|unless|"
                   r"otherwise)\b")
OTHERWISE = cues("otherwise", "if not", "else", "in every other case", "in all other cases")
OPTION_LABEL = lazy(r"\b(?:option|plan|approach|path|choice)\s+([A-Z1-9])\b", re.I)
OPTION_VERB = lazy(
    r"\b(?:go(?:es)? with|go for|pick|choose|opt for|build|buy|stick with|switch to|use|keep|"
    r"ship|launch|stay with|stay on|partner with|wait|delay|invest in|focus on|prioriti[sz]e|"
    r"migrate to|move to|adopt|hire|outsource|then|best choice is|is best|wins)\s+"
    r"((?:[\w'-]+\s*){1,3})", re.I)
STOP = frozenset(["the", "a", "an", "we", "our", "to", "is", "it", "of", "and", "or", "for",
                  "with", "in", "on", "that", "this", "be"])
TABLE_HEADER = cues("if", "when", "condition", "scenario", "situation", "case", "world",
                    "signal", "context", "assumption", "trigger")
TABLE_OPTION = cues("option", "choice", "pick", "best", "recommend(ed|ation)?", "approach",
                    "do", "go with", "then", "answer", "winner", "path", "action")

# --- situation assessment ----------------------------------------------------------------

ASSESS = cues(
    r"we('re| are) (in|closer to|nearer to|firmly in|clearly in|mostly in|squarely in)",
    r"(this|that|it|our situation|our case|the situation|where we are) (is|looks|looks like|"
    r"feels like|resembles|matches|fits) (an?|the|more|closer|case|scenario|situation|world|x|y)",
    r"(i|we) (think|believe|judge|read|assess|see|'d say|would say|am confident|'m confident) "
    r"(that )?(we|this|our|the situation|the data|it|today|right now|currently)",
    r"(our|the) (situation|reality|case) (today|now|right now|is|:)",
    r"(the )?(data|evidence|numbers|signals?|research|interviews) (says?|shows?|suggests?|"
    r"points?|tells?|indicates?|confirms?)", "signals point", "we are in", "we're in",
    r"(describes|applies to|holds for) (us|our|today)", "holds (today|now|for us)",
    r"(is|are) (true|the case) (today|now|for us|here)", "where we stand", "we sit",
    r"(closest|closer) to (scenario|case|option|the)", "this (is|looks like) (a|an|the) ",
    r"looking at (the|our|last|this|recent)", r"based on (the|our|last|this|recent)",
    r"given (that|our|the current|where)", r"(all|everything) (points|suggests)",
)
NOW = cues("currently", "right now", "today", "at the moment", r"as of", "this quarter",
           "so far", r"(last|past) (month|quarter|week|year)",
           r"(last|past|previous) (\d+|few|two|three|six|several|twelve) (days|weeks|months|"
           r"quarters|years)", "recent(ly)?",
           "at present", "these days", "lately", "this year", "now")
DATA = cues("data", "survey(ed|s)?", "interview(s|ed)?", "customers? (told|said|asked|report)",
            "tickets", "churn", "usage", "metrics?", "numbers", "trend", "analysis", "research",
            "benchmark", "pipeline", "retention", "conversion", "feedback", "logs", "dashboards?",
            "revenue", "cohort", "win rate", "nps", "backlog", "forecast", "quotes?")
DIGIT = lazy(r"\d")

# --- recommendation ----------------------------------------------------------------------

RECOMMEND = cues(
    r"(i|we) (would |'d |strongly )?(recommend|propose|suggest|vote for|advocate)",
    r"(my|our) (recommendation|proposal|call|vote|pick|choice|decision|bet|answer)",
    r"recommendation:", r"recommended (option|path|approach|choice)", r"decision:",
    r"(so|therefore|thus|hence|which means|given (that|this)),? (i|we)('d| would| will|'ll| "
    r"should| recommend| propose| go| pick| choose| are going| 're going)",
    r"(so|therefore|thus|hence),? (option|plan|approach|path) [A-Z1-9]",
    r"(i|we) should (go|pick|choose|do|build|buy|take|adopt|stay|stick|keep|launch|ship|start|"
    r"prioriti[sz]e|invest|move|wait|hold|delay|run|use|partner|hire|stop|focus|double)",
    r"let's (go with|do|pick|build|buy|ship|take|start|keep|stick|run|use|wait|hold|move)",
    r"(we|i)('re| are| am|'m) (going with|going to go with|going ahead with|choosing|picking|"
    r"opting for)", r"(we|i)( have|'ve)? decided", r"(we|i)('ll| will) (go with|proceed with|"
    r"move ahead|adopt|build|buy|ship|launch|start with|stick with|pick|choose|take)",
    "the call is", "bottom line", r"(go|going) ahead with", "proceed with",
    r"(is|as) the way forward",
    r"(option|plan|approach|path) [A-Z1-9] (it is|wins)", r"i('d| would) (go|pick|choose|opt)",
    r"(i'm|i am|we're|we are|i|we|i'd|we'd) (lean|leaning)",
    r"(so|therefore|thus|hence),? (i|we)('m| am|'re| are) \w+ing",
    r"let's (?!(discuss|talk|chat|sync|see|revisit|meet|think|figure|decide|keep talking|work|"
    r"look|explore|align|circle))\w+",
)
REC_HEADING = cues("recommendation", "decision", "conclusion", "verdict", "proposal",
                   "the call", "my call", "our call", "what we('ll| will) do", "next steps?",
                   "bottom line", "answer")
HEDGE = cues("maybe", "perhaps", "might", "possibly", "lean(ing)?", "tentative(ly)?",
             "not sure", "unsure", "could go either way", "probably")
REASON = cues("so", "therefore", "thus", "hence", "given", "because", "since", "as",
              "which means", "that's why", "for that reason", "based on")
IT_DEPENDS = cues("it depends", "it all depends", "depends on", "hard to say", "no clear answer",
                  "either way", "both have merit", "both are valid", "need(s)? more discussion",
                  "let's discuss", "open to discuss(ion)?", "tbd", "up for debate",
                  "no right answer", "can't decide", "cannot decide")

# --- stakeholder views -------------------------------------------------------------------

STAKEHOLDER = lazy(
    r"""(?x)
    (?i:\b(?:sales|engineering|eng|engineers|design(?:ers)?|finance|marketing|legal|support
        |leadership|execs?|executives|ops|operations|customer\ success|data\ science|security
        |stakeholders?|partners?|the\ board|investors|product\ marketing|platform\ team
        |skeptics|critics|others|some\ (?:people|folks|of\ you|on\ the\ team)|the\ team
        |(?:our|the)\ (?:ceo|cto|cfo|coo|vp|head|director|lead|manager|architect)s?
        |[a-z]+\ team|teammates|colleagues|reviewers|customers)\b)
    | \b(?:CEO|CTO|CFO|COO|VP|PMM|SRE|CS)\b
    | \b[A-Z][a-z]+(?:'s|\ (?:argues|argued|thinks|thought|believes|wants|wanted|prefers
        |worries|pushed|pushes|disagrees|feels|suggested|proposed|points|pointed|raised|says
        |said|made|has|would|is))\b
    """
)
VIEW = cues(r"argu(e|es|ed|ing|ment)", r"believes?", r"thinks?", r"prefer(s|red)?",
            r"push(es|ed|ing)? (for|back)", "pushback", r"wants?", r"disagree(s|d|ment)?",
            r"concerns?", r"worr(y|ies|ied)", r"object(s|ed|ion|ions)?", r"skeptic(al)?",
            r"views?", "position", "camp", r"favou?rs?", r"advocat(e|es|ing)", r"point(s|ed)? out",
            "case for", r"raised", r"insists?", r"fears?", "opposes", r"warn(s|ed)?", "perspective")
RIGHT_WHEN = cues(
    r"(would|could|might|will) be right", r"(they|he|she|sales|engineering|finance|design|legal|"
    r"support|marketing|leadership|ops)('re| are| is|'s) right", r"ha(s|ve) a (fair |real |good "
    r"|valid )?point", "fair point", r"valid", r"(might|may|could) know", "know something",
    r"(see|sees|hear|hears) (more|things|something)", "closer to the", r"if (they're|they are|"
    r"she's|she is|he's|he is) right", r"(their|her|his) (view|position|concern|argument|case) "
    r"(wins|holds|is right|makes sense|would win|is stronger)",
    "take (it|this|that|them) seriously",
    "legitimate", "to be fair", "steel-?man", "strongest (argument|case)", "they're not wrong",
    r"(right|correct) (if|when|in)", r"in their shoes", r"(they|he|she) (might|may|could) "
    r"have (data|context|information|a point)", r"what (they|he|she) (know|knows|see|sees)",
    "would change my mind", "wins if", "would win", "makes sense (if|when)",
)

# --- tradeoffs ---------------------------------------------------------------------------

TRADEOFF = cues(
    r"costs?", r"risks?", r"risky", r"downsides?", r"trade-?offs?", "give up", "giving up",
    r"sacrific(e|es|ing)", "at the expense of", r"(we|i)('ll| will)? (lose|forgo|forgo)",
    r"drawbacks?", "the price", r"cons", r"(tech|technical) debt", r"delay(s|ed)?", "slower",
    r"expensive", r"mitigat(e|es|ion|ing)", r"won't get", r"(we|it) (gives?|gave) up",
    "opportunity cost", r"hurt(s)?", r"painful", r"annoy(ed|ing|s)?", r"upset", r"unhappy",
    r"complain(ts|s)?", r"frustrat(e|ed|ion)", r"pushback", r"exposure", "lock-?in", r"burden",
    r"(could|might|may) (fail|backfire|slip|break|annoy|anger|upset|churn|hurt)", "what we lose",
    "not free", "worst case", "we accept", "accepting", "in exchange", "at the cost",
)
MITIGATE = cues(r"mitigat(e|es|ion|ing)", "to limit", "to reduce (the|this|that) risk",
                "hedge", "fallback", "we'll watch", "guardrail", "safeguard", "contain")

# --- revisit trigger ---------------------------------------------------------------------

REVISIT = cues(
    r"re-?visit", r"reconsider", r"re-?evaluate", r"re-?assess", r"re-?examine",
    r"review (this|it|the decision|again|the call|in)", r"change (my|our) (mind|call|decision|"
    r"recommendation|answer)", r"would (change|flip|reverse)", r"switch (back|over|to)",
    r"check (back|in) (on|in|at)", "checkpoint", "tripwire", r"kill (criteria|switch)",
    "exit criteria", "roll back", r"revers(e|ing) (this|the decision|course)", "look again",
    r"(what|which|this) (would|could|will) (change|flip)", "change course", "pivot to",
    r"if (we see|it turns out|this turns out|the data shows|that changes|things change)",
    r"(signals?|evidence|data) that would", "decision point", "go back to", "re-open",
    r"reopen", "stop and", "pull the plug", "fall back to", "doesn't hold", "no longer holds",
    "proves wrong", r"(go|goes|gets?|is|are|falls?|drops?|rises?|climbs?|exceeds?|hits?|"
    r"reach(es)?|cross(es)?|dips?|stays?) (below|above|under|over|past|beyond)", r"exceeds?",
)
DATE = lazy(
    r"(?i)\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?\s*\d{0,2}|\b\d{4}-\d\d-\d\d\b|"
    r"\bend of (?:the )?(?:month|quarter|year|q[1-4]|h[12]|sprint)\b|\bnext (?:quarter|month|"
    r"planning|review|sprint|cycle)\b"
    r"|\b(?:in|after) (?:\d+|one|two|three|four|six|eight|twelve|a few) "
    r"(?:weeks?|months?|sprints?|quarters?)\b|\bq[1-4]\b|\bh[12]\b"
)


# "If cancellations pass 1%, we pause": a condition, a threshold and a change of course.
CHANGE_COURSE = cues(r"pause", r"stop", r"halt", r"revert", "roll back", r"switch", r"abandon",
                     r"kill", r"re-?open", r"escalate", r"reverse", r"drop (it|this|the)",
                     r"change (course|plan)", r"go back", r"rethink", r"unwind")
VAGUE_COST = cues("some risks?", "there are (some )?(risks|costs|downsides)", "risks exist",
                  "not without risk", "some downsides?", "a few (risks|costs|downsides)")
# "roadmap is parity-heavy (payments, offline both needed), so I lean KMP": the call drawn
# from a stated fact in the same sentence.
DRAWN = lazy(r"(?i)[,;:)—–-]\s*(?:and\s+)?(?:so|therefore|hence|which is why|that's why)\s+"
             r"(?:i|we)\b")
HEDGED_ASSESS = cues("mixed", "unclear", "gut( feel(ing)?)?", "hard to (tell|say)", "not sure",
                     "can't tell", "hunch", "no (data|numbers)", "inconclusive", "anecdotal")
VAGUE_REVISIT = cues("keep an eye on", r"monitor(ing)?", r"watch (how|it|this|closely)",
                     "see how it goes", "check in", "follow up",
                     # "pick this up after the survey", not "Engineering will pick this up".
                     r"pick (this|it) (back up|up (again|after|once|when))",
                     "come back to", r"adjust (as needed|if needed|later)")


def _has_consequent(text: str) -> bool:
    return bool(CONSEQUENT.search(text))


def _option_key(text: str) -> str:
    """A rough name for the option a conditional sentence lands on, to tell options apart."""
    label = OPTION_LABEL.search(text)
    if label:
        return label.group(1).upper()
    consequent = text
    for sep in (" then ", ", ", "→", "->", "=>", ": ", "; "):
        if sep in text:
            consequent = text.split(sep, 1)[1]
            break
    match = OPTION_VERB.search(consequent)
    chunk = match.group(1) if match else consequent
    words = [w for w in re.findall(r"[a-z0-9']+", chunk.lower()) if w not in STOP]
    return " ".join(words[:2])


@per_document
def conditional_sentences(doc: Document) -> list[Sentence]:
    """Sentences (or list items) that map a condition to an option."""
    found = []
    for sentence in fine_sentences(doc):
        text = sentence.text
        if sentence.block.kind == "table" or text.rstrip().endswith("?"):
            continue
        if not CONDITION.search(text) or NOT_A_MAPPING.search(text) and not OTHERWISE.search(text):
            continue
        if _has_consequent(text) or IF_THEN.search(text):
            found.append(sentence)
    return found


@per_document
def _table_mappings(doc: Document) -> list[Span]:
    """Data rows of tables whose header reads like condition -> option."""
    rows: list[Span] = []
    tables: list[list[Span]] = []
    previous_end = -2
    for block in doc.blocks:
        if block.kind != "table":
            continue
        if block.line != previous_end + 1 and block.line != previous_end + 2:
            tables.append([])
        if not tables:
            tables.append([])
        tables[-1].append(block)
        previous_end = block.end_line
    for table in tables:
        header, data = table[0], [r for r in table[1:] if not re.fullmatch(r"[\s|:\-]+", r.text)]
        shaped = TABLE_HEADER.search(header.text) and TABLE_OPTION.search(header.text)
        row_conditions = sum(1 for r in data if CONDITION.search(r.text.strip("| ")))
        if len(data) >= 2 and (shaped or row_conditions >= 2):
            rows.extend(data)
    return rows


def check_decision_stated(doc: Document) -> CriterionResult:
    cid = "decision-stated"
    framing = [s for s in fine_sentences(doc) if FRAMING.search(s.text)]
    early_limit = max(8, len(doc.lines) // 2)
    early = [s for s in framing if s.line <= early_limit]
    questions = [s for s in fine_sentences(doc) if s.text.rstrip().endswith("?")
                 and s.line <= early_limit and not POLITE_QUESTION.search(s.text)]
    headings = [h for h in doc.headings if DECISION_HEADING.search(h.text)]
    titled = [h for h in doc.headings[:1] if FRAMING.search(h.text)
              or (h.text.rstrip().endswith("?") and CHOICE_QUESTION.search(h.text))]
    choice_questions = [s for s in questions if CHOICE_QUESTION.search(s.text)]
    if titled and not (early or choice_questions):
        return result(cid, Verdict.MET, "The title states the decision.", spans=titled)
    if early or choice_questions or (framing and questions):
        return result(cid, Verdict.MET, "The write-up says what is being decided.",
                      spans=(early or framing)[:2])
    implied = [s for s in fine_sentences(doc) if IMPLIED_CHOICE.search(s.text)]
    if framing or questions or headings or implied:
        spans = framing or questions or headings or implied
        return result(
            cid, Verdict.PARTIAL,
            "The decision is implied, but not stated up front as one clear question.",
            "Open with one sentence naming the decision, e.g. \"We need to decide whether to "
            "<option A> or <option B> before <date>.\"", spans=spans[:2])
    return result(
        cid, Verdict.MISSING, "The write-up never says which decision it is about.",
        "Start with the question being decided and its options: \"Decision: should we <A> or "
        "<B>?\" and why it has to be decided now.")


def check_conditional_options(doc: Document) -> CriterionResult:
    cid = "conditional-options"
    sentences = conditional_sentences(doc)
    rows = _table_mappings(doc)
    keys = {_option_key(s.text) for s in sentences}
    mappings = len(sentences) + len(rows)
    # "If X, A; otherwise B" maps two conditions in one sentence.
    if any(OTHERWISE.search(s.text) for s in sentences):
        mappings += 1
        keys.add("<otherwise>")
    # Run-on chat: "if X, A wins. if Y, B is fine" in one unsplit sentence.
    for sentence in sentences:
        starts = [m.start() for m in NEXT_BRANCH.finditer(sentence.text)]
        for start, end in zip(starts, [*starts[1:], len(sentence.text)][:len(starts)],
                              strict=True):
            piece = sentence.text[start:end].lstrip(".;!—–- ")
            if _has_consequent(piece) and not OTHERWISE.match(piece):
                mappings += 1
                keys.add(_option_key(piece))
    if rows:
        keys.update(f"row{r.line}" for r in rows)
    spans: list[Span] = [*sentences, *rows]
    spans.sort(key=lambda s: s.line)
    if mappings >= 2 and len(keys) >= 2:
        return result(cid, Verdict.MET,
                      f"Maps conditions to options ({mappings} condition -> option statements).",
                      spans=spans)
    if mappings >= 2:
        return result(
            cid, Verdict.PARTIAL,
            "Every condition leads to the same option, so the write-up never says when a "
            "different choice would be better.",
            "Add the other branch: \"If <Y> were true instead, <option B> would be the better "
            "choice, because ...\".", spans=spans)
    if mappings == 1:
        return result(
            cid, Verdict.PARTIAL,
            "Only one condition is mapped to an option; the alternative branch is missing.",
            "Write the second branch too: \"If <X>, <A> is best. If <Y>, <B> is best.\"",
            spans=spans)
    return result(
        cid, Verdict.MISSING,
        "No conditions are mapped to options: the write-up argues for one answer without "
        "saying when another would win.",
        "Lay out the \"it depends\": \"If <condition X>, <option A> is the best choice. If "
        "<condition Y>, <option B> is.\" A small table (condition | best option) works too.")


def _evidence_near(doc: Document, sentence: Sentence) -> bool:
    block = sentence.block
    neighbours = [s for s in fine_sentences(doc)
                  if s.block is block or abs(s.line - sentence.line) <= 2
                  or (s.block.section and s.block.section == block.section)]
    return any(DIGIT.search(s.text) or QUANTITY.search(s.text) or DATA.search(s.text)
               for s in neighbours)


def check_situation_assessment(doc: Document) -> tuple[CriterionResult, bool]:
    """The result, and whether an assessment was found at all (the recommendation uses it)."""
    cid = "situation-assessment"
    conditional = set(conditional_sentences(doc))
    claims = [s for s in fine_sentences(doc) if ASSESS.search(s.text) and s not in conditional]
    # Once the write-up has mapped conditions to options, a fact the call is drawn from
    # ("<fact>, so I recommend A") says which branch holds.
    if conditional:
        claims += [s for s in fine_sentences(doc) if s not in conditional and s not in claims
                   and DRAWN.search(s.text) and RECOMMEND.search(s.text)]
        claims.sort(key=lambda s: s.line)
    grounded = [s for s in claims if _evidence_near(doc, s) and not HEDGED_ASSESS.search(s.text)]
    now_data = [s for s in fine_sentences(doc) if NOW.search(s.text) and s not in conditional
                and (DIGIT.search(s.text) or DATA.search(s.text))]
    # "Only 3% of paying accounts use it ... so I'd sunset it": the numbers are read as the
    # current condition when the conclusion is drawn from them in the same paragraph.
    drawn = [s for s in now_data if DIGIT.search(s.text) and any(
        t.block is s.block and t.line >= s.line and RECOMMEND.search(t.text)
        for t in fine_sentences(doc))]
    if grounded or drawn:
        grounded = grounded or drawn
        return result(cid, Verdict.MET, "Says which condition holds now and backs it with "
                      "evidence.", spans=[*grounded, *now_data][:3]), True
    if claims:
        return result(
            cid, Verdict.PARTIAL,
            "Claims which situation we are in, but gives no evidence for it.",
            "Back the claim with what you observed: numbers, research, customer quotes, e.g. "
            "\"We are in <X>: <metric> moved from <a> to <b> over <period>.\"",
            spans=claims), True
    if now_data:
        return result(
            cid, Verdict.PARTIAL,
            "Describes the current numbers but never says which of the conditions they put "
            "us in.",
            "Connect the facts to a branch: \"Given <evidence>, I think we are in <X>.\"",
            spans=now_data), True
    # A call followed at once by facts in its favour (timing, cost), with branches laid
    # out, but no word on which condition holds.
    backing = []
    if conditional:
        sentences = fine_sentences(doc)
        backing = [b for a, b in zip(sentences, sentences[1:], strict=False) if b.block is a.block
                   and RECOMMEND.search(a.text) and a not in conditional and b not in conditional
                   and (DIGIT.search(b.text) or QUANTITY.search(b.text) or DATA.search(b.text))]
    if backing:
        return result(
            cid, Verdict.PARTIAL,
            "Backs the call with facts, but never says which of the conditions holds now.",
            "Connect the facts to a branch: \"Given <evidence>, I think we are in <X>.\"",
            spans=backing), True
    return result(
        cid, Verdict.MISSING,
        "Does not say which condition holds today, so the reader cannot tell which branch "
        "applies.",
        "Add an assessment with evidence: \"I think we are in <X>, because <data or "
        "observation>.\""), False


def check_recommendation(doc: Document, assessed: bool) -> CriterionResult:
    cid = "recommendation"
    # A branch of the "it depends" ("if X, we should A") is not the conclusion.
    conditional = set(conditional_sentences(doc))
    recs = [s for s in fine_sentences(doc) if RECOMMEND.search(s.text) and s not in conditional
            and not s.text.rstrip().endswith("?")]
    for heading in doc.headings:
        if REC_HEADING.search(heading.text):
            body = [s for s in fine_sentences(doc) if s.block.section == heading.text
                    and s.line > heading.line and not s.text.rstrip().endswith("?")]
            recs.extend(body[:1])
    recs = sorted({(s.line, s.text): s for s in recs}.values(), key=lambda s: s.line)
    hedges = [s for s in fine_sentences(doc) if IT_DEPENDS.search(s.text)]
    firm = [s for s in recs if not HEDGE.search(s.text)]
    if not recs:
        findings = [finding(cid, s, "\"It depends\" is where the reasoning starts, not the "
                            "answer; the write-up stops here without a choice.",
                            "Follow it with your call: \"I think we are in <X>, so I "
                            "recommend <A>.\"", Severity.ERROR) for s in hedges[:2]]
        return result(
            cid, Verdict.MISSING,
            "There is no clear recommendation: the write-up never says which option to take.",
            "End with a choice that follows from the assessment: \"We are in <X>, so I "
            "recommend <A>.\"", findings=findings)
    if not firm:
        return result(
            cid, Verdict.PARTIAL, "A preferred option is hinted at, but hedged.",
            "Commit: \"I recommend <A>\" and say what would make you change it.", spans=recs)
    follows = assessed or any(REASON.search(s.text) for s in firm)
    if not follows:
        return result(
            cid, Verdict.PARTIAL,
            "Picks an option, but it does not follow from any assessment of the situation.",
            "Tie the choice to the conditions: \"Because we are in <X>, <A>.\"", spans=firm)
    return result(cid, Verdict.MET, "Concludes with a clear choice.", spans=firm)


def check_stakeholder_views(doc: Document) -> CriterionResult:
    cid = "stakeholder-views"
    views = [s for s in fine_sentences(doc) if STAKEHOLDER.search(s.text) and VIEW.search(s.text)]
    serious = [s for s in fine_sentences(doc) if RIGHT_WHEN.search(s.text)
               and (STAKEHOLDER.search(s.text) or s in views
                    or any(v.block is s.block for v in views))]
    if serious:
        return result(cid, Verdict.MET,
                      "Takes the opposing view seriously and says when it would be right.",
                      spans=[*serious, *views][:3])
    if views:
        return result(
            cid, Verdict.PARTIAL,
            "Mentions who disagrees, but not when they would be right or what they might know.",
            "For each dissenting view add: \"<Team> would be right if <condition>; they may "
            "know <thing> that we don't.\"", spans=views)
    return result(
        cid, Verdict.MISSING, "No other stakeholder's view appears.",
        "Name who sees it differently, their strongest argument, and the circumstances in "
        "which they would be right.")


def check_tradeoffs(doc: Document) -> CriterionResult:
    cid = "tradeoffs"
    hits = [s for s in fine_sentences(doc) if TRADEOFF.search(s.text)]
    terms = {m.group(0).lower() for s in hits for m in TRADEOFF.finditer(s.text)}
    concrete = [s for s in hits if not VAGUE_COST.search(s.text) and len(s.text.split()) >= 10]
    if len(hits) >= 2 or len(terms) >= 2 or concrete \
            or any(MITIGATE.search(s.text) for s in hits):
        return result(cid, Verdict.MET, "Names what the choice costs and risks.", spans=hits)
    if hits:
        return result(
            cid, Verdict.PARTIAL, "Mentions a cost or risk only in passing.",
            "Spell out what the chosen option gives up and what could go wrong, and how you "
            "will limit it.", spans=hits)
    return result(
        cid, Verdict.MISSING, "The chosen option's costs and risks are not named.",
        "Add \"What this costs us\": what we give up, what could go wrong, and how we'll "
        "notice and limit it.")


def check_revisit_trigger(doc: Document, decided: bool = True) -> CriterionResult:
    cid = "revisit-trigger"
    hits = [s for s in fine_sentences(doc) if REVISIT.search(s.text) or VAGUE_REVISIT.search(s.text)
            or (CONDITION.search(s.text) and CHANGE_COURSE.search(s.text)
                and (DIGIT.search(s.text) or QUANTITY.search(s.text)))]
    specific = [s for s in hits if (DIGIT.search(s.text) or QUANTITY.search(s.text)
                or DATE.search(s.text) or TIMEFRAME.search(s.text))]
    if specific and not decided:
        return result(
            cid, Verdict.PARTIAL, "Names when to look again, but there is no decision to "
            "revisit.", "Make the call first, then say what evidence would change it.",
            spans=specific)
    if specific:
        return result(cid, Verdict.MET, "Says what would change the decision or when to "
                      "revisit it.", spans=specific)
    if hits:
        return result(
            cid, Verdict.PARTIAL,
            "Says the decision may be revisited, but not on what evidence or when.",
            "Make the trigger concrete: \"If <metric> goes past <threshold>, or by <date>, "
            "we revisit.\"", spans=hits)
    return result(
        cid, Verdict.MISSING, "Nothing says what would change the decision or when to look "
        "at it again.",
        "Add a tripwire: \"We'll revisit if <signal crosses threshold>, and in any case on "
        "<date>.\"")


def check(doc: Document) -> list[CriterionResult]:
    """Judge every criterion of the decision rubric."""
    assessment, assessed = check_situation_assessment(doc)
    recommendation = check_recommendation(doc, assessed)
    return [
        check_decision_stated(doc),
        check_conditional_options(doc),
        assessment,
        recommendation,
        check_stakeholder_views(doc),
        check_tradeoffs(doc),
        check_revisit_trigger(doc, recommendation.verdict is not Verdict.MISSING),
    ]
