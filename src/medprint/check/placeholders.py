"""Placeholders left in a source: the ``TODO`` markers ``medprint new`` writes where only the author can know.

A scaffold must invent nothing (no author, organisation, review or reference), so it marks each blank with
``TODO``.  Any ``TODO`` still in the text a reader would see (front-matter values, body, bibliography files)
is found here, at its file, line and column.  It is an error for ``check`` and ``release`` (nobody may publish a
handout that says "TODO: your name") and a warning for ``build``, so a draft still builds.  YAML comments and
HTML comments are the author's own notes and are skipped: they never print.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..diagnostics import Diagnostic
from ..model import Document, Location

MARKER = re.compile(r"\bTODO\b")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TEXT_SUFFIXES = {".md", ".markdown", ".qmd", ".rmd", ".txt", ".json", ".yaml", ".yml", ".bib", ".bibtex",
                  ".ris", ".nbib", ".medline", ".xml"}
_YAML_SUFFIXES = {".yaml", ".yml"}


def _blank_comments(text: str) -> str:
    """The text with HTML comments blanked out (same length, same line breaks), so positions stay right."""
    return _HTML_COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def _front_matter_lines(lines: list[str]) -> range:
    """Line indexes of a Markdown file's YAML front matter (between the opening and closing ``---``)."""
    if not lines or lines[0].strip() != "---":
        return range(0)
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            return range(1, index)
    return range(0)


def _strip_yaml_comment(line: str) -> str:
    """A YAML line without its comment (a ``#`` at the start or after a space, outside quotes)."""
    quote = ""
    for index, char in enumerate(line):
        if quote:
            if char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif char == "#" and (index == 0 or line[index - 1] in " \t"):
            return line[:index]
    return line


def find_placeholders(path: Path, *, source: bool) -> Iterator[tuple[int, int, str]]:
    """(line, column, line text) of each ``TODO`` in one file; ``source`` says it is the Markdown source."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return
    text = _blank_comments(text) if source or path.suffix.lower() in {".md", ".qmd", ".rmd", ".markdown"} else text
    lines = text.split("\n")
    yaml_lines = _front_matter_lines(lines) if source else range(len(lines) if path.suffix.lower() in _YAML_SUFFIXES else 0)
    for index, line in enumerate(lines):
        visible = _strip_yaml_comment(line) if index in yaml_lines else line
        for match in MARKER.finditer(visible):
            yield index + 1, match.start() + 1, line.strip()


def check_placeholders(document: Document, *, building: bool) -> Iterator[Diagnostic]:
    """One finding per ``TODO`` left in the source or its bibliography files."""
    severity = "warning" if building else "error"
    source = Path(document.source_path)
    files = [source] + [Path(p) for p in document.inputs if Path(p).suffix.lower() in _TEXT_SUFFIXES]
    for path in dict.fromkeys(p.resolve() if p.exists() else p for p in files):
        is_source = path == (source.resolve() if source.exists() else source)
        for line, col, text in find_placeholders(path, source=is_source):
            shown = text if len(text) <= 60 else text[:57] + "..."
            yield Diagnostic("publishing.placeholder", severity, f"placeholder left to fill in: '{shown}'",
                             Location(str(path) if not is_source else document.source_path, line, col),
                             "replace it with the real value (or delete the line); nothing with a TODO can be "
                             "released")
