"""Orchestration: paths -> documents -> kind -> critic -> grounded, scored reviews."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..__about__ import __version__
from ..detect import detect
from ..document import Document
from ..errors import ExitCode, InputError, PluginError, PmcoachError
from ..plugins import Registry
from ..portfolio.model import Portfolio
from ..review import (
    CriterionResult,
    Detection,
    ErrorInfo,
    Finding,
    Report,
    Review,
    Severity,
    SkippedFile,
    ToolInfo,
)
from . import suppressions
from .grounding import ground_result
from .interrupt import CtrlC
from .schedule import Schedule
from .score import finalize
from .sources import MAX_BYTES, MAX_LINES, Source, expand, line_count, text_of, unique
from .tally import FAIL_ON, Tally
from .work import Extract, FileResult, review_file

if TYPE_CHECKING:
    from ..coach import Coach
    from ..config import Config
    from .schedule import Progress

#: Called with (path, message) for things the user should know that are not errors.
Notify = Callable[[str, str], None]


def _ignore(path: str, message: str) -> None:
    pass


@dataclass
class ReviewOptions:
    kind: str | None = None
    max_bytes: int = MAX_BYTES
    #: Print the traceback of a file's failure (the run still goes on).
    debug: bool = False
    #: The project's configuration: kinds by glob, exclude, disable, severity.
    config: Config | None = None
    #: No longer does anything: a file that is not a PM document is always skipped.
    skip_unknown: bool = False
    #: The model coaching step (None: offline checks only); see coach.py.
    coach: Coach | None = None
    #: Files reviewed at once: worker processes offline (None: one per core; see
    #: processes.py), requests in flight with a model (None: 8).
    jobs: int | None = None
    #: Called with (finished, total) as files complete, for a progress display.
    progress: Progress | None = None
    #: Skip the files git ignores when expanding folders (``--no-ignore`` turns it off).
    gitignore: bool = True
    #: The file name standard input stands for (``--stdin-filename``).
    stdin_name: str | None = None
    #: Small per-document payloads to keep beside each review (see work.py).
    extract: dict[str, Extract] = field(default_factory=dict)

    def workers(self) -> int:
        """``jobs``, or its default: one process per core offline, 8 model requests."""
        if self.jobs is not None:
            return max(1, self.jobs)
        if self.coach is not None:
            return 8
        from .processes import default_jobs

        return default_jobs()


def _skipped(review: Review) -> bool:
    """A file detection found is not a PM document (reviewed as nothing, no error)."""
    return review.error is None and review.kind is None and review.detection is not None


def review_paths(paths: list[str], registry: Registry, options: ReviewOptions,
                 notify: Notify = _ignore) -> Report:
    """Review every document under ``paths``; one file's failure never stops the others."""
    run = ReviewRun(paths, registry, options, notify)
    return finish(run, run.report(list(run)))


def finish(run: ReviewRun, report: Report) -> Report:
    """What follows from all the reviews: the portfolio (and the model's usage with it)."""
    # An interrupted run sends nothing more: the model reads the documents together only
    # when every one was reviewed.
    report.portfolio = portfolio(report.results, run.registry,
                                 coach=None if report.incomplete else run.options.coach)
    if run.options.coach is not None:
        report.usage = run.options.coach.usage()  # the portfolio's request counts too
    return report


def streamed(run: ReviewRun, reviews: Iterable[Review]) -> Iterator[Review]:
    """``reviews`` passed on as they come, keeping only :func:`summary_of` each; once they
    are all out, ``run.shell`` is the finished report over those summaries (a formatter
    that streams reads what follows the files from it then). Memory stays small per file."""
    kept: list[Review] = []
    for review in reviews:
        kept.append(summary_of(review))
        yield review
    run.shell.results = kept
    finish(run, run.shell)


