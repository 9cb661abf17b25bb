"""Slides: sections whose deck needs more continuation slides than ``check: {slides: {max-continuations: N}}``;
and what PowerPoint's accessibility checker would flag that only the author can fix: two sections with the
same heading (slides are told apart by title) and tables without a header row.

Asks the deck writer's own planner (:func:`medprint.writers.pptx.plan_deck`), so the count is exactly what
``build`` produces.  The generated reference list is not counted (its length is the bibliography's, not
something to shorten).  Skipped when the citations could not be rendered (those errors are reported anyway).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..diagnostics import Diagnostic
from ..errors import MedprintError
from ..model import Document, Location, RenderedCitations, Table, plain_text, split_sections, walk_blocks
from .config import CheckConfig


def _section_locations(document: Document, citations: RenderedCitations) -> dict[str, Location | None]:
    lead, sections = split_sections(document.blocks)
    where: dict[str, Location | None] = {}
    if lead:
        from ..i18n.labels import label

        lead_title = str(document.meta.option("slides", "lead-title", "") or label(document.meta.lang, "Overview"))
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


def check_slide_accessibility(document: Document) -> Iterator[Diagnostic]:
    """Repeated section headings and header-less tables, at the heading or table that repeats or lacks."""
    _, sections = split_sections(document.blocks)
    first: dict[str, Location | None] = {}
    for section in sections:
        if section.heading is None:
            continue
        title = " ".join(plain_text(section.heading.inlines).split())
        if not title:
            continue
        if title in first:
            earlier = first[title]
            also = f" (also line {earlier.line})" if earlier is not None and earlier.line else ""
            yield Diagnostic("slides.duplicate-title", "warning",
                             f"the heading '{title}' is used twice{also}; slides and the handout's outline are "
                             "told apart by their titles", section.heading.location,
                             "give each section its own heading")
        else:
            first[title] = section.heading.location
    for block in walk_blocks(document.blocks):
        if isinstance(block, Table) and not any(plain_text(cell).strip() for cell in block.header):
            yield Diagnostic("slides.table-header", "warning",
                             "this table has no header row; screen readers name each cell by its column header",
                             block.location, "write a header row above the |---| line")
