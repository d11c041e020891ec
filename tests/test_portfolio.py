"""The portfolio view: matrix and scores from real reviews, the competency map's rules, gaps
and next documents, the JSON contract, the text/markdown/sarif/github output, exit status."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from helpers import run, run_json

from pmcoach import plugins
from pmcoach.errors import ExitCode, PluginError
from pmcoach.portfolio.competencies import competencies, strength
from pmcoach.portfolio.model import CompetencyEvidence, PortfolioFinding, Span
from pmcoach.portfolio.summary import build_portfolio
from pmcoach.review import CriterionResult, Report, Review, Suppression, ToolInfo, Verdict
from pmcoach.rubric import COMPETENCY_IDS, Criterion, Rubric
from pmcoach.rules import load_kind

ROOT = Path(__file__).resolve().parent.parent
PORTFOLIO = ROOT / "examples" / "portfolio"
CASE_STUDY = PORTFOLIO / "dispatch-case-study.md"
STRATEGY = PORTFOLIO / "carrier-app-strategy.md"
UPDATE = PORTFOLIO / "weekly-update.md"
DOCUMENTS = [str(CASE_STUDY), str(STRATEGY), str(UPDATE)]
SARIF_SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-2.1.0-subset.schema.json")
                          .read_text())


@pytest.fixture(scope="module")
def rubrics() -> dict[str, object]:
    return {kind: critic.rubric for kind, critic in plugins.load().critics.items()}


def _review(path: str, kind: str, verdicts: dict[str, str], rubrics: dict) -> Review:
    """A finished review with these verdicts (the rest of the kind's criteria met)."""
    criteria = [CriterionResult(id=c, verdict=Verdict(verdicts.get(c, "met")), message="m")
                for c in rubrics[kind].ids]
    return Review(path=path, kind=kind, score=50, criteria=criteria)


def _competency(portfolio, competency_id: str):  # type: ignore[no-untyped-def]
    return next(c for c in portfolio.competencies if c.id == competency_id)


def _line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def matrix_of(portfolio: dict, path: Path) -> dict:
    return portfolio["criteria"]["case-study"]["files"][str(path)]


def _team_size_finding(severity: str = "error") -> PortfolioFinding:
    """A cross-file finding over the example case study and update, quoting real lines."""
    return PortfolioFinding(
        id="team-size", severity=severity, project="dispatch board",  # type: ignore[arg-type]
        message="The documents disagree on the team size.", suggestion="Use one figure.",
        spans=[Span(path=str(CASE_STUDY), line=_line_of(CASE_STUDY, "a team of five"),
                    end_line=_line_of(CASE_STUDY, "a team of five"),
                    quote="I led a team of five engineers"),
               Span(path=str(UPDATE), line=_line_of(UPDATE, "eight engineers"),
                    end_line=_line_of(UPDATE, "eight engineers"),
                    quote="a team of eight engineers")])


# --- the summary and the matrix, from real reviews ----------------------------------------

def test_matrix_and_scores_come_from_the_reviews() -> None:
    result, report = run_json("review", *DOCUMENTS)
    portfolio = report["portfolio"]
    results = {r["path"]: r for r in report["results"]}
    assert [f["path"] for f in portfolio["files"]] == [r["path"] for r in report["results"]]
    for entry in portfolio["files"]:
        own = results[entry["path"]]
        assert (entry["kind"], entry["score"]) == (own["kind"], own["score"])
        assert entry["verdicts"] == {c["id"]: c["verdict"] for c in own["criteria"]}
    scores = [r["score"] for r in report["results"]]
    assert portfolio["score"] == round(sum(scores) / len(scores))
    assert set(portfolio["criteria"]) == {"case-study", "strategy", "manager-update"}
    registry = plugins.load()
    for kind, matrix in portfolio["criteria"].items():
        assert matrix["criteria"] == registry.critic(kind).rubric.ids  # rubric order
        for path, verdicts in matrix["files"].items():
            assert results[path]["kind"] == kind
            expected = {c["id"]: c["verdict"] for c in results[path]["criteria"]}
            named = any(s["path"] == path for f in portfolio["findings"] for s in f["spans"])
            if named and "narrative-consistency" in expected:
                expected["narrative-consistency"] = "missing"  # lowered in the matrix only
            assert verdicts == expected
    # The strategy example leaves criteria missing, so the mean is below a perfect score.
    assert portfolio["score"] < 100
    # The example's case study and update disagree on purpose about one team's size.
    [finding] = portfolio["findings"]
    assert finding["id"] == "team-size" and finding["severity"] == "error"
    assert {s["path"] for s in finding["spans"]} == {str(CASE_STUDY), str(UPDATE)}
    assert matrix_of(portfolio, CASE_STUDY)["narrative-consistency"] == "missing"
    assert results[str(CASE_STUDY)]["criteria"][6]["id"] == "narrative-consistency"
    assert results[str(CASE_STUDY)]["criteria"][6]["verdict"] == "met"  # its own review


def test_a_single_file_has_no_portfolio() -> None:
    result, report = run_json("review", str(CASE_STUDY))
    assert report["portfolio"] is None
    assert "Portfolio" not in run("review", str(CASE_STUDY)).stdout


def test_failed_and_skipped_files_do_not_make_a_portfolio(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# Install\n\n```bash\npip install thing\n```\n\nRun `thing --help`.\n")
    result, report = run_json("review", str(CASE_STUDY), str(readme), str(tmp_path / "gone.md"))
    assert report["skipped"] and any(r["error"] for r in report["results"])
    assert report["portfolio"] is None


def test_a_suppressed_criterion_is_left_out_of_its_row_and_of_the_evidence(rubrics) -> None:
    muted = _review("a.md", "case-study", {"quantified-impact": "missing"}, rubrics)
    muted.criteria[5] = muted.criteria[5].model_copy(
        update={"suppressed": Suppression(reason="no numbers yet", source="config")})
    assert muted.criteria[5].id == "quantified-impact"
    portfolio = build_portfolio([muted, _review("b.md", "decision", {}, rubrics)], rubrics)
    assert "quantified-impact" not in portfolio.criteria["case-study"].files["a.md"]
    assert "quantified-impact" not in portfolio.files[0].verdicts
    assert _competency(portfolio, "business-acumen").evidence == []


# --- cross-file findings cap the matrix, never the file's own result ----------------------

@pytest.mark.parametrize(("severity", "capped"), [("error", "missing"), ("warning", "partial"),
                                                  ("info", "met")])
def test_a_cross_file_finding_lowers_the_matrix_only(rubrics, severity: str,
                                                     capped: str) -> None:
    reviews = [_review(str(CASE_STUDY), "case-study", {}, rubrics),
               _review(str(UPDATE), "manager-update", {}, rubrics),
               _review("other.md", "case-study", {}, rubrics)]
    portfolio = build_portfolio(reviews, rubrics, [_team_size_finding(severity)])
    matrix = portfolio.criteria["case-study"].files
    assert matrix[str(CASE_STUDY)]["narrative-consistency"] == capped
    assert matrix["other.md"]["narrative-consistency"] == "met"  # not named by the finding
    assert portfolio.files[0].verdicts["narrative-consistency"] == "met"
    assert reviews[0].criteria[6].verdict is Verdict.MET  # the review itself is untouched


def test_a_cross_file_finding_never_raises_a_verdict(rubrics) -> None:
    reviews = [_review(str(CASE_STUDY), "case-study", {"narrative-consistency": "missing"},
                       rubrics), _review(str(UPDATE), "manager-update", {}, rubrics)]
    portfolio = build_portfolio(reviews, rubrics, [_team_size_finding("warning")])
    assert portfolio.criteria["case-study"].files[str(CASE_STUDY)][
        "narrative-consistency"] == "missing"


# --- the competency map -----------------------------------------------------------------

def _evidence(*verdicts: str) -> list[CompetencyEvidence]:
    return [CompetencyEvidence(path="a.md", kind="decision", criterion=f"c{i}", verdict=v)
            for i, v in enumerate(verdicts)]


@pytest.mark.parametrize(("verdicts", "expected"), [
    (("met", "met", "missing"), "strong"),      # two thirds, one met
    (("met", "partial"), "strong"),
    (("met", "missing", "missing"), "some"),    # a met criterion, but a low mean
    (("partial", "partial", "partial"), "some"),  # a mean of .5 and nothing met
    (("partial",), "some"),
    (("missing", "missing"), "none"),
    ((), "none"),
])
def test_strength_rule(verdicts: tuple[str, ...], expected: str) -> None:
    assert strength(_evidence(*verdicts))[0] == expected


def test_strength_each_way_from_reviews(rubrics) -> None:
    decisions = ["decision-stated", "conditional-options", "situation-assessment",
                 "recommendation", "stakeholder-views", "tradeoffs", "revisit-trigger"]
    strong = [_review("d.md", "decision", {"tradeoffs": "partial"}, rubrics),
              _review("s.md", "strategy", {}, rubrics)]
    some = [_review("d.md", "decision", {c: "partial" for c in decisions}, rubrics),
            _review("s.md", "strategy", {}, rubrics)]
    none = [_review("d.md", "decision", {c: "missing" for c in decisions}, rubrics),
            _review("s.md", "strategy", {}, rubrics)]
    absent = [_review("c.md", "case-study", {}, rubrics),
              _review("s.md", "strategy", {}, rubrics)]
    levels = [_competency(build_portfolio(reviews, rubrics), "nuance")
              for reviews in (strong, some, none, absent)]
    assert [(c.strength, c.score) for c in levels] == [
        ("strong", 0.93), ("some", 0.5), ("none", 0.0), ("none", None)]
    assert (levels[0].gap, levels[0].next) == (None, None)
    assert all(c.gap and c.next for c in levels[1:])
    assert len(levels[0].evidence) == 7 and levels[3].evidence == []


def test_gaps_name_the_missing_kind_and_the_next_document(rubrics) -> None:
    portfolio = build_portfolio([_review("c.md", "case-study", {}, rubrics),
                                 _review("s.md", "strategy", {}, rubrics)], rubrics)
    nuance = _competency(portfolio, "nuance")
    assert nuance.strength == "none"
    assert nuance.gap.startswith("No document shows a decision made under uncertainty")
    assert "decision write-up" in nuance.gap
    assert nuance.next.startswith("Write an \"it depends\" decision write-up")
    communication = _competency(portfolio, "communication")
    assert "manager update or product portfolio strategy" in communication.gap
    assert communication.next.startswith("Write a manager update")


def test_weak_evidence_names_criteria_and_files_and_the_revision(rubrics) -> None:
    reviews = [_review("a.md", "case-study", {"quantified-impact": "missing"}, rubrics),
               _review("b.md", "case-study", {"quantified-impact": "partial"}, rubrics),
               _review("s.md", "strategy", {"success-metrics": "met"}, rubrics)]
    portfolio = build_portfolio(reviews, rubrics)
    business = _competency(portfolio, "business-acumen")
    assert (business.strength, business.score) == ("some", 0.25)
    assert business.gap == ("Shown only in part. a.md: quantified-impact missing. "
                            "b.md: quantified-impact partial.")
    # A case study is the best document for it and the portfolio has two: revise the weakest.
    assert business.next.startswith("Revise a.md (portfolio case study) so "
                                    "quantified-impact is met: states outcomes as numbers")
    analytical = _competency(portfolio, "analytical-expertise")
    assert analytical.strength == "some"  # (0 + .5 + 1) / 3 is below two thirds


def test_gaps_are_specific_to_each_competency(rubrics) -> None:
    portfolio = build_portfolio([_review("p.md", "career-plan", {}, rubrics),
                                 _review("q.md", "career-plan", {}, rubrics)], rubrics)
    assert [c.id for c in portfolio.competencies] == list(COMPETENCY_IDS)
    assert all(c.strength == "none" for c in portfolio.competencies)
    gaps = [c.gap for c in portfolio.competencies]
    nexts = [c.next for c in portfolio.competencies]
    assert len(set(gaps)) == len(gaps) == 7 and len(set(nexts)) == 7


def test_competencies_yaml_lists_the_seven_in_order() -> None:
    assert tuple(c.id for c in competencies()) == COMPETENCY_IDS
    for info in competencies():
        assert info.kind in plugins.load().critics, info.id


def test_a_team_kind_declares_its_competencies(tmp_path: Path) -> None:
    kind = (tmp_path / "retro.yaml")
    kind.write_text(RETRO)
    notes = []
    for name, text in (("r1.md", "# Retro\n\nWe learned to ship smaller.\n"),
                       ("r2.md", "# Retro\n\nNothing much.\n")):
        (tmp_path / name).write_text(text)
        notes.append(str(tmp_path / name))
    result, report = run_json("review", *notes, "--kind", "retro-note",
                              "--plugins-dir", str(tmp_path))
    nuance = next(c for c in report["portfolio"]["competencies"] if c["id"] == "nuance")
    assert [(e["path"], e["verdict"]) for e in nuance["evidence"]] == [
        (notes[0], "met"), (notes[1], "missing")]
    assert nuance["strength"] == "some"
    assert nuance["next"].startswith("Write an \"it depends\" decision write-up")


def test_an_unknown_competency_is_a_loading_error(tmp_path: Path) -> None:
    kind = tmp_path / "retro.yaml"
    kind.write_text(RETRO.replace("[nuance]", "[charisma]"))
    with pytest.raises(PluginError) as error:
        load_kind(kind)
    assert f"{kind}:7: criteria.0.competencies.0" in str(error.value)


RETRO = """\
kind: retro-note
title: Retro note
criteria:
  - id: lesson
    title: Lesson
    description: Says what the team learned.
    competencies: [nuance]
    rules:
      - id: learned
        type: phrases
        description: A lesson.
        any: [learned]
        examples: {fires: ["We learned a lot."], silent: ["We shipped."]}
    verdicts:
      - if: learned
        verdict: met
        message: Names a lesson.
      - verdict: missing
        message: No lesson.
        suggestion: Say what you learned.
"""


# --- the report: JSON schema, text, markdown, sarif, github, exit status ------------------

def test_the_portfolio_validates_against_the_schema(monkeypatch: pytest.MonkeyPatch) -> None:
    schema = json.loads(run("schema").stdout)
    assert "portfolio" in schema["properties"]
    monkeypatch.setattr("pmcoach.portfolio.consistency.cross_file_findings",
                        lambda facts: [_team_size_finding()])
    result, report = run_json("review", *DOCUMENTS)
    jsonschema.validate(report, schema)
    assert report["portfolio"]["findings"][0]["spans"][1]["path"] == str(UPDATE)
    broken = json.loads(json.dumps(report))
    broken["portfolio"]["competencies"][0]["strength"] = "huge"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_text_report_has_the_portfolio_section() -> None:
    compact = run("review", *DOCUMENTS).stdout
    assert "Portfolio: 3 documents, score " in compact and "none: Nuance" in compact
    out = run("review", *DOCUMENTS, "-v").stdout
    section = out[out.index("Portfolio  3 documents  score"):]
    for competency in competencies():
        assert competency.name in section
    assert "Nuance" in section and "no document" in section
    assert '→ Write an "it depends" decision write-up' in section
    assert out.rstrip().splitlines()[-1].startswith("3 files reviewed")  # totals stay last


def test_markdown_report_has_the_tables() -> None:
    out = run("review", *DOCUMENTS, "--format", "markdown").stdout
    section = out[out.index("### Portfolio"):]
    assert "| Competency | Strength | Score | Evidence | Gap | Next |" in section
    assert "| Document | `context` | `problem-discovery` |" in section  # case-study matrix
    assert f"| `{CASE_STUDY}` | ✅ |" in section
    assert "| Nuance | ❌ none | – | none |" in section


def test_a_cross_file_finding_fails_the_run_and_is_shown_everywhere(
        monkeypatch: pytest.MonkeyPatch) -> None:
    clean = [str(CASE_STUDY), str(UPDATE)]
    assert all(run("review", path).exit_code == ExitCode.OK for path in clean)  # on its own
    monkeypatch.setattr("pmcoach.portfolio.consistency.cross_file_findings",
                        lambda facts: [_team_size_finding()])
    result = run("review", *clean)
    assert result.exit_code == ExitCode.FINDINGS
    finding = _team_size_finding()
    for span in finding.spans:
        assert f"{span.path}:{span.line}: {span.quote}" in result.stdout
    assert "error [narrative-consistency] (team-size, dispatch board)" in result.stdout
    assert result.stdout.rstrip().endswith("1 finding across documents.")
    assert run("review", *clean, "--fail-on", "never").exit_code == ExitCode.OK
    quiet = run("review", *clean, "-q").stdout
    first, second = finding.spans
    assert f"{first.path}:{first.line}: error [narrative-consistency]" in quiet
    assert f"(also {second.path}:{second.line})" in quiet
    markdown = run("review", *clean, "-f", "markdown").stdout
    assert "❌ (across documents)" in markdown
    assert f"  - `{second.path}` line {second.line}: > {second.quote}" in markdown
    # The case study's own result is unchanged.
    result, report = run_json("review", *clean)
    own = next(r for r in report["results"] if r["path"] == str(CASE_STUDY))
    narrative = next(c for c in own["criteria"] if c["id"] == "narrative-consistency")
    assert narrative["verdict"] == "met"
    assert report["portfolio"]["criteria"]["case-study"]["files"][str(CASE_STUDY)][
        "narrative-consistency"] == "missing"


def test_a_warning_across_files_fails_only_at_fail_on_warning(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("pmcoach.portfolio.consistency.cross_file_findings",
                        lambda facts: [_team_size_finding("warning")])
    clean = [str(CASE_STUDY), str(UPDATE)]
    assert run("review", *clean).exit_code == ExitCode.OK
    assert run("review", *clean, "--fail-on", "warning").exit_code == ExitCode.FINDINGS


def test_sarif_and_github_carry_cross_file_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("pmcoach.portfolio.consistency.cross_file_findings",
                        lambda facts: [_team_size_finding()])
    clean = [str(CASE_STUDY), str(UPDATE)]
    log = json.loads(run("review", *clean, "-f", "sarif").stdout)
    jsonschema.Draft7Validator(SARIF_SCHEMA).validate(log)
    run_ = log["runs"][0]
    [result] = [r for r in run_["results"] if r["ruleId"].startswith("portfolio/")]
    assert result["ruleId"] == "portfolio/narrative-consistency/team-size"
    assert result["level"] == "error"
    related = result["relatedLocations"]
    assert [r["physicalLocation"]["artifactLocation"]["uri"].rsplit("/", 1)[-1]
            for r in related] == [CASE_STUDY.name, UPDATE.name]
    assert [r["physicalLocation"]["region"]["startLine"] for r in related] == [
        s.line for s in _team_size_finding().spans]
    assert "[" + f"{UPDATE}:{_team_size_finding().spans[1].line}](1)" in result["message"][
        "text"]
    github = run("review", *clean, "-f", "github").stdout
    line = next(x for x in github.splitlines() if "pmcoach portfolio" in x)
    assert line.startswith(f"::error file={CASE_STUDY},line=")
    assert f"(also {UPDATE}:" in line


def test_facts_are_gathered_per_document_only_for_a_portfolio(
        monkeypatch: pytest.MonkeyPatch) -> None:
    gathered: list[tuple[str, str]] = []
    seen: list[list[object]] = []

    def extract(path: str, document: object, kind: str) -> tuple[str, str]:
        gathered.append((path, kind))
        return (path, kind)

    def compare(facts: list[object]) -> list[PortfolioFinding]:
        seen.append(list(facts))
        return []

    monkeypatch.setattr("pmcoach.portfolio.facts.extract_facts", extract)
    monkeypatch.setattr("pmcoach.portfolio.consistency.cross_file_findings", compare)
    result, report = run_json("review", str(CASE_STUDY))
    assert gathered == [] and seen == []
    result, report = run_json("review", str(CASE_STUDY), str(UPDATE))
    assert gathered == [(str(CASE_STUDY), "case-study"), (str(UPDATE), "manager-update")]
    assert seen == [gathered]
    assert '"facts":' not in json.dumps(report)  # the facts never reach the report


def test_exit_code_counts_portfolio_findings_directly(rubrics) -> None:
    from pmcoach.pipeline.run import exit_code

    reviews = [_review("a.md", "case-study", {}, rubrics),
               _review("b.md", "manager-update", {}, rubrics)]
    report = Report(tool=ToolInfo(version="0"), results=reviews,
                    portfolio=build_portfolio(reviews, rubrics, [_team_size_finding("info")]))
    assert exit_code(report, "warning") == ExitCode.OK
    assert exit_code(report, "info") == ExitCode.FINDINGS


def test_a_gap_names_three_documents_and_counts_the_rest(rubrics) -> None:
    reviews = [_review(f"{name}.md", "case-study", {"quantified-impact": "missing"}, rubrics)
               for name in "abcde"]
    gap = _competency(build_portfolio(reviews, rubrics), "business-acumen").gap
    assert gap.startswith("No document shows work judged by what it returned to the business")
    assert gap.endswith("a.md: quantified-impact missing. b.md: quantified-impact missing. "
                        "c.md: quantified-impact missing. 2 more documents fall short too.")


def test_without_the_best_kind_installed_the_next_document_is_built_from_the_rubrics(
        rubrics) -> None:
    without = {k: r for k, r in rubrics.items() if k != "decision"}
    without["retro-note"] = Rubric(kind="retro-note", title="Retro note", criteria=(
        Criterion(id="lesson", title="Lesson", description="d", competencies=("nuance",)),))
    portfolio = build_portfolio([_review("c.md", "case-study", {}, rubrics),
                                 _review("s.md", "strategy", {}, rubrics)], without)
    nuance = _competency(portfolio, "nuance")
    assert nuance.gap.endswith("the portfolio has no retro note.")
    assert nuance.next == "Write a document of kind retro-note (retro note) showing lesson."


@pytest.mark.parametrize("format_name", ["markdown", "html"])
def test_the_example_reports_are_what_the_readme_command_writes(
        format_name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """examples/portfolio/report.* are regenerated by the README's command, never stale."""
    monkeypatch.chdir(ROOT)
    out = tmp_path / f"report.{format_name}"
    result = run("review", "examples/portfolio", "--extend-exclude", "examples/portfolio/report.*",
                 "--format", format_name, "--fail-on", "never", "-o", str(out))
    assert result.exit_code == ExitCode.OK, result.stderr
    suffix = "md" if format_name == "markdown" else "html"
    committed = (ROOT / "examples" / "portfolio" / f"report.{suffix}").read_text()
    assert out.read_text() == committed, "run the README's command to regenerate it"
