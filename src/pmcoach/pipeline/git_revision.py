"""Files as they were at a git ref, read from git's object store.

Only ``git rev-parse`` and ``git cat-file`` run: the working tree, the index, HEAD and
the stash are never touched, so a baseline can be read while the user has edits open.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import BaselineError

#: Seconds one git command may take (a cold object store on a network drive is slow).
GIT_TIMEOUT = 60
_SAVED = "name a saved JSON report instead (pmcoach review --format json -o FILE)"


@dataclass(frozen=True)
class _Repository:
    top: str  #: the work tree's root, symbolic links resolved
    commit: str  #: the ref, resolved to a commit in this repository


class GitRevision:
    """One git ref, in whichever repository each file lives in."""

    def __init__(self, ref: str) -> None:
        self.ref = ref
        self._git = shutil.which("git")
        self._repositories: dict[str, _Repository] = {}  # by folder

    def check(self, folder: str) -> None:
        """Raise :class:`BaselineError` unless ``folder`` is in a git work tree where the
        ref names a commit (so a bad ref fails before anything is reviewed)."""
        self._repository(os.path.realpath(folder))

    def read(self, path: str) -> bytes | None:
        """The file's bytes at the ref, or None when the ref has no such file."""
        return self.read_all([path])[path]

    def read_all(self, paths: Sequence[str]) -> dict[str, bytes | None]:
        """Each file's bytes at the ref (None: the ref has no such file), with one git
        process per repository: starting git costs milliseconds, a folder has many files."""
        found: dict[str, bytes | None] = {}
        wanted: dict[str, list[tuple[str, str]]] = {}  # repository -> (path, object name)
        for path in paths:
            located = self._locate(path)
            if located is None:
                found[path] = None
            elif "\n" in located[1]:  # cannot be a line of --batch input
                found[path] = self._blob(*located)
            else:
                wanted.setdefault(located[0], []).append((path, located[1]))
        for top, names in wanted.items():
            found.update(self._batch(top, names))
        return found

    def _locate(self, path: str) -> tuple[str, str] | None:
        """The repository's root and the file's object name at the ref (``commit:path``),
        or None when the file cannot be in the repository."""
        real = os.path.realpath(path)
        folder = os.path.dirname(real)
        if not os.path.isdir(folder):  # a --stdin-filename that names no real folder
            return None
        repository = self._repository(folder)
        relative = Path(os.path.relpath(real, repository.top)).as_posix()
        if relative.startswith("../"):  # a link out of the repository
            return None
        return repository.top, f"{repository.commit}:{relative}"

    def _blob(self, top: str, name: str) -> bytes | None:
        done = self._git_run(top, "cat-file", "blob", name)
        return done.stdout if done.returncode == 0 else None

    def _batch(self, top: str, names: list[tuple[str, str]]) -> dict[str, bytes | None]:
        """``git cat-file --batch``: per name a header (``OID TYPE SIZE``, or ``NAME
        missing``) and, when found, SIZE bytes and a newline."""
        done = self._git_run(top, "cat-file", "--batch", stdin=b"".join(
            os.fsencode(name) + b"\n" for _, name in names))
        if done.returncode != 0:
            raise BaselineError(f"--baseline {self.ref}: git cannot read the repository at "
                                f"{top} ({_last_line(done.stderr)})")
        out, at = done.stdout, 0
        found: dict[str, bytes | None] = {}
        for path, _name in names:
            end = out.index(b"\n", at)
            header, at = out[at:end].rsplit(b" ", 2), end + 1
            if len(header) < 3 or not header[2].isdigit():  # missing, ambiguous
                found[path] = None
                continue
            size = int(header[2])
            found[path] = out[at:at + size] if header[1] == b"blob" else None  # not a tree
            at += size + 1
        return found

    def _repository(self, folder: str) -> _Repository:
        known = self._repositories.get(folder)
        if known is None:
            known = self._repositories[folder] = self._find(folder)
        return known

    def _find(self, folder: str) -> _Repository:
        top = self._git_run(folder, "rev-parse", "--show-toplevel")
        if top.returncode != 0:
            problem = _last_line(top.stderr)
            if "not a git repository" in problem:
                raise BaselineError(f"--baseline {self.ref}: {folder} is not in a git "
                                    f"repository; {_SAVED}")
            raise BaselineError(f"--baseline {self.ref}: git cannot read the repository "
                                f"of {folder} ({problem})")
        root = os.path.realpath(os.fsdecode(top.stdout).strip())
        commit = self._git_run(root, "rev-parse", "--verify", "--quiet", "--end-of-options",
                               f"{self.ref}^{{commit}}")
        if commit.returncode != 0:
            raise BaselineError(
                f"--baseline {self.ref}: no such commit in the git repository at {root} "
                f"(give a branch, tag or commit such as HEAD~1 or origin/main, or the path "
                f"of a saved JSON report)")
        return _Repository(top=root, commit=os.fsdecode(commit.stdout).strip())

    def _git_run(self, folder: str, *args: str, stdin: bytes | None = None
                 ) -> subprocess.CompletedProcess[bytes]:
        if self._git is None:
            raise BaselineError(f"--baseline {self.ref}: git is not installed (or not on "
                                f"PATH); install it, or {_SAVED}")
        try:
            return subprocess.run([self._git, "-C", folder, *args], input=stdin,
                                  capture_output=True, timeout=GIT_TIMEOUT, check=False)
        except (OSError, subprocess.SubprocessError) as exc:
            raise BaselineError(f"--baseline {self.ref}: git failed in {folder} "
                                f"({type(exc).__name__}: {exc})") from None


def _last_line(stderr: bytes) -> str:
    lines = os.fsdecode(stderr).strip().splitlines()
    return lines[-1] if lines else "git failed without a message"
