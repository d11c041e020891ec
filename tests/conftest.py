"""Shared fixtures: every test runs with a clean pmcoach/OpenAI environment."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """No test sees the developer's configuration, model settings or real API key."""
    import os

    for name in list(os.environ):
        if name.startswith(("PMCOACH_", "OPENAI_", "AZURE_OPENAI_")) or name == "NO_COLOR":
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-dummy-key")
    monkeypatch.setenv("PMCOACH_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
