"""``pmcoach test-rules``: which kinds to test, and the report it prints."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..document import Document
from ..errors import PluginError
from ..pipeline.sources import read_text
from .kind import DataCritic, load_kind
from .tester import cases, check_rewrites, example_documents, run_case, untested

_DOCUMENT_SUFFIXES = {".md", ".markdown", ".txt"}


def critics_for(paths: Sequence[Path], registry: Any) -> list[DataCritic]:
    """The kinds named by ``paths`` (kind files or folders of them), else every data kind."""
    if not paths:
        return [c for c in registry.critics.values() if isinstance(c, DataCritic)]
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".toml")
                            and p.name not in ("signature.yaml",) and _is_kind_file(p))
        elif path.is_file():
            files.append(path)
        else:
            raise PluginError(f"{path}: no such kind file or folder")
    if not files:
        raise PluginError(f"no kind files found in {', '.join(map(str, paths))}")
    critics = [load_kind(f) for f in files]
    for critic in critics:  # python rules get the functions installed plugins register
        critic.bind(registry.rule_functions if registry is not None else {})
    return critics


def _is_kind_file(path: Path) -> bool:
    try:
        head = path.read_text(encoding="utf-8", errors="replace")[:4000]
    except OSError:
        return False
    return "\nkind:" in f"\n{head}" and "criteria:" in head


def _documents(folders: Iterable[Path]) -> list[Document]:
    return [Document.from_text(read_text(str(p)), str(p)) for folder in folders
            for p in sorted(folder.rglob("*")) if p.suffix in _DOCUMENT_SUFFIXES and p.is_file()]


def _of_kind(documents: list[Document], critics: Sequence[DataCritic],
             known: Mapping[str, Any]) -> dict[str, list[Document]]:
    """The documents each kind reviews: declared in front matter, or detected."""
    from ..detect import detect

    every = {**known, **{c.kind: c for c in critics}}
    grouped: dict[str, list[Document]] = {}
    for doc in documents:
        grouped.setdefault(detect(doc, every).kind or "", []).append(doc)
    return grouped


def report(critics: Sequence[DataCritic], doc_dirs: Sequence[Path],
           known: Mapping[str, Any] | None = None) -> tuple[list[str], bool]:
    """Lines to print and whether anything failed. Rewrites are tried on each kind's own
    examples and on the documents in ``doc_dirs`` of that kind (``known``: the other
    installed critics, so detection can tell the kinds apart)."""
    lines: list[str] = []
    failed = False
    documents = _of_kind(_documents(doc_dirs), critics, known or {}) if doc_dirs else {}
    for critic in critics:
        problems: list[str] = []
        checked = 0
        for case in cases(critic):
            checked += 1
            failure = run_case(critic, case)
            if failure:
                problems.append(f"  FAIL {case.name}: {failure}")
        problems += [f"  FAIL {rule}: needs at least one 'fires' and one 'silent' example"
                     for rule in untested(critic)]
        docs = [*example_documents(critic), *documents.get(critic.kind, [])]
        problems += [f"  FAIL {f}" for doc in docs for f in check_rewrites(critic, doc)]
        rules = sum(len(c.rules) for c in critic.criteria)
        status = "FAIL" if problems else "ok"
        lines.append(f"{critic.kind} ({critic.source}): {rules} rules, {checked} examples, "
                     f"rewrites checked on {len(docs)} documents: {status}")
        lines += problems
        failed = failed or bool(problems)
    return lines, failed
