"""The ``pmcoach`` command line: click commands only; the work happens in the core."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NoReturn

import click

from .. import config as config_loader
from ..__about__ import __version__
from ..errors import ConfigError, ExitCode, PmcoachError
from ..pipeline.run import FAIL_ON, ReviewOptions, ReviewRun, exit_code, review_paths, streamed
from ..plugins import Registry
from ..review import Report, Review
from .baseline import baseline_options, open_for_review, with_regressions
from .coaching import (
    batch_pass,
    build_coach,
    coaching_options,
    dry_run_table,
    no_model_notice,
    progress_printer,
    usage_line,
)
from .options import debug_enabled, load_plugins, plugin_options, set_debug, warn
from .prompt_commands import prompts_group
from .rule_commands import rubric, test_rules

#: The formats a person reads in a terminal: notes for people may follow them on stdout.
_TERMINAL = ("text", "full")


def _color(stream: Any, choice: str = "auto") -> bool:
    """``--color``: always, never, or auto: on a terminal, unless NO_COLOR is set
    (https://no-color.org); FORCE_COLOR (https://force-color.org) turns it on anywhere."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("FORCE_COLOR"):
        return True
    return "NO_COLOR" not in os.environ and bool(getattr(stream, "isatty", lambda: False)())


class PmcoachGroup(click.Group):
    """Turns pmcoach errors and crashes into one line on stderr and an exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PmcoachError as exc:
            if debug_enabled(ctx):
                raise
            warn(f"error: {exc}")
            sys.exit(exc.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            warn("interrupted")
            sys.exit(130)
        except BrokenPipeError:
            # `pmcoach ... | head`: the reader has what it wanted. Point stdout at devnull so
            # the interpreter's final flush does not fail too, and exit like a shell would.
            # (ValueError: a stdout without a file descriptor, as in tests.)
            with contextlib.suppress(OSError, ValueError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(141)
        except Exception as exc:  # noqa: BLE001 - last resort: no traceback unless --debug
            if debug_enabled(ctx):
                raise
            warn(f"internal error: {type(exc).__name__}: {exc} "
                  "(run again with --debug for the traceback, and please report it)")
            sys.exit(ExitCode.FAILED)


@click.group(cls=PmcoachGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="pmcoach")
@click.option("--debug", is_flag=True, expose_value=False, is_eager=True, callback=set_debug,
              help="Show full tracebacks instead of one-line errors.")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Coaching feedback on product managers' writing.

    pmcoach reviews case studies, strategy docs, decision write-ups, manager updates,
    career plans and portfolio strategies against practitioners' rubrics, and says per
    criterion what is met, what is missing, where, and what to write instead.

    \b
    Example:
      pmcoach review examples/case-study/weak.md
    """
    if ctx.invoked_subcommand == "review":
        # The config's values become the review options' defaults, which click ranks
        # below the command line and environment variables (see docs/configuration.md).
        config = config_loader.load()
        ctx.ensure_object(dict)["config"] = config
        ctx.default_map = {"review": config_loader.option_defaults(config)}


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-k", "--kind", help="Review every file as this kind (see `pmcoach rubric`).")
@click.option("-f", "--format", "format_name", default="text", show_default=True,
              help="Output format: text (compact), full (every criterion), json, markdown, "
                   "sarif, github, or one a plugin adds.")
@click.option("--fail-on", type=click.Choice(list(FAIL_ON)), default="error", show_default=True,
              envvar="PMCOACH_FAIL_ON",
              help="Exit 1 when a finding is at least this severe. Env: PMCOACH_FAIL_ON.")
@click.option("--skip-unknown", is_flag=True,
              help="Does nothing, kept for older scripts and hook configs: files that are "
                   "not PM documents are always skipped.")
@click.option("-q", "--quiet", is_flag=True,
              help="Print only findings and errors: no notes, nothing for passing files.")
@click.option("-v", "--verbose", is_flag=True,
              help="Print the config in use; text formats print the full report (as "
                   "--format full) with each criterion's evidence.")
@click.option("--offline", is_flag=True,
              help="Never contact a model, whatever is configured: offline checks only.")
@click.option("--exclude", "exclude", multiple=True, metavar="GLOB",
              help="Never review files matching GLOB (replaces the config's `exclude`); "
                   "repeatable.")
@click.option("--extend-exclude", "extend_exclude", multiple=True, metavar="GLOB",
              help="Also skip files matching GLOB, on top of the config's `exclude`.")
@click.option("--no-ignore", is_flag=True,
              help="Review files in folders even when git ignores them (.gitignore).")
@click.option("--color", "color_choice", type=click.Choice(["auto", "always", "never"]),
              default="auto", show_default=True,
              help="Colour the text output: auto means on a terminal, unless NO_COLOR is "
                   "set (FORCE_COLOR forces it).")
@click.option("-o", "--output-file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to this file instead of standard output.")
@click.option("--stdin-filename", metavar="PATH",
              help="The file a document read from `-` stands for: config globs, kinds and "
                   "the report then treat it as PATH.")
@click.option("--statistics", is_flag=True,
              help="After the report, count the findings per rule (kind/criterion/rule).")
@baseline_options
@coaching_options
@plugin_options
def review(paths: tuple[str, ...], kind: str | None, format_name: str, fail_on: str,
           skip_unknown: bool, quiet: bool, verbose: bool, offline: bool,
           exclude: tuple[str, ...], extend_exclude: tuple[str, ...], no_ignore: bool,
           color_choice: str, output_file: Path | None, statistics: bool,
           stdin_filename: str | None, baseline_ref: str | None, fail_on_regression: bool,
           plugins_dirs: tuple[Path, ...], **coaching: Any) -> NoReturn:
    """Review documents (files, or folders of .md/.txt files) against their rubric.

    \b
    Examples:
      pmcoach review examples/case-study/weak.md
      pmcoach review portfolio/ --format json
      pmcoach review notes.md --kind decision --fail-on warning
      git show HEAD:story.md | pmcoach review - --kind case-study
      pmcoach review portfolio/ --baseline HEAD~1 --fail-on-regression

    Exit status: 0 no finding at or above --fail-on, 1 there is one (or, with
    --fail-on-regression, a criterion regressed since --baseline), 2 usage error,
    3 a file could not be reviewed or a plugin failed to load, 130 interrupted (the
    report covers the files that finished).
    """
    registry = load_plugins(plugins_dirs)
    formatter = _formatter(registry, kind, format_name, quiet, verbose)
    baseline = open_for_review(baseline_ref, fail_on_regression, paths, stdin_filename)
    ctx = click.get_current_context()
    config = _config(ctx, registry, verbose).with_excludes(list(exclude) or None,
                                                           list(extend_exclude))
    coach = build_coach(registry, coaching, offline=offline,
                        prompt_versions=config.settings.prompt_versions,
                        prices=config.settings.prices)
    notice = no_model_notice(sys.stderr, coaching, offline)
    if notice and not quiet:
        warn(notice)
    progress = progress_printer(sys.stderr)  # on a terminal only, offline runs too
    options = ReviewOptions(kind=kind, debug=debug_enabled(ctx), config=config,
                            skip_unknown=skip_unknown, coach=coach, jobs=coaching["jobs"],
                            progress=progress, gitignore=not no_ignore,
                            stdin_name=stdin_filename)
    if coaching.get("batch"):
        batch_pass(list(paths), registry, options, coach, coaching, warn)
    notify = _notifier(quiet, progress)
    verbosity = _verbosity(quiet, verbose)
    if (baseline is None and not (coach is not None and coach.dry_run) and verbosity <= 0
            and hasattr(formatter, "stream")):
        # Written file by file as reviews finish, keeping a summary of each: flat memory.
        run = ReviewRun(list(paths), registry, options, notify=notify)
        reviews = streamed(run, _warn_failures(run, progress))
        _stream_report(formatter, run.shell, reviews, verbosity, color_choice, output_file,
                       progress)
        report = run.shell
    else:
        report = _whole_report(list(paths), registry, options, notify, baseline)
        _print_report(formatter, report, verbosity, color_choice, output_file)
    if statistics:
        # Beside a machine-readable report on stdout, the counts go to stderr.
        click.echo(_statistics(report), err=output_file is None and format_name not in _TERMINAL)
    if coach is not None and format_name in _TERMINAL and not quiet:
        click.echo(usage_line(report.usage, coach.label))
    code = with_regressions(_exit_status(report, fail_on, registry), report,
                            fail_on_regression)
    if coaching.get("require_model") and code in (ExitCode.OK, ExitCode.FINDINGS) and \
            any(r.engine_error for r in report.results):
        code = ExitCode.FAILED  # --require-model: an offline-only review is a failure
    sys.exit(code)


def _config(ctx: click.Context, registry: Registry, verbose: bool) -> config_loader.Config:
    """The config main() loaded, checked against the installed kinds' criteria."""
    config = (ctx.find_root().obj or {}).get("config") or config_loader.Config()
    config.check_against({k: c.rubric.ids for k, c in registry.critics.items()})
    if verbose:
        warn(f"config: {config.label if config.path else 'none found (defaults)'}")
    return config


def _notifier(quiet: bool, progress: Any) -> Callable[[str, str], None]:
    """Per-file notes on stderr (kind uncertain, file skipped), unless --quiet."""
    def notify(path: str, message: str) -> None:
        if not quiet:
            warn(f"{path}: {message}", progress)
    return notify


def _print_report(formatter: Any, report: Any, verbosity: int, color_choice: str = "auto",
                  output_file: Path | None = None) -> None:
    """The report on stdout, or written whole to ``output_file`` (never coloured)."""
    color = _color(sys.stdout, color_choice) if output_file is None else False
    rendered = _render(formatter, report, color, verbosity)
    if output_file is not None:
        try:
            output_file.write_text(rendered + "\n" if rendered else "", encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"--output-file {output_file}: cannot write it "
                              f"({exc.strerror or exc})") from None
    elif rendered:
        click.echo(rendered, color=color)


def _whole_report(paths: list[str], registry: Registry, options: ReviewOptions,
                  notify: Callable[[str, str], None], baseline: Any) -> Report:
    """The whole report at once (a dry run exits here), with the changes since a baseline."""
    report = review_paths(paths, registry, options, notify=notify)
    for result in report.results:
        if result.error:
            warn(f"{result.path}: {result.error.message}")
    coach = options.coach
    if coach is not None and coach.dry_run:
        click.echo(dry_run_table(coach))
        sys.exit(_exit_status(report, "never", registry))
    if baseline is not None:
        from ..pipeline.baseline_reviews import attach_changes

        attach_changes(report, baseline, registry, options, notify)
    return report


def _warn_failures(run: ReviewRun, progress: Any) -> Iterator[Review]:
    """The run's reviews, saying on stderr which files could not be reviewed as they come."""
    for review in run:
        if review.error:
            warn(f"{review.path}: {review.error.message}", progress)
        yield review


def _stream_report(formatter: Any, shell: Report, reviews: Iterator[Review], verbosity: int,
                   color_choice: str, output_file: Path | None, progress: Any) -> None:
    """Like :func:`_print_report`, written piece by piece as the reviews come."""
    color = _color(sys.stdout, color_choice) if output_file is None else False
    pieces = formatter.stream(shell, reviews, color=color, verbosity=verbosity)
    if output_file is None:
        written = False
        for piece in pieces:
            if piece:
                if progress is not None:
                    progress.clear()  # the counter shares the terminal
                click.echo(piece, nl=False, color=color)
                written = True
        if written:
            click.echo("")
        return
    try:
        with output_file.open("w", encoding="utf-8") as out:
            written = False
            for piece in pieces:
                out.write(piece)
                written = written or bool(piece)
            if written:
                out.write("\n")
    except OSError as exc:
        raise ConfigError(f"--output-file {output_file}: cannot write it "
                          f"({exc.strerror or exc})") from None


def _verbosity(quiet: bool, verbose: bool) -> int:
    return -1 if quiet else 1 if verbose else 0


def _statistics(report: Any) -> str:
    """Findings per rule, most first: which advice a folder of documents needs most."""
    from collections import Counter

    counts = Counter(
        "/".join(p for p in (r.kind or "unknown", f.criterion, f.rule) if p)
        for r in report.results for f in r.findings)
    lines = [f"{n:5d}  {rule}" for rule, n in sorted(counts.items(), key=lambda x: (-x[1], x[0]))]
    return "\n".join(["findings per rule:", *lines] if lines else ["no findings"])


def _formatter(registry: Registry, kind: str | None, format_name: str,
               quiet: bool, verbose: bool) -> Any:
    """The chosen formatter, once the options are known to make sense together."""
    if kind is not None and kind not in registry.critics:
        raise click.BadParameter(
            f"unknown kind {kind!r}; choose from: {', '.join(sorted(registry.critics))}",
            param_hint="--kind")
    formatter = registry.formatters.get(format_name)
    if formatter is None:
        raise click.BadParameter(
            f"unknown format {format_name!r}; choose from: "
            f"{', '.join(sorted(registry.formatters))}", param_hint="--format")
    if quiet and verbose:
        raise click.UsageError("--quiet and --verbose contradict each other; pick one")
    return formatter


def _exit_status(report: Any, fail_on: str, registry: Registry) -> ExitCode:
    """Interrupted beats a failed plugin, which beats what the findings say."""
    if report.incomplete:
        warn(f"interrupted: the report covers the {len(report.results) + len(report.skipped)}"
             " file(s) that finished")
        return ExitCode.INTERRUPTED
    return ExitCode.FAILED if registry.errors else exit_code(report, fail_on)


def _render(formatter: Any, report: Any, color: bool, verbosity: int) -> str:
    """Pass -q/-v on to formatters that take ``verbosity`` (a plugin's may not)."""
    import inspect

    if "verbosity" in inspect.signature(formatter.render).parameters:
        return str(formatter.render(report, color=color, verbosity=verbosity))
    return str(formatter.render(report, color=color))


@main.group("plugins", invoke_without_command=True)
@plugin_options
@click.pass_context
def plugins_command(ctx: click.Context, plugins_dirs: tuple[Path, ...]) -> None:
    """List installed plugins, their versions and the kinds and formats they provide.

    \b
    Examples:
      pmcoach plugins
      pmcoach plugins new okr-review
    """
    if ctx.invoked_subcommand:
        return
    registry = load_plugins(plugins_dirs)
    for info in registry.plugins:
        provides = []
        for label, items in (("kinds", info.kinds), ("formats", info.formatters),
                             ("engines", info.engines), ("prompt dirs", info.prompt_dirs),
                             ("rule functions", info.functions)):
            if items:
                provides.append(f"{label}: {', '.join(items)}")
        click.echo(f"{info.name} {info.version} ({info.source})")
        if provides:
            click.echo(f"    {'; '.join(provides)}")
    sys.exit(ExitCode.FAILED if registry.errors else ExitCode.OK)


@plugins_command.command("new")
@click.argument("name")
@click.option("-o", "--output", "parent", type=click.Path(file_okay=False, path_type=Path),
              default=Path("."), show_default=True, help="Folder to create the package in.")
@click.option("--data", is_flag=True, help="A data-only kind: one kind file, no checks to code.")
def plugins_new(name: str, parent: Path, data: bool) -> None:
    """Scaffold a plugin package for a new kind NAME, with a rubric, checks, a prompt
    template and tests that pass out of the box. With --data the kind is one data file
    (rubric, signature, rules with examples, verdicts): no Python to write.

    \b
    Example:
      pmcoach plugins new okr-review && cd pmcoach-okr-review && pip install -e '.[test]'
    """
    from ..scaffold import new_plugin

    folder = new_plugin(name, parent, data)
    click.echo(f"created {folder}")
    click.echo(f"next: cd {folder} && pip install -e '.[test]' && pytest")


@main.command()
@click.option("--kind-file", is_flag=True,
              help="The schema of a kind file (docs/rules.md) instead of the report's.")
def schema(kind_file: bool) -> None:
    """Print the JSON Schema of the `--format json` report (pmcoach.report/1).

    \b
    Examples:
      pmcoach schema > pmcoach-report.schema.json
      pmcoach schema --kind-file > pmcoach-kind.schema.json
    """
    if kind_file:
        from ..rules.schema import kind_schema

        document = kind_schema()
        document["$id"] = "https://pmcoach.dev/schemas/pmcoach.kind/1.json"
        click.echo(json.dumps(document, indent=2))
        return
    from ..review import report_schema

    document = report_schema()
    document["$id"] = "https://pmcoach.dev/schemas/pmcoach.report/1.json"
    click.echo(json.dumps(document, indent=2))


@main.command("config")
@click.option("--json", "as_json", is_flag=True, help="Print the settings as JSON.")
def config_command(as_json: bool) -> None:
    """Show the effective settings and where each one came from.

    Settings come from (highest first) command-line options, environment variables,
    the config file ([tool.pmcoach] in pyproject.toml, or .pmcoach.toml, found by
    walking up from the current folder), and built-in defaults.

    \b
    Example:
      pmcoach config
    """
    config = config_loader.load()
    rows = config_loader.effective(config)
    if as_json:
        click.echo(json.dumps({
            "file": str(config.path) if config.path else None,
            "settings": {key: {"value": value, "source": source} for key, value, source in rows},
        }, indent=2))
        return
    click.echo(f"config file: {config.label if config.path else 'none found (using defaults)'}")
    for key, value, source in rows:
        shown = "(none)" if value in (None, [], {}) else json.dumps(value)
        click.echo(f"  {key:<16} {shown:<40} {source}")
    envs = [env for _, env, _ in config_loader.OPTION_SETTINGS.values() if env]
    click.echo(f"environment: {config_loader.CONFIG_ENV}, {', '.join(envs)}; "
               "command-line options override everything (docs/configuration.md)")


@main.command()
def init() -> None:
    """Write a commented starter .pmcoach.toml here, and print the pre-commit snippet.

    Never overwrites: if this folder already has a pmcoach config, it says so and stops.

    \b
    Example:
      pmcoach init
    """
    target = Path(config_loader.FILE_NAMES[0])
    existing = config_loader.find(Path.cwd(), {})
    if target.exists() or (existing is not None and existing.parent == Path.cwd().resolve()):
        where = target if target.exists() else existing
        raise ConfigError(
            f"{where} already holds pmcoach settings; not overwritten (edit it, or run "
            "`pmcoach config` to see what is in effect)")
    target.write_text(config_loader.STARTER, encoding="utf-8")
    click.echo(f"wrote {target}: edit the kinds and exclude globs to match your folders.")
    click.echo("\nTo review documents on every commit, add this to .pre-commit-config.yaml:\n")
    click.echo(config_loader.PRE_COMMIT_SNIPPET.format(version=__version__))


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-f", "--format", "format_name", type=click.Choice(["text", "json"]),
              default="text", show_default=True, help="Output format.")