def summary_of(review: Review) -> Review:
    """A written review, cut to what the exit status, the totals, ``--statistics`` and the
    portfolio read: verdicts, severities and rule ids, the facts; no prose, no evidence."""
    criteria = [CriterionResult(id=c.id, verdict=c.verdict, message="", rule=c.rule,
                                source=c.source, suppressed=c.suppressed)
                for c in review.criteria]
    findings = [Finding(criterion=f.criterion, severity=f.severity, message="", suggestion="",
                        rule=f.rule) for f in review.findings]
    return replace(review, criteria=criteria, findings=findings, summary="")


class ReviewRun:
    """One run over ``paths``: iterate it for the reviews, in input order, as each file
    finishes; then :meth:`report` holds the rest (skipped files, incomplete, usage).

    Nothing is kept of a review once it is handed on but its :class:`Tally` (exit status,
    statistics), so a caller that writes reviews as they come runs in flat memory. Ctrl-C
    ends the iteration early with ``incomplete`` set (the CLI exits 130).
    """

    def __init__(self, paths: list[str], registry: Registry, options: ReviewOptions,
                 notify: Notify = _ignore) -> None:
        self.registry, self.options, self.notify = registry, options, notify
        self.sources = unique([
            s for s in expand(paths, gitignore=options.gitignore, stdin_name=options.stdin_name)
            # excluded in the config, even when named explicitly (pre-commit does)
            if not (options.config and options.config.excluded(s.path))])
        if len(self.sources) > 1:  # the portfolio view will want each document's facts
            wanted = ("facts", "text") if options.coach is not None else ("facts",)
            self.options = replace(options, extract={
                **options.extract, **{k: PORTFOLIO_EXTRACTS[k] for k in wanted}})
        #: The report without its results: skipped files, incomplete and usage are
        #: filled in as the run goes (final once the iteration ends).
        self.shell = Report(tool=ToolInfo(version=__version__))
        self.tally = Tally()
        #: Per file reviewed, ``ReviewOptions.extract``'s payloads (see work.py).
        self.extras: dict[str, dict[str, object]] = {}

    def __iter__(self) -> Iterator[Review]:
        with CtrlC() as guard:
            yield from self._reviews(guard)

    def _reviews(self, guard: CtrlC) -> Iterator[Review]:
        total = len(self.sources)
        try:
            for done, result in enumerate(self._results(), 1):
                if self.options.progress is not None and self.options.coach is None:
                    self.options.progress(done, total)  # (the schedule counts model runs)
                review = self._take(result)
                if review is not None:
                    with guard.handing_out():  # Ctrl-C while it is written stops after
                        yield review
        except KeyboardInterrupt as exc:
            # Ctrl-C: what finished is reported, marked incomplete (the CLI exits 130).
            self.shell.incomplete = True
            for result in getattr(exc, "finished", []):  # a model run's finished files
                review = self._take(result)
                if review is not None:
                    yield review
        finally:
            if self.options.coach is not None:
                self.shell.usage = self.options.coach.usage()

    def _take(self, result: FileResult) -> Review | None:
        """Record a finished file (its notes said, skipped or counted); its review, unless
        the file was skipped as not a PM document."""
        for path, message in result.notes:
            self.notify(path, message)
        review = result.review
        if _skipped(review) and review.detection is not None:
            self.shell.skipped.append(SkippedFile(path=review.path, detection=review.detection))
            return None
        extras = dict(result.extras)
        review.facts, review.text = extras.pop("facts", None), extras.pop("text", None)
        if extras:
            self.extras[review.path] = extras
        self.tally.add(review)
        return review

    def _results(self) -> Iterator[FileResult]:
        options, jobs = self.options, self.options.workers()
        if options.coach is not None:
            # With a model, files overlap: one file's checks run while others' requests
            # wait on the network (schedule.py). The coach takes its request slots there.
            schedule = options.coach.schedule = Schedule()
            yield from schedule.run(
                list(enumerate(self.sources)),
                lambda item: review_file(item[0], item[1], self.registry, options),
                jobs, options.progress)
            return
        from . import processes

        if processes.worth_processes(len(self.sources), jobs):
            yield from processes.reviews(self.sources, self.registry, options, jobs)
            return
        for index, source in enumerate(self.sources):
            yield review_file(index, source, self.registry, options)

    @property
    def incomplete(self) -> bool:
        return self.shell.incomplete

    def report(self, results: list[Review] | None = None) -> Report:
        """The run's report, with ``results`` (the reviews, when the caller kept them)."""
        return self.shell.model_copy(update={"results": results or []})


