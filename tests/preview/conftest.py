"""A scratch copy of the sample for preview tests (they edit it), and a preview cache of their own."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def sample_copy(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "sources" / "gut-microbiome-immunotherapy"
    shutil.copytree(ROOT / "sources" / "gut-microbiome-immunotherapy", folder)
    monkeypatch.setenv("MEDPRINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    return folder / "index.md"


@pytest.fixture
def preview(sample_copy):
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen([sys.executable, "-m", "medprint.cli", "preview", "--no-browser"],
                            cwd=sample_copy.parents[2], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env)
    line = proc.stdout.readline()
    assert line.startswith("medprint preview: http://127.0.0.1:"), (line, proc.stderr.read() if proc.poll() else "")
    yield sample_copy, line.split(": ", 1)[1].strip()
    proc.terminate()
    proc.wait(timeout=10)
