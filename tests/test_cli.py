"""The command line as a user meets it: exit codes, one-line errors, no tracebacks."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

MEDPRINT = [sys.executable, "-m", "medprint.cli"]


def run(args, cwd):
    return subprocess.run(MEDPRINT + list(args), cwd=cwd, capture_output=True, text=True, timeout=300)


def test_help_lists_every_command(tmp_path):
    proc = run(["--help"], tmp_path)
    assert proc.returncode == 0
    for name in ("build", "new", "check", "refs", "release", "watch"):
        assert name in proc.stdout


def test_unknown_output_format_is_a_usage_error(tmp_path):
    (tmp_path / "sources").mkdir()
    proc = run(["build", "--to", "docx"], tmp_path)
    assert proc.returncode == 2
    assert "unknown output format 'docx'" in proc.stderr and "Traceback" not in proc.stderr


def test_missing_source_is_a_usage_error(tmp_path):
    proc = run(["build", "nope.md"], tmp_path)
    assert proc.returncode == 2 and "no such source: nope.md" in proc.stderr


def test_no_sources_folder_is_a_usage_error(tmp_path):
    proc = run(["build"], tmp_path)
    assert proc.returncode == 2 and "no 'sources' folder" in proc.stderr


def test_bad_source_gives_one_located_line_and_exit_1(tmp_path):
    src = tmp_path / "bad.md"
    src.write_text("---\ntitle: x\nreview:\n  reviewed: 2025-13-40\n---\n\nText.\n")
    proc = run(["build", "bad.md"], tmp_path)
    assert proc.returncode == 1
    assert "bad.md:4:13: error: front-matter key 'review.reviewed'" in proc.stderr and "[frontmatter.invalid]" \
        in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "output" / "bad.pdf").exists()


def test_new_creates_a_source_that_refuses_to_be_overwritten(tmp_path):
    proc = run(["new", "asthma-basics"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    index = tmp_path / "sources" / "asthma-basics" / "index.md"
    assert "title: \"Asthma basics\"" in index.read_text()
    before = index.read_text()
    again = run(["new", "asthma-basics"], tmp_path)
    assert again.returncode == 2 and "already exists" in again.stderr
    assert index.read_text() == before


def test_new_rejects_unsafe_names(tmp_path):
    proc = run(["new", "../escape"], tmp_path)
    assert proc.returncode == 2 and not (tmp_path / "escape").exists()


def test_console_script_entry_point_works_in_a_bare_interpreter(tmp_path):
    """`medprint` as pip installs it: main() in an interpreter where site hooks imported nothing for us (-S)."""
    (tmp_path / "sources").mkdir()
    paths = [str(Path(__file__).resolve().parents[1] / "src")] + [p for p in sys.path if "-packages" in p]
    code = (f"import sys; sys.path[:0] = {paths!r}; from medprint.cli import main; "
            "sys.argv = ['medprint', 'build', '--to', 'html']; main()")
    proc = subprocess.run([sys.executable, "-S", "-c", code], cwd=tmp_path, capture_output=True, text=True,
                          timeout=120)
    assert "internal error" not in proc.stderr, proc.stderr
    assert proc.returncode == 2 and "no sources found" in proc.stderr
