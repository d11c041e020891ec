"""The review data model and the JSON report contract (``pmcoach.report/1``).

Verdict, severity and score rules live here so every engine and formatter agrees:

* a criterion is ``met``, ``partial`` or ``missing``;
* a criterion that is not met yields at least one finding; every finding takes its
  criterion's severity: ``missing`` is an ``error``, ``partial`` a ``warning``, and a
  note on a ``met`` criterion is ``info``;
* the score is the mean over criteria of met=1, partial=0.5, missing=0, as 0-100.

The models are stdlib dataclasses (building a report imports nothing heavy); pydantic
reads the same classes for ``pmcoach schema`` and :func:`validate_report`
(see ``validation.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from . import validation
from .portfolio.model import Portfolio

if TYPE_CHECKING:
    from pydantic import Field  # the real one is supplied when pydantic is needed

SCHEMA_ID = "pmcoach.report/1"


class Verdict(StrEnum):
    MET = "met"
    PARTIAL = "partial"
    MISSING = "missing"

    @property
    def points(self) -> float:
        return {"met": 1.0, "partial": 0.5, "missing": 0.0}[self.value]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 1, "warning": 2, "error": 3}[self.value]

    @classmethod
    def for_verdict(cls, verdict: Verdict) -> Severity:
        return {Verdict.MISSING: cls.ERROR, Verdict.PARTIAL: cls.WARNING}.get(verdict, cls.INFO)


class _Model:
    """What the report models share: no unknown keys, and pydantic-style copies."""

    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}

    def model_copy(self, update: dict[str, Any] | None = None) -> Any:
        """A copy with ``update``'s fields replaced (like pydantic's ``model_copy``)."""
        return replace(self, **(update or {}))  # type: ignore[type-var]


@dataclass(kw_only=True)
class Evidence(_Model):
    """A span of the document: 1-based inclusive lines and the exact text quoted."""

    line: Annotated[int, Field(ge=1)]
    end_line: Annotated[int, Field(ge=1)]
    quote: str


@dataclass(kw_only=True)
class Rewrite(_Model):
    """Text that, put where it says, turns the finding's criterion to met."""

    #: ``replace`` the quoted text, add a paragraph ``after`` its lines, or one at the
    #: ``start`` or ``end`` of the document.
    at: Literal["replace", "after", "start", "end"]
    text: str
    line: Annotated[int | None, Field(ge=1)] = None
    end_line: Annotated[int | None, Field(ge=1)] = None
    quote: str | None = None


@dataclass(kw_only=True)
class Finding(_Model):
    """Something to fix, anchored to lines when there is text to point at."""

    criterion: str
    severity: Severity
    line: Annotated[int | None, Field(ge=1)] = None
    end_line: Annotated[int | None, Field(ge=1)] = None
    quote: str | None = None
    message: str
    suggestion: str
    #: The rule of the kind file that produced it (``kind/criterion/rule`` in SARIF).
    rule: str | None = None
    rewrite: Rewrite | None = None

    def __post_init__(self) -> None:
        self.severity = Severity(self.severity)  # a plugin may pass "error"


@dataclass(kw_only=True)
class Suppression(_Model):
    """Why a criterion is switched off for a file: a comment in it, or the config."""

    reason: str
    source: Literal["comment", "config"]
    #: The line of the suppression comment (None for config).
    line: Annotated[int | None, Field(ge=1)] = None


@dataclass(kw_only=True)
class CriterionResult(_Model):
    """The verdict on one criterion, with what backs it up."""

    id: str
    verdict: Verdict
    message: str
    suggestion: str = ""
    evidence: list[Evidence] = field(default_factory=list)
    #: The verdict-table row (of the kind file) that decided the verdict.
    rule: str | None = None
    #: Who decided the verdict: the offline checks, or the model (see docs/models.md).
    source: Literal["offline", "model"] = "offline"
    #: Line-level problems the critic found; not part of the criterion's JSON
    #: (they are reported once, in the review's ``findings``).
    findings: Annotated[list[Finding], Field(exclude=True)] = field(
        default_factory=list, metadata={"exclude": True})
    #: Set when the criterion is turned off for this file: it stays in the report,
    #: yields no findings and does not count towards the score.
    suppressed: Suppression | None = None

    def __post_init__(self) -> None:
        self.verdict = Verdict(self.verdict)  # a plugin may pass "met"


@dataclass(kw_only=True)
class KindScore(_Model):
    kind: str
    confidence: Annotated[float, Field(ge=0, le=1)]


