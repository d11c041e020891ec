"""The review data model and the JSON report contract (``pmcoach.report/1``).

Verdict, severity and score rules live here so every engine and formatter agrees:

* a criterion is ``met``, ``partial`` or ``missing``;
* a criterion that is not met yields at least one finding; every finding takes its
  criterion's severity: ``missing`` is an ``error``, ``partial`` a ``warning``, and a
  note on a ``met`` criterion is ``info``;
* the score is the mean over criteria of met=1, partial=0.5, missing=0, as 0-100.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from .portfolio.model import Portfolio

if TYPE_CHECKING:
    from .portfolio.facts import DocumentFacts

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


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Evidence(_Model):
    """A span of the document: 1-based inclusive lines and the exact text quoted."""

    line: int = Field(ge=1)
    end_line: int = Field(ge=1)
    quote: str


class Rewrite(_Model):
    """Text that, put where it says, turns the finding's criterion to met."""

    #: ``replace`` the quoted text, add a paragraph ``after`` its lines, or one at the
    #: ``start`` or ``end`` of the document.
    at: Literal["replace", "after", "start", "end"]
    text: str
    line: int | None = Field(default=None, ge=1)
    end_line: int | None = Field(default=None, ge=1)
    quote: str | None = None


class Finding(_Model):
    """Something to fix, anchored to lines when there is text to point at."""

    criterion: str
    severity: Severity
    line: int | None = Field(default=None, ge=1)
    end_line: int | None = Field(default=None, ge=1)
    quote: str | None = None
    message: str
    suggestion: str
    #: The rule of the kind file that produced it (``kind/criterion/rule`` in SARIF).
    rule: str | None = None
    rewrite: Rewrite | None = None


class Suppression(_Model):
    """Why a criterion is switched off for a file: a comment in it, or the config."""

    reason: str
    source: Literal["comment", "config"]
    #: The line of the suppression comment (None for config).
    line: int | None = Field(default=None, ge=1)


class CriterionResult(_Model):
    """The verdict on one criterion, with what backs it up."""

    id: str
    verdict: Verdict
    message: str
    suggestion: str = ""
    evidence: list[Evidence] = Field(default_factory=list)
    #: The verdict-table row (of the kind file) that decided the verdict.
    rule: str | None = None
    #: Who decided the verdict: the offline checks, or the model (see docs/models.md).
    source: Literal["offline", "model"] = "offline"
    #: Line-level problems the critic found; not part of the criterion's JSON
    #: (they are reported once, in the review's ``findings``).
    findings: list[Finding] = Field(default_factory=list, exclude=True)
    #: Set when the criterion is turned off for this file: it stays in the report,
    #: yields no findings and does not count towards the score.
    suppressed: Suppression | None = None


class KindScore(_Model):
    kind: str
    confidence: float = Field(ge=0, le=1)


class Detection(_Model):
    """How the kind was decided; ``kind`` is None for a document that is not a PM document."""

    kind: str | None
    #: How likely the outcome is (the kind, or "not a PM document" when kind is None).
    confidence: float = Field(ge=0, le=1)
    source: Literal["front-matter", "option", "config", "content", "model"]
    #: Other kinds that scored almost as high: the document could be read as those too.
    close: list[KindScore] = Field(default_factory=list)
    #: Content detection only: how likely the document is not a PM document at all.
    not_pm: float | None = Field(default=None, ge=0, le=1)
    #: The kind is a best guess: reviewed as it, but the runners-up are plausible too.
    uncertain: bool = False
    #: The next most likely kinds (for an uncertain kind, or a skipped document).
    runners_up: list[KindScore] = Field(default_factory=list)
    #: The front-matter line that would settle an uncertain kind.
    settle: str | None = None
    #: For a skipped document: what it looks like instead.
    looks_like: str | None = None


class PromptRef(_Model):
    id: str
    sha256: str


class ErrorInfo(_Model):
    type: str
    message: str


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
    score: int | None = Field(default=None, ge=0, le=100)
    criteria: list[CriterionResult] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    summary: str = ""
    error: ErrorInfo | None = None
    #: What the portfolio's cross-file checks need from the document (runs over 2+ files).
    #: Private: never in the report, but it travels with the review (copies, pickling).
    _facts: DocumentFacts | None = PrivateAttr(default=None)

    @property
    def facts(self) -> DocumentFacts | None:
        return self._facts

    @facts.setter
    def facts(self, value: DocumentFacts | None) -> None:
        self._facts = value

    #: The document's text, kept only when a model reads the documents together.
    _text: str | None = PrivateAttr(default=None)

    @property
    def text(self) -> str | None:
        return self._text

    @text.setter
    def text(self, value: str | None) -> None:
        self._text = value

    def worst_severity(self) -> Severity | None:
        return max((f.severity for f in self.findings), key=lambda s: s.rank, default=None)


class ToolInfo(_Model):
    name: str = "pmcoach"
    version: str


class Usage(_Model):
    """Model calls: for the run (``Report.usage``) or one file (``Review.usage``)."""

    requests: int = 0
    cached: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    #: Estimated US dollars, from docs/caching.md's price table; None when the model's
    #: price is unknown (a local server) or nothing was sent.
    cost_usd: float | None = None


class SkippedFile(_Model):
    """A file left out of the review on purpose: it is not a PM document."""

    path: str
    reason: Literal["not-a-pm-document"] = "not-a-pm-document"
    detection: Detection

    @property
    def looks_like(self) -> str:
        """What the file looks like instead, for a one-line note."""
        return self.detection.looks_like or "none of the kinds"


class Report(_Model):
    """The whole run: the document every formatter renders."""

    schema_: str = Field(default=SCHEMA_ID, alias="schema")
    tool: ToolInfo
    results: list[Review] = Field(default_factory=list)
    #: Files that detection found are not PM documents (never an error).
    skipped: list[SkippedFile] = Field(default_factory=list)
    #: The run was interrupted (Ctrl-C): only the files that finished are reported.
    incomplete: bool = False
    usage: Usage = Field(default_factory=Usage)
    #: Two or more documents reviewed (or a baseline given): what they say together
    #: (docs/portfolio.md).
    portfolio: Portfolio | None = None

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def to_json_dict(self) -> dict[str, object]:
        return self.model_dump(mode="json", by_alias=True)
