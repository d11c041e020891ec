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


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """A request no mock intercepted fails the test instead of reaching the internet
    (loopback stays open for tests that start a local server)."""
    import socket

    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else ""
        if self.family in (socket.AF_INET, socket.AF_INET6) and host not in (
                "127.0.0.1", "::1", "localhost"):
            raise OSError(f"test tried to reach the network: {address!r}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture
def openai_api():  # type: ignore[no-untyped-def]
    """respx on the httpcore2 transport the openai SDK uses (pytest-httpx2 registers the
    "httpcore2" mocker); any request without a matching route fails the test."""
    import respx

    with respx.mock(base_url="https://api.openai.com/v1", using="httpcore2",
                    assert_all_mocked=True, assert_all_called=False) as router:
        yield router


@pytest.fixture
def retry_sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The SDK's back-off sleeps, recorded instead of slept."""
    import openai._base_client as base_client

    slept: list[float] = []
    monkeypatch.setattr(base_client.time, "sleep", slept.append)
    return slept
