"""The career-plan kind's escape hatches: rule functions ``fn(doc, options)`` for what the
kind file cannot say with phrases (roles and their phases, stays in months, what echoes a
goal). Each returns spans, with the text a message may quote; the kind file decides what
they mean. Phrase groups named in ``options`` are the kind file's own.
"""

from __future__ import annotations

import datetime as dt
import re
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from pmcoach import Document, Sentence
from pmcoach.checks import lazy
from pmcoach.rules.engine import evaluate, scopes

from .dates import Stay, describe, durations, today_for
from .roles import CURRENT_ROLE, NEXT_SECTION, Role, group, merge_roles, needs_in

Options = Mapping[str, Any]
Found = Iterable["Sentence | tuple[Sentence, str]"]

# Documents held weakly: a finished file's Document is freed, not kept by this memo.
_ROLES: dict[int, tuple[weakref.ref[Document], dt.date, list[Role]]] = {}


def roles_of(doc: Document) -> list[Role]:
    """The plan's roles (computed once per document and 'today')."""
    from .roles import find_roles, plan_today

    today = plan_today(doc, today_for(doc))
    hit = _ROLES.get(id(doc))
    if hit is not None and hit[0]() is doc and hit[1] == today:
        return hit[2]
    roles = merge_roles(find_roles(doc, today))
    if len(_ROLES) >= 16:
        _ROLES.pop(next(iter(_ROLES)))
    _ROLES[id(doc)] = (weakref.ref(doc), today, roles)
    return roles


def _pieces(doc: Document, sentences: Iterable[Sentence]) -> list[Sentence]:
    """The rule engine's sentences (finer, one object each) that make up ``sentences``."""
    wanted: dict[tuple[int, int], list[str]] = {}
    for s in sentences:
        for line in range(s.line, s.end_line + 1):
            wanted.setdefault((id(s.block), line), []).append(s.text)
    return [p for p in scopes(doc)["all"]
            if any(p.text in text for text in wanted.get((id(p.block), p.line), ()))]


def _need_name(group_name: str) -> str:
    return group_name.removeprefix("need-").replace("-", " ")


# --- roles -----------------------------------------------------------------------------------

def _laid_out(role: Role) -> bool:
    """A role given dates, a heading of its own, or a section about what comes next."""
    return bool(role.stays) or role.anchor.block.kind == "heading" or bool(
        role.anchor.block.section and NEXT_SECTION.search(role.anchor.block.section))


def _keeps(role: Role, options: Options) -> bool:
    if role.phase not in options.get("phase", ("past", "current", "next")):
        return False
    if "dated" in options and bool(role.stays) is not options["dated"]:
        return False
    if options.get("laid_out") and not _laid_out(role):
        return False
    count = len(needs_in(role.text, options.get("needs", ())))
    return options.get("min_needs", 0) <= count <= options.get("max_needs", count)


def roles(doc: Document, options: Options) -> Found:
    """Each role's first sentence. Options: ``phase`` (a list of past/current/next),
    ``dated`` (has a stay or not), ``laid_out`` (dated, a heading, or a "next" section),
    ``needs`` (phrase groups) with ``min_needs``/``max_needs``; ``quote``: what to give as
    the matched text (``phase``, ``needs`` or the sentence)."""
    for role in roles_of(doc):
        if _keeps(role, options):
            quote = options.get("quote")
            if quote == "phase":
                yield role.anchor, role.phase
            elif quote == "needs":
                needs = needs_in(role.text, options.get("needs", ()))
                yield role.anchor, ", ".join(_need_name(n) for n in needs)
            else:
                yield role.anchor


def role_scope(doc: Document, options: Options) -> Found:
    """The sentences about roles of ``phase``, or when there is none, the sentences matching
    the ``fallback`` group; with ``followers``, also the rest of each of their paragraphs."""
    chosen = [s for r in roles_of(doc) if r.phase in options.get("phase", ("next",))
              for s in r.scope]
    if not chosen and options.get("fallback"):
        chosen = [s for s in doc.sentences if group(options["fallback"]).search(s.text)]
    if options.get("followers"):
        order = {id(s): i for i, s in enumerate(doc.sentences)}
        chosen += [s for s in doc.sentences if s not in chosen and any(
            s.block is x.block and order[id(s)] > order.get(id(x), -1) for x in chosen)]
    return _pieces(doc, chosen)


# --- stays -----------------------------------------------------------------------------------

def _fits(stay: Stay, low: float, high: float) -> bool:
    if stay.upper is not None:  # a planned range such as "2-3 years"
        return stay.months <= high and stay.upper >= low
    if stay.ongoing:
        return stay.months <= high  # an ongoing stay is only too long, never too short yet
    return low <= stay.months <= high


