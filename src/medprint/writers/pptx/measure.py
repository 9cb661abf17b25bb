"""Font metrics and line wrapping: how wide a run is, how many lines a paragraph takes.

The deck names its template's theme fonts (the default master's are "Arial",
a font every PowerPoint user has).  Arial is measured with Liberation Sans,
which has the same advance widths glyph for glyph, read with fontTools from
``styles/fonts/liberation-sans/`` so the default deck never depends on the
machine's font folders; other theme fonts are measured as :mod:`.fonts` says.
Widths ignore kerning (which only narrows text), so a line that fits here fits
in PowerPoint and LibreOffice.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTFont

from ...model import Run

FONT_NAME = "Arial"  # what the deck declares
FONT_FILES = {
    (False, False): "LiberationSans-Regular.ttf",
    (True, False): "LiberationSans-Bold.ttf",
    (False, True): "LiberationSans-Italic.ttf",
    (True, True): "LiberationSans-BoldItalic.ttf",
}
LINE_FACTOR = 1.2  # exact line spacing written into every paragraph (a:spcPts), so heights are known
SCRIPT_SCALE = 0.66  # superscript / subscript size relative to the run


class Face:
    """Advance widths of one font file, in font units, looked up per character."""

    def __init__(self, path: Path, factor: float = 1.0) -> None:
        font = TTFont(str(path), lazy=True)
        self.units = font["head"].unitsPerEm / factor  # a factor above 1 counts every glyph wider
        cmap = font.getBestCmap()
        hmtx = font["hmtx"].metrics
        self._widths = {cp: hmtx[name][0] for cp, name in cmap.items()}
        self._fallback = self.units  # a glyph the font lacks is drawn by a fallback font: count a full em
        font.close()

    @functools.lru_cache(maxsize=65536)
    def width(self, text: str, size: float) -> float:
        """Width of ``text`` in points at ``size`` points."""
        widths = self._widths
        total = sum(widths.get(ord(ch), self._fallback) for ch in text)
        return total * size / self.units


class Metrics:
    """The four faces of the deck font."""

    MAX_REMEMBERED = 50_000  # paragraphs whose words are kept (a long-lived watch or release process)

    def __init__(self, font_dir: Path | None = None, files: dict | None = None, factor: float = 1.0) -> None:
        files = files or {key: Path(font_dir) / name for key, name in FONT_FILES.items()}
        read: dict[str, Face] = {}  # a style the typeface lacks borrows another's file: read it once
        self.faces = {}
        for key, path in files.items():
            if str(path) not in read:
                read[str(path)] = Face(Path(path), factor)
            self.faces[key] = read[str(path)]
        self._words: dict[tuple, tuple] = {}

    def words(self, runs: tuple[Run, ...], force_bold: bool) -> tuple:
        """:func:`_words` as (face, text, script) per piece, remembered: the planner measures the same
        paragraph at each size it tries, and the slide check and the deck share a process."""
        key = (runs, force_bold)
        found = self._words.get(key)
        if found is None:
            if len(self._words) >= self.MAX_REMEMBERED:
                self._words.clear()
            found = self._words[key] = tuple(tuple((self.faces[(p.bold, p.italic)], p.text, p.script) for p in word)
                                             for word in _words(runs, force_bold))
        return found

    def run_width(self, text: str, size: float, bold: bool, italic: bool, script: bool = False) -> float:
        return self.faces[(bold, italic)].width(text, size * SCRIPT_SCALE if script else size)


@functools.lru_cache(maxsize=4)
def load_metrics(font_dir: str) -> Metrics:
    return Metrics(Path(font_dir))


@functools.lru_cache(maxsize=16)
def metrics_for(files: tuple[tuple[tuple[bool, bool], str], ...], factor: float) -> Metrics:
    """The metrics of four font files ((bold, italic), path), every width times ``factor``."""
    return Metrics(files=dict(files), factor=factor)


def line_height(size: float) -> float:
    """The exact line pitch (points) the renderer writes for a paragraph at ``size``."""
    return round(size * LINE_FACTOR * 100) / 100


@dataclass(frozen=True)
class Piece:
    """A styled fragment of one word."""

    text: str
    bold: bool
    italic: bool
    script: bool


def _words(runs: tuple[Run, ...], force_bold: bool) -> list[list[Piece]]:
    """Split runs into words (lists of styled pieces); spaces separate words."""
    words: list[list[Piece]] = []
    current: list[Piece] = []
    for run in runs:
        bold = run.bold or force_bold
        script = run.superscript or run.subscript
        text = run.text.replace("\n", " ").replace("\u00a0", "\u00a0")
        parts = text.split(" ")
        for i, part in enumerate(parts):
            if i > 0:
                if current:
                    words.append(current)
                current = []
            if part:
                current.append(Piece(part.upper() if run.small_caps else part, bold, run.italic, script))
    if current:
        words.append(current)
    return words


def wrap_count(metrics: Metrics, runs: tuple[Run, ...], size: float, width: float, *, bold: bool = False) -> int:
    """How many lines ``runs`` take at ``size`` in a column ``width`` points wide (greedy, as renderers do).

    A word wider than the column is counted as broken by character plus one
    spare line, because renderers break such words at different places.
    """
    if width <= 0:
        return 10_000
    space = metrics.run_width(" ", size, bold, False)
    small = size * SCRIPT_SCALE  # as Metrics.run_width scales a script run
    lines = 1
    used = 0.0
    for word in metrics.words(runs, bold):
        w = sum(face.width(text, small if script else size) for face, text, script in word)
        if used == 0.0:
            if w > width:
                extra = int(w // width)
                lines += extra + 1
                used = w - extra * width
            else:
                used = w
        elif used + space + w <= width:
            used += space + w
        else:
            lines += 1
            if w > width:
                extra = int(w // width)
                lines += extra + 1
                used = w - extra * width
            else:
                used = w
    return lines


def text_width(metrics: Metrics, runs: tuple[Run, ...], size: float, *, bold: bool = False) -> float:
    """Width of ``runs`` on one line."""
    total = 0.0
    for run in runs:
        b = run.bold or bold
        script = run.superscript or run.subscript
        text = run.text.upper() if run.small_caps else run.text
        total += metrics.run_width(text, size, b, run.italic, script)
    return total


def longest_word(metrics: Metrics, runs: tuple[Run, ...], size: float, *, bold: bool = False) -> float:
    """Width of the widest word (the narrowest a column can be without breaking words)."""
    best = 0.0
    for word in _words(runs, bold):
        best = max(best, sum(metrics.run_width(p.text, size, p.bold, p.italic, p.script) for p in word))
    return best
