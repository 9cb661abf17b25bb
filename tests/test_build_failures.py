"""A build that fails or is killed halfway leaves output/ exactly as it was."""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time

import pytest
from pathlib import Path

from medprint import api
from medprint.errors import SourceError

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = "gut-microbiome-immunotherapy"

pytestmark = pytest.mark.slow


def snapshot(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_a_writer_failing_after_others_rendered_changes_nothing(sample_project, built_sample, tmp_path, monkeypatch):
    out = tmp_path / "out"
    shutil.copytree(built_sample, out)
    before = snapshot(out)

    real_render = api.render

    def failing_render(document, citations, fmt, **kwargs):
        if fmt == "pptx":
            raise SourceError("template.invalid", "simulated writer failure")
        return real_render(document, citations, fmt, **kwargs)

    monkeypatch.setattr(api, "render", failing_render)
    with pytest.raises(SourceError):
        api.build_document(sample_project / "sources" / SAMPLE / "index.md", out, ("html", "pdf", "pptx"))
    assert snapshot(out) == before


def test_a_source_error_changes_nothing(sample_project, built_sample, tmp_path):
    project = tmp_path / "p"
    shutil.copytree(sample_project / "sources", project / "sources")
    shutil.copytree(built_sample, project / "output")
    before = snapshot(project / "output")
    index = project / "sources" / SAMPLE / "index.md"
    index.write_text(index.read_text().replace("[@jci2020]", "[@jci2021]"))
    proc = subprocess.run([sys.executable, "-m", "medprint.cli", "build", "--force"], cwd=project,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 1
    assert "jci2021" in proc.stderr and "[citation.unknown-key]" in proc.stderr
    assert snapshot(project / "output") == before


def test_killing_builds_at_random_moments_never_leaves_a_partial_output(sample_project, built_sample, tmp_path):
    project = tmp_path / "p"
    shutil.copytree(sample_project / "sources", project / "sources")
    reference = snapshot(built_sample)
    out = project / "output"
    rng = random.Random(20251127)
    for attempt in range(4):
        proc = subprocess.Popen([sys.executable, "-m", "medprint.cli", "build", "--force", "-q"], cwd=project,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.5, 6.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if out.exists():
            for path in out.iterdir():
                if path.is_file() and not path.name.startswith("."):
                    assert path.read_bytes() == reference[path.name], f"attempt {attempt}: {path.name} is partial"
    # the next build sweeps away temporaries a killed build left behind
    proc = subprocess.run([sys.executable, "-m", "medprint.cli", "build", "--force", "-q"], cwd=project,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