@plugin_options
def detect(paths: tuple[str, ...], format_name: str, plugins_dirs: tuple[Path, ...]) -> None:
    """Say what kind of document each file is, from its content, and why.

    Per file: the kind, or "not a PM document"; how sure; the runners-up; and the
    features that weighed most. Front matter, --kind and config are ignored here: this
    shows what the text alone says (see docs/detection.md).

    \b
    Examples:
      pmcoach detect story.md
      pmcoach detect portfolio/ --format json
    """
    from ..detect.describe import describe, render_text
    from ..document import Document
    from ..pipeline.sources import expand, text_of, unique

    registry = load_plugins(plugins_dirs)
    rows: list[dict[str, Any]] = []
    for source in unique(expand(list(paths))):
        try:
            text = text_of(source)
            rows.append(describe(Document.from_text(text, source.path), registry.critics,
                                 warn=warn))
        except PmcoachError as exc:
            warn(f"{source.path}: {exc}")
            rows.append({"path": source.path, "error": str(exc)})
    if format_name == "json":
        click.echo(json.dumps({"schema": "pmcoach.detect/1", "results": rows}, indent=2))
    else:
        click.echo(render_text(rows))
    if any("error" in row for row in rows) or registry.errors:
        sys.exit(ExitCode.FAILED)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the vocabulary to this file instead of standard output.")