def _explained(role: Role, doc: Document, options: Options, everyone: Sequence[Role]) -> bool:
    reason = group(options.get("explain", "explain"))
    if any(reason.search(s.text) for s in role.scope):
        return True
    if role.phase != "current":
        return False
    # The reason for a long current stay is often written where the current role comes up
    # again (a section on what the current role is for, say), or in a sentence about the
    # stay itself ("I stayed on longer than planned, on purpose").
    others = [s for r in everyone if r.phase == "current" and r is not role for s in r.scope]
    talk = group(options["stay_talk"]) if options.get("stay_talk") else None
    return any(reason.search(s.text) for s in others) or any(
        (CURRENT_ROLE.search(s.text) or talk and talk.search(s.text)) and reason.search(s.text)
        for s in doc.sentences)


def _outlier(stay: Stay, high: float) -> str:
    return (f"{'long' if stay.months > high else 'short'} stay ("
            f"{'about ' if stay.approximate else ''}{describe(stay.months)}"
            f"{', and counting' if stay.ongoing else ''})")


def stays(doc: Document, options: Options) -> Found:
    """Roles by their stays against ``low``-``high`` months. ``which: outside``: each stay
    outside the range whose role gives no reason (phrase group ``explain``), quoted as "short
    stay (9 months)"; ``which: fine``: each role with a stay in range or a reason, once."""
    low, high = float(options.get("low", 18)), float(options.get("high", 36))
    everyone = roles_of(doc)
    for role in everyone:
        fine = [s for s in role.stays if _fits(s, low, high)]
        explained = bool(role.stays) and len(fine) < len(role.stays) and _explained(
            role, doc, options, everyone)
        if options.get("which") == "fine":
            if fine or explained:
                yield role.anchor, (fine or role.stays)[0].text
        elif not explained:
            for stay in role.stays:
                if not _fits(stay, low, high):
                    yield role.anchor, f"{_outlier(stay, high)} at {stay.text}"


def stated_lengths(doc: Document, options: Options) -> Found:
    """Sentences giving a length of stay (not a horizon such as "in 5 years") within
    ``low``-``high`` months."""
    low, high = float(options.get("low", 18)), float(options.get("high", 36))
    for sentence in scopes(doc)["all"]:
        fitting = [d for d in durations(sentence.text) if _fits(
            Stay(d.months, d.text, d.start, d.end, upper=d.upper), low, high)]
        if fitting:
            yield sentence, fitting[0].text


# --- goals -----------------------------------------------------------------------------------

def _earlier(doc: Document, options: Options) -> list[Sentence]:
    """The sentences an earlier rule of a criterion matched (``criterion``, ``rule``)."""
    from . import critic

    rules = critic().criterion(options["criterion"]).rules
    upto = [r.id for r in rules].index(options["rule"]) + 1
    found, _ = evaluate(rules[:upto], doc)
    return [m.span for m in found[options["rule"]] if isinstance(m.span, Sentence)]


def echoes(doc: Document, options: Options) -> Found:
    """Sentences outside an earlier rule's matches that repeat one of the ``terms`` (a
    phrase group) those matches hold: a goal of "VP of Product" echoed in a role."""
    goals = _earlier(doc, options)
    terms = {m.group(0).lower() for s in goals for m in group(options["terms"]).finditer(s.text)}
    if not terms:
        return
    echo = re.compile(r"(?i)\b(?:" + "|".join(re.escape(t) for t in sorted(terms)) + r")\b")
    ids = {id(s) for s in goals}
    for sentence in scopes(doc)["all"]:
        found = echo.search(sentence.text)
        if found and id(sentence) not in ids:
            yield sentence, found.group(0)


_CONTENT_WORD = lazy(r"[a-z][a-z-]{4,}")
#: A capitalised word inside a sentence: part of a name ("Northwind Learning"), which says
#: nothing about the field a role was in.
_NAME_WORD = lazy(r"(?<=[\w,;:)] )[A-Z][\w&-]*")


def _topic_words(text: str) -> set[str]:
    return set(_CONTENT_WORD.findall(_NAME_WORD.sub(" ", text).lower()))


def shared_topic(doc: Document, options: Options) -> Found:
    """Past and current roles that share a content word (five letters or more, not in
    ``ignore``, not part of a name) with an earlier rule's matches: a role in the goal's
    own field."""
    goals = _earlier(doc, options)
    ignore = set(options.get("ignore", ()))
    topics = {w for g in goals for w in _CONTENT_WORD.findall(g.text.lower())} - ignore
    starts = {(id(g.block), g.line) for g in goals}
    for role in roles_of(doc):
        if role.phase == "next" or (id(role.anchor.block), role.anchor.line) in starts:
            continue
        shared = topics & _topic_words(role.text)
        if shared:
            yield role.anchor, sorted(shared)[0]


FUNCTIONS: dict[str, Callable[[Document, Options], Found]] = {
    "career-plan.roles": roles,
    "career-plan.role-scope": role_scope,
    "career-plan.stays": stays,
    "career-plan.stated-lengths": stated_lengths,
    "career-plan.echoes": echoes,
    "career-plan.shared-topic": shared_topic,
}


