"""The kind file: a rubric, its detection signature, and per criterion rules and verdicts.

This module is the file format and nothing else. The classes are frozen stdlib
dataclasses, cheap to build at start-up; pydantic reads them, only when a kind file is
not cached yet (see ``validation.py``), to validate a file, and :func:`kind_schema` is
the JSON Schema every kind file is validated against (``pmcoach schema --kind-file``
prints it; docs/plugins.md explains each key).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from .. import validation
from ..rubric import CRITERION_ID, KIND_ID, CompetencyId

if TYPE_CHECKING:
    from pydantic import Field

    #: A list of phrases, each a whole-word, case-insensitive pattern
    #: (``interview(s|ed)?``), or ``@name`` for a named group of the kind file or a
    #: built-in group (see groups.py).
    Phrases = list[str]

RULE_ID = r"^[a-z][a-z0-9-]*$"

#: Which sentences a rule reads. ``body``: paragraphs, list items and quotes (not
#: headings, tables, code, HTML comments, directives or front matter); ``prose``: body
#: and table rows; ``all``: body, headings and tables; ``items``: list items only;
#: ``opening``/``closing``: the first or last three body blocks.
Scope = Literal["body", "prose", "all", "headings", "tables", "items", "opening", "closing"]


def pydantic_names() -> dict[str, Any]:
    """What the annotations name that only exists with pydantic: ``Field``, a phrase
    (a non-empty string) and a rule (told apart by its ``type``)."""
    from pydantic import Field

    return {"Field": Field, "Phrases": list[Annotated[str, Field(min_length=1)]],
            "RuleSpec": Annotated[Rule, Field(discriminator="type")]}


class _Spec:
    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}

    @classmethod
    def model_validate(cls, data: Any) -> Any:
        """``data`` validated into this class (``pydantic.ValidationError`` when it
        does not fit)."""
        return validation.validate(cls, data)


@dataclass(frozen=True, kw_only=True)
class Repeated(_Spec):
    """An example made of ``text`` repeated ``times`` (for length rules)."""

    text: Annotated[str, Field(min_length=1)]
    times: Annotated[int, Field(ge=1, le=1000)]

    def __str__(self) -> str:
        return self.text * self.times


Example = str | Repeated


@dataclass(frozen=True, kw_only=True)
class Examples(_Spec):
    """Texts the rule must fire on, and texts it must stay silent on (run by the tests)."""

    fires: list[Example] = field(default_factory=list)
    silent: list[Example] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class _Rule(_Spec):
    id: Annotated[str, Field(pattern=RULE_ID)]
    description: Annotated[str, Field(
        description="What the rule looks for, in a sentence.")] = ""
    scope: Scope = "body"
    sections: Annotated[Phrases | None, Field(
        description="Only in sections whose heading means one of these.")] = None
    within: Annotated[list[str] | None, Field(
        description="Only sentences one of these earlier rules matched.")] = None
    within_all: Annotated[list[str] | None, Field(
        description="Only sentences every one of these earlier rules matched.")] = None
    outside: Annotated[list[str] | None, Field(
        description="Skip sentences other rules of this criterion matched.")] = None
    has: Annotated[Phrases | None, Field(
        description="The sentence must also hold one.")] = None
    unless: Annotated[Phrases | None, Field(
        description="Sentences holding one are skipped.")] = None
    question: Annotated[bool | None, Field(
        description="Only questions, or only non-questions.")] = None
    min_words: Annotated[int | None, Field(ge=1)] = None
    min: Annotated[int, Field(
        ge=0, description="Fires when it has at least this many matches.")] = 1
    max: Annotated[int | None, Field(ge=0, description="... and at most this many.")] = None
    distinct: Annotated[Literal["sentence", "block", "section", "match"], Field(
        description="What counts as one match when comparing with min/max.")] = "sentence"
    examples: Examples = field(default_factory=Examples)


@dataclass(frozen=True, kw_only=True)
class PhrasesRule(_Rule):
    """Sentences holding any of ``any`` and, with ``all``, one phrase of every group."""

    type: Literal["phrases"]
    any: Phrases | None = None
    all: list[Phrases] | None = None
    unit: Literal["sentence", "paragraph"] = "sentence"

    def __post_init__(self) -> None:
        if not self.any and not self.all and not self.has and self.question is None \
                and self.within is None and self.within_all is None:
            raise ValueError("a phrases rule needs 'any', 'all', 'has', 'question', 'within' "
                             "or 'within_all'")


@dataclass(frozen=True, kw_only=True)
class SequenceRule(_Rule):
    """Sentences matching each step in order, within one paragraph, section or document."""

    type: Literal["sequence"]
    steps: Annotated[list[Phrases], Field(min_length=2)]
    unit: Literal["paragraph", "section", "document"] = "document"


@dataclass(frozen=True, kw_only=True)
class MetricRule(_Rule):
    """A measure of the document (or of each block) inside or outside a range."""

    type: Literal["metric"]
    measure: Literal["words", "paragraphs", "sentences", "block-words"]
    above: int | None = None
    below: int | None = None

    def __post_init__(self) -> None:
        if self.above is None and self.below is None:
            raise ValueError("a metric rule needs 'above' or 'below'")


@dataclass(frozen=True, kw_only=True)
class CompareRule(_Rule):
    """Fires when ``rule`` has at least ``factor`` times as many matches as ``than``."""

    type: Literal["compare"]
    rule: str
    than: str
    factor: Annotated[float, Field(gt=0)] = 1.0


@dataclass(frozen=True, kw_only=True)
class SectionRule(_Rule):
    """Sections whose heading means one of ``headings``; matches are their body sentences."""

    type: Literal["section"]
    headings: Phrases


@dataclass(frozen=True, kw_only=True)
class PythonRule(_Rule):
    """A named function a plugin registered (``register_rule_functions``) for what data
    cannot say: date arithmetic, consistency between sentences."""

    type: Literal["python"]
    function: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_.-]*$")]
    options: dict[str, Any] = field(default_factory=dict)


Rule = PhrasesRule | SequenceRule | MetricRule | CompareRule | SectionRule | PythonRule
if TYPE_CHECKING:
    RuleSpec = Rule  # for pydantic: Annotated[Rule, Field(discriminator="type")]
#: Each rule type by the ``type`` key that names it in a kind file.
RULE_TYPES: dict[str, type[_Rule]] = {
    "phrases": PhrasesRule, "sequence": SequenceRule, "metric": MetricRule,
    "compare": CompareRule, "section": SectionRule, "python": PythonRule}


@dataclass(frozen=True, kw_only=True)
class Rewrite(_Spec):
    """Text that, put where the finding points, turns the criterion to met."""

    at: Annotated[Literal["replace", "after", "start", "end"], Field(
        description="replace the anchor sentence, add a paragraph after it, or one at the "
                    "start or end of the document.")]
    text: Annotated[str, Field(min_length=1)]


@dataclass(frozen=True, kw_only=True)
class VerdictRow(_Spec):
    """One row of a criterion's verdict table; the first row whose ``if`` holds decides."""

    id: Annotated[str | None, Field(
        pattern=RULE_ID, description="Names the outcome in reports (defaults to the first "
                                     "rule in 'if', or the verdict).")] = None
    if_: Annotated[str | None, Field(
        alias="if", min_length=1,
        description="Rule ids with and / or / not and parentheses.")] = None
    verdict: Literal["met", "partial", "missing"]
    message: Annotated[str, Field(min_length=1)]
    suggestion: str = ""
    rewrite: Rewrite | None = None
    anchor: Annotated[str | None, Field(
        description="The rule whose first match the finding points at (and the rewrite "
                    "goes to).")] = None
    evidence: Annotated[list[str] | None, Field(
        description="Rules whose matches are quoted as evidence (default: the rules in "
                    "'if').")] = None
    severity: Literal["error", "warning", "info"] | None = None
    each: Annotated[bool, Field(
        description="One finding per match of the anchor rule (at most ten), instead of one "
                    "for the criterion.")] = False


