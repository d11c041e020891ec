"""The labelled documents detection is fitted and measured on.

* PM documents (labelled by folder): ``tests/data/detection/train/<kind>/``, the labelled
  eval sets in ``examples/eval*/labels.yaml`` and the per-kind examples ``examples/<kind>/``.
* Not PM documents: ``tests/data/detection/train/none/`` (hard cases written for this:
  articles about PM writing, empty templates, ladders, notes), this project's own docs, and
  the real package documentation harvested by ``harvest.py`` (outside the repository).
  Harvested packages are split by a hash of their name: one in eight is kept for the
  blind measurement and never fitted on.
* A blind split (``--blind DIR``, folders per kind and ``none/``) is read the same way.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
TRAIN = ROOT / "tests" / "data" / "detection" / "train"
HARVEST = Path.home() / ".cache" / "pmcoach" / "non-pm"
NONE = "none"
SUFFIXES = {".md", ".markdown", ".txt", ".rst"}


@dataclass(frozen=True)
class Labelled:
    path: Path
    label: str  # a kind, or "none"
    group: str  # what the document came from (kept together in cross-validation)


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)


def by_folder(root: Path, group: str) -> list[Labelled]:
    """``root/<label>/...`` for every label folder under ``root``."""
    out = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        # Documents by one writer stay in one cross-validation fold; the hard negatives
        # were written as independent one-offs.
        for path in _files(folder):
            writer = path.stem if folder.name == NONE else path.stem.split("-")[0]
            out.append(Labelled(path, folder.name, f"{group}:{writer}"))
    return out


def eval_sets() -> list[Labelled]:
    out = []
    for labels in sorted(ROOT.glob("examples/eval*/labels.yaml")):
        data = yaml.safe_load(labels.read_text())
        out += [Labelled(labels.parent / d["path"], d["kind"], labels.parent.name)
                for d in data["documents"]]
    for folder in sorted(ROOT.glob("examples/*")):
        if (folder / "labels.yaml").exists() or not folder.is_dir():
            continue
        if folder.name in {"team-plugin", "portfolio"}:
            continue
        out += [Labelled(p, folder.name, "examples") for p in sorted(folder.glob("*"))
                if p.suffix in SUFFIXES]
    return out


def own_docs() -> list[Labelled]:
    """This project's README and docs: real markdown that is not a PM document."""
    paths = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    return [Labelled(p, NONE, "pmcoach-docs") for p in paths]


def held_out(package: str) -> bool:
    return hashlib.sha1(package.encode()).digest()[0] % 8 == 0


def harvested(blind: bool, root: Path = HARVEST) -> list[Labelled]:
    if not root.is_dir():
        # The third-party text is not in the repository: fetch it (a few minutes, once).
        import subprocess
        import sys

        print(f"{root} is missing: harvesting package docs from PyPI first", file=sys.stderr)
        subprocess.run([sys.executable, str(Path(__file__).with_name("harvest.py")),
                        "--out", str(root)], check=True)
    return [Labelled(p, NONE, f"pkg:{pkg.name}")
            for pkg in sorted(root.iterdir()) if held_out(pkg.name) == blind
            for p in sorted(pkg.iterdir()) if p.suffix.lower() in SUFFIXES]


#: Blind splits already scored: development data from then on (see docs/detection.md).
SCORED_BLIND = [TRAIN.parent / f"blind-{n}" for n in (1, 2, 3)]


def training() -> list[Labelled]:
    scored = [d for folder in SCORED_BLIND if folder.is_dir()
              for d in by_folder(folder, folder.name)]
    return (by_folder(TRAIN, "train") + scored + eval_sets() + own_docs()
            + harvested(blind=False))


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8", errors="replace")
