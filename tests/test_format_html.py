"""``--format html``: the page's content, its safety with hostile documents, and its excerpts.

The page in a real browser (rendering, console, network, screenshots, phone width) is
tested in test_html_browser.py.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import run
from html_report import DOCS, SCRIPT, portfolio_for, review, write_docs

from pmcoach.formats.html import HtmlFormatter
from pmcoach.formats.html_chart import CENTER_X, CENTER_Y, RADIUS, radar
from pmcoach.formats.html_excerpts import FileLines
from pmcoach.formats.html_view import build
from pmcoach.plugins import load
from pmcoach.review import Report


class _Page(HTMLParser):
    """The page's text as a reader sees it, and every tag and attribute in it."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._skip = 0
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._skip += tag in ("style", "title")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("style", "title")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self.parts).split())


def squash(text: str) -> str:
    return " ".join(text.split())


def render(report: Report) -> str:
    return HtmlFormatter().render(report, color=False)


@pytest.fixture
def reviewed(tmp_path: Path) -> Report:
    return review(write_docs(tmp_path / "docs"))


def test_html_is_a_built_in_format() -> None:
    registry = load()
    assert "html" in registry.formatters
    info = next(p for p in registry.plugins if p.name == "pmcoach.formats")
    assert "html" in info.formatters


def test_one_file_renders_without_a_portfolio(tmp_path: Path) -> None:
    (path,) = write_docs(tmp_path)[:1]
    result = run("review", path, "--format", "html")
    assert result.exit_code == 1, result.stderr  # the document has errors
    assert result.stdout.startswith("<!DOCTYPE html>")
    page = _Page(result.stdout)
    findings = json.loads(run("review", path, "--format", "json").stdout)["results"][0]
    assert findings["findings"], "the sample document should have findings"
    assert path in page.text
    for finding in findings["findings"]:
        assert squash(finding["message"]) in page.text
        assert squash(finding["suggestion"]) in page.text
    ids = {attrs.get("id") for _, attrs in page.tags}
    assert "competencies" not in ids and "across" not in ids  # no portfolio: no such sections


def test_every_file_finding_and_portfolio_part_is_on_the_page(reviewed: Report) -> None:
    reviewed.portfolio = portfolio_for(reviewed)
    page = _Page(render(reviewed))
    for result in reviewed.results:
        assert result.path in page.text
        for finding in result.findings:
            assert squash(finding.message) in page.text
    portfolio = reviewed.portfolio
    for competency in portfolio.competencies:
        assert competency.name in page.text
        for sentence in (competency.gap, competency.next):
            assert sentence is None or sentence in page.text
    for kind in portfolio.criteria:
        assert kind in page.text
    (cross,) = portfolio.findings
    assert cross.message in page.text and cross.suggestion in page.text
    assert "a team of 4 engineers" in page.text and "nine engineers" in page.text
    assert portfolio.changes is not None
    assert f"Changes since {portfolio.changes.baseline}" in page.text
    assert "▲ improved" in page.text and "old-notes.md" in page.text


def test_the_competency_chart_is_inline_svg_with_one_spoke_per_competency(
        reviewed: Report) -> None:
    reviewed.portfolio = portfolio_for(reviewed)
    html = render(reviewed)
    chart = re.search(r'<figure class="radar">.*?</figure>', html, re.S)
    assert chart is not None
    assert chart.group(0).count('class="spoke"') == 7
    assert chart.group(0).count('class="dot ') == 7
    assert "Analytical" in chart.group(0) and "no evidence" in chart.group(0)


def test_a_script_in_a_document_is_shown_as_text_never_run(reviewed: Report) -> None:
    reviewed.portfolio = portfolio_for(reviewed)
    html = render(reviewed)
    page = _Page(html)
    assert SCRIPT in page.text  # shown, as the document's own text
    assert not [tag for tag, _ in page.tags if tag in ("script", "img", "iframe", "object")]
    assert not [name for _, attrs in page.tags for name in attrs if name.startswith("on")]
    assert "&lt;script&gt;" in html


def test_a_hostile_path_and_message_are_escaped_too() -> None:
    hostile = '<u onmouseover="alert(1)">x</u>.md'
    report = {"tool": {"version": "0"}, "results": [{
        "path": hostile, "kind": "case-study", "score": 10, "summary": "<s>s</s>",
        "criteria": [{"id": "context", "verdict": "missing", "message": "<marquee>m"}],
        "findings": [{"criterion": "context", "severity": "error", "message": "</div><hr>",
                      "suggestion": "<dialog open>s"}]}]}
    from pmcoach.formats.html import _template

    page = _Page(_template().render(page=build(report, FileLines())))
    assert {tag for tag, _ in page.tags}.isdisjoint({"u", "s", "hr", "marquee", "dialog"})
    assert not [name for _, attrs in page.tags for name in attrs if name.startswith("on")]
    assert hostile in page.text and "</div><hr>" in page.text