@dataclass(kw_only=True)
class Detection(_Model):
    """How the kind was decided; ``kind`` is None for a document that is not a PM document."""

    kind: str | None
    #: How likely the outcome is (the kind, or "not a PM document" when kind is None).
    confidence: Annotated[float, Field(ge=0, le=1)]
    source: Literal["front-matter", "option", "config", "content", "model"]
    #: Other kinds that scored almost as high: the document could be read as those too.
    close: list[KindScore] = field(default_factory=list)
    #: Content detection only: how likely the document is not a PM document at all.
    not_pm: Annotated[float | None, Field(ge=0, le=1)] = None
    #: The kind is a best guess: reviewed as it, but the runners-up are plausible too.
    uncertain: bool = False
    #: The next most likely kinds (for an uncertain kind, or a skipped document).
    runners_up: list[KindScore] = field(default_factory=list)
    #: The front-matter line that would settle an uncertain kind.
    settle: str | None = None
    #: For a skipped document: what it looks like instead.
    looks_like: str | None = None


@dataclass(kw_only=True)
class PromptRef(_Model):
    id: str
    sha256: str


@dataclass(kw_only=True)
class ErrorInfo(_Model):
    type: str
    message: str


@dataclass(kw_only=True)
class Review(_Model):
    """Everything pmcoach says about one file."""

    path: str
    kind: str | None = None
    detection: Detection | None = None
    engine: str = "offline"
    #: Why the model gave no answer for this file (it was reviewed offline instead).
    engine_error: ErrorInfo | None = None
    #: This file's model calls (None when no model was asked).
    usage: Usage | None = None
    prompt: PromptRef | None = None
    score: Annotated[int | None, Field(ge=0, le=100)] = None
    criteria: list[CriterionResult] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    summary: str = ""
    error: ErrorInfo | None = None
    # Never in the report (nor its schema): what the portfolio view needs from the document
    # once its review is done (runs over 2+ files). They travel with the review (copies,
    # pickling to and from worker processes).
    #: The facts the cross-file checks compare (a ``portfolio.facts.DocumentFacts``).
    facts: Annotated[Any, Field(exclude=True)] = field(
        default=None, repr=False, compare=False, metadata={"exclude": True})
    #: The document's text, kept only when a model reads the documents together.
    text: Annotated[str | None, Field(exclude=True)] = field(
        default=None, repr=False, compare=False, metadata={"exclude": True})

    def worst_severity(self) -> Severity | None:
        return max((f.severity for f in self.findings), key=lambda s: s.rank, default=None)


@dataclass(kw_only=True)
class ToolInfo(_Model):
    name: str = "pmcoach"
    version: str


@dataclass(kw_only=True)
class Usage(_Model):
    """Model calls: for the run (``Report.usage``) or one file (``Review.usage``)."""

    requests: int = 0
    cached: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    #: Estimated US dollars, from docs/caching.md's price table; None when the model's
    #: price is unknown (a local server) or nothing was sent.
    cost_usd: float | None = None


@dataclass(kw_only=True)
class SkippedFile(_Model):
    """A file left out of the review on purpose: it is not a PM document."""

    path: str
    reason: Literal["not-a-pm-document"] = "not-a-pm-document"
    detection: Detection

    @property
    def looks_like(self) -> str:
        """What the file looks like instead, for a one-line note."""
        return self.detection.looks_like or "none of the kinds"


@dataclass(kw_only=True)
class Report(_Model):
    """The whole run: the document every formatter renders."""

    schema_: Annotated[str, Field(alias="schema")] = field(default=SCHEMA_ID,
                                                           metadata={"alias": "schema"})
    tool: ToolInfo
    results: list[Review] = field(default_factory=list)
    #: Files that detection found are not PM documents (never an error).
    skipped: list[SkippedFile] = field(default_factory=list)
    #: The run was interrupted (Ctrl-C): only the files that finished are reported.
    incomplete: bool = False
    usage: Usage = field(default_factory=Usage)
    #: Two or more documents reviewed (or a baseline given): what they say together
    #: (docs/portfolio.md).
    portfolio: Portfolio | None = None

    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid",
                                                     "populate_by_name": True}

    def to_json_dict(self) -> dict[str, object]:
        data: dict[str, object] = validation.to_jsonable(self)
        return data


def validate_report(data: object) -> Report:
    """A saved ``--format json`` report read back (``pydantic.ValidationError`` when it
    does not fit the contract)."""
    report: Report = validation.validate(Report, data)
    return report


def report_schema() -> dict[str, Any]:
    """The JSON Schema of the report, as ``pmcoach schema`` prints it."""
    return validation.json_schema(Report, by_alias=True, mode="serialization")
