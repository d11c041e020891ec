"""The model-related part of the command line: ``review``'s coaching options and the
``pmcoach prompts`` commands. Kept apart from cli.py so the core command stays small;
nothing here imports an SDK.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from typing import Any, TextIO

import click

from ..errors import ConfigError

NOTICE = ("offline checks only; set PMCOACH_MODEL or pass --model (and OPENAI_API_KEY) "
          "for coaching from a model, see docs/models.md")


def coaching_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options ``pmcoach review`` takes for model coaching."""
    options = [
        click.option("-m", "--model", envvar="PMCOACH_MODEL", metavar="NAME",
                     help="Coach with this model as well as the offline checks: an OpenAI "
                          "model name (gpt-4.1-mini), a local server's model (llama3.1:8b "
                          "with --base-url), or langchain:package.module:Class. "
                          "Env: PMCOACH_MODEL."),
        click.option("--base-url", envvar="OPENAI_BASE_URL", metavar="URL",
                     help="An OpenAI-compatible server (Ollama, vLLM, LM Studio, llama.cpp, "
                          "Azure). Env: OPENAI_BASE_URL."),
        click.option("--model-arg", "model_args", multiple=True, metavar="KEY=VALUE",
                     help="An extra request parameter (temperature=0, seed=1) for OpenAI, "
                          "or a constructor argument for a langchain model; repeatable."),
        click.option("--timeout", type=click.FloatRange(min=1), default=60.0,
                     show_default=True, help="Seconds to wait for one model answer."),
        click.option("--retries", type=click.IntRange(min=0, max=10), default=2,
                     show_default=True,
                     help="Retries after timeouts, rate limits and server errors (the "
                          "server's Retry-After is honoured)."),
        click.option("-j", "--jobs", type=click.IntRange(min=1, max=64), envvar="PMCOACH_JOBS",
                     help="Files reviewed at once: worker processes offline (default: one "
                          "per core; small runs stay in one process), model requests in "
                          "flight with a model (default: 8). Env: PMCOACH_JOBS."),
        click.option("--refresh", is_flag=True,
                     help="Ask the model again even when an answer is cached, and cache "
                          "the new answer."),
        click.option("--no-cache", is_flag=True,
                     help="Neither read nor write the answer cache."),
        click.option("--require-model", is_flag=True,
                     help="Exit 3 when the model could not answer for a file (by default "
                          "that file is reviewed offline and the exit status follows the "
                          "offline verdicts)."),
        click.option("--batch", is_flag=True,
                     help="Send the run's requests through the OpenAI Batch API (half the "
                          "price; results within 24 h); resumable: run the same command "
                          "again after an interruption."),
        click.option("--batch-poll", type=click.FloatRange(min=0.1), default=30.0,
                     show_default=True, metavar="SECONDS",
                     help="How often to check on a --batch run."),
        click.option("--prompt-version", type=click.IntRange(min=1), metavar="N",
                     help="Use version N of every kind's prompt instead of the critic's own."),
        click.option("--dry-run", is_flag=True,
                     help="Render the prompts and print their sizes; call nothing."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def build_coach(registry: Any, coaching: Mapping[str, Any], *, offline: bool,
                prompt_versions: Mapping[str, int] | None = None,
                prices: Mapping[str, Any] | None = None) -> Any:
    """A :class:`~pmcoach.coach.Coach` for these options, or None for offline only."""
    model = None if offline else coaching.get("model")
    dry_run = bool(coaching.get("dry_run"))
    if not model and not dry_run:
        return None
    # Imported only now: an offline review should not pay for the coaching machinery.
    from ..coach import Coach
    from ..coach.cache import Cache
    from ..coach.prompts import PromptLibrary
    from ..engines import EngineSettings, parse_model_args, split_model
    library = PromptLibrary.discover(registry.prompt_dirs)
    engine = None
    settings: dict[str, Any] = {}
    if model:
        prefix, name = split_model(model, registry.engines)
        factory = registry.engines.get(prefix)
        if factory is None:
            raise ConfigError(f"no engine {prefix!r} is installed (engines: "
                              f"{', '.join(sorted(registry.engines)) or 'none'})")
        engine_settings = EngineSettings(
            model=name, base_url=coaching.get("base_url") or None,
            timeout=coaching.get("timeout", 60.0), retries=coaching.get("retries", 2),
            model_args=parse_model_args(coaching.get("model_args", ())))
        engine = factory.create(engine_settings)
        settings = engine_settings.cache_fields()
    cache = None if coaching.get("no_cache") else Cache()
    coach = Coach(engine, library, settings=settings,
                  prompt_version=coaching.get("prompt_version"),
                  prompt_versions=prompt_versions, cache=cache, dry_run=dry_run)
    coach.read_cache = not coaching.get("refresh")
    coach.prices = dict(prices or {})
    return coach


def batch_pass(paths: list[str], registry: Any, options: Any, coach: Any,
               coaching: Mapping[str, Any], say: Callable[[str], None]) -> None:
    """--batch: gather every file's request, run them as one batch, fill the cache; the
    review that follows then answers every file from the cache."""
    if coach is None or coach.engine is None:
        raise ConfigError("--batch needs a model (--model or PMCOACH_MODEL)")
    if coach.cache is None or coach.dry_run:
        raise ConfigError("--batch stores the batch's answers in the cache: it cannot be "
                          "combined with --no-cache or --dry-run")
    if not hasattr(coach.engine, "request_body"):
        raise ConfigError(f"--batch works with the OpenAI engine, not {coach.engine.label}")
    from ..coach.batch import run_batch
    from ..pipeline.run import review_paths

    coach.dry_run = True  # gather the prompts and cache keys; nothing is sent
    try:
        review_paths(paths, registry, options)
    finally:
        coach.dry_run = False
    coach.count(run_batch(coach.engine, coach, coach.dry_runs,
                          poll=coaching.get("batch_poll", 30.0), say=say))
    coach.dry_runs.clear()
    coach.batch = coach.cache_only = True


def no_model_notice(stream: TextIO, coaching: Mapping[str, Any], offline: bool) -> str | None:
    """The one-line hint shown when no model is configured, or None.

    Only on a terminal: in pre-commit hooks and CI logs nobody can act on it, and it
    would repeat on every commit. ``--offline`` says the user chose this, so no hint.
    """
    if offline or coaching.get("model") or not getattr(stream, "isatty", lambda: False)():
        return None
    return NOTICE


class ProgressLine:
    """A one-line ``reviewed N/M files`` counter on a terminal's stderr. Other messages
    call :meth:`clear` first, so they never land on the end of the counter."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.shown = False
        self._lock = threading.Lock()

    def __call__(self, done: int, total: int) -> None:
        with self._lock:
            if done >= total:
                self._clear()
                return
            self.stream.write(f"\r\033[Kpmcoach: reviewed {done}/{total} files")
            self.stream.flush()
            self.shown = True

    def _clear(self) -> None:
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.shown = False

    def clear(self) -> None:
        with self._lock:
            self._clear()


def progress_printer(stream: TextIO) -> ProgressLine | None:
    """The progress counter, only when ``stream`` is a terminal."""
    if not getattr(stream, "isatty", lambda: False)():
        return None
    return ProgressLine(stream)


def dry_run_table(coach: Any) -> str:
    """What ``--dry-run`` prints: one line per file, then the totals."""
    rows = sorted(coach.dry_runs, key=lambda r: r.path)
    lines = []
    for row in rows:
        state = " (cached)" if row.cached else ""
        lines.append(f"{row.path}  {row.prompt.id}  {row.prompt.chars:,} chars  "
                     f"~{row.prompt.approx_tokens:,} tokens  sha256 {row.prompt.sha256[:12]}"
                     f"{state}")
    chars = sum(r.prompt.chars for r in rows)
    tokens = sum(r.prompt.approx_tokens for r in rows)
    to_send = sum(1 for r in rows if not r.cached)
    sending = (f"{to_send} would be sent, nothing was" if coach.engine is not None
               else "no model is configured, so none would be sent")
    lines.append(f"{len(rows)} prompts, {chars:,} chars, ~{tokens:,} tokens (estimated at 4 "
                 f"characters a token); {sending}.")
    if coach.engine is not None and to_send:
        lines.append(_estimate(coach, [r for r in rows if not r.cached]))
    return "\n".join(lines)


def _estimate(coach: Any, rows: list[Any]) -> str:
    """The cost of sending ``rows``, before anything is sent."""
    from ..coach.prices import CHECKED, TYPICAL_ANSWER_TOKENS, cost

    prompt = sum(r.prompt.approx_tokens for r in rows)
    answers = TYPICAL_ANSWER_TOKENS * len(rows)
    dollars = cost(coach.engine.label, prompt, answers, coach.prices)
    if dollars is None:
        return (f"no price is known for {coach.engine.label}; add it under [prices] in the "
                "config to get an estimate (see docs/caching.md)")
    return (f"estimated cost: ${dollars:,.4f} for ~{prompt:,} prompt + ~{answers:,} answer "
            f"tokens (prices as of {CHECKED}; override under [prices])")


def usage_line(usage: Any, engine: str = "model") -> str:
    """The text format's one-line cost summary."""
    spent = f", ~${usage.cost_usd:,.4f}" if usage.cost_usd is not None else ""
    return (f"model usage ({engine}): {usage.requests} requests, {usage.cached} cached, "
            f"{usage.prompt_tokens:,} prompt + {usage.completion_tokens:,} completion tokens"
            f"{spent}")
