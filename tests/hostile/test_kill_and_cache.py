"""Nothing lost: builds SIGKILLed at random moments leave whole outputs and a cache that is never trusted blindly.

The lead's ``tests/test_build_failures.py`` kills builds of the sample; this
covers the build cache too (issue 6, "caches are written the same way and a
damaged cache is rebuilt, not trusted") on a small source so it stays fast.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

SOURCE = """---
title: Kill test
references:
  - id: smith2020
    type: book
    title: A book about interrupted builds
    author: [{family: Smith, given: Ann}]
    issued: {date-parts: [[2020]]}
    publisher: Press
---

# Background

Builds can be killed at any moment [@smith2020].

# Method

- one
- two
"""


def medprint(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "medprint.cli", "build", "-j", "1", *args], cwd=project,
                          capture_output=True, text=True, timeout=300)


def outputs(project: Path) -> dict[str, bytes]:
    out = project / "output"
    return {p.name: p.read_bytes() for p in sorted(out.glob("*.*")) if not p.name.startswith(".")}


def cache_records(project: Path) -> list[Path]:
    return sorted((project / "output" / ".medprint-cache").glob("*"))


def assert_complete(name: str, data: bytes) -> None:
    """Each output reads back whole in its own format."""
    if name.endswith(".pdf"):
        import io

        import pypdf

        assert data.rstrip().endswith(b"%%EOF"), name
        assert len(pypdf.PdfReader(io.BytesIO(data)).pages) >= 1
    elif name.endswith(".pptx"):
        import io

        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            assert zf.testzip() is None, name
    elif name.endswith(".html"):
        assert data.rstrip().endswith(b"</html>"), name


@pytest.fixture
def project(tmp_path) -> Path:
    (tmp_path / "sources" / "killme").mkdir(parents=True)
    (tmp_path / "sources" / "killme" / "index.md").write_text(SOURCE, encoding="utf-8")
    return tmp_path


def test_killed_builds_leave_whole_outputs_and_valid_cache_records(project):
    first = medprint(project)
    assert first.returncode == 0, first.stderr
    reference = outputs(project)
    assert sorted(reference) == ["killme.html", "killme.pdf", "killme.pptx"]
    rng = random.Random(6)
    for attempt in range(5):
        proc = subprocess.Popen([sys.executable, "-m", "medprint.cli", "build", "--force", "-q", "-j", "1"],
                                cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 4.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        for name, data in outputs(project).items():
            assert data == reference[name], f"attempt {attempt}: {name} is neither the old nor the new file"
            assert_complete(name, data)
        for record in cache_records(project):
            if record.name.endswith(".tmp"):
                continue  # a temporary a killed build left; never read, swept by the next build
            json.loads(record.read_text(encoding="utf-8"))  # a record is whole or absent
    after = medprint(project)
    assert after.returncode == 0, after.stderr
    assert outputs(project) == reference
    assert not list((project / "output").glob(".*.tmp"))


DAMAGE = {"truncated": lambda text: text[: len(text) // 2].encode(), "garbage": lambda text: b"{not json",
          "wrong shape": lambda text: json.dumps({"key": 1, "inputs": "x"}).encode(),
          "binary": lambda text: bytes(range(256))}


def test_a_damaged_cache_record_is_rebuilt_not_trusted(project):
    assert medprint(project, "--to", "html").returncode == 0
    reference = outputs(project)
    unchanged = medprint(project, "--to", "html")
    assert "killme: up to date" in unchanged.stdout, unchanged.stdout  # a whole record is trusted
    for damage, make in DAMAGE.items():
        records = [r for r in cache_records(project) if not r.name.endswith(".tmp")]
        assert records, "the build wrote no cache record"
        for record in records:
            record.write_bytes(make(record.read_text(encoding="utf-8")))
        again = medprint(project, "--to", "html")
        assert again.returncode == 0 and "Traceback" not in again.stderr, (damage, again.stderr)
        assert "wrote output/killme.html" in again.stdout, (damage, again.stdout)
        assert outputs(project) == reference
        for record in cache_records(project):
            json.loads(record.read_text(encoding="utf-8"))  # rewritten whole
