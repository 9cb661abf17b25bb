"""The inputs a release carries (``inputs/…``), so any later checkout can rebuild and verify it.

Every file a released document was built from (source, bibliography, images,
lock file, templates, and the whole styles folder) is copied into the release
under ``inputs/`` with the path the manifest gives it; a verification lays them
out again in a temporary project and rebuilds from there.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ..cache import sha256_file
from . import ReleaseError
from .manifest import INPUTS_DIR, InputEntry, Manifest

STYLES = "styles/"


def origin(key: str, root: Path, styles: Path) -> Path:
    """Where the input named ``key`` lies in the project being released."""
    return styles / key[len(STYLES):] if key.startswith(STYLES) else root / key


def carry(stage: Path, manifest: Manifest, root: Path, styles: Path) -> list[InputEntry]:
    """Copy every document's inputs into ``stage/inputs/``; each must still have the hash it was built with."""
    wanted: dict[str, str] = {}
    for doc in manifest.documents:
        wanted.update(doc.inputs)
    entries = []
    for key, digest in sorted(wanted.items()):
        target = stage / INPUTS_DIR / key
        target.parent.mkdir(parents=True, exist_ok=True)
        source = origin(key, root, styles)
        try:
            shutil.copyfile(source, target)
        except OSError as exc:
            raise ReleaseError("release.input-changed", f"{key} cannot be read while releasing ({exc.strerror}); "
                               "nothing was written", hint="run the release again when no one is editing") from exc
        if sha256_file(target) != digest:
            raise ReleaseError("release.input-changed", f"{key} changed while the release was being built; "
                               "nothing was written", hint="run the release again when no one is editing")
        entries.append(InputEntry(key, digest, target.stat().st_size))
    return entries


def restore(folder: Path, manifest: Manifest, project: Path) -> None:
    """Lay the release's carried inputs out in ``project`` (its root, with ``styles/`` inside)."""
    for entry in manifest.inputs:
        target = project / entry.path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(folder / INPUTS_DIR / entry.path, target)
