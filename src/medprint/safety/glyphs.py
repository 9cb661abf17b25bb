"""Every character must have a glyph in the fonts an output embeds, or the user is told which ones lack one.

The handout and web page use Source Serif Pro / Source Sans Pro (from the font
packages); the deck declares Arial and is measured with Liberation Sans (same
metrics and coverage class).  A character none of an output's fonts covers
would print as an empty box ("tofu") or in a random fallback font, so it
becomes a ``text.missing-glyphs`` warning naming the characters and where the
first one is, never silence.
"""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path

from ..diagnostics import Diagnostic
from ..model import Document, Location, RenderedCitations, blocks_text, runs_text

MAX_NAMED = 12  # characters named in one warning; the count says how many more


@functools.lru_cache(maxsize=16)
def _cmap(path: str) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    font = TTFont(path, lazy=True)
    return frozenset(font.getBestCmap() or {})


def coverage(paths: tuple[Path, ...]) -> frozenset[int]:
    """Code points that at least one of the fonts has a glyph for."""
    covered: set[int] = set()
    for path in paths:
        covered |= _cmap(str(path))
    return frozenset(covered)


class LazyCoverage:
    """``code in coverage`` for a list of fonts, reading each font's character map only when the fonts read so
    far lack a character: a document in the fonts' usual scripts reads one map instead of eight (about 5 ms
    each on a cold start)."""

    def __init__(self, paths: tuple[Path, ...]) -> None:
        self._unread = [str(p) for p in paths]
        self._covered: set[int] = set()

    def __contains__(self, code: int) -> bool:
        while code not in self._covered and self._unread:
            self._covered |= _cmap(self._unread.pop(0))
        return code in self._covered


def needs_glyph(char: str) -> bool:
    """False for characters fonts never draw (spaces, controls, joiners, variation selectors)."""
    if char.isspace():
        return False
    category = unicodedata.category(char)
    if category in ("Cc", "Cf", "Cs", "Co", "Cn"):
        return False
    code = ord(char)
    return not (0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF)


def missing_glyphs(text: str, covered: frozenset[int]) -> list[str]:
    """Characters of ``text`` (in order of first appearance) that no font covers."""
    seen: dict[str, None] = {}
    for char in text:
        if char not in seen and needs_glyph(char) and ord(char) not in covered:
            seen[char] = None
    return list(seen)


def handout_fonts() -> tuple[Path, ...]:
    from ..writers.html_fonts import FACES, font_file

    return tuple(dict.fromkeys(font_file(stem) for _, stem, _, _ in FACES))


def deck_fonts() -> tuple[Path, ...]:
    from ..paths import styles_dir

    return tuple(sorted((styles_dir() / "fonts" / "liberation-sans").glob("*.ttf")))


def _pieces(document: Document, citations: RenderedCitations | None) -> list[tuple[str, Location | None]]:
    """The document's text in reading order, each piece with the place it comes from."""
    meta = document.meta
    head = Location(document.source_path, 1, 1)
    pieces = [(meta.title, meta.position("title") or head), (meta.subtitle, meta.position("subtitle") or head)]
    for key in ("organization", "disclaimer", "copyright", "abstract"):
        pieces.append((str(getattr(meta, key) or ""), meta.position(key) or head))
    for author in meta.authors:
        pieces.append((f"{author.name} {author.credentials} {author.affiliation}", meta.position("author") or head))
    for block in document.blocks:
        pieces.append((blocks_text((block,), citations), getattr(block, "location", None) or head))
    for _, blocks in document.footnotes:
        for block in blocks:
            pieces.append((blocks_text((block,), citations), getattr(block, "location", None) or head))
    if citations is not None:
        by_key: dict[str, object] = {}
        for ref in document.references:
            by_key.setdefault(ref.id, ref)  # the first with a key, as a linear search finds it
        for entry in citations.entries:
            ref = by_key.get(entry.key)
            pieces.append((runs_text(entry.runs), (ref.location if ref else None) or head))
    return pieces


def _first_missing(pieces: list[tuple[str, Location | None]], covered) -> dict[str, Location | None]:
    """Uncovered characters in order of first appearance, each with its piece's place.

    Each distinct character is judged once: a long document repeats the same few hundred characters.
    """
    judged: set[str] = set()
    missing: dict[str, Location | None] = {}
    for text, where in pieces:
        new = set(text) - judged
        if not new:
            continue
        judged |= new
        bad = [c for c in new if needs_glyph(c) and ord(c) not in covered]
        for char in sorted(bad, key=text.index):
            missing[char] = where
    return missing


def _name(char: str) -> str:
    return f"'{char}' (U+{ord(char):04X} {unicodedata.name(char, 'UNNAMED')})"


def glyph_diagnostics(document: Document, citations: RenderedCitations | None = None,
                      outputs: tuple[str, ...] = ("pdf", "html", "pptx")) -> list[Diagnostic]:
    """One ``text.missing-glyphs`` warning per font family that lacks characters the document uses."""
    families = []
    if {"pdf", "html"} & set(outputs):
        families.append(("the handout and web page font (Source Serif Pro / Source Sans Pro)", handout_fonts()))
    if "pptx" in outputs:
        families.append(("the deck font (Arial, measured as Liberation Sans)", deck_fonts()))
    pieces = _pieces(document, citations)
    found: list[Diagnostic] = []
    for label, fonts in families:
        if not fonts:
            continue
        missing = _first_missing(pieces, LazyCoverage(fonts))
        if not missing:
            continue
        chars = list(missing)
        named = ", ".join(_name(c) for c in chars[:MAX_NAMED])
        more = f" and {len(chars) - MAX_NAMED} more" if len(chars) > MAX_NAMED else ""
        found.append(Diagnostic(
            "text.missing-glyphs", "warning",
            f"{len(chars)} character(s) have no glyph in {label}: {named}{more}; they may print as empty boxes "
            "or in a fallback font", missing[chars[0]],
            "replace them, or give a stylesheet whose font has them (handout: {css: …}) and check the output"))
    return found


def warn_missing_glyphs(document: Document, citations: RenderedCitations | None = None,
                        outputs: tuple[str, ...] = ("pdf", "html", "pptx")) -> None:
    """Report :func:`glyph_diagnostics` through :func:`medprint.report.warn` (the build prints them)."""
    from ..report import warn

    for diagnostic in glyph_diagnostics(document, citations, outputs):
        warn(diagnostic)
