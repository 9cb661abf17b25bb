"""@font-face rules for the project's own fonts (PyPI font packages), never the system's.

Print gets ``file:`` URLs into the installed packages (WeasyPrint embeds and subsets
them); the web page gets the same faces subset to the page's characters as WOFF
data: URIs, so it looks the same offline and makes no request.
"""

from __future__ import annotations

import base64
import functools
import io
from pathlib import Path

import font_source_sans_pro
import font_source_serif_pro

SERIF = "Source Serif Pro"
SANS = "Source Sans Pro"

# (family, file stem, weight, style)
FACES = (
    (SERIF, "SourceSerifPro-Regular", 400, "normal"),
    (SERIF, "SourceSerifPro-It", 400, "italic"),
    (SERIF, "SourceSerifPro-Bold", 700, "normal"),
    (SERIF, "SourceSerifPro-BoldIt", 700, "italic"),
    (SANS, "SourceSansPro-Regular", 400, "normal"),
    (SANS, "SourceSansPro-It", 400, "italic"),
    (SANS, "SourceSansPro-Bold", 700, "normal"),
)


def font_dirs() -> list[Path]:
    """The installed font package folders (the URL fetcher's extra allowed roots)."""
    return [Path(font_source_serif_pro.font_directory).resolve(), Path(font_source_sans_pro.font_directory).resolve()]


def font_file(stem: str) -> Path:
    for folder in font_dirs():
        path = folder / f"{stem}.ttf"
        if path.is_file():
            return path
    raise FileNotFoundError(f"font {stem}.ttf is missing from the font packages; reinstall medprint")


def print_font_faces() -> str:
    """@font-face rules pointing at the installed TTF files (for WeasyPrint)."""
    rules = []
    for family, stem, weight, style in FACES:
        rules.append(f'@font-face {{ font-family: "{family}"; src: url("{font_file(stem).as_uri()}"); '
                     f"font-weight: {weight}; font-style: {style}; }}")
    return "\n".join(rules)


# Characters every page gets (so the subset is shared and cached between documents): Latin-1, Latin
# Extended-A and the usual punctuation.  Characters outside it that a page uses are added per page.
BASE_CHARS = frozenset(
    [chr(c) for c in range(0x20, 0x7F)] + [chr(c) for c in range(0xA0, 0x180)]
    + list("‐‑–—―‘’‚“”„†‡•…‰′″‹›€™−≤≥±×÷°µ→←↑↓↩")
)


def web_font_faces(text: str, families: tuple[str, ...] = (SERIF,)) -> str:
    """@font-face rules with the faces subset to ``text``'s characters, as WOFF data: URIs."""
    extra = set(text) - BASE_CHARS - {"\n", "\r", "\t"}
    chars = "".join(sorted(BASE_CHARS | extra))
    rules = []
    for family, stem, weight, style in FACES:
        if family not in families:
            continue
        woff = _subset(stem, chars)
        uri = "data:font/woff;base64," + base64.b64encode(woff).decode("ascii")
        rules.append(f'@font-face {{ font-family: "{family}"; src: url("{uri}") format("woff"); '
                     f"font-weight: {weight}; font-style: {style}; font-display: swap; }}")
    return "\n".join(rules)


@functools.lru_cache(maxsize=64)
def _subset(stem: str, chars: str) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.flavor = "woff"
    options.notdef_outline = True
    options.recalc_timestamp = False
    # lazy, as fontTools' own subsetter loads fonts: tables are read when the subsetter needs them
    font = TTFont(str(font_file(stem)), lazy=True, recalcTimestamp=False)  # same bytes every build
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=chars)
    subsetter.subset(font)
    buf = io.BytesIO()
    font.flavor = "woff"
    font.save(buf)
    return buf.getvalue()