def test_the_page_is_self_contained(reviewed: Report) -> None:
    reviewed.portfolio = portfolio_for(reviewed)
    html = render(reviewed)
    page = _Page(html)
    assert not [tag for tag, _ in page.tags if tag in ("link", "script", "img")]
    for _, attrs in page.tags:
        for name in ("href", "src", "xlink:href", "action"):
            assert (attrs.get(name) or "#").startswith("#"), attrs
    assert not re.search(r"https?://|url\(|@import", html)
    csp = next(a["content"] for t, a in page.tags if a.get("http-equiv") ==
               "Content-Security-Policy")
    assert "default-src 'none'" in (csp or "")


def test_findings_sit_beside_the_lines_they_quote(reviewed: Report) -> None:
    html = render(reviewed)
    path = next(r.path for r in reviewed.results if r.path.endswith("shared-carts.md"))
    line = next(f for r in reviewed.results if r.path == path for f in r.findings
                if f.criterion == "personal-role")
    block = re.search(rf'<div class="finding[^"]*">\s*<figure class="excerpt">'
                      rf'<figcaption>[^<]*(?:<wbr>[^<]*)*· line {line.line}</figcaption>'
                      rf'(?:(?!</figure>).)*<mark>{re.escape(line.quote or "")}</mark>', html, re.S)
    assert block is not None, "the finding's excerpt should mark its quote"


def test_a_file_changed_since_the_review_shows_the_quote_without_an_excerpt(
        reviewed: Report) -> None:
    path = next(r.path for r in reviewed.results if r.path.endswith("shared-carts.md"))
    Path(path).write_text("# Something else entirely\n\nNothing here matches any more.\n")
    html = render(reviewed)
    page = _Page(html)
    finding = next(f for r in reviewed.results if r.path == path for f in r.findings
                   if f.quote)
    assert squash(finding.quote or "") in page.text  # the quote, from the report
    assert "Something else entirely" not in page.text  # never the new, unrelated lines


def test_unreadable_and_stdin_documents_render_with_their_quotes(tmp_path: Path) -> None:
    text = DOCS["shared-carts.md"]
    result = run("review", "-", "--format", "html", str(tmp_path / "gone.md"), input=text)
    assert result.exit_code == 3  # gone.md could not be reviewed
    page = _Page(result.stdout)
    assert "<stdin>" in page.text and "gone.md" in page.text
    assert "Could not be reviewed" in page.text
    assert "I helped with the designs" in page.text  # a quote, without an excerpt
    assert "excerpt" not in {attrs.get("class") for _, attrs in page.tags}


def test_output_file_writes_the_page(tmp_path: Path) -> None:
    paths = write_docs(tmp_path / "docs")
    out = tmp_path / "report.html"
    result = run("review", *paths, "--format", "html", "-o", str(out))
    assert result.exit_code == 1 and result.stdout == ""
    assert out.read_text(encoding="utf-8").rstrip().endswith("</html>")


def test_the_page_renders_from_the_contract_json_alone(tmp_path: Path) -> None:
    """A saved report (plain JSON, the contract's field names) renders; optional parts
    missing from it (changes, evidence, scores) are simply not shown."""
    doc = tmp_path / "a.md"
    doc.write_text("# A\n\nWe had a team of 4 engineers.\n")
    report = json.loads(json.dumps({
        "schema": "pmcoach.report/1", "tool": {"name": "pmcoach", "version": "9.9"},
        "results": [{"path": str(doc), "kind": "case-study", "score": 56, "criteria": [],
                     "findings": [], "summary": "fine"},
                    {"path": "b.md", "kind": "strategy", "score": None, "criteria": [],
                     "findings": [], "summary": ""}],
        "portfolio": {
            "files": [{"path": str(doc), "kind": "case-study", "score": 56,
                       "verdicts": {"quantified-impact": "met"}}],
            "score": 61,
            "criteria": {"case-study": {"criteria": ["quantified-impact", "reflection"],
                                        "files": {str(doc): {"quantified-impact": "partial"}}}},
            "competencies": [{"id": i, "name": i.title(), "strength": "none", "score": None}
                             for i in ("strategy", "autonomy", "nuance")],
            "findings": [{"id": "team-size", "criterion": "narrative-consistency",
                          "severity": "error", "project": None, "message": "They disagree.",
                          "suggestion": "Pick one.", "source": "model",
                          "spans": [{"path": str(doc), "line": 3, "end_line": 3,
                                     "quote": "a team of 4"}]}]}}))
    from pmcoach.formats.html import _template

    page = _Page(_template().render(page=build(report, FileLines())))
    assert "Portfolio score" in page.text and "61/100" in page.text
    assert "They disagree." in page.text and "Changes since" not in page.text
    assert "◐ partial across documents" in page.text  # lowered by the cross-file finding
    assert "– off" in page.text  # reflection: turned off for that document
    assert "Strategy" in page.text


