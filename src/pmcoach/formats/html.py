"""The report as one self-contained HTML page: inline CSS, charts as inline SVG, no script.

The page is rendered from the JSON report (``report.to_json_dict()``), so it depends on the
documented contract only. Documents are untrusted text (they may hold HTML or a script):
the template runs in Jinja's sandbox with autoescaping on, and the page's Content Security
Policy forbids scripts and every network request, so even a slip would load nothing.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from ..review import Report
from .html_excerpts import FileLines
from .html_view import build

if TYPE_CHECKING:
    from jinja2 import Template


class HtmlFormatter:
    name = "html"
    description = ("One self-contained HTML page (no network): portfolio summary, competency "
                   "chart, each file's findings beside its lines.")

    def __init__(self, files: FileLines | None = None) -> None:
        self._files = files

    def render(self, report: Report, *, color: bool) -> str:
        page = build(report.to_json_dict(), self._files or FileLines())
        return _template().render(page=page)


@cache
def _template() -> Template:
    # Imported here: jinja2 costs start-up time every other format does not need.
    from jinja2 import PackageLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(loader=PackageLoader("pmcoach.formats", "templates"),
                               autoescape=True, undefined=StrictUndefined,
                               trim_blocks=True, lstrip_blocks=True)
    return env.get_template("report.html.j2")
