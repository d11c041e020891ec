"""The LangChain engine with langchain-core's fake chat models (no network)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from langchain_core.messages import AIMessage
from langchain_core.runnables import RunnableLambda
from llm_support import DOC, IDS, answer, make_registry

from pmcoach.cli import main
from pmcoach.coach.prompts import RenderedPrompt
from pmcoach.engines import EngineRequest, EngineSettings, FatalEngineError
from pmcoach.engines.langchain_engine import LangChainEngine, load_model

FAKE = "langchain:langchain_core.language_models.fake_chat_models:FakeListChatModel"


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> Any:
    reg = make_registry()
    monkeypatch.setattr("pmcoach.plugins.load", lambda dirs=(): reg)
    return reg


def review(tmp_path: Path, *args: str) -> tuple[Any, dict[str, Any]]:
    path = tmp_path / "d.md"
    path.write_text(DOC)
    result = CliRunner().invoke(main, ["review", str(path), "--format", "json", *args])
    try:
        return result, json.loads(result.stdout)
    except ValueError:
        return result, {}


def test_fake_chat_model_via_cli(tmp_path: Path, registry: Any) -> None:
    responses = json.dumps([json.dumps(answer("missing", quote="If we stay under 50"))])
    result, report = review(tmp_path, "--model", FAKE, "--model-arg", f"responses={responses}")
    assert result.exit_code == 1, result.output
    res = report["results"][0]
    assert res["engine"] == "langchain:langchain_core.language_models.fake_chat_models:" \
                            "FakeListChatModel"
    assert res["criteria"][0]["verdict"] == "missing"
    assert res["criteria"][0]["evidence"][0]["line"] == 6
    assert report["usage"]["requests"] == 1


def test_prompt_parse_validate_with_repair() -> None:
    model_args = {"responses": ["not json at all", json.dumps(answer())]}
    engine = LangChainEngine(EngineSettings(model="langchain_core.language_models."
                                            "fake_chat_models:FakeListChatModel",
                                            model_args=model_args))
    result = engine.review(EngineRequest(RenderedPrompt("decision/v1", "sys", "user"), IDS))
    assert result.requests == 2
    assert [c.id for c in result.answer.criteria] == IDS


def test_invalid_twice_fails() -> None:
    engine = LangChainEngine(EngineSettings(
        model="langchain_core.language_models.fake_chat_models:FakeListChatModel",
        model_args={"responses": ["{}", "{}"]}))
    with pytest.raises(Exception, match="corrective retry"):
        engine.review(EngineRequest(RenderedPrompt("decision/v1", "s", "u"), IDS))


class StructuredFake(FakeListChatModel):
    """A fake chat model that has structured output, like a provider with tool calling."""

    def with_structured_output(self, schema: Any, *, include_raw: bool = False,
                               **kwargs: Any) -> Any:
        # The answer schema itself: every criterion id a required key.
        assert schema["properties"]["criteria"]["required"] == IDS and include_raw

        def run(messages: Any) -> dict:
            raw = AIMessage(content="", usage_metadata={
                "input_tokens": 50, "output_tokens": 7, "total_tokens": 57})
            return {"raw": raw, "parsed": answer(), "parsing_error": None}

        return RunnableLambda(run)


def test_structured_output_used_when_supported(tmp_path: Path, registry: Any) -> None:
    result, report = review(tmp_path, "--model",
                            "langchain:test_engine_langchain:StructuredFake",
                            "--model-arg", "responses=[]")
    assert result.exit_code == 0, result.output
    assert report["usage"] == {"requests": 1, "cached": 0, "prompt_tokens": 50,
                               "completion_tokens": 7, "cost_usd": None}


def test_missing_package_says_pip_install(tmp_path: Path, registry: Any) -> None:
    result, report = review(tmp_path, "--model", "langchain:langchain_nowhere.chat:ChatNowhere")
    assert result.exit_code == 0  # the offline review stands; the reason is reported
    assert "pip install langchain-nowhere" in report["results"][0]["engine_error"]["message"]
    assert report["usage"]["requests"] == 0


def test_bad_targets() -> None:
    with pytest.raises(FatalEngineError, match="package.module:ClassName"):
        load_model("langchain_core", {})
    with pytest.raises(FatalEngineError, match="not a langchain-core BaseChatModel"):
        load_model("json:JSONDecoder", {})
    with pytest.raises(FatalEngineError, match="--model-arg"):
        load_model("langchain_core.language_models.fake_chat_models:FakeListChatModel",
                   {"nonsense": 1, "responses": "x"})


def test_model_error_is_one_line(tmp_path: Path, registry: Any) -> None:
    class Boom(FakeListChatModel):
        def invoke(self, *args: Any, **kwargs: Any) -> Any:
            raise ConnectionError("provider down")

    import test_engine_langchain

    test_engine_langchain.Boom = Boom  # type: ignore[attr-defined]
    result, report = review(tmp_path, "--model", "langchain:test_engine_langchain:Boom",
                            "--model-arg", "responses=[]", "--require-model")
    assert result.exit_code == 3
    assert "ConnectionError: provider down" in report["results"][0]["engine_error"]["message"]
    assert "provider down; reviewed offline" in result.stderr


class Leaky(FakeListChatModel):
    """A provider whose errors echo its key back."""

    api_key: str = ""

    def invoke(self, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError(f"key {self.api_key} is not allowed")


def test_secret_model_args_never_shown(tmp_path: Path, registry: Any) -> None:
    secret = "supersecretvalue123"
    result, report = review(tmp_path, "--model", "langchain:test_engine_langchain:Leaky",
                            "--model-arg", f"api_key={secret}", "--model-arg", "responses=[]",
                            "--require-model")
    assert result.exit_code == 3
    assert secret not in result.output and secret not in result.stderr
    assert "key *** is not allowed" in report["results"][0]["engine_error"]["message"]