def test_changes_show_new_removed_and_kind_changed_files() -> None:
    report = {"tool": {"version": "1"}, "results": [
        {"path": "a.md", "kind": "strategy", "score": 70, "criteria": [], "findings": []},
        {"path": "n.md", "kind": "decision", "score": 50, "criteria": [], "findings": []}],
        "portfolio": {"files": [], "score": 60, "criteria": {}, "competencies": [],
                      "findings": [], "changes": {
            "baseline": "v1.0", "score": {"before": 48, "after": 60}, "improved": 1,
            "regressed": 1, "files": [
                {"path": "a.md", "status": "changed", "score": {"before": 40, "after": 70},
                 "kind": {"before": "case-study", "after": "strategy"}, "criteria": []},
                {"path": "n.md", "status": "new", "score": {"before": None, "after": 50},
                 "criteria": [{"criterion": "tradeoffs", "before": None, "after": "met",
                               "change": "improved"}]},
                {"path": "gone.md", "status": "removed", "score": {"before": 30, "after": None},
                 "criteria": [{"criterion": "vision", "before": "partial",
                               "after": "missing", "change": "regressed"}]}]}}}
    from pmcoach.formats.html import _template

    page = _Page(_template().render(page=build(report, FileLines())))
    assert "Changes since v1.0" in page.text and "48 → 60 (+12)" in page.text
    assert "kind case-study → strategy" in page.text
    assert "— → 50" in page.text and "30 → —" in page.text
    assert "▲ improved tradeoffs: — → met" in page.text
    assert "▼ regressed vision: partial → missing" in page.text
    assert "since v1.0: 40 → 70 (+30)" in page.text  # beside the file's own review


def test_excerpt_marks_the_quote_with_context(tmp_path: Path) -> None:
    doc = tmp_path / "a.md"
    doc.write_bytes(b"# Title\r\n\r\nFirst line of text.\r\nWe had a team\r\nof 4 engineers.\r\n"
                    b"Last line.\r\n")
    excerpt = FileLines().excerpt(str(doc), 4, 5, "a team of 4")
    assert excerpt is not None
    assert [row.number for row in excerpt.lines] == [3, 4, 5, 6]
    assert [row.quoted for row in excerpt.lines] == [False, True, True, False]
    marked = [s.text for row in excerpt.lines for s in row.segments if s.mark]
    assert marked == ["a team", "of 4"]
    assert FileLines().excerpt(str(doc), 3, 3, "a team of 4") is None  # not at those lines
    assert FileLines().excerpt(str(doc), 99, 99, "x") is None
    assert FileLines().excerpt(str(tmp_path / "missing.md"), 1, 1, "x") is None


def test_a_long_quote_is_shortened_in_its_excerpt(tmp_path: Path) -> None:
    doc = tmp_path / "a.md"
    doc.write_text("\n".join(f"line {i}" for i in range(1, 31)) + "\n")
    excerpt = FileLines().excerpt(str(doc), 2, 20, None)
    assert excerpt is not None
    numbers = [row.number for row in excerpt.lines]
    assert numbers[0] == 1 and numbers[-1] == 21 and None in numbers
    assert len(numbers) < 12


def test_radar_geometry() -> None:
    competencies = [{"name": "Strategy", "score": 1.0, "strength": "strong"},
                    {"name": "Analytical expertise", "score": 0.5, "strength": "some"},
                    {"name": "Nuance", "score": None, "strength": "none"}]
    chart = radar(competencies)
    assert chart is not None
    top, second, third = chart.axes
    assert (top.x, top.y) == (CENTER_X, CENTER_Y - RADIUS)  # the first spoke points up
    assert (top.point_x, top.point_y) == (top.x, top.y)  # full score: at the rim
    assert second.label_lines == ("Analytical", "expertise", "50%")
    assert (third.point_x, third.point_y) == (CENTER_X, CENTER_Y)  # no evidence: centre
    assert third.label_lines[-1] == "no evidence"
    assert radar(competencies[:2]) is None  # two spokes make no shape