def portfolio(results: list[Review], registry: Registry, minimum: int = 2,
              coach: Coach | None = None) -> Portfolio | None:
    """What the reviewed documents say together (None for fewer than ``minimum``); with a
    model, its grounded cross-file findings join the offline ones."""
    from ..portfolio.files import reviewed

    done = reviewed(results)
    if len(done) < minimum:
        return None
    # Imported only now: a single-file run (a pre-commit hook's usual case) never pays.
    from ..portfolio.consistency import cross_file_findings
    from ..portfolio.summary import build_portfolio

    findings = cross_file_findings([r.facts for r in done if r.facts is not None])
    texts = {r.path: r.text for r in done if r.text is not None}
    if coach is not None and len(texts) > 1:
        from ..portfolio.model_check import merged, model_findings

        documents = {path: Document.from_text(text, path) for path, text in texts.items()}
        findings = merged(findings, model_findings(coach, documents))
    return build_portfolio(done, {k: c.rubric for k, c in registry.critics.items()}, findings,
                           minimum)


def review_source(source: Source, registry: Registry, options: ReviewOptions,
                  notify: Notify = _ignore,
                  on_document: Callable[[Document, Review], None] | None = None) -> Review:
    """Read, parse and review one file; any failure is the file's error. The Document
    lives only as long as this call (``on_document`` sees it with its review)."""
    try:
        text = text_of(source, options.max_bytes)
        lines = line_count(text)
        if lines > MAX_LINES:
            return _too_long(source.path, lines, options, notify)
        doc = Document.from_text(text, source.path)
        review = review_document(doc, registry, options, notify)
        if on_document is not None and review.kind is not None:
            on_document(doc, review)
        return review
    except PmcoachError as exc:
        if options.debug:
            traceback.print_exception(exc, file=sys.stderr)
        return Review(path=source.path, error=ErrorInfo(type=exc.type, message=str(exc)))
    except Exception as exc:  # noqa: BLE001 - one file's bug never ends the run
        if options.debug:
            traceback.print_exception(exc, file=sys.stderr)
        return Review(path=source.path, error=ErrorInfo(type="internal", message=(
            f"internal error while reviewing this file ({type(exc).__name__}: {exc}); please "
            f"report it with the file, pmcoach {__version__} (--debug shows the traceback)")))


