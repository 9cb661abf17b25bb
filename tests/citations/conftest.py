"""Fixtures for the citation engine tests (helpers live in citations_support.py)."""

from __future__ import annotations

import pytest

from citations_support import golden_document


@pytest.fixture(scope="session")
def golden_rendered():
    from medprint.citations import render_citations

    return render_citations(golden_document())
