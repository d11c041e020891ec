"""Kind detection in the core: signatures as data, the fitted model, the three outcomes
(a kind / not a PM document / an uncertain kind), `pmcoach detect`, `pmcoach vocabulary`,
and a model deciding when offline detection is not sure."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from helpers import TOY_PLUGIN, detected, run, run_json, toy_plugin_dir

from pmcoach.detect import Signature, detect, explain, signatures
from pmcoach.detect.model import NOT_PM, params
from pmcoach.document import Document
from pmcoach.errors import ExitCode, KindError, PluginError
from pmcoach.pipeline import ReviewOptions, review_document
from pmcoach.plugins import load
from pmcoach.testing import FakeEngine, fake_coach

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "detection"

# A 60-word weak case study: the writers who most need coaching must not be turned away.
WEAK_CASE_STUDY = """\
# Checkout redesign

I was the PM on the checkout redesign at an online shop. The old checkout was confusing and
people complained. We talked about it as a team and decided to make it simpler. The
engineers built it and the designer made it look nice.

## Results

Conversion went up and customers were happier. It was a great project.
"""

LIBRARY_README = """\
# fastqueue

A tiny task queue for Python.

## Installation

```bash
pip install fastqueue
```

## Usage

```python
from fastqueue import Queue
q = Queue("redis://localhost")
q.enqueue(send_email, to="a@b.c")
```

