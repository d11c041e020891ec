"""Offline checks for the manager-update rubric.

A good update makes one decision visible: the challenge, what the author is doing about
it, what they want from the manager, and enough context to weigh in, in a few short
paragraphs. Updates are usually emails or chat messages, so nothing here relies on
headings.
"""

from __future__ import annotations

from pmcoach import CriterionResult, Document, Sentence, Severity, Verdict
from pmcoach.checks import QUANTITY, TIMEFRAME, cues, finding, fine_sentences, lazy, result

# --- challenge ---------------------------------------------------------------------------

CHALLENGE = cues(
    r"challenges?", r"problems?", r"issues?", r"blockers?", r"blocked", r"block(s|ing)",
    r"ran into", r"running into", r"run into", r"hit (a|an|some)", r"slip(s|ped|ping)?",
    "behind", r"delay(s|ed)?", r"conflicts?", r"disagree(s|d|ment)?", "pushback", r"concerns?",
    "stuck", r"struggl(e|es|ed|ing)", r"bugs?", r"outages?", r"incidents?", r"escalat(e|ed|ion)",
    r"tension", r"tricky", r"at risk", "off track", r"miss(ed|ing)?", r"won't make",
    "not going to make", r"risks?", r"regress(ion|ed)",
    r"(dropped|fell|declined|down) (by|to|from)",
    r"heads[- ]up", r"worried", r"worr(y|ies)", r"snag", r"hiccup", r"complain(ts|ed)?",
    r"frustrat(ed|ion)", "can't", "cannot", r"fail(s|ed|ing|ure)", r"broke(n)?", "short on",
    r"leav(e|ing)", r"quit", r"under-?staffed", r"overloaded", "scope creep", r"churn(ed)?",
    r"threaten(s|ed|ing)?", r"late", "dependency", r"gap", r"left", "rough", r"flaky",
    r"(isn't|aren't|hasn't|haven't|didn't|wasn't|weren't|not) (yet )?(done|ready|signed|reviewed|"
    r"finished|working|approved|staffed|happening|responding|moving|landed|shipped)",
    r"still (not|no|hasn't|haven't|waiting)", r"waiting on", r"dropped the ball",
    r"underestimat\w+",
)
VAGUE = cues("some (issues|problems|challenges|things|stuff)", "a few (things|issues|problems)",
             "various", "stuff", "things are (hard|tough|rough|messy)", "as usual",
             "the usual", r"a (bit|little) (messy|rough|behind|tricky|difficult|hard|off|slow)",
             "lots going on", r"some (friction|tension|churn|delays?|confusion|noise)",
             r"(tricky|rough|hard|difficult) lately", "not great", "a mess")
PROPER = lazy(r"(?<=[a-z,;:] )(?!I\b)[A-Z][\w&-]+")
ALL_GOOD = cues("on track", "all good", "no (blockers|issues|problems)", "going well",
                "nothing to flag", "smoothly")

# --- approach ----------------------------------------------------------------------------

