"""The kind file: a rubric, its detection signature, and per criterion rules and verdicts.

This module is the file format and nothing else. ``KindSpec.model_json_schema()`` is the
JSON Schema every kind file is validated against on load (``pmcoach schema --kind-file``
prints it; docs/plugins.md explains each key).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..rubric import CRITERION_ID, KIND_ID, CompetencyId

RULE_ID = r"^[a-z][a-z0-9-]*$"

#: A list of phrases, each a whole-word, case-insensitive pattern (``interview(s|ed)?``),
#: or ``@name`` for a named group of the kind file or a built-in group (see groups.py).
Phrases = list[Annotated[str, Field(min_length=1)]]

#: Which sentences a rule reads. ``body``: paragraphs, list items and quotes (not
#: headings, tables, code, HTML comments, directives or front matter); ``prose``: body
#: and table rows; ``all``: body, headings and tables; ``items``: list items only;
#: ``opening``/``closing``: the first or last three body blocks.
Scope = Literal["body", "prose", "all", "headings", "tables", "items", "opening", "closing"]


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Repeated(_Spec):
    """An example made of ``text`` repeated ``times`` (for length rules)."""

    text: str = Field(min_length=1)
    times: int = Field(ge=1, le=1000)

    def __str__(self) -> str:
        return self.text * self.times


Example = str | Repeated


class Examples(_Spec):
    """Texts the rule must fire on, and texts it must stay silent on (run by the tests)."""

    fires: list[Example] = Field(default_factory=list)
    silent: list[Example] = Field(default_factory=list)


class _Rule(_Spec):
    id: str = Field(pattern=RULE_ID)
    description: str = Field(default="", description="What the rule looks for, in a sentence.")
    scope: Scope = "body"
    sections: Phrases | None = Field(
        default=None, description="Only in sections whose heading means one of these.")
    within: list[str] | None = Field(
        default=None, description="Only sentences one of these earlier rules matched.")
    within_all: list[str] | None = Field(
        default=None, description="Only sentences every one of these earlier rules matched.")
    outside: list[str] | None = Field(
        default=None, description="Skip sentences other rules of this criterion matched.")
    has: Phrases | None = Field(default=None, description="The sentence must also hold one.")
    unless: Phrases | None = Field(default=None, description="Sentences holding one are skipped.")
    question: bool | None = Field(default=None,
                                  description="Only questions, or only non-questions.")
    min_words: int | None = Field(default=None, ge=1)
    min: int = Field(default=1, ge=0, description="Fires when it has at least this many matches.")
    max: int | None = Field(default=None, ge=0, description="... and at most this many.")
    distinct: Literal["sentence", "block", "section", "match"] = Field(
        default="sentence", description="What counts as one match when comparing with min/max.")
    examples: Examples = Field(default_factory=Examples)


class PhrasesRule(_Rule):
    """Sentences holding any of ``any`` and, with ``all``, one phrase of every group."""

    type: Literal["phrases"]
    any: Phrases | None = None
    all: list[Phrases] | None = None
    unit: Literal["sentence", "paragraph"] = "sentence"

    @model_validator(mode="after")
    def _something(self) -> PhrasesRule:
        if not self.any and not self.all and not self.has and self.question is None \
                and self.within is None and self.within_all is None:
            raise ValueError("a phrases rule needs 'any', 'all', 'has', 'question', 'within' "
                             "or 'within_all'")
        return self


class SequenceRule(_Rule):
    """Sentences matching each step in order, within one paragraph, section or document."""

    type: Literal["sequence"]
    steps: list[Phrases] = Field(min_length=2)
    unit: Literal["paragraph", "section", "document"] = "document"


class MetricRule(_Rule):
    """A measure of the document (or of each block) inside or outside a range."""

    type: Literal["metric"]
    measure: Literal["words", "paragraphs", "sentences", "block-words"]
    above: int | None = None
    below: int | None = None

    @model_validator(mode="after")
    def _bounded(self) -> MetricRule:
        if self.above is None and self.below is None:
            raise ValueError("a metric rule needs 'above' or 'below'")
        return self


class CompareRule(_Rule):
    """Fires when ``rule`` has at least ``factor`` times as many matches as ``than``."""

    type: Literal["compare"]
    rule: str
    than: str
    factor: float = Field(default=1.0, gt=0)


class SectionRule(_Rule):
    """Sections whose heading means one of ``headings``; matches are their body sentences."""

    type: Literal["section"]
    headings: Phrases


class PythonRule(_Rule):
    """A named function a plugin registered (``register_rule_functions``) for what data
    cannot say: date arithmetic, consistency between sentences."""

    type: Literal["python"]
    function: str = Field(pattern=r"^[a-z][a-z0-9_.-]*$")
    options: dict[str, Any] = Field(default_factory=dict)


Rule = Annotated[PhrasesRule | SequenceRule | MetricRule | CompareRule | SectionRule | PythonRule,
                 Field(discriminator="type")]


class Rewrite(_Spec):
    """Text that, put where the finding points, turns the criterion to met."""

    at: Literal["replace", "after", "start", "end"] = Field(
        description="replace the anchor sentence, add a paragraph after it, or one at the "
                    "start or end of the document.")
    text: str = Field(min_length=1)


class VerdictRow(_Spec):
    """One row of a criterion's verdict table; the first row whose ``if`` holds decides."""

    id: str | None = Field(default=None, pattern=RULE_ID,
                           description="Names the outcome in reports (defaults to the first "
                                       "rule in 'if', or the verdict).")
    if_: str | None = Field(default=None, alias="if", min_length=1,
                            description="Rule ids with and / or / not and parentheses.")
    verdict: Literal["met", "partial", "missing"]
    message: str = Field(min_length=1)
    suggestion: str = ""
    rewrite: Rewrite | None = None
    anchor: str | None = Field(default=None, description="The rule whose first match the "
                               "finding points at (and the rewrite goes to).")
    evidence: list[str] | None = Field(default=None, description="Rules whose matches are "
                                       "quoted as evidence (default: the rules in 'if').")
    severity: Literal["error", "warning", "info"] | None = None
    each: bool = Field(default=False, description="One finding per match of the anchor rule "
                       "(at most ten), instead of one for the criterion.")


