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


def template_line(exc: BaseException, filename: str) -> int:
    """The template line a Jinja2 runtime error happened on (Jinja puts template frames in the traceback)."""
    import traceback

    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename == filename:
            return frame.lineno or 0
    return 0