PLAN = cues(
    r"I('m| am) (now )?(planning|going to|thinking of|thinking about|leaning|proposing|handling|"
    r"moving|pushing|pulling|cutting|asking|working|setting|scheduling|taking|splitting|"
    r"rolling|shifting|treating|starting|dropping|holding|pausing|reaching out|meeting|"
    r"pairing|covering|writing|drafting|booking|prioriti[sz]ing|descoping|going with)",
    r"I plan to", r"I('ll| will) (\w+)",
    r"I('ve| have) (already )?(decided|asked|moved|set|started|"
    r"scheduled|pulled|cut|pushed|booked|agreed|proposed|drafted|reached out|talked|spoken|met|"
    r"split|reprioriti[sz]ed|descoped|escalated|rolled|paused|shifted|added|told|sent|opened|"
    r"written|blocked|put|offered|swapped|dropped|hired|reassigned|called|looped)",
    r"I (decided|chose|moved|asked|pulled|cut|pushed|booked|scheduled|reprioriti[sz]ed|descoped|"
    r"escalated|paused|shifted|added|told|sent|proposed|drafted|agreed|negotiated|split|"
    r"dropped|swapped|reassigned|called|offered|went with|handled|set up|rolled back|looped)",
    r"here'?s (how|what) I", r"here is (how|what) I", r"my (plan|approach|proposal|"
    r"recommendation|thinking|call|fix|decision|next step)s?( is|:| here)", r"I intend",
    r"I('d| would) (like to|rather|prefer to|suggest)", r"I (propose|suggest|recommend)",
    r"(so|therefore),? I('m|'ll| will| am| have|'ve| decided| went| chose)", r"plan is to",
    r"(we|I)('ve| have) (decided|agreed)", r"we('re| are) going to", r"we decided",
    r"we('ll| will) (ship|move|cut|push|slip|delay|launch|drop|hold|split|start|keep|run|pause)",
    r"(the )?(next steps?|plan|fix|mitigation|workaround)( is|:)", r"going forward",
)
UNDECIDED = cues(r"not sure (what|how|whether|if)", r"(don't|do not) know (what|how|whether)",
                 "no idea", r"what should (I|we)", "any ideas", r"could either",
                 r"options? (are|is|:)", "we could", "one option", "alternatively", "maybe",
                 "probably", r"might", r"thinking about whether")
# Handing the problem upward wholesale: no option of the author's own.
DELEGATE = cues(r"what should (I|we) do", r"(don't|do not) know (what|how|whether)",
                "no idea", r"tell me what", r"not sure (what|how) to", r"I need (help|you to)")
# An intention, not a decision: nothing a manager could agree or disagree with.
VAGUE_PLAN = cues(r"try to", r"be more", "in general", r"better relationships?",
                  "keep an eye", r"look into", r"work on (it|this|that|things)", r"figure (it|this|"
                  r"things) out", "see what happens", "do my best", "stay on top")

# --- ask ---------------------------------------------------------------------------------

WEAK_ASK = cues(r"let me know if (you have|there are) (any )?questions", r"happy to (chat|discuss|"
                r"answer|walk|talk|go into)", "fyi", r"no action (needed|required)",
                "just (a|an) (fyi|heads up|update)", "for your awareness", "just so you know",
                r"questions\?", "feel free to reach out",
                r"(reach out|get in touch|ping me|shout) if (you have|there are) (any )?questions")
ASK = cues(
    r"could you", r"can you", r"would you", r"please", r"let me know (what|if you|whether|your|"
    r"how)", r"I('d| would) (love|appreciate|like|value|welcome) (your|input|thoughts|feedback|a |"
    r"help|you|any|a second)", r"need (your|you|a decision|sign-?off|approval|help|a call)",
    r"any (thoughts|objections|concerns|advice|input|ideas|suggestions)", "thoughts welcome",
    r"open to (input|ideas|suggestions|thoughts|pushback)", r"(flag|shout|tell me) if",
    r"push back if", r"your (input|take|view|call|sign-?off|approval|blessing|read|advice|help)",
    r"(ok|okay|good|fine|comfortable) with", "objections", r"does (this|that) (sound|make sense|"
    r"work)", "sanity check", "gut check", r"what do you think", r"keen to hear", "advice",
    r"(want|wanted) your", r"(need|want) to know if", r"if you disagree", "lmk", "wdyt",
    r"if you('d| would) rather", r"(shout|ping me) if",
)

# --- context -----------------------------------------------------------------------------

