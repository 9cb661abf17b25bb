"""The program's entry point: early handout child for builds, and a fast exit that loses nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from medprint.launch import wants_handout

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sources" / "gut-microbiome-immunotherapy"


@pytest.mark.parametrize("args, wanted", [
    (["build"], True),
    (["build", "sources/x", "--to", "pdf"], True),
    (["build", "--to=html,pdf", "-o", "out"], True),
    (["build", "--to", "pptx,html"], False),
    (["build", "--to=pptx"], False),
    (["build", "--help"], False),
    (["check"], False),
    (["--version"], False),
    ([], False),
])
def test_which_command_lines_fork_the_handout_child_early(args, wanted):
    assert wants_handout(args) is wanted


def _medprint(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "medprint", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "MEDPRINT_CACHE_DIR": str(cwd / "cache"), **(env or {})})


def test_a_build_through_the_program_writes_everything_and_says_so(tmp_path):
    shutil.copytree(SAMPLE, tmp_path / "sources" / "sample")
    done = _medprint("build", "--force", "sources/sample", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    for fmt in ("pdf", "pptx", "html"):
        assert f"wrote output/sample.{fmt}" in done.stdout  # flushed before the fast exit
        assert (tmp_path / "output" / f"sample.{fmt}").stat().st_size > 1000
    assert "readability.grade" in done.stderr  # warnings too


def test_a_failing_build_keeps_its_exit_code_and_message(tmp_path):
    (tmp_path / "sources" / "bad").mkdir(parents=True)
    (tmp_path / "sources" / "bad" / "index.md").write_text("---\ntitle: [unclosed\n---\n\nText.\n", encoding="utf-8")
    done = _medprint("build", "sources/bad", cwd=tmp_path)
    assert done.returncode != 0
    assert "index.md:2" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "output" / "bad.pdf").exists()


def test_check_through_the_program_keeps_its_exit_code(tmp_path):
    shutil.copytree(SAMPLE, tmp_path / "sources" / "sample")
    done = _medprint("check", "sources/sample", cwd=tmp_path)
    via_cli = subprocess.run([sys.executable, "-m", "medprint.cli", "check", "sources/sample"], cwd=tmp_path,
                             capture_output=True, text=True)
    assert done.returncode == via_cli.returncode and done.stdout == via_cli.stdout
