"""The presenter's deck: a measured slide plan (:func:`plan_deck`) written as .pptx (:func:`render_pptx`)."""

from __future__ import annotations

from pathlib import Path

from ...model import Document, RenderedCitations
from .layout import Deck, Slide, plan_deck

__all__ = ["Deck", "Slide", "plan_deck", "render_pptx"]


def render_pptx(document: Document, citations: RenderedCitations, *, styles: Path) -> bytes:
    """The deck for ``document`` as .pptx bytes (pure and byte-reproducible)."""
    from .render import write_deck  # python-pptx only when a deck is written, not when one is planned (check)

    return write_deck(plan_deck(document, citations, styles=Path(styles)))