def review_document(doc: Document, registry: Registry, options: ReviewOptions,
                    notify: Notify = _ignore) -> Review:
    """Detect the kind, run the critic's offline checks, ground and score the result."""
    if doc.front_matter_error:
        notify(doc.path, f"{doc.front_matter_error}; ignored the front matter "
                         "(fix the YAML between the '---' lines)")
    config = options.config
    detection = detect(doc, registry.critics, option=options.kind,
                       configured=config.kind_for(doc.path) if config else None,
                       warn=lambda message: notify(doc.path, message))
    if detection.uncertain and options.coach is not None:
        # Offline detection is not sure: a configured model gets to decide.
        detection = options.coach.detect(doc, registry.critics, detection) or detection
    if detection.kind is None:
        notify(doc.path, skip_note(detection))
        return Review(path=doc.path, detection=detection)
    critic = registry.critic(detection.kind)
    try:
        results = critic.check(doc)
    # SystemExit too: a plugin calling sys.exit() fails its file, not the run. (Ctrl-C,
    # KeyboardInterrupt, is the user's and stops the run with a partial report.)
    except (Exception, SystemExit) as exc:  # noqa: BLE001 - a plugin bug stops one file only
        raise PluginError(f"critic {critic.kind!r} failed on this file: "
                          f"{type(exc).__name__}: {exc} (run with --debug for details)") from exc
    criteria = [ground_result(doc, r) for r in complete(critic.kind, critic.rubric.ids, results)]
    review = Review(path=doc.path, kind=detection.kind, detection=detection, criteria=criteria)
    # The model's critique merges into the criteria before suppressions see them.
    coaching = options.coach.apply(doc, critic, review, notify) if options.coach else ""
    # Suppress what is turned off, score what is left, then filter line-level findings.
    plan = suppressions.plan(doc, review, config.disabled(detection.kind) if config else {})
    review = finalize(suppressions.suppress(review, plan))
    review = suppressions.filter_findings(
        review, plan, config.severity(detection.kind) if config else {})
    if coaching:
        review.summary = f"{review.summary} {coaching}"
    return review


def portfolio_facts(doc: Document, review: Review) -> object:
    """The portfolio's extract (work.py): the facts the cross-file checks compare. Facts,
    not the Document: they are all those checks need, and small."""
    from ..portfolio.facts import extract_facts

    return extract_facts(doc.path, doc, review.kind)


def document_text(doc: Document, review: Review) -> str:
    """With a model, the portfolio's other extract: the model reads the documents together."""
    return doc.text


#: What the portfolio view takes from each document, put on the review as it comes back.
PORTFOLIO_EXTRACTS = {"facts": portfolio_facts, "text": document_text}


def _too_long(path: str, lines: int, options: ReviewOptions, notify: Notify) -> Review:
    """Over MAX_LINES: not a PM document, unless the user named a kind (then an error)."""
    if options.kind or (options.config and options.config.kind_for(path)):
        raise InputError(f"has {lines:,} lines (more than {MAX_LINES:,}); a PM document is a "
                         "few pages: split it or review the part that matters")
    detection = Detection(kind=None, confidence=1.0, source="content", not_pm=1.0,
                          looks_like=f"a file too long for a PM document ({lines:,} lines)")
    notify(path, skip_note(detection))
    return Review(path=path, detection=detection)


def skip_note(detection: Detection) -> str:
    """The one line said about a file skipped as not a PM document."""
    how = ("the model's judgement" if detection.source == "model"
           else f"{detection.confidence:.0%} sure")
    return (f"skipped: not a PM document (looks like {detection.looks_like}; {how}); "
            "add 'kind: <kind>' front matter to review it")


def complete(kind: str, ids: list[str], results: list[CriterionResult]) -> list[CriterionResult]:
    """The results in rubric order, one per criterion; a critic that skips or invents
    criteria is a plugin bug and is reported as one."""
    by_id = {r.id: r for r in results}
    unknown = sorted(set(by_id) - set(ids))
    missing = [i for i in ids if i not in by_id]
    if unknown or missing:
        raise PluginError(
            f"critic {kind!r} returned criteria that do not match its rubric "
            f"(missing: {', '.join(missing) or 'none'}; unknown: {', '.join(unknown) or 'none'})")
    return [by_id[i] for i in ids]


def exit_code(report: Report, fail_on: str) -> ExitCode:
    """3 when any file could not be reviewed, else 1 when a finding reaches ``fail_on``."""
    tally = Tally.of(report.results)
    for finding in report.portfolio.findings if report.portfolio is not None else []:
        tally.add_severity(Severity(finding.severity))  # fails the run like a file's finding
    return tally.exit_code(fail_on)


__all__ = ["FAIL_ON", "ReviewOptions", "ReviewRun", "exit_code", "review_document",
           "review_paths", "review_source"]
