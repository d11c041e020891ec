"""Files as they were at a git ref, read from git's object store.

Only ``git rev-parse`` and ``git cat-file`` run: the working tree, the index, HEAD and
the stash are never touched, so a baseline can be read while the user has edits open.
"""

from __future__ import annotations

import os
import shutil
import subprocess
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
        real = os.path.realpath(path)
        folder = os.path.dirname(real)
        if not os.path.isdir(folder):  # a --stdin-filename that names no real folder
            return None
        repository = self._repository(folder)
        relative = Path(os.path.relpath(real, repository.top)).as_posix()
        if relative.startswith("../"):  # a link out of the repository
            return None
        done = self._git_run(repository.top, "cat-file", "blob",
                             f"{repository.commit}:{relative}")
        return done.stdout if done.returncode == 0 else None

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

    def _git_run(self, folder: str, *args: str) -> subprocess.CompletedProcess[bytes]:
        if self._git is None:
            raise BaselineError(f"--baseline {self.ref}: git is not installed (or not on "
                                f"PATH); install it, or {_SAVED}")
        try:
            return subprocess.run([self._git, "-C", folder, *args], capture_output=True,
                                  timeout=GIT_TIMEOUT, check=False)
        except (OSError, subprocess.SubprocessError) as exc:
            raise BaselineError(f"--baseline {self.ref}: git failed in {folder} "
                                f"({type(exc).__name__}: {exc})") from None


def _last_line(stderr: bytes) -> str:
    lines = os.fsdecode(stderr).strip().splitlines()
    return lines[-1] if lines else "git failed without a message"