class CriterionSpec(_Spec):
    id: str = Field(pattern=CRITERION_ID)
    title: str
    description: str
    rules: list[Rule] = Field(default_factory=list)
    verdicts: list[VerdictRow] = Field(min_length=1)
    competencies: list[CompetencyId] = Field(
        default_factory=list, description="The senior-PM competencies this criterion "
        "evidences in the portfolio view (docs/portfolio.md).")
    examples: dict[Literal["met", "partial", "missing"], list[Example]] = Field(
        default_factory=dict, description="Whole documents and the verdict each must get.")

    @model_validator(mode="after")
    def _default_last(self) -> CriterionSpec:
        if self.verdicts[-1].if_ is not None:
            raise ValueError(f"criterion {self.id!r}: the last verdict row must have no 'if'")
        ids = [r.id for r in self.rules]
        if len(ids) != len(set(ids)):
            raise ValueError(f"criterion {self.id!r} repeats a rule id")
        return self


class KindSpec(_Spec):
    """A whole kind: everything pmcoach needs to detect and review it offline."""

    kind: str = Field(pattern=KIND_ID)
    title: str
    prompt: int | None = Field(default=None, ge=1, description="Prompt template version.")
    signature: str | dict[str, Any] | None = Field(
        default=None, description="Detection signature: a mapping, or a YAML file beside.")
    phrases: dict[str, Phrases] = Field(default_factory=dict,
                                        description="Named phrase groups, used as @name.")
    criteria: list[CriterionSpec] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> KindSpec:
        ids = [c.id for c in self.criteria]
        if len(ids) != len(set(ids)):
            raise ValueError(f"kind {self.kind!r} repeats a criterion id")
        return self
