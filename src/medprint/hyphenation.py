"""pyphen's hyphenation patterns from a kept table instead of parsing the dictionary on every build.

Two parts of a build ask pyphen for a language's hyphenation points: WeasyPrint, which hyphenates the
handout (``hyphens: auto``), and textstat, which counts the syllables of words the CMU dictionary lacks (most
drug and disease names) by them.  pyphen parses its 11,000 English patterns on first use, about 40 ms of a
cold build.  :func:`prime` puts the parsed patterns into pyphen's own cache from a table (shipped in
``data/`` for the pyphen release medprint is tested with, keyed by the ``.dic`` file's SHA-256; otherwise
parsed once and kept in the user cache), so both get exactly pyphen's patterns (a test compares them).
"""

from __future__ import annotations

from pathlib import Path

from . import kept_tables

SHIPPED = Path(__file__).parent / "data"
FORMAT = 1  # marshal of (FORMAT, {pattern: (start, values)}) as pyphen.HyphDict holds them


def patterns(path: Path) -> dict[str, tuple[int, tuple[int, ...]]]:
    """pyphen's parsed patterns for the ``hyph_*.dic`` at ``path``, exactly as ``pyphen.HyphDict`` holds them."""
    import pyphen

    return pyphen.HyphDict(path).patterns


def prime(lang: str) -> None:
    """Make sure pyphen's cache holds the patterns of ``lang``'s dictionary (if pyphen has one), from the table."""
    import pyphen

    path = pyphen.LANGUAGES.get(pyphen.language_fallback(lang or "") or "")
    if path is None or path in pyphen.hdcache:
        return
    try:
        name = f"hyphenation-{kept_tables.digest(path)}.bin"
    except OSError:
        return
    found = kept_tables.kept(name, lambda: patterns(Path(path)), FORMAT, SHIPPED, "hyphenation")
    if not found:
        return
    parsed = pyphen.HyphDict.__new__(pyphen.HyphDict)
    parsed.patterns, parsed.cache, parsed.maxlen = found, {}, max(len(key) for key in found)
    pyphen.hdcache[path] = parsed
