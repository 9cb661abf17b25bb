"""Atomic file output: write to a temporary file beside the target, fsync, rename.

A build killed at any moment (SIGKILL included) leaves each output either the
old file or the new one, never a truncated one.
"""

from __future__ import annotations

import contextlib
import glob
import os
import tempfile
from pathlib import Path
from typing import Iterator

from .errors import OutputError


@contextlib.contextmanager
def atomic_path(target: Path | str) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; rename it over ``target`` on success."""
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
    except OSError as exc:
        raise OutputError("output.unwritable", f"cannot write to {target.parent}: {exc.strerror}",
                          hint="check the folder exists and is writable") from exc
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        with open(tmp_path, "rb+") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp_path, 0o644)
        os.replace(tmp_path, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp_path.unlink()
        raise


def write_bytes(target: Path | str, data: bytes) -> Path:
    """Write ``data`` to ``target`` atomically."""
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
    return Path(target)


def write_text(target: Path | str, text: str) -> Path:
    return write_bytes(target, text.encode("utf-8"))


def sweep_temporaries(folder: Path | str, stem: str | None = None) -> None:
    """Remove temporaries left by a killed build (they never replaced an output).

    With ``stem``, only those of outputs named ``stem.*``: documents built in parallel into one folder
    must not remove each other's temporaries while they are being written.
    """
    folder = Path(folder)
    if not folder.is_dir():
        return
    for tmp in folder.glob(f".{glob.escape(stem)}.*.tmp" if stem else ".*.tmp"):
        with contextlib.suppress(OSError):
            tmp.unlink()
