"""`medprint release` on the command line: --dry-run, all or nothing, --allow-same-version, piped progress."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from medprint.release.manifest import Manifest


def _cli(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "medprint.cli", "release", *args], cwd=project,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture
def project(tmp_path, library_maker) -> Path:
    library_maker(tmp_path)
    return tmp_path


def test_dry_run_lists_what_would_be_released_and_writes_nothing(project):
    proc = _cli(project, "1.0", "--dry-run", "--jobs", "1")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [
        "release 1.0 (dry run, nothing written): would release 3 of 3 document(s); first release, all new",
        "  new        sources/alpha/index.md (version 1.5)",
        "  new        sources/beta/index.md (version 1.4)",
        "  new        sources/gamma/index.md (version 1.5)",
    ]
    # not a terminal: one plain progress line per document, never a redrawn bar
    assert proc.stderr.splitlines() == [f"checking 1.0: {n} of 3 done: sources/{name}/index.md"
                                        for n, name in ((1, "alpha"), (2, "beta"), (3, "gamma"))]
    assert not (project / "output").exists()


def test_dry_run_of_a_failing_library_says_it_would_be_refused(project, source_writer):
    source_writer(project / "sources", "delta", cite="nosuchkey")
    proc = _cli(project, "1.0", "--dry-run", "--jobs", "1")
    assert proc.returncode == 1
    assert proc.stdout.startswith("release 1.0 (dry run, nothing written): would be REFUSED; first release")
    assert "  FAILED     sources/delta/index.md" in proc.stdout
    err = proc.stderr.splitlines()
    assert "checking 1.0: 4 of 4 done: sources/gamma/index.md" in err
    assert "checking 1.0: 3 of 4 done: FAILED sources/delta/index.md" in err
    assert any(line.startswith("sources/delta/index.md:11:") and line.endswith("[citation.unknown-key]")
               for line in err)
    assert err[-1].startswith("medprint: error: 1 document(s) fail; run `medprint check --release "
                              "sources/delta/index.md`")
    partial = _cli(project, "1.0", "--dry-run", "--partial", "--jobs", "1")
    assert "would release 3 of 4 document(s)" in partial.stdout
    assert not (project / "output").exists()


def test_same_version_is_refused_then_allowed_and_changes_are_listed(project):
    first = _cli(project, "1.0", "--jobs", "2")
    assert first.returncode == 0, first.stderr
    assert "release 1.0: 1 of 3 done: " in first.stderr
    source = project / "sources" / "beta" / "index.md"
    source.write_text(source.read_text().replace("Microbes matter", "Microbes really matter"))
    refused = _cli(project, "1.1", "--jobs", "2")
    assert refused.returncode == 1
    line = next(x for x in refused.stderr.splitlines() if x.endswith("[release.same-version]"))
    assert line.startswith("sources/beta/index.md:3:1: error: changed since release 1.0 (sources/beta/index.md)")
    assert "bump version: in its front matter (e.g. 1.5), or pass --allow-same-version" in line
    assert not (project / "output" / "releases" / "1.1").exists()
    allowed = _cli(project, "1.1", "--allow-same-version", "--jobs", "2")
    assert allowed.returncode == 0, allowed.stderr
    assert allowed.stdout.splitlines() == [
        "release 1.1: 3 document(s), 9 file(s) in output/releases/1.1; since 1.0: 0 new, 1 changed, 2 unchanged, "
        "0 removed",
        "  unchanged  sources/alpha/index.md (version 1.5)",
        "  changed    sources/beta/index.md (version still 1.4; sources/beta/index.md)",
        "  unchanged  sources/gamma/index.md (version 1.5)",
    ]
    assert Manifest.load(project / "output" / "releases" / "1.1").options["allow_same_version"] is True
    verify = _cli(project, "--verify", "1.0", "--jobs", "2")
    assert verify.returncode == 0, verify.stderr
    assert "release 1.0: verified" in verify.stdout