TIMELINE = cues(
    "deadline", r"launch(es|ing)?", "due", r"by (monday|tuesday|wednesday|thursday|friday|eod|eow|"
    r"end of|next|tomorrow|the|q[1-4])", "this week", "next week", "tomorrow", r"sprints?",
    r"releases?", "ship date", "go-live", "on track", r"slip(s|ping|ped)?", r"(days|weeks) (late|"
    r"behind|out|left|away)", "monday", "tuesday", "wednesday", "thursday", "friday", "today",
    "timeline", r"q[1-4]", r"cut-?off", "code freeze", "milestone", r"demo", r"renewal date",
    r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]* \d{1,2}",
    r"\d{1,2}(st|nd|rd|th)",
)
IMPACT = cues(
    r"customers?", "revenue", r"users?", r"accounts?", r"impact(s|ed)?",
    r"block(s|ing)", "churn", r"renewals?", r"deals?", r"contracts?", "sla", r"escalations?",
    r"arr", r"mrr", r"pipeline", r"team('s)? (morale|capacity|velocity)", r"tickets?",
    r"(the )?(biggest|largest|top) (customer|account|client)", r"clients?", "conversion",
    r"signups?", r"downstream", "dependent", r"partners?",
)
# How much is affected, in words: "two enterprise customers", "half our signups", "our
# largest account" (digits are covered by QUANTITY).
SIZE = cues(r"(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a dozen|dozens of|"
            r"hundreds of|thousands of|half (of )?(our|the|all)|most (of )?(our|the)|all (of )?"
            r"(our|the)|every)( [\w-]+)? (customers?|users?|accounts?|clients?|deals?|teams?|"
            r"signups?|merchants?|partners?|renewals?|contracts?|orders|trials)",
            r"(our|the) (biggest|largest|top|key|anchor) (customer|account|client|partner|deal)s?")
STAKES = cues(r"if we (don't|do not|can't|miss|wait|slip)", "otherwise", r"would mean", "at stake",
              r"risk(s|ing)?", r"could (lose|cost|miss|slip|hurt|break)", r"which means",
              "the downside", "worst case", r"matters because", r"means (we|that|the)",
              "at risk", r"cost(s|ing)? us", r"we('d| would) (lose|miss)", "stakes", "exposure",
              r"block(s|ing|ed)", r"slip(s|ping)?", r"delay(s|ing)?", r"miss(es|ing)?",
              r"los(e|es|ing)", r"late", r"penalt(y|ies)", r"breach")
DIGIT = lazy(r"\d")

# --- brevity -----------------------------------------------------------------------------

TARGET_WORDS = 250
MAX_WORDS = 350
LONG_PARAGRAPH = 110
WORD = lazy(r"[A-Za-z0-9][A-Za-z0-9'’%.-]*")


def _is_question(sentence: Sentence) -> bool:
    return sentence.text.rstrip(" *_)\"'").endswith("?")


def check_challenge(doc: Document) -> CriterionResult:
    cid = "challenge"
    hits = [s for s in fine_sentences(doc)
            if CHALLENGE.search(s.text) and not ALL_GOOD.search(s.text)]
    specific = [s for s in hits if not VAGUE.search(s.text)
                and (DIGIT.search(s.text) or PROPER.search(s.text) or len(s.text.split()) >= 12)]
    # Many separate problems in one message (chat lines or dense paragraphs alike): none is
    # singled out.
    if len(hits) >= 6 and len({s.block.line for s in hits}) >= 3:
        return result(
            cid, Verdict.PARTIAL,
            "Raises many problems without singling one out.",
            "Lead with the one challenge you want their view on; move the rest to a status "
            "list.", spans=specific or hits)
    # A bulleted list of many separate problems is a status dump, not one challenge.
    items = {s.block.line for s in hits if s.block.kind == "item"}
    if specific and len(items) >= 4:
        return result(
            cid, Verdict.PARTIAL,
            f"Lists {len(items)} separate problems; the manager cannot tell which one matters.",
            "Pick the one challenge you want their view on and lead with it; move the rest "
            "to a status list.", spans=specific)
    if specific:
        return result(cid, Verdict.MET, "Names a specific challenge.", spans=specific[:2])
    if hits:
        vague = [s for s in hits if VAGUE.search(s.text)] or hits
        return result(
            cid, Verdict.PARTIAL, "Mentions a problem, but too vaguely to act on.",
            "Say exactly what happened: what, where, since when, and how big (\"The billing "
            "migration is two weeks behind because the vendor API limits us to 50 calls a "
            "minute\").", spans=hits,
            findings=[finding(cid, vague[0], "This describes the problem only in general terms.",
                              "Name the concrete thing that went wrong and its size.")])
    return result(
        cid, Verdict.MISSING, "No challenge is named: the update reports activity, not a "
        "problem worth the manager's attention.",
        "Open with the one challenge you ran into: \"I ran into <problem> on <project>.\"")


