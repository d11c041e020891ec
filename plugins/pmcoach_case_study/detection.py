"""How sure we are that a document is a portfolio case study.

A case study is a first-person story told in the past tense about one project, usually
with sections such as Context / Problem / Solution / Results / Learnings, a role
statement and outcome numbers. Five other critics compete for every document, so the
score also drops for what other kinds look like: forward-looking plans (strategy,
portfolio strategy), "it depends" reasoning (decision), a short note that asks for
thoughts (manager update), career moves (career plan), and non-PM text (READMEs,
recipes, changelogs).
"""

from __future__ import annotations

from pmcoach import Document
from pmcoach.checks import FIRST_PERSON_ACTION, QUANTITY

from . import signals as sig

_SECTION_KINDS = (
    ("context", sig.H_CONTEXT), ("problem", sig.H_PROBLEM), ("solution", sig.H_SOLUTION),
    ("results", sig.H_RESULTS), ("reflection", sig.H_REFLECT), ("role", sig.H_ROLE),
    ("team", sig.H_TEAM),
)


def _share(count: int, total: int, full: float) -> float:
    """``count/total`` scaled so that a share of ``full`` or more gives 1."""
    return min(1.0, count / total / full) if total else 0.0


def detect_case_study(doc: Document) -> float:
    sentences = doc.sentences
    n = len(sentences)
    if n == 0:
        return 0.0
    kinds = {name for h in doc.headings for name, pattern in _SECTION_KINDS
             if pattern.search(h.text)}
    past = first = future = off_topic = actions = 0
    outcome = discovery = role = depends = ask = career = False
    career_hits = 0
    for s in sentences:
        text = s.text
        past += bool(sig.PAST.search(text))
        first += bool(sig.FIRST_PERSON.search(text))
        future += bool(sig.FUTURE.search(text))
        off_topic += bool(sig.OFF_TOPIC.search(text))
        actions += bool(FIRST_PERSON_ACTION.search(text))
        outcome = outcome or bool(QUANTITY.search(text) and sig.CHANGE.search(text))
        discovery = discovery or bool(sig.QUAL.search(text) or sig.EXPERIMENTS.search(text))
        role = role or bool(sig.ROLE_STATEMENT.search(text))
        depends = depends or bool(sig.DEPENDS.search(text))
        ask = ask or bool(sig.ASK.search(text))
        if sig.CAREER.search(text):
            career_hits += 1
    career = career_hits >= 2

    score = min(0.35, 0.08 * len(kinds))
    score += 0.25 * _share(past, n, 0.5)
    first_share = _share(first, n, 0.35)
    score += 0.15 * first_share
    score += 0.1 * outcome + 0.1 * role + 0.05 * min(1.0, actions / 2) + 0.05 * discovery
    # Without first person it is not someone's own story (recipes, changelogs, docs).
    if first_share < 0.3:
        score *= 0.5
    score -= 0.35 * _share(future, n, 0.3)
    score -= 0.3 * _share(off_topic, n, 0.3)
    score -= 0.2 * depends + 0.2 * career
    if ask and doc.word_count < 350:
        score -= 0.15
    if doc.word_count < 150:
        score *= max(0.3, doc.word_count / 150)
    return round(max(0.0, min(1.0, score)), 3)
