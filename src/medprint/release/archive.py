"""The release's one .zip, byte-for-byte reproducible: sorted members, fixed dates and permissions."""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..atomic import atomic_path

_EPOCH = (1980, 1, 1, 0, 0, 0)


def write_zip(target: Path, folder: Path, names: list[str], prefix: str) -> Path:
    """Zip ``names`` (paths relative to ``folder``) under ``prefix/`` into ``target``, deterministically."""
    with atomic_path(target) as tmp:
        with zipfile.ZipFile(tmp, "w") as zf:
            for name in sorted(names):
                info = zipfile.ZipInfo(f"{prefix}/{name}", date_time=_EPOCH)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o100644 << 16
                info.create_system = 3
                zf.writestr(info, (folder / name).read_bytes(), compresslevel=9)
    return target


def zip_members(path: Path) -> dict[str, bytes]:
    """Member name (without the leading folder) -> bytes."""
    with zipfile.ZipFile(path) as zf:
        return {info.filename.partition("/")[2]: zf.read(info) for info in zf.infolist()}