def check_approach(doc: Document) -> CriterionResult:
    cid = "approach"
    plans = [s for s in fine_sentences(doc) if PLAN.search(s.text) and not _is_question(s)
             and not UNDECIDED.search(s.text)]
    undecided = [s for s in fine_sentences(doc) if UNDECIDED.search(s.text)]
    firm = [s for s in plans if not VAGUE_PLAN.search(s.text)]
    if plans and not firm:
        return result(
            cid, Verdict.PARTIAL, "States an intention rather than a decision.",
            "Say concretely what you will do and by when (\"I've set up a weekly triage with "
            "<team> starting Monday\"), so your manager can weigh in.", spans=plans)
    # A few actions among as many "maybe"s and "not sure"s: the decision is not visible.
    if plans and len(undecided) >= len(plans):
        return result(
            cid, Verdict.PARTIAL, "Mixes a few actions with as many open or tentative points; "
            "it is not clear what you have decided.",
            "Say plainly what you will do about the main challenge (\"I'm going to <decision>, "
            "because <reason>\") and drop the maybes.", spans=[*plans, *undecided][:3],
            findings=[finding(cid, undecided[0], "This leaves the approach open.",
                              "Replace it with the decision you have made or propose.")])
    if not plans and undecided and any(DELEGATE.search(s.text) for s in undecided) and not \
            any(not DELEGATE.search(s.text) for s in undecided):
        return result(
            cid, Verdict.MISSING, "Hands the problem upward without a plan of your own.",
            "Propose what you would do: \"My plan is <option>, because <reason>. Does that "
            "work for you?\"", spans=undecided,
            findings=[finding(cid, undecided[0], "This asks the manager to decide for you.",
                              "Pick the option you would choose and say why.",
                              Severity.ERROR)])
    if plans:
        return result(cid, Verdict.MET, "Says how the author is handling it.", spans=plans)
    if undecided:
        return result(
            cid, Verdict.PARTIAL,
            "Lays out the problem or the options but does not say what you will do.",
            "Pick one and say it: \"Here's how I'm handling it: <decision>, because <reason>.\" "
            "Your manager can still push back.", spans=undecided,
            findings=[finding(cid, undecided[0], "This hands the decision upward.",
                              "State the option you have chosen and why.")])
    return result(
        cid, Verdict.MISSING, "The update describes the problem but not what you are doing "
        "about it.",
        "Add your plan: \"Here's how I'm handling it: <decision and next step>.\"")


def check_ask(doc: Document) -> CriterionResult:
    cid = "ask"
    weak = [s for s in fine_sentences(doc) if WEAK_ASK.search(s.text)]
    strong = [s for s in fine_sentences(doc) if s not in weak
              and (ASK.search(s.text) or _is_question(s))]
    if strong:
        return result(cid, Verdict.MET, "Invites the manager's input explicitly.", spans=strong)
    if weak:
        return result(
            cid, Verdict.PARTIAL, "Only a generic offer to answer questions; nothing is asked.",
            "End with a real question or request: \"Any concerns with this plan?\" or \"Could "
            "you raise it with <team> on Thursday?\"", spans=weak)
    return result(
        cid, Verdict.MISSING, "The update asks nothing of the manager.",
        "Close with an explicit ask: \"Any thoughts?\", \"Anything I'm missing?\" or a "
        "specific request.")


