"""Each command imports only what its outputs need (issue 18): measured on the real command in a fresh process."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sources" / "gut-microbiome-immunotherapy"

PROBE = """
import json, sys
sys.argv = ["medprint", *sys.argv[1:]]
from medprint.cli import main
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted({m.split(".")[0] for m in sys.modules})), file=sys.__stdout__)
"""

HEAVY = {"weasyprint", "pptx", "jinja2", "markdown_it", "citeproc", "textstat", "pydantic", "fontTools", "rich",
         "multiprocessing", "concurrent"}

# command -> heavy packages this process must not import (a PDF is laid out in a forked child where possible)
CASES = {
    "--version": HEAVY,
    "--help": HEAVY,
    "check SRC": {"weasyprint", "jinja2", "rich", "multiprocessing", "concurrent"},
    "build --force --to pptx SRC": {"weasyprint", "jinja2", "rich", "multiprocessing", "concurrent"},
    "build --force --to html SRC": {"weasyprint", "pptx", "rich", "multiprocessing", "concurrent"},
    "build --force --to pdf SRC": {"pptx", "rich", "concurrent"},
}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("imports")
    shutil.copytree(SAMPLE, root / "sources" / "sample")
    return root


@pytest.mark.parametrize("command", list(CASES))
def test_a_command_imports_only_what_it_needs(command, project):
    args = command.replace("SRC", "sources/sample").split()
    done = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=project, capture_output=True, text=True,
                          env={**os.environ, "MEDPRINT_CACHE_DIR": str(project / "cache")})
    imported = set(json.loads(done.stdout.strip().splitlines()[-1]))
    assert "medprint" in imported
    assert not imported & CASES[command], f"{command} imported {sorted(imported & CASES[command])}"
