"""The rule engine and kind files: loading, errors, rule types, verdicts, rewrites, CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import run

from pmcoach.document import Document
from pmcoach.errors import PluginError
from pmcoach.review import Rewrite
from pmcoach.rules import load_kind
from pmcoach.rules.tester import apply
from pmcoach.rules.verdicts import ConditionError, parse_condition

#: A whole data-only kind: what a team writes instead of Python.
STANDUP = """\
kind: standup-note
title: Stand-up note
signature:
  names: [stand-up, standup, daily]
  expects: [past-tense, brief]
  headings: {blockers: [blockers, blocked]}
  phrases: {blockers: [blocked on, blocker, waiting for]}
phrases:
  blocked: [blocked on, 'blockers?', waiting (for|on)]
criteria:
  - id: blockers
    title: Blockers
    description: Names what blocks progress, and who can unblock it.
    rules:
      - id: blocker
        type: phrases
        description: A sentence about being blocked.
        any: ['@blocked']
        examples:
          fires: ["Blocked on the API key."]
          silent: ["Shipped the export."]
      - id: named
        type: phrases
        description: A blocker with a name to chase.
        within: [blocker]
        has: ['@proper-noun', '@question']
        examples:
          fires: ["Still blocked on the API key from Priya."]
          silent: ["Blocked on the key."]
    verdicts:
      - if: named
        verdict: met
        message: 'Names the blocker and who can clear it: "{named.short}".'
      - id: anonymous
        if: blocker
        verdict: partial
        message: '"{blocker.short}" names a blocker but not who can clear it.'
        suggestion: Say who you are waiting for.
        anchor: blocker
        rewrite: {at: replace, text: "{blocker.quote} Waiting for Dana on it."}
      - verdict: missing
        message: No blockers named.
        suggestion: Say what blocks you, or that nothing does.
        rewrite: {at: end, text: "Blocked on <thing>, waiting for Dana."}
"""


@pytest.fixture
def standup(tmp_path: Path) -> Path:
    path = tmp_path / "standup-note.yaml"
    path.write_text(STANDUP)
    return path


def _verdicts(kind_file: Path, text: str) -> dict[str, str]:
    critic = load_kind(kind_file)
    return {r.id: r.verdict.value for r in critic.check(Document.from_text(text, "n.md"))}


def test_a_kind_file_is_a_critic(standup: Path) -> None:
    critic = load_kind(standup)
    assert (critic.kind, critic.rubric.ids) == ("standup-note", ["blockers"])
    assert _verdicts(standup, "# Daily\n\nShipped the export.\n") == {"blockers": "missing"}
    assert _verdicts(standup, "Blocked on the key.\n") == {"blockers": "partial"}
    assert _verdicts(standup, "Blocked on the key from Priya.\n") == {"blockers": "met"}


def test_findings_quote_the_writer_and_name_their_rule(standup: Path) -> None:
    critic = load_kind(standup)
    result = critic.check(Document.from_text("# Daily\n\nBlocked on the key.\n", "n.md"))[0]
    finding = result.findings[0]
    assert (finding.rule, finding.line, finding.quote) == ("anonymous", 3, "Blocked on the key.")
    assert finding.message == '"Blocked on the key." names a blocker but not who can clear it.'
    assert finding.suggestion.endswith("\u201cBlocked on the key. Waiting for Dana on it.\u201d")
    assert result.rule == "anonymous"


@pytest.mark.parametrize(("change", "expected"), [
    (("type: phrases\n        description: A sentence about being blocked.",
      "type: phrase\n        description: A sentence about being blocked."),
     ":16: criteria.0.rules.0.type"),
    (("verdict: partial", "verdict: half"), ":36: criteria.0.verdicts.1.verdict"),
    (("if: named", "if: named and nobody"), "names 'nobody', which is not a rule"),
    (("'@blocked'", "'@blockage'"), "unknown phrase group '@blockage'"),
    (("within: [blocker]", "within: [later]"), "names 'later', which is not an earlier rule"),
    (("{named.short}", "{named.colour}"), "asks for .colour"),
    (("{named.short}", "{rewrite}"), "goes in a suggestion"),
    (("{named.short}", "{words.quote}"), "{words} takes no field"),
    (("      - verdict: missing", "      - if: blocker\n        verdict: missing"),
     "the last verdict row must have no 'if'"),
    (("criteria:", "criteria: [\n"), "not valid YAML"),
])
def test_a_broken_kind_file_names_the_file_line_and_key(
        tmp_path: Path, change: tuple[str, str], expected: str) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(STANDUP.replace(*change, 1))
    with pytest.raises(PluginError) as error:
        load_kind(path)
    assert str(path) in str(error.value) and expected in str(error.value)


def test_conditions() -> None:
    fired = {"a": True, "b": False, "c": True}
    check, positive = parse_condition("a and not (b or not c)", list(fired))
    assert check(fired) and positive == ["a", "c"]  # "not (… not c)": c counts for it
    for bad in ("a and", "a b", "(a", "a or d", "a & b"):
        with pytest.raises(ConditionError):
            parse_condition(bad, list(fired))


def test_rule_types(tmp_path: Path) -> None:
    path = tmp_path / "k.yaml"
    path.write_text("""\