def check_context(doc: Document) -> CriterionResult:
    cid = "context"
    # Impact counts when it is both named (who or what is affected) and sized (how much):
    # "customers" alone, or a bare number, does not let the manager weigh in.
    found: dict[str, list[Sentence]] = {"timeline": [], "impact": [], "stakes": []}
    named: list[Sentence] = []
    sized: list[Sentence] = []
    for s in fine_sentences(doc):
        if TIMELINE.search(s.text) or TIMEFRAME.search(s.text):
            found["timeline"].append(s)
        if IMPACT.search(s.text):
            named.append(s)
        if QUANTITY.search(s.text) or SIZE.search(s.text):
            sized.append(s)
        if STAKES.search(s.text):
            found["stakes"].append(s)
    if named and sized:
        found["impact"] = sorted({id(s): s for s in [*named[:2], *sized[:2]]}.values(),
                                 key=lambda s: s.line)
    present = [k for k, v in found.items() if v]
    spans = sorted({id(s): s for k in present for s in found[k][:2]}.values(),
                   key=lambda s: s.line)
    absent = [k for k in found if k not in present]
    advice = ("Add what the manager needs to weigh in: " + ", ".join(
        {"timeline": "the deadline or date at risk", "impact": "who or what is affected and "
         "how much", "stakes": "what happens if this goes wrong"}[k] for k in absent) + ".")
    if "impact" in present and len(present) >= 2:
        return result(cid, Verdict.MET, f"Gives context: {', '.join(present)}.", spans=spans)
    if "impact" not in present and (named or sized):
        half = "who is affected, but not how much" if named else "numbers, but not who or " \
            "what they affect"
        spans = sorted({id(s): s for s in [*spans, *(named or sized)[:2]]}.values(),
                       key=lambda s: s.line)
        shown = ", ".join(present) + "; " if present else ""
        return result(cid, Verdict.PARTIAL, f"Some context ({shown}{half}).",
                      advice, spans=spans)
    if present:
        return result(cid, Verdict.PARTIAL, f"Some context ({', '.join(present)}), but not "
                      f"{' or '.join(absent)}.", advice, spans=spans)
    return result(cid, Verdict.MISSING, "No stakes, impact or timeline are given.", advice)


def check_brevity(doc: Document) -> CriterionResult:
    cid = "brevity"
    total = doc.word_count
    paragraphs = [b for b in doc.blocks if b.kind in ("paragraph", "item", "quote")]
    long = [b for b in paragraphs if len(WORD.findall(b.text)) > LONG_PARAGRAPH]
    findings = []
    for block in long[:3]:
        first = next((s for s in fine_sentences(doc) if s.block is block), None)
        findings.append(finding(
            cid, first, f"This paragraph runs to {len(WORD.findall(block.text))} words.",
            "Split it, or cut it to the two or three sentences the manager needs."))
    if total > MAX_WORDS:
        return result(
            cid, Verdict.MISSING,
            f"{total} words: too long to skim (aim for under {TARGET_WORDS}).",
            "Cut to challenge, plan and ask; link to details instead of pasting them.",
            findings=findings or [finding(cid, None, f"{total} words is too long for an update.",
                                          "Cut to challenge, plan and ask.", Severity.ERROR)])
    if total > TARGET_WORDS or long:
        reason = (f"{total} words, a little over the ~{TARGET_WORDS} target" if total > TARGET_WORDS
                  else "short overall, but with a wall-of-text paragraph")
        return result(cid, Verdict.PARTIAL, f"Skimmable only in part: {reason}.",
                      "Trim background and keep each paragraph to a few sentences.",
                      findings=findings)
    return result(cid, Verdict.MET, f"{total} words in {max(1, len(paragraphs))} short "
                  "blocks: easy to skim.")


def check(doc: Document) -> list[CriterionResult]:
    """Judge every criterion of the manager-update rubric."""
    return [check_challenge(doc), check_approach(doc), check_ask(doc), check_context(doc),
            check_brevity(doc)]
