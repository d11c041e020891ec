"""Turning command-line paths into documents to review, refusing bad input clearly."""

from __future__ import annotations

import codecs
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from .ignore import git_ignored

#: Files a folder contributes; a file named explicitly is reviewed whatever its suffix.
DOC_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".txt", ".text"})
#: Larger files are refused: real PM documents are a few pages, and a huge file is
#: almost always a mistake (a log, an export) that would only be slow to parse.
MAX_BYTES = 2 * 1024 * 1024
#: More lines than this is not a document of a few pages either (a long changelog, a
#: log), and markdown parsing grows with lines: a 20,000-item list took seconds.
MAX_LINES = 5_000


@dataclass(frozen=True)
class Source:
    """One path to review, or the reason it cannot be."""

    path: str
    error: InputError | None = None
    #: The text itself, for standard input (``-``), which has no path to read.
    text: str | None = None


def expand(paths: list[str], *, gitignore: bool = True, stdin_name: str | None = None
           ) -> list[Source]:
    """Files as given, folders as the documents below them (hidden ones skipped, and with
    ``gitignore`` the ones git ignores: a file named on the command line is always kept)."""
    sources: list[Source] = []
    seen: set[str] = set()

    def add(source: Source) -> None:
        if source.path not in seen:
            seen.add(source.path)
            sources.append(source)

    for raw in paths:
        if raw == "-":
            add(_stdin(stdin_name or STDIN))
            continue
        path = Path(raw)
        if path.is_dir():
            found, unreadable = _documents_under(path)
            everything = bool(found)
            if gitignore:
                skipped = git_ignored(path, found)
                found = [f for f in found if f not in skipped]
            for folder in unreadable:
                add(Source(folder, InputError(
                    "is a folder pmcoach cannot read (permission denied); its documents "
                    "were not reviewed: check its permissions")))
            if not everything and not unreadable:
                add(Source(raw, InputError(
                    f"no documents ({', '.join(sorted(DOC_SUFFIXES))}) in this folder; "
                    "point pmcoach at markdown or text files")))
            for file in sorted(found):
                add(Source(str(file)))
        elif path.exists():
            add(Source(raw))
        else:
            add(Source(raw, InputError("no such file or folder; check the path")))
    return sources


def unique(sources: list[Source]) -> list[Source]:
    """One source per file: "d/a.md" and "./d/a.md" (or a link to it) are reviewed once,
    under the first name. Applied after the config's excludes, so an excluded link does
    not hide the file it points to."""
    seen: set[str] = set()
    out = []
    for source in sources:
        key = source.path if source.text is not None else os.path.realpath(source.path)
        if key not in seen:
            seen.add(key)
            out.append(source)
    return out


STDIN = "<stdin>"


def _stdin(name: str) -> Source:
    """Standard input as a source named ``name`` (``<stdin>``, or ``--stdin-filename``:
    then config globs, kinds and reports treat it as that file), read once."""
    try:
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise InputError(f"is larger than {MAX_BYTES // (1024 * 1024)} MB; pmcoach "
                             "reviews documents, not data dumps")
        return Source(name, text=decode(data))
    except InputError as exc:
        return Source(name, exc)


def _documents_under(folder: Path) -> tuple[list[Path], list[str]]:
    """The documents below ``folder`` (hidden files and folders skipped), and the folders
    that could not be read."""
    found: list[Path] = []
    unreadable: list[str] = []
    for root, dirs, files in os.walk(folder, onerror=lambda exc: unreadable.append(
            str(exc.filename))):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            file = Path(root) / name
            if (not name.startswith(".") and file.suffix.lower() in DOC_SUFFIXES
                    and file.is_file()):
                found.append(file)
    return found, unreadable


def text_of(source: Source, max_bytes: int = MAX_BYTES) -> str:
    """The source's text (read from disk unless it came on standard input), or its error."""
    if source.error:
        raise source.error
    return source.text if source.text is not None else read_text(source.path, max_bytes)


def read_text(path: str, max_bytes: int = MAX_BYTES) -> str:
    """The file's text, or an :class:`InputError` that says what to do about it."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or exc}); check the path") from None
    if stat.S_ISDIR(mode):
        raise InputError("is a folder, not a file")
    if not stat.S_ISREG(mode):
        # A FIFO or a device would block or never end: refuse it without opening it.
        raise InputError("is not a regular file (a pipe, device or socket); pmcoach "
                         "reviews files: use '-' to read standard input")
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except IsADirectoryError:
        raise InputError("is a folder, not a file") from None
    except PermissionError:
        raise InputError("permission denied; check the file's permissions") from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or exc}); check the path") from None
    if len(data) > max_bytes:
        raise InputError(
            f"is larger than {max_bytes // (1024 * 1024)} MB; pmcoach reviews documents, "
            "not data dumps: split it or review the part that matters")
    return decode(data)


def decode(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM) or BOM-marked UTF-16; refuse anything else."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError("is marked as UTF-16 but does not decode; re-save it as UTF-8") \
                from None
    else:
        if b"\x00" in data:
            raise InputError("looks binary (it contains NUL bytes); review text or markdown")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise InputError(
                f"is not UTF-8 (byte 0x{data[exc.start]:02x} on line {line}); "
                "re-save it as UTF-8 and run pmcoach again") from None
    if not text.strip():
        raise InputError("is empty; there is nothing to review")
    return text


def line_count(text: str) -> int:
    """Lines as a Document counts them (a lone CR ends a line too)."""
    return text.count("\n") + text.count("\r") - text.count("\r\n") + (
        not text.endswith(("\n", "\r")))
