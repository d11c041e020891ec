"""Fact extraction for cross-file consistency: each fact type, what is left out, places."""

from __future__ import annotations

import pickle
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmcoach.document import Document
from pmcoach.portfolio.extract.dates import OPEN_END, find_dates, parse_date
from pmcoach.portfolio.extract.header import names_from_title
from pmcoach.portfolio.facts import DocumentFacts, Place, extract_facts

ROOT = Path(__file__).resolve().parent.parent


def facts(text: str, kind: str | None = "case-study", path: str = "doc.md") -> DocumentFacts:
    return extract_facts(path, Document.from_text(text, path), kind)


def _in_file(text: str, place: Place) -> bool:
    lines = text.split("\n")
    return place.quote in "\n".join(lines[place.line - 1: place.end_line])


# --- dates --------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "start", "end"), [
    ("on 3 March 2021", date(2021, 3, 3), date(2021, 3, 3)),
    ("on March 3, 2021", date(2021, 3, 3), date(2021, 3, 3)),
    ("| 2020-11-09 |", date(2020, 11, 9), date(2020, 11, 9)),
    ("in 2020-11", date(2020, 11, 1), date(2020, 11, 30)),
    ("in October 2019", date(2019, 10, 1), date(2019, 10, 31)),
    ("in Q2 2024", date(2024, 4, 1), date(2024, 6, 30)),
    ("in H2 2022", date(2022, 7, 1), date(2022, 12, 31)),
    ("in spring 2021", date(2021, 3, 1), date(2021, 5, 31)),
    ("during 2018", date(2018, 1, 1), date(2018, 12, 31)),
    ("from February to June 2020", date(2020, 2, 1), date(2020, 6, 30)),
    ("Nov 2019 – Jan 2021", date(2019, 11, 1), date(2021, 1, 31)),
    ("2016–18", date(2016, 1, 1), date(2018, 12, 31)),
    ("between March and May 2023", date(2023, 3, 1), date(2023, 5, 31)),
    ("2020-03-02 → 2020-05-29", date(2020, 3, 2), date(2020, 5, 29)),
])
def test_dates_are_read_as_day_ranges(text: str, start: date, end: date) -> None:
    when = parse_date(text)
    assert when is not None
    assert (when.start, when.end) == (start, end)


def test_open_ranges_and_since() -> None:
    assert parse_date("Sep 2020 – present").end == OPEN_END  # type: ignore[union-attr]
    since = parse_date("a Senior PM since June 2022")
    assert since is not None and since.start == date(2022, 6, 1) and since.open


def test_a_date_without_a_year_needs_an_anchor_and_takes_the_nearest_year() -> None:
    assert find_dates("the pilot began in mid-October") == []
    when = parse_date("the pilot began in mid-October", date(2024, 1, 20))
    assert when is not None and when.start.year == 2023 and when.start.month == 10


def test_numbers_that_are_not_dates_are_not_dates() -> None:
    assert find_dates("we reached 2000 customers and $2019 in fees, up 2021%") == []
    assert find_dates("we may ship it") == []


# --- the document's top: names, date -----------------------------------------------------

@pytest.mark.parametrize(("title", "names"), [
    ("Route Planner at Brightpath", ["Route Planner"]),
    ("Case study: Rebuilding the invoice export", ["invoice export"]),
    ("Subject: Route Planner: pilot update", ["Route Planner"]),
    ("Decision: should Smart Dispatch assign drivers itself?", ["Smart Dispatch"]),
    ("March 4, 2022: Route Planner weekly update", ["Route Planner"]),
    ("Onboarding v3 update", ["Onboarding v3"]),
    ("Tuesday, 4 March 2022", []),
])
def test_project_names_come_from_titles(title: str, names: list[str]) -> None:
    assert names_from_title(title) == names


def test_an_update_is_dated_by_its_date_line_or_its_file_name() -> None:
    dated = facts("# Route Planner update\n\n**Date:** 2022-03-04\n\nAll fine.\n",
                  "manager-update")
    assert dated.date is not None and dated.date.start == date(2022, 3, 4)
    named = facts("# Route Planner update\n\nAll fine.\n", "manager-update",
                  path="notes/update-2021-11-30.md")
    assert named.date is not None and named.date.start == date(2021, 11, 30)
    front = facts("---\ndate: 2020-05-06\n---\nHi team, all fine.\n", "manager-update")
    assert front.date is not None and front.date.start == date(2020, 5, 6)