def vocabulary(paths: tuple[str, ...], output: Path | None) -> None:
    """Compute a kind's vocabulary from example documents, for its signature's ``words``.

    The words the examples use far more often than documents at large, with weights,
    as JSON. Save it beside the signature and name it there (``words: words.json``);
    see docs/detection.md. Ten or more examples give a useful vocabulary.

    \b
    Example:
      pmcoach vocabulary examples/retros/ -o src/my_plugin/words.json
    """
    from ..detect.features import profile
    from ..detect.vocabulary import background
    from ..detect.vocabulary import vocabulary as compute
    from ..document import Document
    from ..pipeline.sources import expand, text_of, unique

    examples = []
    for source in unique(expand(list(paths))):
        try:
            text = text_of(source)
        except PmcoachError as exc:
            warn(f"{source.path}: {exc}")
            continue
        examples.append(profile(Document.from_text(text, source.path)).vocabulary)
    if not examples:
        raise click.UsageError("no example documents could be read; name files or folders")
    df, documents = background()
    words = compute(examples, df, documents)
    rendered = json.dumps(words, indent=0) + "\n"
    if output:
        output.write_text(rendered, encoding="utf-8")
        warn(f"wrote {len(words)} words from {len(examples)} examples to {output}")
    else:
        click.echo(rendered, nl=False)


@main.command("eval")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-f", "--format", "format_name", type=click.Choice(["text", "json"]),
              default="text", show_default=True, help="Output format.")
@plugin_options
def eval_command(folder: Path, format_name: str, plugins_dirs: tuple[Path, ...]) -> None:
    """Measure the critics against a labelled set: FOLDER holds documents and labels.yaml.

    Prints kind-detection accuracy, exact verdict agreement and met/not-met agreement,
    overall, per kind and per criterion, then every disagreement.

    \b
    Example:
      pmcoach eval examples/eval
    """
    from ..evaluate import evaluate, render_text

    result = evaluate(folder, load_plugins(plugins_dirs))
    if format_name == "json":
        click.echo(json.dumps(result.to_json_dict(), indent=2))
    else:
        click.echo(render_text(folder, result))
    for error in result.errors:
        warn(f"eval: {error}")
    if result.errors:
        sys.exit(ExitCode.FAILED)


main.add_command(prompts_group)
main.add_command(rubric)
main.add_command(test_rules)
