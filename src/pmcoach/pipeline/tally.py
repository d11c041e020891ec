"""What a run needs to remember of each review once the review itself is written out:
whether a file failed, the worst severity, model failures and findings per rule. The
exit status and ``--statistics`` come from here, so a streamed report keeps no reviews.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..errors import ExitCode
from ..review import Review, Severity

FAIL_ON = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO,
           "never": None}


@dataclass
class Tally:
    reviewed: int = 0
    #: Files that could not be reviewed (their review carries an error).
    failed: int = 0
    #: Files the model could not answer for (reviewed offline instead).
    engine_errors: int = 0
    worst: Severity | None = None
    #: Findings per ``kind/criterion/rule``.
    rules: Counter[str] = field(default_factory=Counter)

    @classmethod
    def of(cls, reviews: Iterable[Review]) -> Tally:
        tally = cls()
        for review in reviews:
            tally.add(review)
        return tally

    def add(self, review: Review) -> None:
        self.reviewed += 1
        self.failed += review.error is not None
        self.engine_errors += review.engine_error is not None
        worst = review.worst_severity()
        if worst is not None:
            self.add_severity(worst)
        self.rules.update("/".join(p for p in (review.kind or "unknown", f.criterion, f.rule)
                                   if p) for f in review.findings)

    def add_severity(self, severity: Severity) -> None:
        """A finding's severity counts towards the exit status (one across documents too)."""
        if self.worst is None or severity.rank > self.worst.rank:
            self.worst = severity

    def exit_code(self, fail_on: str) -> ExitCode:
        """3 when any file could not be reviewed, else 1 when a finding reaches ``fail_on``."""
        if self.failed:
            return ExitCode.FAILED
        threshold = FAIL_ON[fail_on]
        if threshold is None or self.worst is None or self.worst.rank < threshold.rank:
            return ExitCode.OK
        return ExitCode.FINDINGS

    def statistics(self) -> str:
        """Findings per rule, most first: which advice a folder of documents needs most."""
        lines = [f"{n:5d}  {rule}"
                 for rule, n in sorted(self.rules.items(), key=lambda x: (-x[1], x[0]))]
        return "\n".join(["findings per rule:", *lines] if lines else ["no findings"])
