"""Fix 1: Pandoc's citation modes.  citeproc-py has no suppress-author or author-only: the first
cs:names of a cite is the author, so it is dropped (``[-@a]``) or captured (narrative ``@a``)."""

from __future__ import annotations

from citeproc.model import Names

from ..state import STATE
from ._orig import _ORIG
from .groups import _tracked


def names_render(self, item, **kwargs):
    """The first cs:names of a cite is the author: drop it (suppress-author) or capture it (author-only)."""
    original = _tracked(_ORIG[(Names, "render")])
    if STATE.in_citation and STATE.first_names_pending:
        STATE.first_names_pending = False
        text = original(self, item, **kwargs)
        STATE.captured_author = text
        if STATE.mode == "suppress-author":
            return None
        return text
    return original(self, item, **kwargs)
