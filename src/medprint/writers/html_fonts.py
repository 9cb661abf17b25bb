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
    chars = "".join(sorted(BASE_CHARS | extra))  # base_chars() when the page has nothing beyond them
    rules = []
    for family, stem, weight, style in FACES:
        if family not in families:
            continue
        woff = _subset(stem, chars)
        uri = "data:font/woff;base64," + base64.b64encode(woff).decode("ascii")
        rules.append(f'@font-face {{ font-family: "{family}"; src: url("{uri}") format("woff"); '
                     f"font-weight: {weight}; font-style: {style}; font-display: swap; }}")
    return "\n".join(rules)


SUBSET_FORMAT = 1  # bump when the options below change: cached subsets are then made anew
SHIPPED_SUBSETS = Path(__file__).parent / "data" / "font-subsets"


@functools.lru_cache(maxsize=16)
def _font_digest(stem: str) -> str:
    import hashlib

    return hashlib.sha256(font_file(stem).read_bytes()).hexdigest()[:16]


def subset_key(stem: str, chars: str) -> str:
    """What a subset depends on: the font file's bytes, the characters, fontTools' version and our options."""
    import hashlib

    from fontTools import version as fonttools_version

    chars_digest = hashlib.sha256(chars.encode("utf-8")).hexdigest()[:16]
    return f"{stem}-{_font_digest(stem)}-{chars_digest}-ft{fonttools_version}-{SUBSET_FORMAT}"


@functools.lru_cache(maxsize=64)
def _subset(stem: str, chars: str) -> bytes:
    """The WOFF subset: shipped with medprint (the base characters, for the font and fontTools releases it is
    tested with), else from the user cache, else made by fontTools now and cached; the same bytes every way."""
    from ..user_cache import cache_root

    name = subset_key(stem, chars) + ".woff"
    cached_dir = cache_root() / "font-subsets"
    for folder in (SHIPPED_SUBSETS, cached_dir):
        try:
            return (folder / name).read_bytes()
        except OSError:
            continue
    data = make_subset(stem, chars)
    try:
        from ..atomic import write_bytes

        cached_dir.mkdir(parents=True, exist_ok=True)
        write_bytes(cached_dir / name, data)
    except OSError:
        pass  # an unwritable cache costs the subsetting next time, nothing more
    return data


def make_subset(stem: str, chars: str) -> bytes:
    """Subset one face to ``chars`` with fontTools (the only place fonts are subset)."""
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


def base_chars() -> str:
    """The characters every page's subset starts from (what the shipped subsets hold)."""
    return "".join(sorted(BASE_CHARS))
