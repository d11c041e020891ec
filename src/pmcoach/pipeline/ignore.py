"""Which files git ignores: folder runs skip them, as ruff and Vale do.

Asked of git itself (``git check-ignore``), so every rule git applies holds: nested
``.gitignore`` files, ``.git/info/exclude``, the global excludes file, negations. Outside a
git work tree, or without git, nothing is ignored.
"""

from __future__ import annotations

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
    try:
        done = subprocess.run(
            [git, "check-ignore", "-z", "--stdin"], cwd=folder,
            input=b"\0".join(str(f.resolve()).encode() for f in files) + b"\0",
            capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return set()
    if done.returncode not in (0, 1):  # 128: not a git work tree (or git failed)
        return set()
    ignored = {Path(p.decode()) for p in done.stdout.split(b"\0") if p}
    return {f for f in files if f.resolve() in ignored}
