"""The real ``medprint`` process: one line per failure, exit 1, no traceback — unless ``--traceback`` is given."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hostile_kit import CASES

ONE_LINE_CASES = ["yaml-syntax", "invalid-utf8", "csljson-syntax", "image-dotdot", "csl-external-dtd"]


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "medprint.cli", *args], cwd=project, capture_output=True,
                          text=True, timeout=300)


@pytest.fixture
def project(tmp_path) -> Path:
    for name in ONE_LINE_CASES:
        shutil.copytree(CASES / name, tmp_path / "sources" / name, ignore=shutil.ignore_patterns("expect.yaml"))
    return tmp_path


def test_each_broken_source_is_one_line_and_exit_1(project):
    proc = run(project, "build", "--to", "html", "-j", "1")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    errors = [line for line in proc.stderr.splitlines() if ": error: " in line]
    assert len(errors) == len(ONE_LINE_CASES), proc.stderr
    for name in ONE_LINE_CASES:
        mine = [line for line in errors if line.startswith(f"sources/{name}/")]
        assert len(mine) == 1, (name, proc.stderr)
    assert proc.stderr.rstrip().endswith(f"{len(ONE_LINE_CASES)} of {len(ONE_LINE_CASES)} document(s) failed")
    assert not list((project / "output").glob("*.*")) if (project / "output").exists() else True


def test_traceback_flag_shows_the_traceback_for_bug_reports(project):
    proc = run(project, "--traceback", "build", "sources/yaml-syntax", "--to", "html", "-j", "1")
    assert proc.returncode == 1
    assert "Traceback (most recent call last)" in proc.stderr
    assert "[frontmatter.yaml]" in proc.stderr


def test_usage_errors_exit_2_without_traceback(project):
    proc = run(project, "build", "--to", "docx")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1
