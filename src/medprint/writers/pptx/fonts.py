"""Which font files measure a typeface a template's theme names, and how much to trust them.

A deck names its theme's fonts (``a:majorFont``/``a:minorFont``) and PowerPoint
draws them; medprint has to measure the text before that, with files it can
read.  The faces below are metric-compatible (same advance widths, glyph for
glyph) with the fonts a template usually names, and come from Debian packages
listed in the Makefile:

=================  ==================  ==========================  ================
theme typeface     measured with       Debian package              metric-compatible
=================  ==================  ==========================  ================
Arial, Helvetica   Liberation Sans     (shipped in styles/fonts)   yes
Times New Roman    Liberation Serif    fonts-liberation            yes
Courier New        Liberation Mono     fonts-liberation            yes
Calibri            Carlito             fonts-crosextra-carlito     yes
Cambria            Caladea             fonts-crosextra-caladea     yes
Verdana, Tahoma    DejaVu Sans         fonts-dejavu-core           no (+8 %)
Georgia            DejaVu Serif        fonts-dejavu-core           no (+8 %)
=================  ==================  ==========================  ================

Debian has no metric-compatible Georgia or Verdana (``fonts-arkpandora``'s
"Veranda" has Bitstream Vera's widths, the same as DejaVu Sans).  For those,
and for any typeface found neither here nor installed, widths are measured
with the listed face (what LibreOffice draws on Debian) and counted 8 % wider,
so text measured to fit still fits where the real font is somewhat wider.  By
average advance over English text (capsize's published figures for Georgia
and Verdana against DejaVu's own), DejaVu Serif is 9-15 % wider than Georgia
and Verdana about 1-2 % wider than DejaVu Sans, so the 8 % is a margin, not a
correction.  A typeface installed under its own name is measured with itself.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
UNSURE = 1.08  # width factor where the measuring face is not metric-compatible
BUNDLED = "Liberation Sans"


@dataclass(frozen=True)
class Substitute:
    family: str  # the face measured
    exact: bool  # metric-compatible with the typeface named
    package: str  # the Debian package that installs it


SUBSTITUTES = {
    "arial": Substitute("Liberation Sans", True, "fonts-liberation"),
    "helvetica": Substitute("Liberation Sans", True, "fonts-liberation"),
    "liberation sans": Substitute("Liberation Sans", True, "fonts-liberation"),
    "times new roman": Substitute("Liberation Serif", True, "fonts-liberation"),
    "times": Substitute("Liberation Serif", True, "fonts-liberation"),
    "liberation serif": Substitute("Liberation Serif", True, "fonts-liberation"),
    "courier new": Substitute("Liberation Mono", True, "fonts-liberation"),
    "courier": Substitute("Liberation Mono", True, "fonts-liberation"),
    "liberation mono": Substitute("Liberation Mono", True, "fonts-liberation"),
    "calibri": Substitute("Carlito", True, "fonts-crosextra-carlito"),
    "carlito": Substitute("Carlito", True, "fonts-crosextra-carlito"),
    "cambria": Substitute("Caladea", True, "fonts-crosextra-caladea"),
    "caladea": Substitute("Caladea", True, "fonts-crosextra-caladea"),
    "verdana": Substitute("DejaVu Sans", False, "fonts-dejavu-core"),
    "tahoma": Substitute("DejaVu Sans", False, "fonts-dejavu-core"),
    "dejavu sans": Substitute("DejaVu Sans", True, "fonts-dejavu-core"),
    "georgia": Substitute("DejaVu Serif", False, "fonts-dejavu-core"),
    "dejavu serif": Substitute("DejaVu Serif", True, "fonts-dejavu-core"),
}
SANS_FALLBACK = Substitute("DejaVu Sans", False, "fonts-dejavu-core")  # wide: a safe guess for unknown faces


@dataclass(frozen=True)
class Measure:
    """How a typeface is measured: four font files, a width factor and what to tell the author."""

    typeface: str
    files: tuple[tuple[tuple[bool, bool], str], ...]  # ((bold, italic), path)
    factor: float
    family: str  # the face actually read
    exact: bool
    note: str = ""  # for the author when the measure is a guess
    hint: str = ""  # what the author can do about it ("" when nothing needs doing)


def _style(font) -> tuple[bool, bool]:
    if "OS/2" in font:
        os2 = font["OS/2"]
        return bool(os2.fsSelection & 0x20), bool(os2.fsSelection & 0x01)
    mac = font["head"].macStyle
    return bool(mac & 1), bool(mac & 2)


@functools.lru_cache(maxsize=1)
def installed() -> dict[str, dict[tuple[bool, bool], str]]:
    """Font family (lower case) -> (bold, italic) -> file, for the TrueType/OpenType files installed."""
    from fontTools.ttLib import TTFont, TTLibError

    found: dict[str, dict[tuple[bool, bool], str]] = {}
    for folder in FONT_DIRS:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.suffix.lower() not in (".ttf", ".otf"):
                continue
            try:
                font = TTFont(str(path), lazy=True)
                names = font["name"]
                family = str(names.getDebugName(16) or names.getDebugName(1) or "").strip()
                style = _style(font)
                font.close()
            except (OSError, KeyError, ValueError, AssertionError, TTLibError):  # unreadable: not a candidate
                continue
            if family:
                found.setdefault(family.lower(), {}).setdefault(style, str(path))
    return found


def _four(faces: dict[tuple[bool, bool], str]) -> tuple[tuple[tuple[bool, bool], str], ...] | None:
    """The four styles, a missing one borrowed from the nearest (bold italic <- bold <- regular)."""
    regular = faces.get((False, False))
    if regular is None:
        return None
    bold = faces.get((True, False), regular)
    italic = faces.get((False, True), regular)
    return (((False, False), regular), ((True, False), bold), ((False, True), italic),
            ((True, True), faces.get((True, True), bold)))


@functools.lru_cache(maxsize=32)
def measure_for(typeface: str, bundled_dir: str) -> Measure:
    """How to measure ``typeface`` (see the table above); ``bundled_dir`` holds the shipped Liberation Sans."""
    key = typeface.strip().lower()
    sub = SUBSTITUTES.get(key)
    if sub is not None and sub.family == BUNDLED:
        return Measure(typeface, _bundled(bundled_dir), 1.0, BUNDLED, True)
    fonts = installed()
    own = _four(fonts.get(key, {}))
    if own is not None and sub is None:  # the typeface itself is installed
        return Measure(typeface, own, 1.0, typeface, True)
    sub = sub or SANS_FALLBACK
    files = _four(fonts.get(sub.family.lower(), {}))
    wider = f"counted {round((UNSURE - 1) * 100)}% wider"
    if files is not None:
        note, hint = "", ""
        if key not in SUBSTITUTES:
            note = f"the template's font '{typeface}' is not installed; slide text is measured with {sub.family} {wider}"
            hint = f"install '{typeface}' on this machine to measure slide text with it"
        elif not sub.exact:
            note = (f"no metric-compatible font for '{typeface}' exists in Debian; slide text is measured with "
                    f"{sub.family} {wider}")
        return Measure(typeface, files, 1.0 if sub.exact else UNSURE, sub.family, sub.exact, note, hint)
    return Measure(typeface, _bundled(bundled_dir), UNSURE, BUNDLED, False,
                   f"{sub.family} is not installed to measure the template's font '{typeface}'; slide text is "
                   f"measured with {BUNDLED} {wider}", f"install the Debian package {sub.package}")


def _bundled(folder: str) -> tuple[tuple[tuple[bool, bool], str], ...]:
    from .measure import FONT_FILES

    return tuple((style, str(Path(folder) / name)) for style, name in FONT_FILES.items())
