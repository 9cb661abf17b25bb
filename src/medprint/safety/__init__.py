"""Checks that keep hostile inputs harmless: XML without entities, images within limits, text with glyphs.

Readers and writers call these right where they open an untrusted file, so a
problem is reported at the place the user wrote the file's name.
"""

from __future__ import annotations

from pathlib import Path


def display(path: Path | str) -> str:
    """A path as users see it in messages: relative to the working folder when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)
