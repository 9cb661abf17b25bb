"""`medprint build` is incremental: unchanged documents are skipped, changed inputs and damage rebuild."""

from __future__ import annotations

import subprocess
import sys

from medprint import api
from medprint.cache import BuildCache


def _state(report):
    assert report.ok, [e.lines() for _, e in report.failures]
    return {r.name: ("skipped" if r.skipped else "built") for r in report.results}


def test_no_change_skips_changed_input_rebuilds_damage_rebuilds(library):
    # the deck is the quickest output to build; the cache treats every format alike
    sources, out = [library / "sources"], library / "output"
    assert _state(api.build(sources, to="pptx", out_dir=out)) == dict.fromkeys(("alpha", "beta", "gamma"), "built")
    again = api.build(sources, to="pptx", out_dir=out)
    assert _state(again) == dict.fromkeys(("alpha", "beta", "gamma"), "skipped")
    assert again.results[0].outputs == {"pptx": out / "alpha.pptx"}

    beta_before = (out / "beta.pptx").read_bytes()
    refs = library / "sources" / "beta" / "references.json"
    refs.write_text(refs.read_text().replace("Journal of Tests", "Journal of Other Tests"))
    (out / "gamma.pptx").write_bytes(b"hand-edited")
    record = BuildCache(out).record_path(library / "sources" / "alpha" / "index.md")
    record.write_text('{"schema": 1, "key": "truncated')
    report = api.build(sources, to="pptx", out_dir=out)
    assert _state(report) == {"alpha": "built", "beta": "built", "gamma": "built"}
    assert (out / "beta.pptx").read_bytes() != beta_before
    assert (out / "gamma.pptx").read_bytes().startswith(b"PK")

    assert _state(api.build(sources, to="pptx", out_dir=out)) == dict.fromkeys(("alpha", "beta", "gamma"), "skipped")
    assert _state(api.build(sources, to="pptx", out_dir=out, force=True)) == dict.fromkeys(
        ("alpha", "beta", "gamma"), "built")
    # another set of formats is another build
    one = [library / "sources" / "alpha"]
    assert _state(api.build(one, to="html,pptx", out_dir=out)) == {"alpha": "built"}
    assert _state(api.build(one, to="html,pptx", out_dir=out)) == {"alpha": "skipped"}
    assert "Journal of Tests" in (out / "alpha.html").read_text()


def test_parallel_build_keeps_order_and_a_failure_alone(library, source_writer):
    source_writer(library / "sources", "broken", cite="nosuchkey")
    report = api.build([library / "sources"], to="pptx", out_dir=library / "output", jobs=2)
    assert [r.name for r in report.results] == ["alpha", "beta", "gamma"]
    assert len(report.failures) == 1
    path, error = report.failures[0]
    assert path.parts[-2] == "broken" and error.code == "citation.unknown-key"
    assert error.lines()[0].startswith(str(path))
    # the failed document is retried next time, the others are up to date
    again = api.build([library / "sources"], to="pptx", out_dir=library / "output", jobs=2)
    assert [r.skipped for r in again.results] == [True, True, True] and len(again.failures) == 1


def test_cli_says_up_to_date(library):
    cmd = [sys.executable, "-m", "medprint.cli", "build", "--to", "pptx", "sources/alpha"]
    first = subprocess.run(cmd, cwd=library, capture_output=True, text=True, timeout=600)
    assert first.returncode == 0, first.stderr
    assert "wrote output/alpha.pptx" in first.stdout
    second = subprocess.run(cmd, cwd=library, capture_output=True, text=True, timeout=600)
    assert second.returncode == 0 and second.stdout.strip() == "alpha: up to date"
    forced = subprocess.run(cmd + ["--force"], cwd=library, capture_output=True, text=True, timeout=600)
    assert "wrote output/alpha.pptx" in forced.stdout


def test_a_build_leaves_other_documents_temporaries_alone(library):
    """With --jobs, another document may be writing its outputs into the same folder right now."""
    out = library / "output"
    out.mkdir()
    theirs = out / ".beta.pptx.inflight.tmp"
    theirs.write_bytes(b"being written by another worker")
    stale = out / ".alpha.pptx.killed.tmp"
    stale.write_bytes(b"left by a killed build of alpha")
    api.build([library / "sources" / "alpha"], to="pptx", out_dir=out)
    assert theirs.exists() and not stale.exists()
