"""Names a document gives a project in its body, and the words it writes as names.

A project is often named in the text instead of in its title: "the rebuild, which
the team code-named Project Bramble", "internally the new tool was named Foxglove". And a
one-word title ("Foxglove, week of 3 May") names a project only when the portfolio writes
that word as a name: capitalised inside sentences, never in lower case.
"""

from __future__ import annotations

import re

from .places import Statement

#: "called Project Bramble", "went by Foxglove", "code-named Otter": the name introduced.
_INTRODUCED = re.compile(
    r"\b(?:called|named|code-?named|dubbed|nicknamed|known\s+as|went\s+by|goes\s+by|go\s+by)"
    r"\s+(?:it\s+)?[\"“'*_]*(?:Project\s+)?(?P<name>[A-Z][\w-]*[a-z0-9][\w-]*(?:\s+[A-Z][\w-]*){0,2})")
#: "Project Bramble" anywhere: a code name.
_PROJECT_CODE = re.compile(r"\bProject\s+(?P<name>[A-Z][a-z]{2,}(?:-\w+)?)\b")
#: Words that are titles, months or parts of a date, never a project's name.
_NOT_NAME = re.compile(
    r"(?i)^(?:manager|managers|lead|owner|team|plan|january|february|march|april|may|june|july"
    r"|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday"
    r"|saturday|sunday|the|a|an|our|my|this|that)$")
#: A capitalised word inside a sentence (after a lower-case word or a comma).
#: Words of job titles: capitalised in "Senior Product Manager", but no one's name.
_TITLE_WORD = re.compile(r"(?i)^(?:product|senior|principal|associate|director|head|chief|group"
                         r"|staff|officer|engineer\w*|designer\w*|analyst\w*|president)$")
_INSIDE = re.compile(r"(?<=[a-z0-9,;)] )(?P<word>[A-Z][a-z]{3,})\b(?![\w-])")
_LOWER_WORD = re.compile(r"\b[a-z]{4,}\b")


#: What a name is given to, when the naming says it is the document's own work ("the
#: new tool was named ...", "option B, internally known as ...").
_OWN_WORK = re.compile(
    r"(?i)\b(?:the|our|this|my|option)\s+(?:[\w-]+\s+){0,2}?(?:project|rebuild|rewrite|redesign"
    r"|work|effort|product|feature|tool|app|system|initiative|programme|program|build|migration"
    r"|service|platform|\d)\b|\b(?:the|our)\s+[\w-]+\s+(?:we|I)\s+(?:built|made|shipped|designed"
    r"|wrote|created|launched)\b")
_OTHER_WORK = re.compile(r"(?i)\b(?:old|legacy|previous|existing|former|competitor\w*|rival"
                         r"|vendor\W?s?)\b")


def introduced(statements: list[Statement]) -> tuple[str, ...]:
    """Other names the body gives the document's own work ("the redesign, which the team
    code-named Project Bramble"), in order, without "Project"."""
    found: list[str] = []
    for s in statements:
        if s.block in ("front", "heading"):
            continue
        for m in _INTRODUCED.finditer(s.text):
            before = s.text[max(0, m.start() - 80): m.start()]
            if not _OWN_WORK.search(before) or _OTHER_WORK.search(before):
                continue
            words = m.group("name").strip("-").split()
            while words and _NOT_NAME.match(words[-1]):
                words.pop()
            if words and not _NOT_NAME.match(words[0]):
                found.append(" ".join(words))
    return tuple(dict.fromkeys(found))


def written_as_names(statements: list[Statement]) -> frozenset[str]:
    """Capitalised words the body writes inside sentences and never in lower case."""
    inside: set[str] = set()
    lower: set[str] = set()
    for s in statements:
        if s.block in ("front", "heading"):
            continue
        inside.update(m.group("word") for m in _INSIDE.finditer(s.text))
        lower.update(_LOWER_WORD.findall(s.text))
    return frozenset(w for w in inside if w.lower() not in lower and not _NOT_NAME.match(w)
                     and not _TITLE_WORD.match(w))
