"""Shared fixtures: the sample built once per test session, in a scratch copy of the project."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

# the user cache (font subsets, syllable table, fetched records) of the test run is its own, inherited by the
# medprint processes tests start: tests neither read nor fill the cache of the person running them
os.environ.setdefault("MEDPRINT_CACHE_DIR", tempfile.mkdtemp(prefix="medprint-test-cache-"))

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = "gut-microbiome-immunotherapy"


@pytest.fixture(scope="session")
def sample_project(tmp_path_factory) -> Path:
    """A scratch project folder holding only the sample source (styles come from the repo)."""
    project = tmp_path_factory.mktemp("project")
    shutil.copytree(ROOT / "sources" / SAMPLE, project / "sources" / SAMPLE)
    return project


@pytest.fixture(scope="session")
def built_sample(sample_project) -> Path:
    """Run the real `medprint build` once; return the output folder."""
    proc = subprocess.run([sys.executable, "-m", "medprint.cli", "build"], cwd=sample_project,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    return sample_project / "output"
