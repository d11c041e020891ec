"""Reviews with a model, end to end through the runner: the fake engine, concurrency,
Ctrl-C, --dry-run, --prompt-version, the no-model notice, merge rules."""

from __future__ import annotations

import _thread
import io
import json
import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from llm_support import DOC, IDS, answer, make_registry

from pmcoach.cli import main
from pmcoach.cli.coaching import NOTICE, no_model_notice, progress_printer
from pmcoach.coach.cache import Cache
from pmcoach.errors import EngineError
from pmcoach.pipeline import ReviewOptions, review_paths
from pmcoach.pipeline.schedule import run_parallel
from pmcoach.testing import FakeEngine, fake_coach, review_text


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> Any:
    reg = make_registry()
    monkeypatch.setattr("pmcoach.plugins.load", lambda dirs=(): reg)
    return reg


def files(tmp_path: Path, count: int) -> list[str]:
    out = []
    for n in range(count):
        path = tmp_path / f"doc{n:02}.md"
        path.write_text(DOC + f"\nNote {n}.\n")
        out.append(str(path))
    return out


def test_fake_engine_queue_and_history(registry: Any) -> None:
    engine = FakeEngine([answer("missing", quote="If we pass 200")])
    review = review_text(DOC, registry, engine)
    assert [r.prompt.id for r in engine.history] == ["decision/v1"]
    assert engine.history[0].criterion_ids == IDS
    assert review.engine == "fake:test" and review.prompt and review.prompt.id == "decision/v1"
    assert {c.verdict.value for c in review.criteria} == {"missing"}
    assert review.criteria[0].evidence[0].line == 7
    # an empty queue answers "met" quoting nothing: a claim that cannot overturn the
    # offline verdicts (all partial here), which stand and say what the model claimed
    unquoted = review_text(DOC, registry, engine).criteria
    assert {c.verdict.value for c in unquoted} == {"partial"}
    assert all("the model says met, but it quoted nothing" in c.message for c in unquoted)


def test_fake_engine_error_leaves_the_offline_review(registry: Any) -> None:
    engine = FakeEngine([EngineError("fake: down")])
    review = review_text(DOC, registry, engine)
    assert review.engine_error is not None and review.engine_error.message == "fake: down"
    assert review.engine == "offline" and {c.source for c in review.criteria} == {"offline"}


def test_merge_met_keeps_offline_findings_as_info(registry: Any) -> None:
    from pmcoach.review import Finding, Severity

    critic = registry.critics["decision"]
    original = critic.check

    def check(doc: Any) -> Any:
        results = original(doc)
        results[0].findings = [Finding(criterion=IDS[0], severity=Severity.WARNING, line=6,
                                       end_line=6, quote="It depends.", message="vague",
                                       suggestion="say more")]
        return results

    critic.check = check
    review = review_text(DOC, registry, FakeEngine([answer("met")]))
    assert [(f.criterion, f.severity.value) for f in review.findings] == [(IDS[0], "info")]
    assert review.criteria[0].message.endswith("(offline checks: partial)")
    assert review.score == 100


def test_concurrency_overlaps_requests(tmp_path: Path, registry: Any) -> None:
    active, peak = [0], [0]
    lock = threading.Lock()

    def slow(request: Any) -> dict:
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        time.sleep(0.2)
        with lock:
            active[0] -= 1
        return answer()

    paths = files(tmp_path, 8)
    engine = FakeEngine([slow] * 8)
    started = time.perf_counter()
    report = review_paths(paths, registry, ReviewOptions(coach=fake_coach(engine), jobs=8))
    elapsed = time.perf_counter() - started
    assert [r.path for r in report.results] == paths
    assert peak[0] == 8 and elapsed < 1.0
    assert report.usage.requests == 8 + 1  # then one request about the documents together


def test_one_failure_does_not_stop_the_others(tmp_path: Path, registry: Any) -> None:
    paths = files(tmp_path, 5)

    def reply(request: Any) -> Any:
        return EngineError("fake: exploded") if "Note 2." in request.prompt.user else answer()

    report = review_paths(paths, registry, ReviewOptions(
        coach=fake_coach(FakeEngine([reply] * 5)), jobs=3))
    assert [bool(r.engine_error) for r in report.results] == [False, False, True, False, False]
    assert report.results[2].engine_error.message == "fake: exploded"
    assert report.results[2].criteria  # reviewed offline all the same


def test_progress_reports_every_file() -> None:
    seen: list[tuple[int, int]] = []
    assert run_parallel([1, 2, 3], lambda x: x * 2, 2, lambda d, t: seen.append((d, t))) == \
        [2, 4, 6]
    assert sorted(seen) == [(1, 3), (2, 3), (3, 3)]


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal() -> None:
    assert progress_printer(io.StringIO()) is None
    stream = Tty()
    show = progress_printer(stream)
    assert show is not None
    show(1, 2)
    assert stream.getvalue().endswith("reviewed 1/2 files")
    show.clear()  # before any other message, so it starts on a clean line
    assert stream.getvalue().endswith("\r\033[K")
    show(2, 2)  # done: the counter disappears
    assert stream.getvalue().count("reviewed") == 1