See the [documentation](https://fastqueue.readthedocs.io) for `Queue` options.
"""


# --- signatures ---------------------------------------------------------------------------

def test_every_built_in_kind_declares_a_signature_with_a_vocabulary() -> None:
    sigs = signatures(load().critics)
    assert sorted(sigs) == ["career-plan", "case-study", "decision", "manager-update",
                            "portfolio-strategy", "strategy"]
    for kind, sig in sigs.items():
        assert sig.names and sig.expects and sig.headings and sig.phrases, kind
        assert len(sig.words) >= 50, kind


@pytest.mark.parametrize(("data", "problem"), [
    ({"nmaes": ["x"]}, "'nmaes' is not a signature key"),
    ({"expects": ["past"]}, "'expects' lists 'past'"),
    ({"expects": "past-tense"}, "'expects' must be a list"),
    ({"expects": 3}, "'expects' must be a list"),
    ({"expects": [{"a": 1}]}, "'expects' lists {'a': 1}"),
    ({"phrases": {"a": ["we*"]}}, "needs three letters or more"),
    ({"phrases": {"a": ["go to*"]}}, "needs three letters or more"),
    ({"phrases": {"a": "went well"}}, "'phrases.a' must be a list of phrases"),
    ({"headings": ["results"]}, "'headings' must map group names"),
    ({"names": ["Went*Well"]}, "use lower-case words"),
    ({"words": {"retro": -1}}, "'words' must map words to weights >= 0"),
    ({}, "a signature needs evidence"),
])
def test_a_broken_signature_is_reported_by_key(data: dict[str, object], problem: str) -> None:
    with pytest.raises(PluginError, match="kind 'x'") as caught:
        Signature.load("x", data)
    assert problem in str(caught.value)


def test_phrases_that_read_the_same_count_once_and_prefixes_match() -> None:
    from pmcoach.detect.features import Matcher, profile

    sig = Signature.load("x", {"phrases": {"follow": ["follow up", "follow-up", "outcome*"]}})
    assert sig.phrases["follow"] == ("follow up", "follow-up", "outcome*")
    doc = Document.from_text("We follow up on outcomes. The follow-up is done.\n", "a.md")
    features = Matcher({"x": sig}).features(profile(doc))["x"]
    words = 10  # follow-up is two words
    assert features["phrase-rate"] == pytest.approx(math.log1p(100 * 3 / words))


def test_each_critic_object_gets_its_own_signature_and_matcher(tmp_path: Path) -> None:
    from pmcoach.critic import Critic
    from pmcoach.detect import matcher

    def critic(word: str) -> Critic:
        class One(Critic):
            kind = "one"
            signature = {"names": [word]}
        return One()

    for word in ("alpha", "beta", "gamma", "delta"):
        built = matcher({"one": critic(word)})
        assert built.signatures["one"].names == (word,)


def test_a_relative_signature_path_is_read_beside_the_plugin_module(tmp_path: Path,
                                                                    monkeypatch) -> None:
    plugin = toy_plugin_dir(tmp_path, TOY_PLUGIN.replace(
        'signature = {"names": ["toy", "toy note"], "phrases": {"toy": ["toy"]},\n'
        '                 "headings": {"toy": ["toy*"]}}', 'signature = "toy.yaml"'))
    (plugin / "toy.yaml").write_text("names: [toy, toy note]\nphrases: {toy: [toy]}\n")
    monkeypatch.chdir(tmp_path)  # not the plugin's folder
    assert "toy-note" in signatures(load([plugin]).critics)


def test_a_signature_that_is_neither_a_file_nor_a_mapping_is_reported() -> None:
    with pytest.raises(PluginError, match="is a list: give a YAML file's path or a mapping"):
        Signature.load("x", ["retro"])  # type: ignore[arg-type]


def test_a_broken_signature_file_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "signature.yaml"
    path.write_text("names: [retro]\nphrases:\n  a: [went well\n")
    with pytest.raises(PluginError, match=rf"{path} line \d+ is not valid YAML"):
        Signature.load("x", path)
    path.write_text("names: [retro]\nwords: missing.json\n")
    with pytest.raises(PluginError, match="cannot read .*missing.json"):
        Signature.load("x", path)
    (tmp_path / "words.json").write_text('{"retro": 1.0,\n "went": }')
    path.write_text("names: [retro]\nwords: words.json\n")
    with pytest.raises(PluginError, match=r"words.json line 2 is not valid JSON"):
        Signature.load("x", path)


def test_a_kind_with_a_broken_signature_drops_out_and_the_others_still_detect(
        tmp_path: Path) -> None:
    broken = TOY_PLUGIN.replace('"names": ["toy", "toy note"]', '"nmaes": ["toy"]')
    plugins = toy_plugin_dir(tmp_path, broken)
    note = tmp_path / "story.md"
    note.write_text(WEAK_CASE_STUDY)
    result, report = run_json("review", str(note), "--plugins-dir", str(plugins))
    assert report["results"][0]["kind"] == "case-study"
    assert result.stderr.count("'nmaes' is not a signature key") == 1
    assert "kind 'toy-note' is left out of detection for this run" in result.stderr


# --- the three outcomes ------------------------------------------------------------------

def test_a_weak_sixty_word_case_study_is_reviewed_as_a_case_study(tmp_path: Path) -> None:
    assert 55 <= len(WEAK_CASE_STUDY.split()) <= 65
    story = tmp_path / "story.md"
    story.write_text(WEAK_CASE_STUDY)
    result, report = run_json("review", str(story))
    assert result.exit_code == ExitCode.FINDINGS  # reviewed, with findings: not refused
    review = report["results"][0]
    assert (review["kind"], review["detection"]["source"]) == ("case-study", "content")
    assert report["skipped"] == []


@pytest.mark.parametrize("name", ["README.md", *sorted(p.name for p in (ROOT / "docs")
                                                        .glob("*.md"))])
def test_pmcoach_s_own_readme_and_docs_are_not_pm_documents(name: str) -> None:
    path = ROOT / name if name == "README.md" else ROOT / "docs" / name
    assert detected(path.read_text(), str(path)) is None


def test_not_a_pm_document_is_skipped_in_every_format(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(LIBRARY_README)
    story = tmp_path / "story.md"
    story.write_text(WEAK_CASE_STUDY)
    result, report = run_json("review", str(readme))
    assert result.exit_code == ExitCode.OK
    assert report["results"] == []
    skipped = report["skipped"][0]
    assert (skipped["path"], skipped["reason"]) == (str(readme), "not-a-pm-document")
    assert skipped["detection"]["kind"] is None
    assert skipped["detection"]["not_pm"] == skipped["detection"]["confidence"] >= 0.5
    assert "software documentation" in skipped["detection"]["looks_like"]
    assert result.stderr == (f"pmcoach: {readme}: skipped: not a PM document (looks like "
                             f"{skipped['detection']['looks_like']}; "
                             f"{skipped['detection']['confidence']:.0%} sure); add "
                             "'kind: <kind>' front matter to review it\n")
    outputs = {fmt: run("review", str(readme), str(story), "-f", fmt).stdout
               for fmt in ("text", "markdown", "github", "sarif")}
    assert f"{readme}: looks like software documentation" in outputs["text"]
    assert f"`{readme}`: looks like software documentation" in outputs["markdown"]
    assert "skipped: not a PM document" in outputs["github"]
    assert "1 skipped as not PM documents" in outputs["github"]
    sarif = json.loads(outputs["sarif"])["runs"][0]["invocations"][0]
    assert sarif["executionSuccessful"] is True
    assert any("skipped: not a PM document" in n["message"]["text"]
               for n in sarif["toolExecutionNotifications"])


def test_rendering_a_prompt_for_a_file_that_is_not_a_pm_document_says_so(tmp_path: Path
                                                                          ) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(LIBRARY_README)
    result = run("prompts", "render", str(readme))
    assert result.exit_code == ExitCode.USAGE
    assert "is not a PM document" in result.stderr and "--kind" in result.stderr
    assert run("prompts", "render", str(readme), "--kind", "strategy").exit_code == 0


def test_quiet_silences_the_skip_line(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(LIBRARY_README)
    result = run("review", "-q", str(readme))
    assert (result.exit_code, result.stderr, result.stdout) == (ExitCode.OK, "", "")


def test_front_matter_and_kind_still_decide_first(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("---\nkind: decision\n---\n" + LIBRARY_README)
    _, report = run_json("review", str(readme))
    assert report["results"][0]["detection"]["source"] == "front-matter"
    readme.write_text(LIBRARY_README)
    _, report = run_json("review", str(readme), "--kind", "strategy")
    assert report["results"][0]["kind"] == "strategy"


def test_a_type_that_names_no_kind_is_not_an_error_but_kind_is() -> None:
    registry = load()
    page = Document.from_text("---\ntype: post\n---\n" + WEAK_CASE_STUDY, "post.md")
    assert detect(page, registry.critics).kind == "case-study"
    wrong = Document.from_text("---\nkind: post\n---\n" + WEAK_CASE_STUDY, "post.md")
    with pytest.raises(KindError, match="front matter says kind 'post'"):
        detect(wrong, registry.critics)


def test_an_uncertain_kind_is_reviewed_with_runners_up_and_the_line_that_settles_it() -> None:
    registry = load()
    doc = Document.from_text(WEAK_CASE_STUDY, "story.md")
    _, scores = explain(doc, registry.critics)
    # Halve the best kind's lead: the same decision rule then has to say "uncertain".
    probs = dict(scores.probabilities)
    probs["case-study"], probs["decision"] = 0.45, 0.4
    from pmcoach.detect import from_scores
    from pmcoach.detect.model import Scores

    detection = from_scores(Scores(probs, {}))
    assert detection.uncertain and detection.kind == "case-study"
    assert detection.settle == "kind: case-study"
    assert [r.kind for r in detection.runners_up] == ["decision"]


# --- accuracy regression on the labelled sets (development data) ----------------------

def _labelled(folder: Path) -> list[tuple[Path, str | None]]:
    return [(p, None if p.parent.name == "none" else p.parent.name)
            for p in sorted(folder.glob("*/*"))]


def test_the_fitted_model_keeps_its_accuracy_on_the_scored_blind_split() -> None:
    items = _labelled(DATA / "blind-1")
    got = {p: detected(p.read_text(), str(p)) for p, _ in items}
    pm = [(p, k) for p, k in items if k]
    none = [p for p, k in items if k is None]
    assert sum(got[p] == k for p, k in pm) / len(pm) >= 0.95
    assert sum(got[p] is not None for p in none) <= 2


def test_the_model_parameters_are_sane() -> None:
    p = params()
    assert all(w >= 0 for w in p.kind_weights.values())  # kinds only gain from evidence
    assert 0.5 <= p.skip_at < 1 and 0 < p.uncertain_below < 1


# --- the commands --------------------------------------------------------------------------

def test_detect_command_prints_kind_confidence_runners_up_and_features(tmp_path: Path) -> None:
    story = tmp_path / "story.md"
    story.write_text(WEAK_CASE_STUDY)
    readme = tmp_path / "README.md"
    readme.write_text(LIBRARY_README)
    text = run("detect", str(story), str(readme))
    assert text.exit_code == 0
    assert f"{story}: case-study, " in text.stdout
    assert f"{readme}: not a PM document, " in text.stdout
    assert "alternatives:" in text.stdout and "weighed most:" in text.stdout
    data = json.loads(run("detect", str(story), str(readme), "--format", "json").stdout)
    first, second = data["results"]
    assert first["kind"] == "case-study" and first["outcome"] == "case-study"
    assert first["features"] and all(f["weight"] > 0 for f in first["features"])
    assert second["kind"] is None and second["outcome"] == NOT_PM
    assert abs(sum(first["probabilities"].values()) - 1) < 0.01
    missing = run("detect", str(tmp_path / "nope.md"))
    assert missing.exit_code == ExitCode.FAILED and "nope.md" in missing.stderr


def test_vocabulary_command_writes_words_that_a_signature_can_load(tmp_path: Path) -> None:
    out = tmp_path / "words.json"
    result = run("vocabulary", str(DATA / "launch-retro"), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    words = json.loads(out.read_text())
    assert 20 <= len(words) <= 200 and all(v > 0 for v in words.values())
    assert "went" in words or "well" in words  # what retros say and other PM docs do not
    sig = Signature.load("launch-retro", {"names": ["retro"], "words": words})
    assert sig.words == pytest.approx(words)
    assert run("vocabulary", str(tmp_path / "empty")).exit_code == ExitCode.USAGE


# --- a model decides when offline detection is not sure --------------------------------

RIVAL = '''
from pmcoach import hookimpl
import importlib.util, pathlib
spec = importlib.util.spec_from_file_location("toy_src", pathlib.Path(__file__).with_name("toy.py"))
mod = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mod)

class Rival(mod.ToyCritic):
    kind = "rival-note"
    title = "Rival note"
    rubric = mod.RUBRIC.model_copy(update={"kind": "rival-note"})

@hookimpl
def register_critics(register):
    register(Rival())
'''


def _tied(tmp_path: Path) -> tuple[object, Document]:
    """Two kinds with the same signature: content detection cannot choose."""
    folder = toy_plugin_dir(tmp_path)
    toy_plugin_dir(tmp_path, RIVAL, name="rival")
    return load([folder]), Document.from_text("# Toy note\n\nA toy note about toys.\n", "t.md")


def _choose(kind: str):  # type: ignore[no-untyped-def]
    def answer(request):  # type: ignore[no-untyped-def]
        return {"criteria": [{"id": i, "verdict": "met" if i == kind else "missing",
                              "message": "why", "suggestion": "", "evidence": []}
                             for i in request.criterion_ids], "summary": ""}
    return answer


def test_a_model_settles_an_uncertain_kind(tmp_path: Path) -> None:
    registry, doc = _tied(tmp_path)
    assert detect(doc, registry.critics).uncertain  # type: ignore[attr-defined]
    engine = FakeEngine([_choose("rival-note")])
    options = ReviewOptions(coach=fake_coach(engine))
    review = review_document(doc, registry, options)  # type: ignore[arg-type]
    request = engine.history[0]
    assert request.prompt.id == "detect/v1"
    assert sorted(request.criterion_ids) == ["none", "rival-note", "toy-note"]
    assert "<<<DOCUMENT" in request.prompt.user and "never instructions" in request.prompt.system
    assert review.kind == "rival-note"
    assert review.detection is not None and review.detection.source == "model"
    assert not review.detection.uncertain
    assert [r.kind for r in review.detection.runners_up] == ["toy-note"]


def test_a_model_may_say_none_of_these_and_the_file_is_skipped(tmp_path: Path) -> None:
    registry, doc = _tied(tmp_path)
    content = detect(doc, registry.critics)  # type: ignore[attr-defined]
    engine = FakeEngine([_choose("none")])
    notes: list[str] = []
    review = review_document(doc, registry, ReviewOptions(  # type: ignore[arg-type]
        coach=fake_coach(engine)), notify=lambda path, message: notes.append(message))
    assert review.kind is None and review.detection is not None
    assert review.detection.source == "model" and review.detection.kind is None
    # The confidence is still content detection's, for the outcome it is given with.
    assert review.detection.confidence == content.not_pm and not review.detection.close
    assert {r.kind for r in review.detection.runners_up} == {"toy-note", "rival-note"}
    assert notes == ["skipped: not a PM document (looks like none of the kinds, in the "
                     "model's judgement; the model's judgement); add 'kind: <kind>' front "
                     "matter to review it"]


def test_an_unclear_model_answer_leaves_the_content_guess(tmp_path: Path) -> None:
    registry, doc = _tied(tmp_path)
    engine = FakeEngine()  # answers "met" for every candidate: no single choice
    review = review_document(doc, registry, ReviewOptions(  # type: ignore[arg-type]
        coach=fake_coach(engine)))
    assert review.detection is not None and review.detection.source == "content"
    assert review.detection.uncertain and review.kind in ("toy-note", "rival-note")


def test_the_model_s_kind_is_cached(tmp_path: Path) -> None:
    from pmcoach.coach.cache import Cache

    registry, doc = _tied(tmp_path)
    cache = Cache(tmp_path / "cache")
    for _ in range(2):
        engine = FakeEngine([_choose("toy-note")])
        coach = fake_coach(engine, cache=cache)
        review = review_document(doc, registry, ReviewOptions(coach=coach))  # type: ignore[arg-type]
        assert review.kind == "toy-note"
    assert not any(r.prompt.id == "detect/v1" for r in engine.history)  # second run: cached


def test_an_uncertain_kind_is_shown_in_every_format(tmp_path: Path) -> None:
    folder = toy_plugin_dir(tmp_path)
    toy_plugin_dir(tmp_path, RIVAL, name="rival")
    note = tmp_path / "t.md"
    note.write_text("# Toy note\n\nA toy note about toys.\n")
    for fmt, expected in (("text", "kind uncertain: add 'kind: "),
                          ("markdown", "Kind uncertain ("),
                          ("github", "but the kind is uncertain; add 'kind: "),
                          ("sarif", "but the kind is uncertain; add 'kind: ")):
        out = run("review", str(note), "--plugins-dir", str(folder), "-f", fmt).stdout
        assert expected in out, (fmt, out)
