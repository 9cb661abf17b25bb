"""Warming a process before it forks workers: what every document would otherwise pay for first.

Used by ``medprint build`` and ``medprint release`` alike (their job pool, :mod:`medprint.pool`, runs it once in
the parent so forked workers start warm).
"""

from __future__ import annotations

_warmed = False


def warm() -> None:
    """Do once per process what every document would otherwise pay for first: import the writers, load the
    CMU dictionary behind the readability check, parse the default CSL style, start WeasyPrint's fonts.

    Called in the parent before the pool forks, so workers start warm and the work is not repeated per
    worker; a forked worker inherits ``_warmed`` and skips it.  Warming is an optimisation: it never fails.
    """
    global _warmed
    if _warmed:
        return
    _warmed = True
    import importlib

    for name in ("medprint.api", "medprint.readers.source", "medprint.citations", "medprint.check",
                 "medprint.writers.html", "medprint.writers.pdf", "medprint.writers.pptx"):
        try:
            importlib.import_module(name)
        except ImportError:  # a writer not installed yet fails its documents, not the pool
            pass
    try:
        import textstat

        from .check.syllables import install
        from .citations.styles import load_style
        from .writers.weasy import weasyprint

        install()  # the syllable table, not the whole CMU dictionary
        textstat.syllable_count("warming")
        load_style("apa", "en-US")
        weasyprint.HTML(string="<p>warming</p>").write_pdf()
    except Exception:  # noqa: BLE001 - see docstring
        pass
