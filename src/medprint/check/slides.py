"""Slides: sections whose deck needs more continuation slides than ``check: {slides: {max-continuations: N}}``.

Asks the deck writer's own planner (:func:`medprint.writers.pptx.plan_deck`), so the count is exactly what
``build`` produces.  The generated reference list is not counted (its length is the bibliography's, not
something to shorten).  Skipped when the citations could not be rendered (those errors are reported anyway).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..diagnostics import Diagnostic
from ..errors import MedprintError
from ..model import Document, Location, RenderedCitations, plain_text, split_sections
from .config import CheckConfig


def _section_locations(document: Document, citations: RenderedCitations) -> dict[str, Location | None]:
    lead, sections = split_sections(document.blocks)
    where: dict[str, Location | None] = {}
    if lead:
        lead_title = str(document.meta.option("slides", "lead-title", "Overview"))
        where[lead_title] = getattr(lead[0], "location", None)
    for section in sections:
        if section.heading is not None:
            where.setdefault(plain_text(section.heading.inlines, citations).strip(), section.heading.location)
    return where


def check_slides(document: Document, citations: RenderedCitations | None, config: CheckConfig,
                 styles: Path | None = None) -> Iterator[Diagnostic]:
    if citations is None:
        return
    from ..paths import styles_dir
    from ..writers.pptx.layout import plan_deck  # the plan only: no python-pptx

    try:
        deck = plan_deck(document, citations, styles=styles or styles_dir())
    except MedprintError:
        return  # the build reports why the deck cannot be planned (template, limits)
    where = _section_locations(document, citations)
    for title, count in deck.continuation_counts().items():
        if count <= config.max_continuations or title not in where:
            continue
        yield Diagnostic("slides.continuations", "warning",
                         f"section '{title}' needs {count} continuation slides (more than {config.max_continuations})",
                         where[title] or document.meta.position("title"),
                         "split the section, or give it a ::: slides div with the points to show "
                         "(the full text stays in the speaker notes)")