kind: toy
title: Toy
criteria:
  - id: shape
    title: Shape
    description: Has an if-then pair, a long paragraph, and a Risks section.
    rules:
      - {id: pair, type: sequence, steps: [['if \\w+'], ['if \\w+']], unit: paragraph}
      - {id: long, type: metric, measure: block-words, above: 5}
      - {id: risks, type: section, headings: [risks, 'downsides?']}
      - {id: options, type: phrases, any: ['option [a-z]'], distinct: match, min: 2}
      - {id: more-ifs, type: compare, rule: pair, than: options}
    verdicts:
      - {if: pair and long and risks and options and more-ifs, verdict: met, message: ok}
      - {verdict: missing, message: not all of it}
""")
    critic = load_kind(path)
    text = ("If costs rise, option a. If they fall, option b.\n\n"
            "## Downsides\n\nIt takes more than five words here.\n")
    found, fired = critic.criterion("shape").run(Document.from_text(text, "t.md"))
    assert fired == {"pair": True, "long": True, "risks": True, "options": True,
                     "more-ifs": True}
    assert [m.sentence.line for m in found["risks"] if m.sentence] == [5]
    _, fired = critic.criterion("shape").run(Document.from_text("If a. Option a.\n", "t.md"))
    assert not fired["pair"] and not fired["options"]


def test_headings_directives_and_tables_are_not_body_sentences(tmp_path: Path) -> None:
    path = tmp_path / "k.yaml"
    path.write_text(STANDUP)
    text = "# Blocked on nothing\n\n:::diagram blocked on the key\n\n| blocked on | x |\n|--|--|\n"
    assert _verdicts(path, text) == {"blockers": "missing"}
    everywhere = path.read_text().replace("any: ['@blocked']", "any: ['@blocked']\n        "
                                          "scope: all", 1)
    path.write_text(everywhere)
    found, _ = load_kind(path).criterion("blockers").run(Document.from_text(text, "t.md"))
    assert [m.span.line for m in found["blocker"] if m.span] == [1, 5]  # heading, table


def test_first_person_bullets_without_i() -> None:
    from pmcoach.rules.groups import BUILTIN

    doc = Document.from_text("- Led the pricing research\n- Limited budget\n- United "
                             "States launch\n\nI decided to cut scope.\n", "r.md")
    first_person = BUILTIN["first-person"][0]
    assert [bool(first_person(s)) for s in doc.sentences] == [True, False, False, True]


def test_rewrites_apply_where_the_finding_points() -> None:
    text = "---\ntitle: x\n---\nOne.\n\n- The   quoted\n  sentence here.\n"
    rewrite = Rewrite(at="replace", text="New.", line=6, end_line=7,
                      quote="The quoted sentence here.")
    assert apply(text, rewrite) == "---\ntitle: x\n---\nOne.\n\n- New.\n"
    assert apply(text, Rewrite(at="start", text="Start."), body_line=4).startswith(
        "---\ntitle: x\n---\nStart.\n\nOne.")
    assert apply(text, Rewrite(at="end", text="End.")).endswith("here.\n\nEnd.\n")
    after = apply(text, Rewrite(at="after", text="After.", line=4, end_line=4))
    assert after.startswith("---\ntitle: x\n---\nOne.\n\nAfter.\n\n")


def test_a_data_only_kind_from_a_plugins_folder_reviews(tmp_path: Path, standup: Path) -> None:
    note = tmp_path / "note.md"
    note.write_text("---\nkind: standup-note\n---\nBlocked on the key.\n")
    result = run("review", str(note), "--plugins-dir", str(tmp_path), "-f", "json")
    assert result.exit_code == 0, result.stderr  # a partial is a warning
    finding = json.loads(result.stdout)["results"][0]["findings"][0]
    assert (finding["rule"], finding["line"]) == ("anonymous", 4)
    assert finding["rewrite"] == {"at": "replace", "text": "Blocked on the key. Waiting for "
                                  "Dana on it.", "line": 4, "end_line": 4,
                                  "quote": "Blocked on the key."}
    sarif = json.loads(run("review", str(note), "--plugins-dir", str(tmp_path), "-f",
                           "sarif").stdout)
    assert sarif["runs"][0]["results"][0]["ruleId"] == "standup-note/blockers/anonymous"
    rule = sarif["runs"][0]["tool"]["driver"]["rules"][0]
    assert "names a blocker" not in rule["help"]["text"]  # help explains the rule itself
    assert "A sentence about being blocked" in rule["help"]["text"]


def test_a_broken_kind_file_does_not_stop_the_other_kinds(tmp_path: Path, standup: Path
                                                          ) -> None:
    (tmp_path / "broken.yaml").write_text("kind: broken\ntitle: B\ncriteria: []\n")
    result = run("rubric", "--plugins-dir", str(tmp_path))
    assert "standup-note: Stand-up note" in result.stdout
    assert "broken.yaml" in result.stderr and "criteria" in result.stderr


def test_rubric_shows_one_criterion_in_full(tmp_path: Path, standup: Path) -> None:
    result = run("rubric", "standup-note.blockers", "--plugins-dir", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    for text in ("blocker (phrases): A sentence about being blocked.", "any of: @blocked",
                 "fires: 'Blocked on the API key.'", "partial  if blocker   [anonymous]",
                 "rewrite (replace):"):
        assert text in result.stdout
    bad = run("rubric", "standup-note.nope", "--plugins-dir", str(tmp_path))
    assert bad.exit_code == 2 and "has no criterion 'nope'" in bad.stderr


def test_test_rules_passes_and_fails(tmp_path: Path, standup: Path) -> None:
    ok = run("test-rules", str(standup))
    assert ok.exit_code == 0, ok.stdout
    assert "standup-note" in ok.stdout and ": ok" in ok.stdout
    wrong = tmp_path / "wrong" / "standup-note.yaml"
    wrong.parent.mkdir()
    # An example that the rule does not fire on, and a rewrite that does not fix anything.
    wrong.write_text(STANDUP.replace('fires: ["Blocked on the API key."]',
                                     'fires: ["Blocked on the API key.", "All clear."]')
                     .replace("{blocker.quote} Waiting for Dana on it.", "Noted."))
    failed = run("test-rules", str(wrong.parent))
    assert failed.exit_code == 1
    assert "FAIL standup-note/blockers/blocker:fires[1]: did not fire" in failed.stdout
    assert "standup-note/blockers/anonymous: the rewrite (replace: 'Noted.')" in failed.stdout


def test_every_built_in_rule_passes_test_rules() -> None:
    result = run("test-rules")
    assert result.exit_code == 0, result.stdout


def test_a_python_rule_needs_its_function(tmp_path: Path) -> None:
    (tmp_path / "calc.yaml").write_text("""\
