"""One offline check per case-study criterion.

Each check reads the parsed :class:`~pmcoach.Document` (its sections and sentences),
looks for the signals the rubric describes, and returns a verdict with the sentences
that back it up. Wording is judged by what it does (names users, gives a baseline),
never by matching the examples' exact phrasing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

from pmcoach import Block, CriterionResult, Document, Finding, Sentence, Severity, Verdict
from pmcoach.checks import (
    ATTRIBUTION,
    BASELINE,
    FIRST_PERSON_ACTION,
    I_WORD,
    QUANTITY,
    TIMEFRAME,
    Cue,
    finding,
    result,
)

from . import signals as sig
from .consistency import check_narrative_consistency

__all__ = [
    "check_context",
    "check_narrative_consistency",
    "check_personal_role",
    "check_problem_discovery",
    "check_quantified_impact",
    "check_reflection",
    "check_solution_discovery",
    "check_team_leadership",
    "run_all",
]


def _in(sentence: Sentence, heading: Cue) -> bool:
    """Whether the sentence sits in a section whose title matches ``heading``."""
    return _titled(heading, sentence.block.section)


@lru_cache(maxsize=2048)
def _titled(heading: Cue, title: str) -> bool:
    # Checks ask this for every sentence; a document has only a handful of titles.
    return bool(title) and bool(heading.search(title))


def _severity(verdict: Verdict) -> Severity:
    """Line findings carry the criterion's weight: info when the criterion is met anyway."""
    return Severity.for_verdict(verdict)


