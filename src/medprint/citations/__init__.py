"""The citation engine: one formatting of every citation and reference, shared by all writers.

Public API:

- :func:`render_citations` (a Document → RenderedCitations)
- :func:`render_bibliography` (references → BibEntry tuple, for ``medprint refs``)

See :mod:`.fixes` for what medprint changes in citeproc-py and why.
"""

from .api import render_bibliography, render_citations

__all__ = ["render_citations", "render_bibliography"]