kind: calc
title: Calc
criteria:
  - id: sums
    title: Sums
    description: Adds up.
    rules:
      - {id: totals, type: python, function: calc.totals}
    verdicts:
      - {verdict: met, message: ok}
""")
    result = run("rubric", "--plugins-dir", str(tmp_path))
    assert "calls function 'calc.totals', which no plugin registers" in result.stderr
    assert "calc: Calc" not in result.stdout


def test_outside_and_python_rules_are_narrowed_like_any_rule(tmp_path: Path) -> None:
    from pmcoach.rules.kind import CompiledCriterion
    from pmcoach.rules.schema import CriterionSpec

    spec = CriterionSpec.model_validate({
        "id": "c", "title": "C", "description": "d",
        "rules": [
            {"id": "risky", "type": "phrases", "any": ["risks?"]},
            {"id": "calm", "type": "phrases", "any": ["plan"], "outside": ["risk" + "y"]},
            {"id": "numbers", "type": "python", "function": "t.numbers", "unless": ["risks?"]},
        ],
        "verdicts": [{"verdict": "met", "message": "m"}]})
    criterion = CompiledCriterion("k", spec, {})
    criterion.rules[2].function = lambda doc, options: [
        s for s in doc.sentences if any(ch.isdigit() for ch in s.text)]
    doc = Document.from_text("The plan has 2 risks. The plan ships in 3 weeks.\n", "t.md")
    found, _ = criterion.run(doc)
    assert [m.span.text for m in found["calm"] if m.span] == ["The plan ships in 3 weeks."]
    assert [m.span.text for m in found["numbers"] if m.span] == ["The plan ships in 3 weeks."]


def test_n_of_conditions_within_all_and_a_finding_per_match(tmp_path: Path) -> None:
    path = tmp_path / "k.yaml"
    path.write_text("""\
