"""With a model configured: ask it for contradictions between the documents, and keep only
what is grounded.

One request per review (``prompts/portfolio-consistency``): the documents go in together,
each under a "=== FILE: path ===" line, and the model answers per fact (the same ids as the
offline findings) with quotes written as "path: exact text". A quote counts only when that
text is really in that file (it becomes a span with the file's own line numbers); a finding
needs grounded quotes in two different files, else it is dropped. A model finding that
repeats an offline one (same fact, a shared place) is not added. When the model cannot
answer, the offline findings stand.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ..document import Document
from ..errors import EngineError, PmcoachError
from ..rubric import Criterion, Rubric
from .model import PortfolioFinding, Span

if TYPE_CHECKING:
    from ..coach import Coach
    from ..engines.answer import ModelAnswer

PROMPT = "portfolio-consistency"
FACTS = ("team-size", "dates", "launch-date", "update-vs-case-study", "metric", "role",
         "title")
RUBRIC = Rubric(kind=PROMPT, title="contradictions between documents", criteria=(
    Criterion(id="team-size", title="Team size",
              description="The same team's size is given differently for the same time."),
    Criterion(id="dates", title="Project dates",
              description="A project's length, dates or start differ between documents."),
    Criterion(id="launch-date", title="Launch date",
              description="The same launch is dated differently."),
    Criterion(id="update-vs-case-study", title="Update against the later story",
              description="An update written during the project says a stage had not "
                          "happened (or had) by its date; another document dates it otherwise."),
    Criterion(id="metric", title="Metric",
              description="The same metric and segment has a different baseline or result."),
    Criterion(id="role", title="Role",
              description="The author's part in a project (sole or lead PM, supporting "
                          "someone, who owned a decision) is told differently."),
    Criterion(id="title", title="Job title",
              description="The author's title at a time differs from their history."),
))
_MARK = "=== FILE: {path} ==="


def combined(documents: Mapping[str, Document]) -> Document:
    """All documents as one text for the prompt, each under its file line."""
    parts = []
    for path, doc in documents.items():
        parts.append(_MARK.format(path=path))
        parts.append(doc.text.rstrip("\n"))
        parts.append("")
    return Document.from_text("\n".join(parts), "portfolio")


def _split(quote: str, paths: Sequence[str]) -> tuple[str, str] | None:
    """ "a.md: the team was four" -> ("a.md", "the team was four"), for a known path."""
    for path in sorted(paths, key=len, reverse=True):
        for prefix in (path, path.rsplit("/", 1)[-1]):
            if quote.startswith(prefix + ":"):
                text = quote[len(prefix) + 1:].strip().strip('"“”')
                return (path, text) if text else None
    return None


def ground(answer: ModelAnswer, documents: Mapping[str, Document]) -> list[PortfolioFinding]:
    """The answer's contradictions whose quotes are in two files or more, as findings."""
    found: list[PortfolioFinding] = []
    for criterion in answer.criteria:
        if criterion.verdict == "met" or criterion.id not in FACTS:
            continue
        spans: list[Span] = []
        for evidence in criterion.evidence:
            split = _split(evidence.quote.strip(), list(documents))
            if split is None:
                continue
            path, text = split
            located = documents[path].locate(text)
            if located is not None and len(located.text) >= 8:
                spans.append(Span(path, located.line, located.end_line, located.text))
        if len({s.path for s in spans}) >= 2:
            found.append(PortfolioFinding(
                id=criterion.id, message=criterion.message.strip(),
                suggestion=criterion.suggestion.strip(), spans=spans, source="model"))
    return found


def merged(offline: Sequence[PortfolioFinding], model: Sequence[PortfolioFinding]
           ) -> list[PortfolioFinding]:
    """The offline findings, then the model's that say something new."""
    places = {(f.id, s.path, line) for f in offline for s in f.spans
              for line in range(s.line, s.end_line + 1)}
    out = list(offline)
    for f in model:
        if not any((f.id, s.path, line) in places for s in f.spans
                   for line in range(s.line, s.end_line + 1)):
            out.append(f)
    return out


def model_findings(coach: Coach, documents: Mapping[str, Document]) -> list[PortfolioFinding]:
    """The model's grounded findings ([] without a model, or when it cannot answer)."""
    if coach.engine is None or len(documents) < 2 or not coach.library.versions(PROMPT):
        return []
    from ..coach.cache import cache_key
    from ..coach.prompts import render
    from ..engines import EngineRequest
    from ..engines.answer import AnswerError, parse_answer
    from ..review import Usage

    doc = combined(documents)
    try:
        prompt = render(coach.library.get(PROMPT), RUBRIC, doc)
    except PmcoachError:
        return []
    key = cache_key(text=doc.text, kind=PROMPT, prompt_id=prompt.id,
                    prompt_sha256=prompt.sha256, engine=coach.label, settings=coach.settings)
    entry = coach.cache.get(key) if coach.cache is not None and coach.read_cache else None
    if entry is not None:
        try:
            coach.count(Usage(cached=1))
            return ground(parse_answer(entry.get("answer"), list(RUBRIC.ids)), documents)
        except AnswerError:
            pass  # damaged or from an older rubric: ask again
    if coach.dry_run or coach.cache_only or coach.fatal is not None:
        return []  # nothing is sent: a dry run, a batch's cached answers, a failing model
    try:
        result = coach.engine.review(EngineRequest(prompt, list(RUBRIC.ids)))
    except EngineError:
        return []
    coach.count(Usage(requests=result.requests, prompt_tokens=result.prompt_tokens,
                      completion_tokens=result.completion_tokens))
    if coach.cache is not None:
        coach.cache.put(key, {"engine": coach.label, "prompt": prompt.id,
                              "answer": result.answer.model_dump(mode="json")})
    return ground(result.answer, documents)
