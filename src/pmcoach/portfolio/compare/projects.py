"""Which project a fact is about.

Projects are named by the titles of the documents that tell of one piece of work (case
studies, updates, decisions): "Route Planner at Acme" and "Route Planner: pilot
update" name one project, and so do "Fleet App" and "Acme Fleet App" (one name is part of
the other). A fact is about the project named nearest before it in its sentence,
else named in the sentence before it or in its section's title, else the project its
document is about. A fact next to a proper name the catalog does not know ("before this I ran
Parcel Lockers, a team of twelve engineers") is about something else, and is not compared:
being conservative costs a missed finding, never a false one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..extract.text import name_stems as _stems
from ..extract.text import stem
from ..facts import DocumentFacts, Place
from .linking import link_unnamed

#: Kinds whose title names the project they are about.
PROJECT_KINDS = frozenset({"case-study", "manager-update", "decision", None})
_WORD = re.compile(r"[A-Za-z0-9]+")
_VERSION = re.compile(r"(?i)\bv(\d+)(?:\.\d+)?\b|\bversion\s+(\d+)\b")
_PROPER = re.compile(r"(?<![\w'’])(?:[A-Z][a-z]+|[A-Z]{2,})(?:[ -](?:[A-Z][a-z]+|[A-Z]{2,}|v\d+))+"
                     r"(?![\w'’])")
_LEADING = frozenset([
    "the", "a", "an", "our", "my", "this", "that", "these", "for", "in", "on", "at", "by",
    "when", "after", "before", "with", "from", "to", "its", "their", "his", "her", "your",
    "and", "or", "but", "so", "as", "of", "if", "while", "once", "since"
])
#: A sentence about other work than the document's.
_ELSEWHERE = re.compile(
    r"(?i)\b(?:my|our|the|a)\s+(?:previous|prior|last|former|old|earlier|next|other|first)\s+"
    r"(?:project|company|team|job|role|employer|startup|product)\b|\bat\s+my\s+(?:previous|last"
    r"|old|former)\b|\bbefore\s+(?:this|that)\s+(?:project|role|job)\b|\b(?:another|other|a\s+sister"
    r"|someone\s+else)['’]?s?\s+(?:team['’]s\s+)?(?:project|product|team['’]s)")
#: A sentence that points back to the one before it.
_ANAPHOR = re.compile(
    r"\W*(?:It|Its|This|That|These|Those|They|Their|Both|(?:The|This|That)\s+(?:app|feature"
    r"|product|project|launch|tool|system|pilot|beta|change|rollout|redesign|rebuild|work|release"
    r"|program|programme|initiative|effort|build))\b")
#: A name right after these words is the object of a phrase, not what the sentence is about.
_OBJECT = re.compile(r"(?i)\b(?:with|from|than|like|unlike|of|besides|beside|alongside"
                     r"|including)\s+(?:the\s+|our\s+)?$")
_NOT_PROJECT = re.compile(
    r"(?i)\b(?:manager|pm|director|head|vp|lead|engineers?|designers?|analysts?|officer|ceo|cto"
    r"|cfo|coo|january|february|march|april|may|june|july|august|september|october|november"
    r"|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|q[1-4]|h[12])\b")


@dataclass(frozen=True)
class Project:
    key: int
    name: str
    names: tuple[tuple[str, ...], ...]  # each full name, as stems
    version: str | None


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    project: Project | None  # None: a proper name that is not a known project


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    return any(longer[i: i + n] == shorter for i in range(len(longer) - n + 1))


def _version(name: str) -> str | None:
    m = _VERSION.search(name)
    return (m.group(1) or m.group(2)) if m else None


_Name = tuple[str, tuple[str, ...]]  # as written, and as stems


def _project_names(facts: Sequence[DocumentFacts]) -> list[list[_Name]]:
    """The names of the projects documents tell of, each document's names for its own work
    together: its title's names, else a one-word title the portfolio writes as a name, else
    the name it repeats most (three times or more); and the names its body gives the work
    ("the new tool was named ...")."""
    written = frozenset().union(*(doc.written_names for doc in facts))
    names: list[list[_Name]] = []
    for doc in facts:
        if doc.kind in PROJECT_KINDS:
            lead = [doc.lead_word] if doc.lead_word in written else []
            own = [n for n in doc.names if _stems(n)] or lead or [
                n for n, count in doc.frequent[:1] if count >= 3]
            # A question names several projects: only its first is the work's own name.
            aliases = [(a, _stems(a)) for a in doc.aliases if _stems(a)]
            if own and aliases:
                names.append([(own[0], _stems(own[0])), *aliases])
                own = own[1:]
            elif aliases:
                names.append(aliases)
            names.extend([(n, _stems(n))] for n in own)
    return names


def _related(a: list[_Name], b: list[_Name]) -> bool:
    return any(_contains(x[1], y[1]) or _contains(y[1], x[1]) for x in a for y in b)


def _group(names: list[list[_Name]]) -> list[list[_Name]]:
    """Names that are part of one another, or that one document gives its own work, name
    one project."""
    groups: list[list[_Name]] = []
    for linked in names:
        homes = [g for g in groups if _related(g, linked)]
        merged = [n for g in homes for n in g]
        for name in linked:
            if name[1] not in [n[1] for n in merged]:
                merged.append(name)
        at = groups.index(homes[0]) if homes else len(groups)
        groups = [g for g in groups[:at] if all(g is not h for h in homes)] + [merged] + [
            g for g in groups[at:] if all(g is not h for h in homes)]
    return groups


class Catalog:
    """The projects of a portfolio, and which of them a fact is about."""

    def __init__(self, facts: Sequence[DocumentFacts]):
        groups = _group(_project_names(facts))
        # Shown by its shortest full name ("Quote Tool", not "Acme Quote Tool").
        self.projects = [
            Project(i, min(g, key=lambda n: (len(n[1]), n[0]))[0], tuple(n[1] for n in g),
                    _version(g[0][0]))
            for i, g in enumerate(groups)]
        self._variants = self._build_variants()
        self._longest = max((len(v) for v in self._variants), default=0)
        self._ignored = frozenset(
            " ".join(_stems(p)) for doc in facts for p in doc.proper_names)
        self._linked: dict[str, Project] = {}
        self._linked = link_unnamed(facts, self.projects, self.main,
                                    lambda project: set(project.names))

    def _build_variants(self) -> dict[tuple[str, ...], Project]:
        """Each full name, and each tail of two or more words ("Acme Fleet App" is
        also "fleet app"), unless two projects share it."""
        owners: dict[tuple[str, ...], set[int]] = {}
        full: dict[tuple[str, ...], int] = {}
        for project in self.projects:
            for name in project.names:
                full[name] = project.key
                for i in range(len(name) - 1):
                    owners.setdefault(name[i:], set()).add(project.key)
        variants = {v: self.projects[next(iter(k))] for v, k in owners.items() if len(k) == 1}
        variants.update({v: self.projects[k] for v, k in full.items()})
        return variants

    def main(self, doc: DocumentFacts) -> Project | None:
        """The project a document as a whole is about (None for plans and strategies)."""
        if doc.kind not in PROJECT_KINDS:
            return None
        # "Weekly note, Foxglove, 3 May": the one known project its title names.
        in_title = {f.project.key: f.project for f in self.mentions(doc.title)
                    if f.project is not None}
        if len(in_title) == 1:
            return next(iter(in_title.values()))
        for name in (*doc.names, doc.lead_word, *doc.aliases):
            project = self._variants.get(_stems(name))
            if project is not None:
                return project
        if doc.names or doc.lead_word:
            return None
        # No name in the title: the known project the document names most, if repeated.
        for name, _ in doc.frequent:
            project = self._variants.get(_stems(name))
            if project is not None:
                return project
        return self._linked.get(doc.path)

    def mentions(self, text: str) -> list[Mention]:
        """Known projects and other proper names in ``text``, in order."""
        words = [(m.start(), m.end(), stem(m.group(0).lower())) for m in _WORD.finditer(text)]
        found: list[Mention] = []
        i = 0
        longest = self._longest
        while i < len(words):
            for n in range(min(longest, len(words) - i), 0, -1):
                key = tuple(w[2] for w in words[i: i + n])
                # A one-word name counts only capitalised: "Beacon", not "a beacon".
                if key in self._variants and (n > 1 or text[words[i][0]].isupper()):
                    found.append(Mention(words[i][0], words[i + n - 1][1], self._variants[key]))
                    i += n
                    break
            else:
                i += 1
        for m in _PROPER.finditer(text):
            if any(f.start < m.end() and m.start() < f.end for f in found):
                continue
            phrase = m.group(0).split()
            while phrase and phrase[0].lower() in _LEADING:
                phrase = phrase[1:]
            name = " ".join(phrase)
            if len(phrase) < 2 or _NOT_PROJECT.search(name) or " ".join(
                    _stems(name)) in self._ignored:
                continue
            found.append(Mention(m.end() - len(name), m.end(), None))
        return sorted(found, key=lambda f: f.start)

    def _in_sentence(self, place: Place) -> tuple[bool, Project | None]:
        """(decided, project) from the names in the fact's own sentence."""
        found = self.mentions(place.sentence)
        if not found:
            return False, None
        known = {f.project.key for f in found if f.project is not None}
        before = [f for f in found if f.end <= place.offset]
        if not before and found[0].project is not None and _OBJECT.search(
                place.sentence[: found[0].start]):
            # "two engineers, with an analyst shared with Route Planner": the project is
            # what something is shared with or taken from, not what the fact is about.
            return True, None
        if len(known) == 1 and all(f.project is not None for f in found):
            return True, found[0].project
        if before:
            return True, before[-1].project
        after = [f for f in found if f.project is not None]
        if after:
            return True, None if _OBJECT.search(place.sentence[: after[0].start]) else after[
                0].project
        return False, None

    def _only(self, text: str) -> Project | None:
        found = self.mentions(text)
        known = {f.project.key for f in found if f.project is not None}
        if len(known) == 1 and all(f.project is not None for f in found):
            return next(f.project for f in found)
        return None

    def _previous(self, doc: DocumentFacts, place: Place) -> Project | None:
        """The one project the sentence before names, when this one points back to it
        ("It cut ...", "The app ...") or the document has no project of its own."""
        if not (_ANAPHOR.match(place.sentence) or self.main(doc) is None):
            return None
        known = {f.project.key: f.project for f in self.mentions(place.previous)
                 if f.project is not None}
        return next(iter(known.values())) if len(known) == 1 else None

    def resolve(self, doc: DocumentFacts, place: Place) -> Project | None:
        decided, project = self._in_sentence(place)
        if not decided:
            if _ELSEWHERE.search(place.sentence):
                return None  # "at my previous company, ...": not this project
            project = (self._previous(doc, place) or self._only(place.section)
                       or self.main(doc))
        if project is not None and not self._same_version(project, place.sentence):
            return None
        return project

    @staticmethod
    def _same_version(project: Project, sentence: str) -> bool:
        """ "the v1 dashboard" is not Dashboard v2 (nor is v2 a project with no version)."""
        versions = {m.group(1) or m.group(2) for m in _VERSION.finditer(sentence)}
        return not versions or project.version in versions