kind: toy
title: Toy
phrases:
  parts: [goal, owner, date]
criteria:
  - id: parts
    title: Parts
    description: Names at least two of goal, owner and date; no vague lines.
    rules:
      - {id: goal, type: phrases, any: [goal]}
      - {id: owner, type: phrases, any: [owner]}
      - {id: date, type: phrases, any: ['@date']}
      - {id: vague, type: phrases, any: [maybe, some day]}
      - {id: vague-goal, type: phrases, within_all: [vague, goal]}
      - {id: opts, type: python, function: t.f, options: {words: ['@parts', extra]}}
    verdicts:
      - {if: vague, verdict: partial, message: '"{vague.match}" is vague.', anchor: vague,
         each: true}
      - {if: '2 of (goal, owner, date)', verdict: met, message: ok}
      - {verdict: missing, message: no}
""".replace("message: no}", "message: too few}"))
    critic = load_kind(path)
    criterion = critic.criterion("parts")
    assert criterion.rules[5].options == {"words": ["goal", "owner", "date", "extra"]}
    criterion.rules[5].function = lambda doc, options: []

    def check(text: str):  # type: ignore[no-untyped-def]
        return criterion.check(Document.from_text(text, "t.md"))

    assert check("The goal is set. The owner is Sam.").verdict.value == "met"
    assert check("The goal is set.").verdict.value == "missing"
    vague = check("Maybe the goal.\n\nWe ship some\nday.\n")
    assert [(f.line, f.quote) for f in vague.findings] == [(1, "Maybe the goal."),
                                                           (3, "We ship some\nday.")]
    assert vague.findings[1].message == '"Maybe" is vague.'  # the row's message, once
    found, _ = criterion.run(Document.from_text("Maybe the goal. Maybe later.", "t.md"))
    assert [m.span.text for m in found["vague-goal"] if m.span] == ["Maybe the goal."]
    assert parse_condition("2 of (a, b and c, not d)", ["a", "b", "c", "d"])[0](
        {"a": False, "b": True, "c": True, "d": False})


def test_kind_files_are_cached_as_json_and_a_broken_cache_is_ignored(
        tmp_path: Path, standup: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pmcoach.rules import kind

    monkeypatch.setenv("PMCOACH_CACHE_DIR", str(tmp_path / "cache"))
    kind._load.cache_clear()
    load_kind(standup)
    (cached,) = (tmp_path / "cache" / "kinds").glob("*.json")
    cached.write_text("{not json")
    kind._load.cache_clear()
    assert load_kind(standup).rubric.ids == ["blockers"]
    assert json.loads(cached.read_text())["spec"]["kind"] == "standup-note"  # rewritten


@pytest.mark.parametrize(("change", "expected"), [
    (("blocked: [blocked on,", "blocked: ['blocked (on', blocked on,"),
     "phrase 'blocked (on' is not a valid pattern"),
    (("      - if: named\n", "      - if: ''\n        id: empty\n        verdict: met\n"
      "        message: never\n      - if: named\n"), "verdicts.0.if: String should have"),
])
def test_broken_patterns_and_empty_conditions_fail_on_load(
        tmp_path: Path, change: tuple[str, str], expected: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "k.yaml"
    path.write_text(STANDUP.replace(*change, 1))
    with pytest.raises(PluginError, match=re.escape(expected)):
        load_kind(path)
    assert not list((tmp_path / "cache").rglob("*.json"))  # nothing cached until it loads


def test_a_bug_inside_a_rule_is_not_read_as_no_matches(tmp_path: Path) -> None:
    path = tmp_path / "k.yaml"
    path.write_text("""\
