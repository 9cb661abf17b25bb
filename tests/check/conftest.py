"""Fixtures for the check tests; the helpers themselves live in check_support.py."""

from __future__ import annotations

import pytest

from check_support import REPO


@pytest.fixture
def in_repo(monkeypatch):
    """Run with the repository as working directory (relative paths in reports)."""
    monkeypatch.chdir(REPO)
    return REPO