@dataclass(frozen=True, kw_only=True)
class CriterionSpec(_Spec):
    id: Annotated[str, Field(pattern=CRITERION_ID)]
    title: str
    description: str
    rules: list[RuleSpec] = field(default_factory=list)
    verdicts: Annotated[list[VerdictRow], Field(min_length=1)]
    competencies: Annotated[list[CompetencyId], Field(
        description="The senior-PM competencies this criterion evidences in the portfolio "
        "view (docs/portfolio.md).")] = field(default_factory=list)
    examples: Annotated[dict[Literal["met", "partial", "missing"], list[Example]], Field(
        description="Whole documents and the verdict each must get.")] = field(
        default_factory=dict)

    def __post_init__(self) -> None:
        if self.verdicts[-1].if_ is not None:
            raise ValueError(f"criterion {self.id!r}: the last verdict row must have no 'if'")
        ids = [r.id for r in self.rules]
        if len(ids) != len(set(ids)):
            raise ValueError(f"criterion {self.id!r} repeats a rule id")


@dataclass(frozen=True, kw_only=True)
class KindSpec(_Spec):
    """A whole kind: everything pmcoach needs to detect and review it offline."""

    kind: Annotated[str, Field(pattern=KIND_ID)]
    title: str
    prompt: Annotated[int | None, Field(ge=1, description="Prompt template version.")] = None
    signature: Annotated[str | dict[str, Any] | None, Field(
        description="Detection signature: a mapping, or a YAML file beside.")] = None
    phrases: Annotated[dict[str, Phrases], Field(
        description="Named phrase groups, used as @name.")] = field(default_factory=dict)
    criteria: Annotated[list[CriterionSpec], Field(min_length=1)]

    def __post_init__(self) -> None:
        ids = [c.id for c in self.criteria]
        if len(ids) != len(set(ids)):
            raise ValueError(f"kind {self.kind!r} repeats a criterion id")


def kind_schema() -> dict[str, Any]:
    """The JSON Schema of a kind file."""
    return validation.json_schema(KindSpec, by_alias=True)


# -- from data that was validated before ---------------------------------------------------
# A kind file's data is validated once and cached as the JSON of its KindSpec (field
# names, defaults filled in); these rebuild the spec from that JSON without pydantic.

def from_validated(data: dict[str, Any]) -> KindSpec:
    """The :class:`KindSpec` whose ``validation.to_jsonable`` form is ``data``."""
    return KindSpec(**{**data, "criteria": [_criterion(c) for c in data["criteria"]]})


def _criterion(data: dict[str, Any]) -> CriterionSpec:
    return CriterionSpec(**{
        **data, "rules": [_rule(r) for r in data["rules"]],
        "verdicts": [_row(v) for v in data["verdicts"]],
        "examples": {k: [_example(e) for e in v] for k, v in data["examples"].items()}})


def _rule(data: dict[str, Any]) -> Rule:
    examples = data["examples"]
    rule: Rule = RULE_TYPES[data["type"]](**{**data, "examples": Examples(  # type: ignore[assignment]
        fires=[_example(e) for e in examples["fires"]],
        silent=[_example(e) for e in examples["silent"]])})
    return rule


def _row(data: dict[str, Any]) -> VerdictRow:
    rewrite = data["rewrite"]
    return VerdictRow(**{**data, "rewrite": Rewrite(**rewrite) if rewrite else None})


def _example(data: str | dict[str, Any]) -> Example:
    return Repeated(**data) if isinstance(data, dict) else data