kind: toy
title: Toy
criteria:
  - id: c
    title: C
    description: d
    rules:
      - {id: boom, type: python, function: t.boom, options: {levels: {on: 1, off: 2}}}
    verdicts:
      - {verdict: met, message: ok, evidence: [boom]}
""")
    critic = load_kind(path)  # option keys YAML reads as booleans still load

    def boom(doc: Document, options: object) -> list[object]:
        raise KeyError("typo")

    critic.bind({"t.boom": boom})
    with pytest.raises(KeyError, match="typo"):
        critic.check(Document.from_text("Anything.\n", "t.md"))


def test_a_model_answer_with_null_fields_is_used() -> None:
    from pmcoach.engines.answer import parse_answer

    answer = parse_answer({"criteria": {"a": {"verdict": "met", "message": None,
                                              "suggestion": None, "evidence": None}}}, ["a"])
    assert (answer.criteria[0].message, answer.criteria[0].evidence) == ("", [])


def test_editing_a_kind_file_replaces_its_cache_entry(
        tmp_path: Path, standup: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_CACHE_DIR", str(tmp_path / "cache"))
    load_kind(standup)
    standup.write_text(STANDUP.replace("title: Stand-up note", "title: Daily note"))
    assert load_kind(standup).title == "Daily note"
    assert len(list((tmp_path / "cache" / "kinds").glob("*.json"))) == 1


def test_every_rule_type_honours_the_sentence_keys(tmp_path: Path) -> None:
    """A metric over one section, and a rule function's blocks filtered by `unless`."""
    path = tmp_path / "k.yaml"
    path.write_text("""\
kind: toy
title: Toy
criteria:
  - id: c
    title: C
    description: d
    rules:
      - {id: goal-words, type: metric, measure: words, above: 3, sections: ['goals?']}
      - {id: blocks, type: python, function: t.blocks, unless: [draft]}
    verdicts:
      - {verdict: met, message: ok}
""")
    critic = load_kind(path)
    critic.bind({"t.blocks": lambda doc, options: [b for b in doc.blocks
                                                   if b.kind == "paragraph"]})
    text = ("# Goals\n\nShip it.\n\n# Notes\n\nA long paragraph of many words here.\n\n"
            "This is a draft paragraph.\n")
    found, fired = critic.criterion("c").run(Document.from_text(text, "t.md"))
    assert not fired["goal-words"]  # the Goals section has two words, not the document's 14
    assert [m.text for m in found["blocks"]] == ["Ship it.",
                                                 "A long paragraph of many words here."]
