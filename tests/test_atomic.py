"""Atomic output: the old file or the new one, never a truncated one."""

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from medprint.atomic import atomic_path, sweep_temporaries, write_bytes


def test_write_replaces_the_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old")
    write_bytes(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]


def test_a_failure_while_writing_keeps_the_old_file(tmp_path):
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError):
        with atomic_path(target) as tmp:
            tmp.write_bytes(b"half")
            raise RuntimeError("writer crashed")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]


def test_sigkill_mid_write_leaves_the_old_file(tmp_path):
    target = tmp_path / "out.bin"
    target.write_bytes(b"old" * 10)
    script = textwrap.dedent(
        f"""
        import os, signal
        from medprint.atomic import atomic_path
        with atomic_path({str(target)!r}) as tmp:
            with open(tmp, "wb") as fh:
                fh.write(b"partial")
                fh.flush()
                os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    proc = subprocess.run([sys.executable, "-c", script])
    assert proc.returncode == -signal.SIGKILL
    assert target.read_bytes() == b"old" * 10
    sweep_temporaries(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["out.bin"]


def test_unwritable_folder_is_a_clear_error(tmp_path):
    from medprint.errors import OutputError

    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError) as info:
        write_bytes(blocker / "out.pdf", b"x")
    assert info.value.code == "output.unwritable"
    assert os.path.exists(blocker)
