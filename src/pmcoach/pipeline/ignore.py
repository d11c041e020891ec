"""Which files git ignores: folder runs skip them, as ruff and Vale do.

Asked of git itself (``git check-ignore``), so every rule git applies holds: nested
``.gitignore`` files, ``.git/info/exclude``, the global excludes file, negations. Outside a
git work tree, or without git, nothing is ignored.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path


def git_ignored(folder: Path, files: Sequence[Path]) -> set[Path]:
    """The ``files`` (found under ``folder``) that git ignores; a tracked file is never
    ignored, as in git."""
    git = shutil.which("git")
    if not files or git is None:
        return set()
    # Paths relative to the folder, as bytes the file system understands (any name), and
    # not resolved: a link is a path in the work tree, wherever it points.
    relative = {os.fsencode(os.path.relpath(f, folder)): f for f in files}
    try:
        done = subprocess.run(
            [git, "check-ignore", "-z", "--stdin"], cwd=folder,
            input=b"\0".join(relative) + b"\0", capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError, ValueError):
        return set()
    if done.returncode not in (0, 1):  # 128: not a git work tree (or git failed)
        return set()
    return {relative[p] for p in done.stdout.split(b"\0") if p in relative}
