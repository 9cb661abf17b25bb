"""Shared fixtures for the deck tests: the sample and the long document, read and cited once per session."""

from __future__ import annotations

import io
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

SAMPLE = ROOT / "sources" / "gut-microbiome-immunotherapy" / "index.md"
LONG = HERE / "fixtures" / "long" / "index.md"
STYLES = ROOT / "styles"


def load(source: Path):
    """Read and cite a source with the project's own reader and citation engine."""
    from medprint import api

    document = api.read(source)
    return document, api.cite(document)


@pytest.fixture(scope="session")
def styles() -> Path:
    return STYLES


@pytest.fixture(scope="session")
def sample():
    return load(SAMPLE)


@pytest.fixture(scope="session")
def long_doc():
    return load(LONG)


@pytest.fixture(scope="session")
def sample_pptx(sample) -> bytes:
    from medprint.writers.pptx import render_pptx

    return render_pptx(*sample, styles=STYLES)


@pytest.fixture(scope="session")
def long_pptx(long_doc) -> bytes:
    from medprint.writers.pptx import render_pptx

    return render_pptx(*long_doc, styles=STYLES)


def open_deck(data: bytes):
    from pptx import Presentation

    return Presentation(io.BytesIO(data))


needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not on PATH")