def test_ctrl_c_stops_and_keeps_finished_answers(tmp_path: Path, registry: Any) -> None:
    paths = files(tmp_path, 4)
    release = threading.Event()

    def reply(request: Any) -> dict:
        if "Note 3." in request.prompt.user:
            _thread.interrupt_main()  # the user presses Ctrl-C while this one is in flight
            release.wait(5)
        return answer()

    cache = Cache(tmp_path / "cache")
    coach = fake_coach(FakeEngine([reply] * 4), cache=cache)
    started = time.perf_counter()
    report = review_paths(paths, registry, ReviewOptions(coach=coach, jobs=1))
    assert time.perf_counter() - started < 3  # did not wait for the request in flight
    # The files that finished are still reported, and the report says it is incomplete.
    assert report.incomplete and [Path(r.path).name for r in report.results] == [
        Path(p).name for p in paths[:3]]
    kept = [p for p in (tmp_path / "cache").rglob("*.json") if not p.name.startswith(".")]
    release.set()
    assert len(kept) == 3  # files 0-2 were cached as they finished


def test_cli_ctrl_c_exit_code(tmp_path: Path, registry: Any,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr("pmcoach.cli.review_paths", interrupted)
    monkeypatch.setattr("pmcoach.cli.ReviewRun", interrupted)  # the streamed text report
    result = CliRunner().invoke(main, ["review", *files(tmp_path, 1), "--model", "gpt-x"])
    assert result.exit_code == 130 and "interrupted" in result.stderr


def test_dry_run_calls_nothing(tmp_path: Path, registry: Any, openai_api: Any) -> None:
    result = CliRunner().invoke(main, ["review", *files(tmp_path, 2), "--model", "gpt-test",
                                       "--dry-run"])
    assert result.exit_code == 0, result.output
    assert not openai_api.calls
    lines = result.stdout.strip().splitlines()
    assert "decision/v1" in lines[0] and "chars" in lines[0] and "tokens" in lines[0]
    assert lines[-2].startswith("2 prompts") and "2 would be sent, nothing was" in lines[-2]
    assert lines[-1].startswith("no price is known for openai:gpt-test")


def test_dry_run_without_model(tmp_path: Path, registry: Any) -> None:
    result = CliRunner().invoke(main, ["review", *files(tmp_path, 1), "--dry-run"])
    assert result.exit_code == 0 and "1 prompts" in result.stdout
    assert "no model is configured" in result.stdout


def test_prompt_version_option(tmp_path: Path, registry: Any) -> None:
    result = CliRunner().invoke(main, ["review", *files(tmp_path, 1), "--model", "gpt-test",
                                       "--prompt-version", "4", "--format", "json"])
    assert result.exit_code == 3
    assert "no prompt version 4" in json.loads(result.stdout)["results"][0]["error"]["message"]


def test_prompt_version_picks_a_plugin_version(tmp_path: Path, registry: Any) -> None:
    folder = tmp_path / "p" / "decision"
    folder.mkdir(parents=True)
    (folder / "v2.md.j2").write_text("=== system ===\nv2\n=== user ===\n"
                                     "{{ document.numbered }}\n")
    registry.prompt_dirs.append(folder.parent)
    engine = FakeEngine()
    review_text(DOC, registry, engine, prepare=lambda o: setattr(o.coach, "prompt_version", 2))
    assert engine.history[0].prompt.id == "decision/v2"
    assert engine.history[0].prompt.system == "v2"


def test_no_model_notice() -> None:
    assert no_model_notice(Tty(), {}, offline=False) == NOTICE
    assert "PMCOACH_MODEL" in NOTICE and "--model" in NOTICE
    assert no_model_notice(io.StringIO(), {}, offline=False) is None  # pre-commit, CI
    assert no_model_notice(Tty(), {}, offline=True) is None
    assert no_model_notice(Tty(), {"model": "gpt-x"}, offline=False) is None


def test_model_from_environment(tmp_path: Path, registry: Any, openai_api: Any,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    import httpx
    from llm_support import completion

    monkeypatch.setenv("PMCOACH_MODEL", "gpt-env")
    route = openai_api.post("/chat/completions").mock(
        return_value=httpx.Response(200, json=completion(answer())))
    result = CliRunner().invoke(main, ["review", *files(tmp_path, 1), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(route.calls[0].request.content)["model"] == "gpt-env"
    offline = CliRunner().invoke(main, ["review", *files(tmp_path, 1), "--offline"])
    assert offline.exit_code == 0 and route.call_count == 1


def test_unknown_engine_prefix_is_a_model_name(registry: Any) -> None:
    from pmcoach.engines import split_model

    assert split_model("llama3.1:8b", registry.engines) == ("openai", "llama3.1:8b")
    assert split_model("openai:gpt-4.1", registry.engines) == ("openai", "gpt-4.1")
    assert split_model("langchain:a.b:C", registry.engines) == ("langchain", "a.b:C")


def test_unmocked_requests_fail(tmp_path: Path, registry: Any) -> None:
    """Without a respx route the engine cannot reach the network (conftest guard)."""
    result = CliRunner().invoke(main, ["review", *files(tmp_path, 1), "--model", "gpt-x",
                                       "--retries", "0", "--format", "json", "--require-model"])
    assert result.exit_code == 3
    assert "could not connect" in \
        json.loads(result.stdout)["results"][0]["engine_error"]["message"]


def test_testing_module_is_public() -> None:
    import pmcoach.testing

    assert set(pmcoach.testing.__all__) >= {"FakeEngine", "fake_coach", "review_text"}
    assert os.path.exists(pmcoach.testing.__file__)


GATEWAY_PLUGIN = '''
import json
from pathlib import Path

from pmcoach import Criterion, Critic, CriterionResult, Rubric, Verdict, hookimpl
from pmcoach.engines import EngineAnswer
from pmcoach.engines.answer import parse_answer

RUBRIC = Rubric(kind="toy-memo", title="Toy memo", criteria=(
    Criterion(id="has-owner", title="Owner", description="names an owner"),))


class ToyCritic(Critic):
    kind = "toy-memo"
    title = "Toy memo"
    rubric = RUBRIC

    def check(self, doc):
        return [CriterionResult(id="has-owner", verdict=Verdict.MISSING, message="no owner")]


class Gateway:
    """A team's internal model gateway."""

    name = "gateway"

    def create(self, settings):
        return GatewayEngine(settings.model)


class GatewayEngine:
    def __init__(self, model):
        self.label = "gateway:" + model
        self.seen = []

    def review(self, request):
        answer = {"criteria": [{"id": "has-owner", "verdict": "met", "message": "owner named",
                                "suggestion": "", "evidence": [{"quote": "Owner: Ana"}]}],
                  "summary": request.prompt.system}
        return EngineAnswer(parse_answer(answer, request.criterion_ids), requests=1,
                            prompt_tokens=11, completion_tokens=2)


@hookimpl
def register_critics(register):
    register(ToyCritic())


@hookimpl
def register_engines(register):
    register(Gateway())


@hookimpl
def register_prompt_dirs(register):
    register(Path(__file__).parent / "prompts")
'''


def test_plugin_engine_and_prompt_dir(tmp_path: Path) -> None:
    plugins = tmp_path / "plugins"
    (plugins / "prompts" / "toy-memo").mkdir(parents=True)
    (plugins / "gateway.py").write_text(GATEWAY_PLUGIN)
    (plugins / "prompts" / "toy-memo" / "v1.md.j2").write_text(
        "=== system ===\nteam prompt for {{ rubric.title }}\n=== user ===\n"
        "{{ begin }}\n{{ document.numbered }}\n{{ end }}\n")
    memo = tmp_path / "memo.md"
    memo.write_text("# Memo\n\nOwner: Ana\n")
    result = CliRunner().invoke(main, ["review", str(memo), "--plugins-dir", str(plugins),
                                       "--kind", "toy-memo", "--model", "gateway:big",
                                       "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    res = report["results"][0]
    assert res["engine"] == "gateway:big" and res["prompt"]["id"] == "toy-memo/v1"
    assert res["criteria"][0]["verdict"] == "met"
    assert res["criteria"][0]["evidence"][0] == {"line": 3, "end_line": 3,
                                                 "quote": "Owner: Ana"}
    assert "team prompt for Toy memo" in res["summary"]
    assert report["usage"]["prompt_tokens"] == 11


def test_kind_without_prompts_is_reviewed_offline(tmp_path: Path) -> None:
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "gateway.py").write_text(GATEWAY_PLUGIN)  # registers no prompt folder here
    memo = tmp_path / "memo.md"
    memo.write_text("# Memo\n\nOwner: Ana\n")
    result = CliRunner().invoke(main, ["review", str(memo), "--plugins-dir", str(plugins),
                                       "--kind", "toy-memo", "--model", "gateway:big",
                                       "--format", "json"])
    assert result.exit_code == 1, result.output  # the offline verdict: missing
    assert json.loads(result.stdout)["results"][0]["engine"] == "offline"
    assert "has no prompt template" in result.stderr


def test_one_coach_runs_twice(tmp_path: Path, registry: Any) -> None:
    coach = fake_coach(FakeEngine())
    paths = files(tmp_path, 3)
    for _ in range(2):
        report = review_paths(paths, registry, ReviewOptions(coach=coach, jobs=2))
        assert all(r.engine == "fake:test" for r in report.results)
    assert coach.usage().requests == 2 * (3 + 1)  # per run: 3 files, then all together
