"""The OpenAI engine: ``chat.completions`` on api.openai.com or any compatible server
(Azure's v1 endpoint, Ollama, vLLM, LM Studio, llama.cpp) via ``--base-url``.

``openai`` is imported only when the first request is made.
"""

from __future__ import annotations

import os
import re
import threading
from typing import Any

from ..errors import EngineError
from . import EngineAnswer, EngineRequest, EngineSettings, FatalEngineError, redact
from .answer import AnswerError, json_schema, parse_answer, repair_message

#: How to ask for JSON, best first; a server that refuses one gets the next.
MODES = ("json_schema", "json_object", "prompt")
_FORMAT_HINTS = ("response_format", "json_schema", "json_object", "structured output",
                 "grammar", "schema")
_TAGS = re.compile(r"<[^>]*>")


def _short(body: object, limit: int = 160) -> str:
    """A server's error body as one readable line (HTML pages from proxies included)."""
    if isinstance(body, dict):
        inner = body.get("error", body)
        body = inner.get("message", inner) if isinstance(inner, dict) else inner
    text = " ".join(_TAGS.sub(" ", str(body)).split())
    return redact(text if len(text) <= limit else text[: limit - 1] + "…")


class OpenAIFactory:
    """Registered under the name ``openai``: the default engine."""

    name = "openai"

    def create(self, settings: EngineSettings) -> OpenAIEngine:
        return OpenAIEngine(settings)


