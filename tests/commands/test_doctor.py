"""``medprint doctor``: plain words about what is here and what is missing, exit 1 only for build needs."""

from __future__ import annotations

import os
import subprocess
import sys

from medprint import doctor

MEDPRINT = [sys.executable, "-m", "medprint.cli"]


def test_doctor_on_this_machine_reports_every_probe_and_exit_0(tmp_path):
    proc = subprocess.run(MEDPRINT + ["doctor"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for name in ("Python", "PDF engine", "Deck writer", "Citation engine", "font Liberation Sans", "LibreOffice",
                 "Java compiler", "Chromium"):
        assert f"] {name}:" in proc.stdout
    assert "Everything building needs is here." in proc.stdout
    assert not (tmp_path / "output").exists()  # looking changes nothing


def test_missing_optional_tools_are_named_with_their_fix_and_do_not_fail(tmp_path):
    # a PATH with nothing but this Python: no LibreOffice, Java, Chromium, Node, Pandoc, fc-match
    bare = tmp_path / "bin"
    bare.mkdir()
    (bare / "python").symlink_to(sys.executable)
    env = {**os.environ, "PATH": str(bare)}
    proc = subprocess.run([str(bare / "python"), "-m", "medprint.cli", "doctor"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    out = proc.stdout
    assert "[absent] LibreOffice: not found" in out and "to get it:" in out
    assert "[absent] Chromium: not found" in out
    # without fontconfig the fonts cannot be confirmed: that is a build need, so exit 1 with the fix
    assert "[MISSING] font Liberation Sans: fontconfig's fc-match is not installed" in out
    assert proc.returncode == 1 and "Missing for building: font Liberation Sans" in out
    assert "Traceback" not in proc.stderr


def test_a_missing_build_need_sets_exit_1_and_says_how_to_get_it(monkeypatch):
    monkeypatch.setattr(doctor, "_pdf_engine", lambda: doctor.Finding(
        "PDF engine", False, "cannot be loaded: cannot load library 'libpango-1.0-0'", "makes the PDF handout",
        "sudo apt install libpango-1.0-0"))
    text, code = doctor.render(doctor.findings())
    assert code == 1
    assert "[MISSING] PDF engine: cannot be loaded" in text and "to get it: sudo apt install libpango-1.0-0" in text
    assert text.rstrip().endswith("then run `medprint doctor` again.")


def test_module_probe_turns_a_broken_library_into_a_finding():
    found = doctor._module("Thing", "medprint_no_such_module_here", "does things", "install it")
    assert not found.ok and found.detail.startswith("cannot be loaded: No module named")
