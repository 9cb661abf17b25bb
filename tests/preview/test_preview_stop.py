"""A preview stopped by SIGTERM (a service manager, a closed terminal, a test) cleans up as Ctrl+C does."""

from __future__ import annotations

import json
import os
import subprocess
import sys


def test_a_terminated_preview_removes_its_record_and_leaves_no_font_folders(sample_copy, tmp_path):
    temp_root = tmp_path / "tmp"
    temp_root.mkdir()
    env = dict(os.environ, PYTHONUNBUFFERED="1", TMPDIR=str(temp_root))
    proc = subprocess.Popen([sys.executable, "-m", "medprint.cli", "preview", "--no-browser"],
                            cwd=sample_copy.parents[2], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env)
    try:
        line = proc.stdout.readline()
        assert line.startswith("medprint preview: http://127.0.0.1:"), line
        records = list((tmp_path / "cache" / "preview").glob("*.json"))
        assert len(records) == 1 and json.loads(records[0].read_text())["pid"] == proc.pid
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    assert proc.returncode == 0
    assert not records[0].exists()
    assert list(temp_root.glob("weasyprint-*")) == []


def test_a_terminated_watch_ends_cleanly(sample_copy, tmp_path):
    temp_root = tmp_path / "tmp"
    temp_root.mkdir()
    env = dict(os.environ, PYTHONUNBUFFERED="1", TMPDIR=str(temp_root))
    proc = subprocess.Popen([sys.executable, "-m", "medprint.cli", "watch", "--to", "pdf"],
                            cwd=sample_copy.parents[2], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env)
    try:
        for line in proc.stderr:
            if line.startswith("watching"):
                break
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    assert proc.returncode in (0, 130)  # as after Ctrl-C: stopped, or interrupted before the watch began
    assert "Traceback" not in proc.stderr.read()
    assert list(temp_root.glob("weasyprint-*")) == []
