"""The machine-readable report (schema ``pmcoach.report/1``)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from .. import validation
from ..review import Report, Review

# Stands for the results list while the rest of the report is dumped around it.
_MARK = "\x00pmcoach-results\x00"


class JsonFormatter:
    name = "json"
    description = "The pmcoach.report/1 JSON report, for tools and CI."

    def render(self, report: Report, *, color: bool) -> str:
        return json.dumps(report.to_json_dict(), indent=2, ensure_ascii=False)

    def stream(self, report: Report, reviews: Iterable[Review], *, color: bool,
               verbosity: int = 0) -> Iterator[str]:
        """:meth:`render` in pieces, one per review as it comes (same text once joined):
        the report's other fields are dumped around a marker for the results."""
        head, _ = _around_results(report)
        yield head + "["
        count = 0
        for review in reviews:
            item = json.dumps(validation.to_jsonable(review), indent=2,
                              ensure_ascii=False)
            yield ("," if count else "") + "\n    " + item.replace("\n", "\n    ")
            count += 1
        _, tail = _around_results(report)
        yield ("\n  ]" if count else "]") + tail


def _around_results(report: Report) -> tuple[str, str]:
    """The report's JSON before and after its results list."""
    data = report.to_json_dict() if not report.results else \
        report.model_copy(update={"results": []}).to_json_dict()
    data["results"] = _MARK
    head, tail = json.dumps(data, indent=2, ensure_ascii=False).split(json.dumps(_MARK), 1)
    return head, tail