class OpenAIEngine:
    """Calls ``chat.completions`` and validates the answer itself."""

    def __init__(self, settings: EngineSettings) -> None:
        self.settings = settings
        self.label = f"openai:{settings.model}"
        #: The response mode to try first: what worked last time with this server and model.
        self.mode = _remembered(self._server_key()) or MODES[0]
        #: Back-off delays the SDK chose (Retry-After when the server sent one).
        self.retry_delays: list[float] = []
        self._client: Any = None
        self._lock = threading.Lock()
        self._retries = threading.local()  # the SDK's retries during this thread's call

    @property
    def base_url(self) -> str:
        return self.settings.base_url or os.environ.get("OPENAI_BASE_URL") or \
            "https://api.openai.com/v1"

    def client(self) -> Any:
        with self._lock:
            if self._client is None:
                self._client = self._make_client()
            return self._client

    def _make_client(self) -> Any:
        import openai

        engine = self
        key = os.environ.get("OPENAI_API_KEY")
        custom_url = self.settings.base_url or os.environ.get("OPENAI_BASE_URL")
        if not key:
            if not custom_url:
                raise FatalEngineError(
                    "OPENAI_API_KEY is not set; export it, or point --base-url at a local "
                    "OpenAI-compatible server (see docs/models.md)")
            key = "not-needed"  # local servers (Ollama, llama.cpp) ignore the key

        class Client(openai.OpenAI):
            # Private SDK hooks, wrapped rather than copied: the SDK keeps its own
            # Retry-After handling; we only record the delay and refuse to retry a 429
            # that means "no quota left" (it will not clear by waiting).
            def _calculate_retry_timeout(self, *args: Any, **kwargs: Any) -> float:
                delay = super()._calculate_retry_timeout(*args, **kwargs)
                engine.retry_delays.append(delay)
                # Each retry is a request sent: counted for this call's usage.
                engine._retries.count = getattr(engine._retries, "count", 0) + 1
                return delay

            def _should_retry(self, response: Any) -> bool:
                if response.status_code == 429 and "insufficient_quota" in _body_text(response):
                    return False
                if response.status_code >= 500 and _names_format(_body_text(response)):
                    return False  # a server without schema support: the next mode, not again
                return super()._should_retry(response)

        return Client(api_key=key, base_url=custom_url, timeout=self.settings.timeout,
                      max_retries=self.settings.retries)

    def review(self, request: EngineRequest) -> EngineAnswer:
        ids = request.criterion_ids
        messages: list[dict[str, str]] = request.prompt.messages()
        result = EngineAnswer(answer=None, requests=0)  # type: ignore[arg-type]
        for attempt in range(2):
            content = self._complete(messages, ids, result)
            try:
                result.answer = parse_answer(content, ids)
                return result
            except AnswerError as exc:
                if attempt:
                    raise _with_requests(EngineError(
                        f"{self.label}: the answer was still unusable after a corrective "
                        f"retry: {exc}"), result) from None
                messages = [*messages, {"role": "assistant", "content": str(content)},
                            {"role": "user", "content": repair_message(exc, ids)}]
        raise AssertionError("unreachable")

    def _complete(self, messages: list[dict[str, str]], ids: list[str],
                  result: EngineAnswer) -> str:
        import openai

        try:
            client = self.client()
        except EngineError as exc:  # no key: nothing was sent
            raise _with_requests(exc, result) from None
        while True:
            mode = self.mode
            result.requests += 1
            self._retries.count = 0
            try:
                response = client.chat.completions.create(
                    **self.request_body(messages, ids, mode))
            except (openai.BadRequestError, openai.UnprocessableEntityError,
                    openai.InternalServerError) as exc:
                result.requests += self._retries.count
                # Servers refuse a response_format they cannot do with 400, 422 or even 500
                # (llama.cpp's server): a refusal that names it moves to the next mode.
                if mode != MODES[-1] and _about_format(exc):
                    self._downgrade(mode)
                    continue
                raise self._error(exc, result) from None
            except Exception as exc:  # noqa: BLE001 - mapped to one line per kind below
                result.requests += self._retries.count
                raise self._error(exc, result) from None
            result.requests += self._retries.count
            return self._content(response, result)

    def _server_key(self) -> str:
        """The server and model, as remembered on disk: no credentials in the URL."""
        from urllib.parse import urlsplit, urlunsplit

        parts = urlsplit(self.base_url)
        host = parts.hostname or ""
        netloc = f"{host}:{parts.port}" if parts.port else host
        return f"{urlunsplit((parts.scheme, netloc, parts.path, '', ''))}|{self.settings.model}"

    def request_body(self, messages: list[dict[str, str]], ids: list[str],
                     mode: str | None = None) -> dict[str, Any]:
        """The ``chat.completions`` body for one review (also a Batch API line's body)."""
        mode = mode or self.mode
        # --model-arg values are extra request parameters (temperature, seed, ...).
        body: dict[str, Any] = {k: v for k, v in self.settings.model_args.items()
                                if k not in ("model", "messages", "response_format")}
        body.update(model=self.settings.model, messages=messages)
        if mode == "json_schema":
            body["response_format"] = {"type": "json_schema", "json_schema": {
                "name": "pmcoach_review", "strict": True, "schema": json_schema(ids)}}
        elif mode == "json_object":
            body["response_format"] = {"type": "json_object"}
        return body

    def _downgrade(self, mode: str) -> None:
        # Remembered for the run (every file would hit the same refusal) and on disk for
        # the next run with this server and model.
        with self._lock:
            if self.mode == mode:
                self.mode = MODES[MODES.index(mode) + 1]
                _remember(self._server_key(), self.mode)

    def _content(self, response: Any, result: EngineAnswer) -> str:
        if isinstance(response, str):  # the SDK returns a str for non-JSON 200 bodies
            raise _with_requests(EngineError(
                f"{self.label}: the server answered with a web page or plain text instead of "
                f"a chat completion (a proxy or wrong --base-url?): {_short(response, 100)}"),
                result)
        usage = getattr(response, "usage", None)
        if usage is not None:
            result.prompt_tokens += int(getattr(usage, "prompt_tokens", 0) or 0)
            result.completion_tokens += int(getattr(usage, "completion_tokens", 0) or 0)
        choices = getattr(response, "choices", None) or []
        if not choices:
            raise _with_requests(EngineError(f"{self.label}: the answer has no choices"), result)
        choice = choices[0]
        message = getattr(choice, "message", None)
        if message is None:  # {"choices": [{}]}: a reply shape to refuse, not to crash on
            raise _with_requests(EngineError(
                f"{self.label}: the answer's first choice has no message; check --base-url"),
                result)
        refusal = getattr(message, "refusal", None)
        if refusal:
            raise _with_requests(EngineError(
                f"{self.label}: the model refused to review this file: {_short(refusal)}"),
                result)
        finish = getattr(choice, "finish_reason", None)
        if finish == "length":
            raise _with_requests(EngineError(
                f"{self.label}: the answer was cut off at the model's output limit "
                "(finish_reason=length); try a model with a larger output limit or a "
                "shorter document"), result)
        if finish == "content_filter":
            raise _with_requests(EngineError(
                f"{self.label}: the provider's content filter blocked the answer"), result)
        content = getattr(message, "content", None)
        return content if isinstance(content, str) else ""

    def _error(self, exc: Exception, result: EngineAnswer) -> EngineError:
        import json

        import openai
        import pydantic

        retries = self.settings.retries
        label = self.label
        error: EngineError
        if isinstance(exc, openai.AuthenticationError):
            error = FatalEngineError(f"{label}: the server rejected the API key (HTTP 401); "
                                     "check OPENAI_API_KEY")
        elif isinstance(exc, openai.PermissionDeniedError):
            error = FatalEngineError(f"{label}: permission denied (HTTP 403): "
                                     f"{_short(exc.body)}")
        elif isinstance(exc, openai.NotFoundError):
            error = FatalEngineError(
                f"{label}: model {self.settings.model!r} or the endpoint was not found at "
                f"{self.base_url} (HTTP 404): {_short(exc.body)}; check --model and --base-url")
        elif isinstance(exc, openai.RateLimitError):
            if exc.code == "insufficient_quota" or "insufficient_quota" in str(exc.body):
                error = FatalEngineError(f"{label}: the account has no quota left "
                                         "(insufficient_quota); check the plan and billing")
            else:
                error = EngineError(f"{label}: rate limited (HTTP 429) after {retries} "
                                    "retries; lower --jobs or try again later")
        elif isinstance(exc, openai.APITimeoutError):
            error = EngineError(f"{label}: no answer within {self.settings.timeout:g} s "
                                f"(after {retries} retries); raise --timeout or try again")
        elif isinstance(exc, openai.APIConnectionError):
            # Unreachable after the retries: every other file would wait the same way.
            error = FatalEngineError(f"{label}: could not connect to {self.base_url} (after "
                                f"{retries} retries); is the server running?")
        elif isinstance(exc, openai.APIStatusError):
            after = f" after {retries} retries" if exc.status_code >= 500 else ""
            error = EngineError(f"{label}: the server failed (HTTP {exc.status_code}){after}: "
                                f"{_short(exc.body)}")
        elif isinstance(exc, json.JSONDecodeError | openai.APIResponseValidationError |
                        pydantic.ValidationError):
            error = EngineError(f"{label}: the server's reply was not a valid chat completion "
                                f"({type(exc).__name__}); check --base-url")
        elif isinstance(exc, EngineError):
            error = exc
        else:
            error = EngineError(f"{label}: {type(exc).__name__}: {_short(str(exc))}")
        return _with_requests(error, result)


