"""The author's part in a project, and who owned what.

Role: ``lead`` ("I was the only PM on X", "I led X", "X, which I led", "I owned the roadmap
end to end"), ``support`` ("I supported Lena, who led it", "I was the junior PM",
"I was one of three PMs", "owned only the reporting workstream") or ``shared`` ("I co-led
it with another PM").

Ownership of an area: the author's ("I owned the discount rules", "the price was my call")
or someone else's ("the price was owned by the growth PM", "packaging stayed with
marketing").
"""

from __future__ import annotations

import re

from ..facts import Ownership, RoleClaim
from .places import Statement
from .text import STOPWORDS, stem, tokens

_PM = r"(?:product\s+manager|PM|product\s+lead|product\s+owner)"
_LEAD = (
    re.compile(rf"\bI\s+was\s+the\s+(?:(?:sole|only|lead|main|primary|founding|single)\s+)?{_PM}"
               r"\b(?!'s|\s+(?:of|for)\s+(?:another|a\s+different)\b)"),
    re.compile(r"\b(?:which|that)\s+I\s+led\b|\bproject\s+I\s+led\b|\bI\s+led\s+(?:it|the\s+[A-Z]\w*(?:\s+[A-Z]\w*)*|the\s+(?:"
               r"project|work|whole|effort|launch|program|initiative|redesign|rebuild)|(?:this|that)\s+"
               r"(?:project|work|effort|initiative)\b|[A-Z]\w*)"
               r"|\bI\s+(?:led|owned)\s+(?:it|\w+\s+)?(?:\w+\s+)?end[- ]to[- ]end"),
    re.compile(r"\bI\s+owned\s+(?:the|its|their)\s+(?:whole\s+|entire\s+)?(?:roadmap|project"
               r"|product)\b"),
    re.compile(rf"\b[Aa]s\s+(?:the\s+)?(?:(?:sole|only|lead|main)\s+)?{_PM}\s+(?:on|for)\b"),
    re.compile(rf"\b(?:[Tt]here\s+was|[Ww]e\s+had)\s+no\s+other\s+{_PM}\b"),
)
_SUPPORT = (
    re.compile(rf"\bI\s+supported\s+(?:[A-Z]\w+,?\s+)?(?:(?:the|our|a)\s+)?(?:(?:lead|senior|main"
               rf"|group|principal)\s+)?{_PM}|\bI\s+supported\s+[A-Z][a-z]+,\s+(?:the|our|who)\b"),
    re.compile(r"\bI\s+was\s+(?:the|an)\s+APM\b"),
    re.compile(rf"\bI\s+(?:was|joined\s+(?:\w+\s+){{0,3}}as)\s+(?:only\s+)?(?:the\s+|a\s+)?"
               rf"(?:second|junior|supporting|secondary|other|deputy|number\s+two|associate)"
               rf"\s+{_PM}"),
    re.compile(r"\bI\s+(?:worked|reported)\s+(?:under|to)\s+[A-Z][a-z]+,?\s+(?:the|our|who)\s+"
               r"(?:lead\s+PM|led\b|owned\b|was\s+the\s+(?:lead\s+)?PM)"),
    re.compile(r"\bI\s+helped\s+[A-Z][a-z]+\b(?:,\s+the\s+(?:lead\s+)?PM)?"),
    re.compile(r"\bI\s+was\s+(?:just\s+)?one\s+of\s+(?:two|three|four|five|\d+)\s+(?:PMs|product"
               r"\s+managers)"),
    re.compile(r"\bowned\s+only\s+(?:the\s+)?\w+|\bonly\s+owned\s+(?:the\s+)?\w+"),
    re.compile(r"(?i)\bmy\s+(?:part|role)\s+(?:was|there\s+was)\s+(?:mostly|only|just|limited\s+to"
               r"|largely|mainly)\b"),
    re.compile(rf"\bI\s+(?:was\s+not|wasn't)\s+the\s+(?:lead\s+|main\s+|sole\s+)?{_PM}"),
    re.compile(rf"\b(?!I\b)[A-Z][a-z]+,?\s+(?:who\s+)?(?:was|is)\s+the\s+(?:lead|main|sole)\s+"
               rf"{_PM}\b|\b(?!I\b)[A-Z][a-z]+\s+(?:was|is)\s+the\s+{_PM}\s+(?:on|for)\b"),
)
#: The lead shared with another PM: at odds with being the only PM, not with leading.
_SHARED = (
    re.compile(r"\bI\s+co-?led\b|\bI\s+(?:jointly\s+led|shared\s+the\s+(?:PM|product)\s+role)\b"),
)
#: Words for one area that different writers use for the same thing.
_SYNONYMS = {"pric": "price", "price": "price", "fee": "price", "fees": "price",
             "monetiz": "price", "monetization": "price", "monetizate": "price",
             "packag": "price", "roadmap": "roadmap", "priorit": "roadmap"}
_GENERIC = frozenset({"feature", "project", "product", "work", "thing", "part", "side", "team",
                      "whole", "call", "decision", "final"})