def _join(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


# --- context ------------------------------------------------------------------------------

_CONTEXT_PARTS: tuple[tuple[str, str], ...] = (
    ("company", "which company and product"),
    ("users", "who the users were"),
    ("stage", "how big or early the business was"),
    ("constraints", "what constrained the work"),
    ("role", "what your title was"),
)


def _context_parts(s: Sentence) -> set[str]:
    text = s.text
    parts = set()
    if sig.COMPANY.search(text) or sig.NAMED_ORG.search(text):
        parts.add("company")
    if sig.USERS.search(text):
        parts.add("users")
    if sig.STAGE.search(text):
        parts.add("stage")
    if sig.CONSTRAINTS.search(text):
        parts.add("constraints")
    if sig.ROLE.search(text):
        parts.add("role")
    return parts


def _early(doc: Document) -> list[Sentence]:
    """The opening of the story: the first content section, a Context-like section in the
    first half, or the first quarter of the sentences, whichever reaches furthest."""
    sentences = doc.sentences
    if not sentences:
        return []
    limit = max(4, math.ceil(0.25 * len(sentences)))
    first_section: str | None = sentences[0].block.section
    # A first section that holds most of the text (no headings, or one title over
    # everything) says nothing about what comes early.
    if sum(1 for s in sentences if s.block.section == first_section) > len(sentences) / 2:
        first_section = None
    last_line = sentences[-1].end_line
    half = sentences[0].line + (last_line - sentences[0].line) / 2
    early = []
    for i, s in enumerate(sentences):
        if i < limit or s.block.section == first_section:
            early.append(s)
        elif sig.H_CONTEXT.search(s.block.section):
            section = doc.section_for(s.line)
            if section is not None and section.line <= half:
                early.append(s)
    return early


def check_context(doc: Document) -> CriterionResult:
    cid = "context"
    early = _early(doc)
    early_ids = {id(s) for s in early}
    found_early: dict[str, Sentence] = {}
    found_late: dict[str, Sentence] = {}
    for s in doc.sentences:
        target = found_early if id(s) in early_ids else found_late
        for part in _context_parts(s):
            target.setdefault(part, s)
    for key, value in doc.front_matter.items():
        if str(key).lower() in ("role", "title", "author_role") and value and \
                sig.ROLE.search(f"Role: {value}"):
            found_early.setdefault("role", None)  # type: ignore[arg-type]
    everything = set(found_early) | set(found_late)
    missing = [label for key, label in _CONTEXT_PARTS if key not in everything]
    late = [label for key, label in _CONTEXT_PARTS if key in found_late and key not in found_early]
    spans = [s for s in found_early.values() if s is not None]
    example = ("For example: 'I was the senior PM for onboarding at a Series B payroll startup "
               "serving 4,000 small businesses; we had one quarter and three engineers before "
               "the January tax deadline.'")
    if missing:
        suggestion = f"In the first two or three sentences, say {_join(missing)}. {example}"
    else:
        suggestion = ("Move the scene-setting to the opening: company, users, stage, "
                      f"constraints and your title, before the story starts. {example}")

    if len(found_early) >= 4 and "role" in everything:
        return result(cid, Verdict.MET,
                      "The opening sets the scene: " + _join(
                          [label for key, label in _CONTEXT_PARTS if key in found_early]) + ".",
                      "", spans)
    if len(everything) >= 2 or found_early.keys() & {"company", "role"}:
        parts = [label for key, label in _CONTEXT_PARTS if key in everything]
        message = f"Context is thin: it covers {_join(parts)}"
        message += f" but not {_join(missing)}." if missing else "."
        if late:
            message += f" Some of it ({_join(late)}) only comes later; move it to the opening."
        return result(cid, Verdict.PARTIAL, message, suggestion,
                      spans or list(found_late.values()))
    return result(cid, Verdict.MISSING,
                  f"The opening never says {_join(missing).replace(' and ', ' or ')}.",
                  suggestion, spans or list(found_late.values()))


# --- problem discovery --------------------------------------------------------------------


def check_problem_discovery(doc: Document) -> CriterionResult:
    cid = "problem-discovery"
    frames = _lead_ins(doc)
    evidence: list[Sentence] = []
    families: set[str] = set()
    validated = False
    statements: list[Sentence] = []
    for s in doc.sentences:
        text = s.text
        is_problem = bool(sig.PROBLEM.search(text))
        if is_problem and not (sig.REFLECT.search(text) or _in(s, sig.H_REFLECT)):
            statements.append(s)
        # Research in the solution or results part is usually testing a solution; a list
        # introduced by "Results:" (its own first line, or the paragraph before) is one too.
        first = s.block.text.split("\n", 1)[0].rstrip()
        lead = first if first.endswith(":") and len(first.split()) <= 6 and \
            s.block.end_line > s.block.line else frames.get(id(s.block), "")
        elsewhere = _in(s, sig.H_SOLUTION) or _in(s, sig.H_RESULTS) or _in(s, sig.H_REFLECT) \
            or bool(lead and (sig.H_RESULTS.search(lead) or sig.H_REFLECT.search(lead)))
        if elsewhere and not (is_problem or _in(s, sig.H_PROBLEM)):
            continue
        kinds = {name for name, pattern in (("research", sig.QUAL), ("data", sig.QUANT),
                                            ("customer signals", sig.CUSTOMER))
                 if pattern.search(text)}
        if not kinds:
            continue
        evidence.append(s)
        families |= kinds
        if sig.VALIDATE.search(text) or QUANTITY.search(text):
            validated = True
    suggestion = (
        "Show how you found the problem and how you knew it was real: who you talked to and "
        "how many, what the data showed, what support tickets or sales calls said. For "
        "example: 'I read 200 cancellation tickets and interviewed 12 churned customers; 9 of "
        "them could not finish setup, and the funnel showed 40% dropping at the same step.'"
    )
    if len(evidence) >= 2 and (len(families) >= 2 or validated):
        return result(cid, Verdict.MET,
                      f"Shows how the problem was found and checked ({_join(sorted(families))}).",
                      "", evidence)
    if evidence:
        lacking = "a second source that confirms it" if not validated else \
            "more than one piece of evidence"
        return result(cid, Verdict.PARTIAL,
                      f"Mentions {_join(sorted(families))} but not {lacking}: say how many "
                      "people or records, what they showed, and how you confirmed the problem.",
                      suggestion, evidence)
    if statements:
        return result(cid, Verdict.PARTIAL,
                      "States the problem but not how it was discovered or validated "
                      "(no interviews, data, tickets or customer evidence).",
                      suggestion, statements[:1])
    return result(cid, Verdict.MISSING,
                  "Never says what problem was being solved or how it was discovered.", suggestion)


# --- solution discovery -------------------------------------------------------------------


def check_solution_discovery(doc: Document) -> CriterionResult:
    cid = "solution-discovery"
    parts: dict[str, list[Sentence]] = {"options": [], "experiments": [], "rationale": []}
    for s in doc.sentences:
        if _in(s, sig.H_REFLECT):
            continue  # "next time I would prototype" is reflection, not what happened
        text = s.text
        if sig.OPTIONS.search(text):
            parts["options"].append(s)
        if sig.EXPERIMENTS.search(text):
            parts["experiments"].append(s)
        if sig.RATIONALE.search(text) or (("while" in text or "whereas" in text)
                                          and sig.COMPARED.search(text)):
            parts["rationale"].append(s)
    labels = {"options": "the options considered", "experiments": "prototypes or experiments",
              "rationale": "why the chosen option won"}
    present = [k for k, v in parts.items() if v]
    absent = [labels[k] for k, v in parts.items() if not v]
    spans = [s for k in ("rationale", "options", "experiments") for s in parts[k][:1]]
    suggestion = (
        "Describe the options on the table, how you tested them (prototype, pilot, A/B "
        "test, iterations) and why the winner won. For example: 'We weighed a guided "
        "checklist against pre-filled templates; I put clickable prototypes of both in front "
        "of eight admins, and templates won because they halved setup time.'"
    )
    if absent:
        suggestion = f"Add {_join(absent)}. " + suggestion
    if len(present) == 3:
        return result(cid, Verdict.MET,
                      "Shows the options, how they were tested, and why one was chosen.", "", spans)
    if present:
        return result(cid, Verdict.PARTIAL,
                      f"Shows {_join([labels[k] for k in present])} but not {_join(absent)}.",
                      suggestion, spans)
    return result(cid, Verdict.MISSING,
                  "Goes straight to the answer: no options, experiments or reasons for the choice.",
                  suggestion)


# --- personal role ------------------------------------------------------------------------

_VAGUE_VERBS = frozenset({"helped", "assisted", "participated", "contributed", "supported",
                          "worked", "involved"})


def _own_action(text: str) -> bool:
    """An "I <verb>" that is a real act, not "I helped with" or "I was involved in"."""
    for match in FIRST_PERSON_ACTION.finditer(text):
        verb = match.group(0).split()[-1].lower()
        if verb not in _VAGUE_VERBS:
            return True
    return False


def check_personal_role(doc: Document) -> CriterionResult:
    cid = "personal-role"
    own: list[Sentence] = []
    we_only: list[Sentence] = []
    vague: list[tuple[Sentence, str]] = []
    inflated: list[Sentence] = []
    for s in doc.sentences:
        text = s.text
        match = sig.OWNED_VAGUE.search(text)
        if match:
            vague.append((s, " ".join(match.group("phrase").split())))
        if sig.INFLATED.search(text):
            inflated.append(s)
        if _own_action(text):
            own.append(s)
        elif sig.WE_SUBJECT.search(text) and not I_WORD.search(text):
            we_only.append(s)
    actors = len(own) + len(we_only)
    ratio = len(own) / actors if actors else 0.0
    vague_share = len(vague) / (len(own) + len(vague)) if own or vague else 0.0

    if len(own) >= 3 and ratio >= 0.3 and vague_share <= 0.25 and not inflated:
        verdict = Verdict.MET
        message = (f"Your own decisions and actions stand out: {len(own)} sentences say what "
                   f"you did, against {len(we_only)} that only "
                   f"{'says' if len(we_only) == 1 else 'say'} 'we'.")
    elif not own:
        verdict = Verdict.MISSING
        message = "Nothing says what you personally decided or did"
        if vague:
            message += (f": where you appear, it is vague ownership such as '{vague[0][1]}' "
                        f"({len(vague)} sentence{'s' if len(vague) != 1 else ''})")
        if we_only:
            message += f"{';' if vague else ':'} {len(we_only)} sentences only say 'we'"
        message += "."
    else:
        verdict = Verdict.PARTIAL
        reasons = []
        if len(own) < 3:
            reasons.append(f"only {len(own)} sentence{'s' if len(own) != 1 else ''} "
                           "say what you did yourself")
        if ratio < 0.3:
            reasons.append(f"{len(we_only)} of {actors} sentences about the work say only 'we'")
        if vague and vague_share > 0.25:
            reasons.append(f"{len(vague)} use vague ownership ('{vague[0][1]}')")
        if inflated:
            reasons.append("some claims sound inflated")
        message = "Your part is blurred: " + "; ".join(reasons) + "."
    suggestion = (
        "For each key moment, say what you decided or did in the first person and what the "
        "team did: 'I decided to cut the import feature from v1 and wrote the spec; the "
        "engineers chose the queue design.' Replace 'helped with' and 'was involved in' with "
        "the specific thing you did."
    )
    findings: list[Finding] = []
    severity = Severity.INFO if verdict is Verdict.MET else Severity.WARNING
    for s, phrase in vague:
        findings.append(finding(
            cid, s, f"Vague ownership: '{phrase}' hides what you actually did.",
            f"Name your own action instead of '{phrase}': what did you decide, write, run or "
            "negotiate? ('I wrote the spec and ran the pricing test', not 'I helped with "
            "pricing').", severity))
    for s in inflated:
        findings.append(finding(
            cid, s, "This claim sounds inflated: readers expect a PM to work through a team.",
            "Say which part was yours and which the team's (who built it, who decided what).",
            severity))
    if verdict is not Verdict.MET and we_only and ratio < 0.3:
        findings.append(finding(
            cid, we_only[0],
            f"'We' everywhere: {len(we_only)} of {actors} sentences about the work never say "
            "what you did.",
            "Rewrite the key sentences in the first person where the act was yours ('I "
            "proposed', 'I ran', 'I decided') and keep 'we' for the team's work.",
            Severity.for_verdict(verdict)))
    if verdict is not Verdict.MET and not findings:
        findings.append(finding(cid, own[0] if own else None, message, suggestion,
                                Severity.for_verdict(verdict)))
    return result(cid, verdict, message, "" if verdict is Verdict.MET else suggestion,
                  own, findings)


# --- team leadership ----------------------------------------------------------------------


def check_team_leadership(doc: Document) -> CriterionResult:
    cid = "team-leadership"
    roles: dict[str, str] = {}  # stem -> the word as written, for messages
    align: list[Sentence] = []
    conflict: list[Sentence] = []
    for s in doc.sentences:
        if _in(s, sig.H_REFLECT) and not I_WORD.search(s.text):
            continue
        text = s.text
        names = {m.group(0).lower() for m in sig.STAKEHOLDERS.finditer(text)}
        for name in names:
            roles.setdefault(name.rstrip("s"), name)
        # A collaboration sentence needs people in it: the stakeholders, the team or me.
        has_people = bool(names) or bool(sig.WE_SUBJECT.search(text)) or bool(I_WORD.search(text))
        if not has_people:
            continue
        if sig.CONFLICT.search(text):
            conflict.append(s)
        elif sig.ALIGN.search(text) and (names or I_WORD.search(text)) \
                and not sig.OWNED_VAGUE.search(text):
            # "I supported the team in running standups" is vague, not leading.
            align.append(s)
    suggestion = (
        "Show one moment of working through people: who disagreed (engineering, design, "
        "sales, leadership), what they worried about, and what you did to align them. For "
        "example: 'Sales pushed back because the change touched renewals; I walked their lead "
        "through the churn data and we agreed to pilot with ten accounts first.'"
    )
    spans = conflict[:2] + align[:1]
    if len(roles) >= 2 and conflict and align:
        return result(cid, Verdict.MET,
                      "Shows how you worked with the team and stakeholders, including "
                      "disagreement and how it was resolved.", "", spans)
    # Naming colleagues ("the engineers", "support tickets") without any working together
    # shows nothing about leading them.
    if align or conflict:
        missing = []
        if len(roles) < 2:
            missing.append("the other stakeholders (design, data, sales, leadership...)")
        if not conflict:
            missing.append("a disagreement or trade-off you worked through")
        if not align:
            missing.append("how you got people aligned")
        named = f"Mentions {_join(sorted(roles.values()))}" if roles else \
            "Mentions working with others"
        return result(cid, Verdict.PARTIAL, f"{named} but not {_join(missing)}.",
                      suggestion, spans or align)
    return result(cid, Verdict.MISSING,
                  "No sign of the team or stakeholders: who you worked with, how you aligned "
                  "them, or how disagreements were handled.", suggestion)


# --- quantified impact --------------------------------------------------------------------


def _timeframe(text: str) -> bool:
    """A period the outcome was measured over; a rate ("weekly orders", "1% a month") is not."""
    if sig.TIMEFRAME_MORE.search(text):
        return True
    return any(not sig.RATE_ONLY.fullmatch(m.group(0)) for m in TIMEFRAME.finditer(text))


def _metric_sentence(s: Sentence) -> bool:
    """A sentence that reports an outcome number (not a team size, duration or sample)."""
    quantities = [m.group(0) for m in QUANTITY.finditer(s.text)]
    if not quantities:
        # Plain counts still report an outcome when they move: "tickets fell from 900 to 310";
        # so do numbers written as words ("from eighteen to eleven percent").
        low = s.text.lower()
        if not (sig.NUMBER_CHANGE.search(s.text) or (("from " in low or "per" in low or "point"
                                                       in low) and sig.WORD_QUANTITY.search(low))):
            return False
        quantities = ["change"]
    results = _in(s, sig.H_RESULTS)
    if not results and (_in(s, sig.H_PROBLEM) or _in(s, sig.H_CONTEXT)):
        return False  # numbers that describe the situation before the work
    if sig.RESEARCH_VERB.search(s.text) and not results:
        return False  # "I interviewed 12 customers" is a sample size, not an outcome
    if not results and not BASELINE.search(s.text) and (
            sig.QUANT.search(s.text) or sig.QUAL.search(s.text)):
        return False  # "the data showed 70% of orders repeat" is discovery evidence
    changed = bool(sig.CHANGE.search(s.text) or BASELINE.search(s.text))
    if all(sig.DURATION_UNIT.search(q) for q in quantities):
        return changed and bool(sig.METRIC_WORD.search(s.text) or BASELINE.search(s.text))
    return changed or results


def _lead_ins(doc: Document) -> dict[int, str]:
    """For each table row and list item, the text that frames it: the table's header row, or
    the paragraph ending in ':' just before the list ("Measured six months after launch:")."""
    frames: dict[int, str] = {}
    header: Block | None = None
    lead = ""
    previous: Block | None = None
    for block in doc.blocks:
        if block.kind == "table":
            if previous is None or previous.kind != "table" or block.line > previous.end_line + 2:
                header = block
            elif header is not None:
                frames[id(block)] = header.text
        elif block.kind == "item":
            if previous is not None and previous.kind == "paragraph" and \
                    previous.text.rstrip().endswith(":"):
                lead = previous.text
            elif previous is None or previous.kind != "item":
                lead = ""
            if lead:
                frames[id(block)] = lead
        previous = block
    return frames


def check_quantified_impact(doc: Document) -> CriterionResult:
    cid = "quantified-impact"
    sentences = doc.sentences
    frames = _lead_ins(doc)
    flags = [_metric_sentence(s) for s in sentences]
    metrics = [s for s, flag in zip(sentences, flags, strict=True) if flag]
    suggestion = (
        "Give each outcome a baseline, a time frame and a reason to believe it was your "
        "change: 'Activation rose from 31% to 44% in the eight weeks after launch, measured "
        "against a 10% holdout.'"
    )
    if not metrics:
        claims = [s for s in doc.sentences if sig.VAGUE_IMPACT.search(s.text)
                  and (_in(s, sig.H_RESULTS) or sig.CHANGE.search(s.text))]
        if claims:
            return result(cid, Verdict.MISSING,
                          "Claims results but gives no numbers to judge them by.", suggestion,
                          claims)
        return result(cid, Verdict.MISSING, "Says nothing measurable about the outcome.",
                      suggestion)

    attributed_anywhere = any(ATTRIBUTION.search(s.text) for s in doc.sentences)
    scored: list[tuple[Sentence, bool, bool, bool]] = []
    for i, s in enumerate(sentences):
        if not flags[i]:
            continue
        # Time frame and attribution may be set up by the sentence just before (an experiment
        # and its duration, then the result), if that one is not a result too.
        # A table's header ("Before (Q3 2021) | After") or a list's lead-in frames each row.
        around = s.text
        if i and not flags[i - 1] and sentences[i - 1].block is s.block:
            around = sentences[i - 1].text + " " + around
        frame = frames.get(id(s.block), "")
        baseline = bool(BASELINE.search(s.text) or BASELINE.search(frame)
                        or (sig.BASELINE_COLUMN.search(frame)
                            and len(QUANTITY.findall(s.text)) >= 2))
        around = f"{frame} {around}"
        scored.append((s, baseline, _timeframe(around), bool(ATTRIBUTION.search(around))))
    # A baseline and a time frame make a number judgeable; attribution makes it stronger, and
    # its absence is pointed out, but it is not required for "met".
    full = [s for s, b, t, a in scored if b and t]
    bare = [s for s, b, t, a in scored if not (b or t or a)]
    has = {"baseline": any(b for _, b, _, _ in scored), "time frame": any(t for *_, t, _ in scored),
           "attribution": any(a for *_, a in scored) or attributed_anywhere}
    lacking = [k for k, v in has.items() if not v]
    verdict = Verdict.MET if full else Verdict.PARTIAL
    findings: list[Finding] = []
    severity = Severity.INFO if verdict is Verdict.MET else Severity.WARNING
    for s in bare:
        findings.append(finding(
            cid, s, "A bare number: no baseline, time frame or attribution.",
            "Say what it was before, over what period, and how you know the change caused it "
            "('from 12% to 15% over six weeks, A/B tested').", severity))
    if verdict is Verdict.MET:
        if has["attribution"]:
            message = ("Outcomes are given as numbers with a baseline, a time frame and "
                       "attribution.")
            return result(cid, verdict, message, "", full, findings)
        message = ("Outcomes are given as numbers with a baseline and a time frame; nothing "
                   "says how you know your change caused them.")
        return result(cid, verdict, message,
                      "Add how you know the change was yours: a holdout or control group, a "
                      "comparison with the part that did not change, or what else moved at the "
                      "same time.", full, findings)
    plural = "s" if len(metrics) != 1 else ""
    message = f"Gives outcome numbers ({len(metrics)} sentence{plural})"
    message += f" but no {_join(lacking).replace(' and ', ' or ')}." if lacking else \
        " but none combines a baseline, a time frame and attribution."
    if bare and len(metrics) > 1:
        message += f" {len(bare)} of them {'is' if len(bare) == 1 else 'are'} bare."
    if not findings:
        best = max(scored, key=lambda item: item[1] + item[2] + item[3])[0]
        findings.append(finding(cid, best, message, suggestion, Severity.WARNING))
    spans = [s for s, b, t, a in scored if b or t or a] or metrics
    return result(cid, verdict, message, suggestion, spans, findings)


# --- reflection ---------------------------------------------------------------------------


def check_reflection(doc: Document) -> CriterionResult:
    cid = "reflection"
    hits = [s for s in doc.sentences
            if sig.REFLECT.search(s.text) or sig.GENERIC_REFLECT.search(s.text)
            or (_in(s, sig.H_REFLECT) and len(s.text.split()) > 4)]
    generic = [s for s in hits if sig.GENERIC_REFLECT.search(s.text)]
    specific = [s for s in hits if s not in generic]
    personal = [s for s in specific if I_WORD.search(s.text) or sig.WE_SUBJECT.search(s.text)]
    suggestion = (
        "End with what you learned and what you would do differently, specifically: 'I "
        "would have run the pricing test before building the dashboard; the two weeks we "
        "spent on it answered a question nobody was asking.'"
    )
    if len(specific) >= 2 and personal:
        return result(cid, Verdict.MET, "Says what you learned or would do differently.", "",
                      specific)
    if specific or generic:
        if not specific:
            message = "Reflection is generic: it says you learned, not what."
        elif not any(sig.LEARN.search(s.text) for s in specific):
            message = ("Reflection is one sentence on what you would change; add what you "
                       "learned from it and how it shapes your work now.")
        elif not any(sig.NEXT_TIME.search(s.text) for s in specific):
            message = ("Reflection is one sentence on what you learned; add what you would "
                       "do differently next time.")
        else:
            message = ("Reflection is a single sentence; a few lines on what you learned and "
                       "what you now do differently would show more judgement.")
        findings = [finding(cid, s, "Generic reflection: it does not say what you learned.",
                            "Name one concrete lesson and what you would do differently.",
                            Severity.WARNING) for s in generic]
        return result(cid, Verdict.PARTIAL, message, suggestion, specific or generic, findings)
    return result(cid, Verdict.MISSING,
                  "Never says what you learned or what you would do differently.", suggestion)


CHECKS = (check_context, check_problem_discovery, check_solution_discovery,
          check_personal_role, check_team_leadership, check_quantified_impact,
          check_narrative_consistency, check_reflection)


def run_all(doc: Document) -> list[CriterionResult]:
    """Every criterion's result, in rubric order."""
    return [check(doc) for check in CHECKS]
