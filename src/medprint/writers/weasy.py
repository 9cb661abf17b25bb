"""WeasyPrint, imported without its library search spawning ``ldconfig`` and ``gcc`` a dozen times.

WeasyPrint finds Pango, HarfBuzz and fontconfig by trying several names per library; for each name without a
file extension cffi asks ``ctypes.util.find_library``, which on Linux runs ``ldconfig -p`` (and ``gcc``/``ld``
when that fails) in a subprocess: about a third of a second of every cold start.  Every list WeasyPrint tries
also holds the libraries' real file names (``libpango-1.0.so.0``), which the dynamic linker loads directly, so
while WeasyPrint is imported on Linux the search answers "not found" at once and those names are used: the same
libraries, found the way the linker finds them, without the subprocesses.
"""

from __future__ import annotations

import sys


def _not_searched(name: str) -> None:
    return None


def _import():
    if "weasyprint" in sys.modules or not sys.platform.startswith("linux"):
        import weasyprint

        return weasyprint
    import ctypes.util

    original = ctypes.util.find_library
    ctypes.util.find_library = _not_searched
    try:
        import weasyprint
    finally:
        ctypes.util.find_library = original
    return weasyprint


weasyprint = _import()