_Patterns = tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]
#: Each pattern with the words a sentence must hold for it to be worth trying.
_MINE: _Patterns = (
    (re.compile(r"\bI\s+owned\s+(?P<area>(?:the\s+|its\s+|our\s+)?[\w-]+(?:\s+(?!for\b|on\b"
                r"|end\b|across\b|from\b|and\b|with\b|at\b|in\b)[\w-]+){0,2})"), ("owned",)),
    (re.compile(r"(?:[Tt]he\s+|[Oo]ur\s+)?(?P<area>[\w-]+)(?:\s*\([^)]*\))?\s+(?:was|were)\s+"
                r"(?:my\s+(?:call|decision|idea)|mine)\b"), ("my call", "my decision", "my idea",
                                                          "mine")),
    (re.compile(r"\bI\s+(?:set|decided|chose)\s+(?:the\s+)?(?P<area>pric\w*|fees?|roadmap)\b"),
     ("set", "decided", "chose")),
    # "I owned the checkout end to end, the billing included"
    (re.compile(r"\bI\s+owned\s+[^.;:]{1,60}?,\s+(?:the|its|our)\s+(?P<area>[\w-]+)\s+included\b"
                r"|\bI\s+owned\s+[^.;:]{1,60}?\bincluding\s+(?:the\s+|its\s+|our\s+)?(?P<area2>[\w-]+)"),
     ("owned",)),
    (re.compile(r"\bI\s+(?:made|took)\s+the\s+(?:final\s+)?(?:call|decision)\s+on\s+(?:the\s+)?"
                r"(?P<area>[\w-]+(?:\s+[\w-]+)?)"), ("the call", "the decision", "final call",
                                                    "final decision")),
)
_THEIRS: _Patterns = (
    (re.compile(r"(?P<area>[\w-]+(?:\s+[\w-]+){0,2})(?:\s+(?:that|which|who)\s+[^,]*?)?\s+(?:is"
                r"|was|were|are|has\s+(?:always\s+)?been|had\s+(?:always\s+)?been)\s+owned\s+by\s+"
                r"(?!me\b|myself\b)"), ("owned by",)),
    (re.compile(r"(?P<area>[\w-]+(?:\s+and\s+[\w-]+)?)\s+(?:stayed|remained|sat)\s+with\s+"
                r"(?!me\b)"), ("stayed with", "remained with", "sat with")),
    (re.compile(r"\b(?!I\b)[A-Z][a-z]+\s+(?:always\s+)?owned\s+(?P<area>(?:the\s+)?[\w-]+)"),
     ("owned",)),
    (re.compile(r"(?P<area>[\w-]+)(?:\s*\([^)]*\))?\s+(?:was|were)(?:\s+[A-Z][a-z]+['’]s|\s+not"
                r"\s+my|n[’']t\s+my|\s+(?:decided|set)\s+by\s+(?!me\b))\s*(?:call|decision)?"),
     ("call", "decision", "decided by", "set by", "’s", "'s")),
    (re.compile(r"\bI\s+(?:didn't|did\s+not|never)\s+own\s+(?:the\s+)?(?P<area>[\w-]+)"),
     ("own",)),
    (re.compile(r"\bI\s+(?:didn't|did\s+not|never)\s+(?:make|take)\s+(?:any\s+|the\s+)?"
                r"(?P<area>[\w-]+)\s+(?:calls|decisions)\b"), ("make", "take")),
    # "The billing side, including the invoices, belonged to Sam"
    (re.compile(r"(?P<area>[\w-]+)(?:\s+(?:side|work|part))?(?:,[^,;]{0,80},)?\s+belonged\s+to\s+"
                r"(?!me\b|us\b)"), ("belonged",)),
    (re.compile(r"(?P<area>[\w-]+)\s+(?:was|were)(?:n[’']t|\s+not|\s+never)\s+mine\b"),
     ("mine",)),
)


_OWNERSHIP_WORDS = re.compile(r"own|call|decision|decided|mine\b|stayed|remained|sat\s+with|\bset\b"
                              r"|\bchose|belonged")


def _stems(area: str) -> frozenset[str]:
    out = set()
    for token in tokens(area):
        if token in STOPWORDS:
            continue
        word = stem(token)
        word = _SYNONYMS.get(word, _SYNONYMS.get(token, word))
        if word not in _GENERIC:
            out.add(word)
    return frozenset(out)


def roles(statements: list[Statement]) -> list[RoleClaim]:
    found: list[RoleClaim] = []
    for s in statements:
        if s.block in ("front", "heading", "table") or not re.search(r"\bI\b|\bPM", s.text):
            continue
        for role, patterns in (("support", _SUPPORT), ("lead", _LEAD), ("shared", _SHARED)):
            for pattern in patterns:
                for m in pattern.finditer(s.text):
                    place = s.place(m.start(), m.end())
                    if place is not None:
                        found.append(RoleClaim(place, role, " ".join(m.group(0).split())))
    return found


def owners(statements: list[Statement]) -> list[Ownership]:
    found: list[Ownership] = []
    for s in statements:
        if s.block in ("front", "heading", "table") or not _OWNERSHIP_WORDS.search(s.text):
            continue
        low = s.text.lower()
        for mine, patterns in ((True, _MINE), (False, _THEIRS)):
            for pattern, needs in patterns:
                if not any(word in low for word in needs):
                    continue  # cheap test first: these patterns are slow to try
                for m in pattern.finditer(s.text):
                    area = m.group("area") or m.groupdict().get("area2") or ""
                    words = _stems(area)
                    place = s.place(m.start(), m.end())
                    if words and place is not None:
                        found.append(Ownership(place, " ".join(area.split()), words, mine))
    return found
