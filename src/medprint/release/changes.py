"""What changed since the previous release: per document new, changed (which inputs) or unchanged.

The previous release is the newest complete release in ``output/releases/``
whose VERSION sorts before the new one (numbers compared as numbers: 1.10 comes
after 1.9).  Documents are compared by the sha256 of every input the manifest
records.  A document whose own files changed (its text, bibliography, images,
lock file, templates; not the shared ``styles/``) while its ``version:`` stayed
the same would print a version that no longer identifies its text: that is a
release error unless ``--allow-same-version``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from . import ReleaseError
from .manifest import MANIFEST_NAME, DocumentEntry, Manifest
from .shard import shard_of

NEW, CHANGED, UNCHANGED = "new", "changed", "unchanged"
SHARED = "styles/"


def version_key(version: str) -> tuple:
    """Sort key of a VERSION: digit runs as numbers, other runs as text (``1.9 < 1.10 < 1.10-fix < 2``)."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.findall(r"\d+|\D+", version))


def previous_release(parent: Path, version: str) -> Manifest | None:
    """The manifest of the newest whole release before ``version`` in ``parent`` (None for the first)."""
    if not parent.is_dir():
        return None
    key = version_key(version)
    earlier = [p for p in parent.iterdir()
               if p.is_dir() and not p.name.startswith(".") and ".shard-" not in p.name
               and (p / MANIFEST_NAME).is_file() and version_key(p.name) < key]
    for folder in sorted(earlier, key=lambda p: version_key(p.name), reverse=True):
        try:
            return Manifest.load(folder)
        except ReleaseError:
            continue  # a damaged manifest cannot be compared with; the next older one can
    return None


def compare(entry: DocumentEntry, before: DocumentEntry | None) -> DocumentEntry:
    """``entry`` with its change since ``before`` (its entry in the previous release) filled in."""
    if before is None:
        return replace(entry, change=NEW, changed_inputs=(), previous_version="")
    changed = sorted(k for k in set(entry.inputs) | set(before.inputs) if entry.inputs.get(k) != before.inputs.get(k))
    return replace(entry, change=CHANGED if changed else UNCHANGED, changed_inputs=tuple(changed),
                   previous_version=before.version)


def own_changes(entry: DocumentEntry) -> list[str]:
    """The changed inputs that belong to the document itself (not the shared styles)."""
    return [k for k in entry.changed_inputs if not k.startswith(SHARED)]


def same_version(entry: DocumentEntry) -> bool:
    """The document's own files changed but its ``version:`` did not."""
    return entry.change == CHANGED and bool(own_changes(entry)) and entry.version == entry.previous_version


def same_version_error(entry: DocumentEntry, previous: str, where: str) -> str:
    """The one-line error for :func:`same_version`, with both ways out."""
    files = ", ".join(own_changes(entry))
    shown = f'"{entry.version}"' if entry.version else "missing"
    return (f"{where}: error: changed since release {previous} ({files}) but version: is still {shown}, so the "
            f"printed version no longer identifies the text; bump version: in its front matter "
            f"(e.g. {suggest_version(entry.version)}), or pass --allow-same-version [release.same-version]")


def suggest_version(version: str) -> str:
    """The version with its last number raised by one (``1.4`` -> ``1.5``; none -> ``1.0``)."""
    numbers = list(re.finditer(r"\d+", version))
    if not numbers:
        return "1.0"
    last = numbers[-1]
    return version[:last.start()] + str(int(last.group()) + 1) + version[last.end():]


def removed_sources(previous: Manifest | None, present: set[str], shard: tuple[int, int] | None) -> list[str]:
    """Sources of the previous release that this release (or its shard) no longer has."""
    if previous is None:
        return []
    gone = [d.source for d in previous.documents if d.source not in present]
    if shard:
        gone = [s for s in gone if shard_of(s, shard[1]) == shard[0]]
    return sorted(gone)
