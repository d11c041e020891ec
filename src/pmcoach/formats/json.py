"""The machine-readable report (schema ``pmcoach.report/1``)."""

from __future__ import annotations

import json

from ..review import Report


class JsonFormatter:
    name = "json"
    description = "The pmcoach.report/1 JSON report, for tools and CI."

    def render(self, report: Report, *, color: bool) -> str:
        return json.dumps(report.to_json_dict(), indent=2, ensure_ascii=False)
