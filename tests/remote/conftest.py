"""Every test here talks to recorded services only: the real httpx transport is replaced for the whole folder."""

from __future__ import annotations

import httpx
import pytest
from recorded import Services


@pytest.fixture
def services(monkeypatch, tmp_path):
    """Recorded services behind every medprint.remote Client made during the test; a fresh cache folder."""
    from medprint.remote import http

    recorded = Services()
    monkeypatch.setenv("MEDPRINT_CACHE_DIR", str(tmp_path / "cache"))
    original = http.Client.__init__

    def init(self, settings=None, *, transport=None, limiter=None, sleep=None):
        original(self, settings, transport=transport or recorded.transport(),
                 limiter=limiter or http.RateLimiter(sleep=lambda s: None), sleep=sleep or (lambda s: None))

    monkeypatch.setattr(http.Client, "__init__", init)
    return recorded


@pytest.fixture(autouse=True)
def _no_real_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a test tried to use the real network")

    monkeypatch.setattr(httpx.HTTPTransport, "handle_request", refuse)