def _with_requests(error: EngineError, result: EngineAnswer) -> EngineError:
    """Carry the work already done (requests, tokens) so usage counts failures too."""
    error.args = (redact(str(error)),)
    error.requests = result.requests  # type: ignore[attr-defined]
    error.prompt_tokens = result.prompt_tokens  # type: ignore[attr-defined]
    error.completion_tokens = result.completion_tokens  # type: ignore[attr-defined]
    return error


def _about_format(exc: Any) -> bool:
    """Does a refusal complain about ``response_format`` (a server without schema support)?"""
    return _names_format(f"{getattr(exc, 'param', '') or ''} {_short(exc.body, 400)}")


def _names_format(text: str) -> bool:
    return any(hint in text.lower() for hint in _FORMAT_HINTS)


def _modes_file() -> Any:
    from ..paths import default_dir
    return default_dir() / "response-modes.json"


def _remembered(server: str) -> str | None:
    """The mode a server and model last needed (json_object, prompt), if any."""
    import json

    try:
        mode = json.loads(_modes_file().read_text(encoding="utf-8")).get(server)
    except (OSError, ValueError, AttributeError):
        return None
    return mode if mode in MODES else None


def _remember(server: str, mode: str) -> None:
    """Record ``mode`` for ``server`` (atomically; losing a race only costs one refusal)."""
    import json
    import tempfile

    path = _modes_file()
    try:
        known = json.loads(path.read_text(encoding="utf-8"))
        known = known if isinstance(known, dict) else {}
    except (OSError, ValueError):
        known = {}
    known[server] = mode
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(known, out, indent=1, sort_keys=True)
        os.replace(temp, path)
    except OSError:
        pass


def _body_text(response: Any) -> str:
    try:
        return str(response.read().decode("utf-8", "replace"))
    except Exception:  # noqa: BLE001 - a streamed or closed body: no hint, normal retry
        return ""
