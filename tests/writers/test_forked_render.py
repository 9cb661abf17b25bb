"""The handout rendered in a forked child: same bytes, same warnings in the same order, same errors."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from medprint import api, report
from medprint.diagnostics import Diagnostic
from medprint.errors import SourceError
from medprint.writers import forked

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sources" / "gut-microbiome-immunotherapy"
STYLES = ROOT / "styles"

pytestmark = pytest.mark.skipif(not forked.can_fork(), reason="needs fork, two cores and a single thread")


def _source(tmp_path: Path, name: str, extra: str = "", front: str = "") -> Path:
    folder = tmp_path / name
    shutil.copytree(SAMPLE, folder)
    path = folder / "index.md"
    text = path.read_text(encoding="utf-8")
    if front:
        text = text.replace("lang: en-US\n", f"lang: en-US\n{front}\n", 1)
    path.write_text(text + extra, encoding="utf-8")
    return path


def _build(path: Path, out: Path, monkeypatch, fork: bool):
    monkeypatch.setattr(forked, "can_fork", lambda: fork)
    monkeypatch.setattr(api, "HANDOUT_FORK_MIN_CHARS", 0)  # the sample is short: fork it anyway
    calls = []
    real = forked.Forked.__init__
    monkeypatch.setattr(forked.Forked, "__init__", lambda self, work: calls.append(1) or real(self, work))
    result = api.build_document(path, out, styles=STYLES)
    assert len(calls) == (1 if fork else 0)
    return result


def test_forked_handout_is_the_sequential_one(tmp_path, monkeypatch):
    # a character the handout fonts lack: the glyph check and WeasyPrint's font fallback both warn
    path = _source(tmp_path, "doc", "\n\nA word in another script: 漢字.\n")
    seq = _build(path, tmp_path / "seq", monkeypatch, fork=False)
    par = _build(path, tmp_path / "par", monkeypatch, fork=True)
    for fmt in ("pdf", "pptx", "html"):
        assert par.outputs[fmt].read_bytes() == seq.outputs[fmt].read_bytes(), fmt
    assert par.warnings == seq.warnings
    assert any(d.code.startswith("handout.") for d in par.warnings)  # the child's warnings came back


def test_a_handout_error_is_raised_as_in_sequence(tmp_path, monkeypatch):
    path = _source(tmp_path, "bad", front="handout:\n  variant: pdf/x-99")
    errors = []
    for fork in (False, True):
        with pytest.raises(SourceError) as caught:
            _build(path, tmp_path / f"out-{fork}", monkeypatch, fork)
        errors.append(str(caught.value))
        assert not (tmp_path / f"out-{fork}" / "bad.pptx").exists()  # nothing written
    assert errors[0] == errors[1] and "handout.variant" in errors[0]


def test_forked_returns_output_and_warnings_or_none():
    def work():
        report.warn(Diagnostic("x.y", "warning", "from the child", None))
        return b"bytes"

    value, warnings = forked.Forked(work).result()
    assert value == b"bytes" and [d.message for d in warnings] == ["from the child"]
    assert forked.Forked(lambda: 1 / 0).result() is None
    slow = forked.Forked(lambda: __import__("time").sleep(30) or b"")
    slow.cancel()  # killed and reaped, not waited for
    assert slow.result() is None


def test_a_short_handout_renders_in_process(tmp_path, monkeypatch):
    monkeypatch.setattr(forked, "Forked", None)  # would fail if used
    result = api.build_document(_source(tmp_path, "short"), tmp_path / "out", styles=STYLES)
    assert result.outputs["pdf"].read_bytes().startswith(b"%PDF")


def _double(text: str) -> bytes:
    from medprint import report
    from medprint.diagnostics import Diagnostic

    report.warn(Diagnostic("test.child", "warning", f"rendered {text}"))
    return (text * 2).encode()


def _boom(text: str) -> bytes:
    raise RuntimeError("the child fails")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_prepared_child_renders_the_job_it_is_sent_and_returns_its_warnings():
    from medprint.writers.forked import Prepared

    imported = []
    child = Prepared(lambda: imported.append(True))
    handle = child.submit(_double, "ab")
    value, warnings = handle.result()
    assert value == b"abab" and [w.message for w in warnings] == ["rendered ab"]
    assert child.submit(_double, "again") is None  # one job per child


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_prepared_child_failure_means_render_here_and_unused_children_are_reaped():
    from medprint.writers.forked import Prepared

    assert Prepared(lambda: None).submit(_boom, "x").result() is None
    unused = Prepared(lambda: None)
    pid = unused._pid
    unused.cancel()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # already reaped: no zombie left behind


def test_a_cold_cli_build_renders_the_same_pdf_as_an_in_process_render(tmp_path):
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    from medprint import api
    from medprint.paths import styles_dir

    root = Path(__file__).resolve().parents[2]
    shutil.copytree(root / "sources" / "gut-microbiome-immunotherapy", tmp_path / "sources" / "s")
    proc = subprocess.run([sys.executable, "-m", "medprint.cli", "build", "--to", "pdf", "-o", str(tmp_path / "out")],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    document, citations = api.resolve(api.read(tmp_path / "sources" / "s" / "index.md"))
    assert (tmp_path / "out" / "s.pdf").read_bytes() == api.render(document, citations, "pdf", styles=styles_dir())
