"""A saved JSON report (``pmcoach review --format json -o FILE``) as a baseline's reviews.

Read leniently: only what a comparison needs (paths, kinds, scores, verdicts) is
validated, so a report written by a newer pmcoach, with fields added, still reads.
"""

from __future__ import annotations

import json
import os
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import BaselineError
from ..review import SCHEMA_ID, CriterionResult, ErrorInfo, Review, Suppression, Verdict

#: A report of thousands of files is a few megabytes; far more is not a report.
MAX_REPORT_BYTES = 64 * 1024 * 1024
_HOW = "save one with `pmcoach review --format json -o FILE`, or give a git ref"


class _Lenient(BaseModel):
    model_config = ConfigDict(extra="ignore")


class _SavedSuppression(_Lenient):
    reason: str = ""
    source: Literal["comment", "config"] = "config"
    line: int | None = Field(default=None, ge=1)


class _SavedCriterion(_Lenient):
    id: str
    verdict: Verdict
    message: str = ""
    suppressed: _SavedSuppression | None = None


class _SavedError(_Lenient):
    type: str = "error"
    message: str = ""


class _SavedResult(_Lenient):
    path: str
    kind: str | None = None
    score: int | None = Field(default=None, ge=0, le=100)
    criteria: list[_SavedCriterion] = Field(default_factory=list)
    error: _SavedError | None = None

    def review(self) -> Review:
        criteria = [CriterionResult(
            id=c.id, verdict=c.verdict, message=c.message,
            suppressed=Suppression(**c.suppressed.model_dump()) if c.suppressed else None)
            for c in self.criteria]
        error = ErrorInfo(**self.error.model_dump()) if self.error else None
        return Review(path=self.path, kind=self.kind, score=self.score, criteria=criteria,
                      error=error)


class _SavedReport(_Lenient):
    results: list[_SavedResult]


def load_saved_report(path: str) -> list[Review]:
    """The reviews of the report saved at ``path``, or a :class:`BaselineError` saying
    what is wrong with the file."""
    data = _json(path)
    if not isinstance(data, dict) or data.get("schema") != SCHEMA_ID:
        found = data.get("schema") if isinstance(data, dict) else None
        what = f"its schema is {found!r}" if isinstance(found, str) else "no schema field"
        raise BaselineError(f"--baseline {path}: not a pmcoach report ({what}, expected "
                            f"{SCHEMA_ID}); {_HOW}")
    try:
        return [r.review() for r in _SavedReport.model_validate(data).results]
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "the report"
        raise BaselineError(f"--baseline {path}: not a valid {SCHEMA_ID} report ({where}: "
                            f"{first['msg']}); {_HOW}") from None


def _json(path: str) -> object:
    try:
        if os.path.getsize(path) > MAX_REPORT_BYTES:
            raise BaselineError(f"--baseline {path}: larger than "
                                f"{MAX_REPORT_BYTES // (1024 * 1024)} MB, too large for a "
                                f"pmcoach report; {_HOW}")
        with open(path, encoding="utf-8-sig") as handle:
            return json.load(handle)
    except OSError as exc:
        raise BaselineError(f"--baseline {path}: cannot be read ({exc.strerror or exc}); "
                            "check the path") from None
    except UnicodeDecodeError:
        raise BaselineError(f"--baseline {path}: not UTF-8 text, so not a JSON report; "
                            f"{_HOW}") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"--baseline {path}: not valid JSON (line {exc.lineno}: "
                            f"{exc.msg}); {_HOW}") from None
    except (ValueError, RecursionError) as exc:  # a number too long, nesting too deep
        raise BaselineError(f"--baseline {path}: not JSON pmcoach can read "
                            f"({type(exc).__name__}); {_HOW}") from None
