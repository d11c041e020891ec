"""The wheel carries the core, the built-in plugins and the prompt templates."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _shipped(folder: str) -> set[str]:
    """Files under a top-level folder that the wheel must carry (caches excluded)."""
    base = ROOT / folder
    return {str(p.relative_to(base)) for p in base.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--quiet", "-w", str(out), str(ROOT)],
        check=True, capture_output=True)
    (built,) = out.glob("pmcoach-*.whl")
    return zipfile.ZipFile(built)


def test_wheel_has_the_package_plugins_and_prompts(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    assert {"pmcoach/__init__.py", "pmcoach/cli/__init__.py", "pmcoach/__main__.py",
            "pmcoach/formats/text.py",
            "pmcoach/portfolio/competencies.yaml"} <= names  # data read at run time
    for path in _shipped("plugins"):
        assert path in names, f"plugins/{path} is not in the wheel"
    for path in _shipped("prompts"):
        assert f"pmcoach/prompts/{path}" in names, f"prompts/{path} is not in the wheel"
    assert not any(n.startswith(("tests/", "examples/", "src/")) for n in names)
    # The HTML report's template and styles are read at run time.
    assert {"pmcoach/formats/templates/report.html.j2",
            "pmcoach/formats/templates/report.css"} <= names


def test_wheel_declares_the_console_script(wheel: zipfile.ZipFile) -> None:
    (entry_points,) = [n for n in wheel.namelist() if n.endswith("entry_points.txt")]
    text = wheel.read(entry_points).decode()
    assert "[console_scripts]" in text and "pmcoach = pmcoach.cli:main" in text