# --- team sizes ---------------------------------------------------------------------------

def _teams(text: str) -> list[tuple[str, int, bool]]:
    return [(t.role, t.count, t.later) for t in facts(f"# Route Planner\n\n{text}\n").teams]


def test_team_sizes_and_sizes_after_a_change() -> None:
    assert _teams("The squad was seven engineers and one designer.") == [
        ("engineers", 7, False)]
    assert _teams("We were a 5-engineer team.") == [("engineers", 5, False)]
    assert _teams("Three more engineers joined in May, so we ended at ten engineers.") == [
        ("engineers", 10, True)]
    assert sorted(_teams("The team grew from 3 to 6 engineers.")) == [
        ("engineers", 3, True), ("engineers", 6, True)]


@pytest.mark.parametrize("text", [
    "We would need eight engineers to do it properly.",
    "I interviewed 12 engineers from other teams.",
    "Two more engineers joined later.",
    "Two backend and three mobile engineers built the client.",
    "The plan was to hire six engineers.",
])
def test_counts_that_are_not_the_team_are_left_out(text: str) -> None:
    assert _teams(text) == []


# --- milestones, lengths, periods ---------------------------------------------------------

def test_milestones_from_timeline_items_rows_and_sentences() -> None:
    text = ("# Route Planner\n\n"
            "- 9 January 2023: kickoff\n"
            "- February 2023: private beta with 12 depots\n\n"
            "| Milestone | Date |\n| --- | --- |\n| Public launch | 2023-06-19 |\n\n"
            "The pilot was live in four depots by mid-March 2023.\n")
    found = {(m.stage, m.when.start) for m in facts(text).milestones}
    assert found == {("kickoff", date(2023, 1, 9)), ("beta", date(2023, 2, 1)),
                     ("launch", date(2023, 6, 19)), ("pilot", date(2023, 3, 11))}


@pytest.mark.parametrize("text", [
    "We are aiming to launch in June 2023.",
    "The launch target is 30 June 2023.",
    "Support tickets doubled in the month after GA (July 2023).",
    "A competitor launched a similar tool in May 2023.",
    "Two engineers joined in May 2023 for launch hardening.",
])
def test_plans_references_and_other_launches_are_not_milestones(text: str) -> None:
    assert [m for m in facts(f"# Route Planner\n\n{text}\n").milestones
            if m.stage == "launch"] == []


def test_in_a_dated_document_a_later_date_is_a_plan() -> None:
    text = "# Route Planner update\n\nDate: 2023-04-02\n\nGeneral availability on 20 June.\n"
    assert facts(text, "manager-update").milestones == ()


def test_lengths_and_periods() -> None:
    text = ("# Route Planner\n\nProject dates: February–July 2022\n\n"
            "It took nine months from kickoff to launch. The beta lasted six weeks.\n")
    found = facts(text)
    assert [round(length.months) for length in found.lengths] == [9]
    assert [(p.when.start, p.when.end) for p in found.periods] == [
        (date(2022, 2, 1), date(2022, 7, 31))]


# --- metrics ------------------------------------------------------------------------------

def test_metric_changes_in_prose_arrows_and_tables() -> None:
    text = ("# Route Planner\n\n"
            "Late deliveries fell from 14% to 6% over the quarter. "
            "Planning time: 3 hours → 40 min.\n\n"
            "| Metric | Before | After |\n| --- | --- | --- |\n"
            "| Failed first attempts | 9.5% | 4.1% |\n")
    found = {(m.name, m.before.number, m.after.number, m.before.unit) for m in facts(text).metrics}
    assert found == {("Late deliveries", 14.0, 6.0, "%"), ("Planning time", 180.0, 40.0, "min"),
                     ("Failed first attempts", 9.5, 4.1, "%")}


def test_segments_and_targets() -> None:
    text = ("# Route Planner\n\n"
            "For rural depots specifically, late deliveries went from 20% to 12%. "
            "We aim to cut late deliveries from 6% to 3% next year.\n\n"
            "| Metric | Target | Actual |\n| --- | --- | --- |\n| Late deliveries | 5% | 6% |\n")
    found = facts(text).metrics
    assert [(m.before.number, m.segment) for m in found] == [(20.0, True)]


# --- roles, ownership, titles -------------------------------------------------------------

def test_roles_and_ownership() -> None:
    text = ("# Route Planner\n\n"
            "I was the only PM on Route Planner. I supported Lena, the lead PM, with depot "
            "research. I owned the discount rules. The data model is owned by the "
            "infrastructure team.\n")
    found = facts(text)
    assert sorted(r.role for r in found.roles) == ["lead", "support"]
    assert {(o.area, o.mine) for o in found.owners} == {("the discount rules", True),
                                                        ("The data model", False)}


def test_titles_from_bylines_history_and_promotions() -> None:
    byline = facts("# Route Planner\n\nAda Quill · Senior PM, Logistics · 2022\n\nText.\n")
    assert [(t.level, t.how, t.when.start) for t in byline.titles] == [
        ("senior", "byline", date(2022, 1, 1))]
    plan = facts("# Career plan\n\n| Role | Dates |\n| --- | --- |\n"
                 "| Product Manager, Brightpath | Jan 2020 – Mar 2023 |\n\n"
                 "I was promoted to Senior PM in March 2023.\n", "career-plan")
    assert [(t.level, t.how) for t in plan.titles] == [("pm", "held"), ("senior", "since")]


@pytest.mark.parametrize(("row", "level"), [
    ("| 2016 – 2019 | Corvid Labs | Associate PM |", "associate"),
    ("- Corvid Labs (2016–2019): Associate PM", "associate"),
    ("- 2016–2019: Associate PM, Corvid Labs", "associate"),
    ("- Product Manager (2016–2019), then Senior PM", "pm"),
])
def test_career_history_rows_in_any_order(row: str, level: str) -> None:
    header = "| Dates | Company | Title |\n| --- | --- | --- |\n" if row.startswith("|") else ""
    found = facts(f"# Career plan\n\n## History\n\n{header}{row}\n", "career-plan").titles
    assert [(t.level, t.how, t.when.start.year) for t in found] == [(level, "held", 2016)]


@pytest.mark.parametrize("line", [
    "To: Omar (VP Product)", "Stakeholders: Omar, Director of Product",
    "Written with feedback from Sam, Group PM",
])
def test_someone_else_title_is_not_the_author_title(line: str) -> None:
    text = f"# Route Planner update\n\n{line}\nDate: 2022-01-10\n\nHi Omar.\n"
    assert facts(text, "manager-update").titles == ()


def test_update_statuses() -> None:
    text = ("# Route Planner update\n\nDate: 2023-03-01\n\n"
            "The pilot still hasn't started. Nothing is live yet. "
            "The vendor fix is delayed again.\n")
    found = facts(text, "manager-update").statuses
    assert [(s.stage, s.done) for s in found] == [("pilot", False), ("any", False)]
    assert facts(text, "case-study").statuses == ()


# --- places, pickling, robustness --------------------------------------------------------

def _all_places(found: DocumentFacts) -> list[Place]:
    fields = ("teams", "milestones", "lengths", "periods", "metrics", "roles", "owners",
              "titles", "statuses")
    return [fact.place for name in fields for fact in getattr(found, name)]


@pytest.mark.parametrize("example", sorted(
    p for p in (ROOT / "examples").glob("*/*.md") if not p.parent.name.startswith("eval")))
def test_every_place_quotes_its_line(example: Path) -> None:
    text = example.read_text(encoding="utf-8")
    found = facts(text, None, example.name)
    for place in _all_places(found):
        assert place.quote and _in_file(text, place), place


def test_facts_pickle_without_the_document() -> None:
    found = facts("# Route Planner\n\nThe team was four engineers. It launched on 2 May 2022.\n")
    copy = pickle.loads(pickle.dumps(found))
    assert copy == found
    assert b"pmcoach.document" not in pickle.dumps(found)


_WORDS = st.sampled_from([
    "team", "of", "4", "engineers", "launched", "beta", "on", "May", "2", "2022", "from", "12%",
    "to", "9%", "I", "was", "the", "sole", "PM", "→", "|", "-", ":", "\n", "\n\n", "# ", "**",
    "Senior", "promoted", "Q3", "nothing", "is", "live", "yet", "owned", "pricing", "(", ")",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_WORDS, max_size=60).map(" ".join))
def test_any_text_gives_facts_at_real_places(text: str) -> None:
    for kind in ("case-study", "manager-update"):
        found = facts(text, kind)
        for place in _all_places(found):
            assert _in_file(text.replace("\r", "\n"), place)
