"""Shared helpers for the check tests (a uniquely named module: several test folders have a conftest)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from medprint.model import (CitationItem, Cite, Document, Heading, Location, Meta, Paragraph, Reference, Review,
                            SoftBreak, Text)

CASES = Path(__file__).parent / "cases"
REPO = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 27)


def make_doc(*, refs=(), blocks=None, cites=(), file="doc.md", **meta) -> Document:
    """A document whose body is one paragraph citing ``cites`` (lists of keys per cluster)."""
    meta.setdefault("title", "T")
    meta.setdefault("review", Review("Reviewed", dt.date(2026, 1, 1), dt.date(2027, 1, 1)))
    meta.setdefault("disclaimer", "Not advice.")
    meta.setdefault("audience", "clinicians")
    meta.setdefault("positions", (("title", Location(file, 2, 1)),))
    if blocks is None:
        inlines = [Text("Short text.")]
        for n, keys in enumerate(cites, 1):
            items = tuple(CitationItem(k, location=Location(file, 10 + n, 3 + i * 10)) for i, k in enumerate(keys))
            inlines.append(Cite(n, items, "[...]", Location(file, 10 + n, 1)))
        blocks = (Paragraph(tuple(inlines), Location(file, 10, 1)),)
    references = tuple(r if isinstance(r, Reference) else Reference(r["id"], r, Location("refs.json", i + 1, 3))
                       for i, r in enumerate(refs))
    return Document(Meta(**meta), tuple(blocks), file, "doc", references=references)


def paragraph(text: str, line: int, file: str = "doc.md") -> Paragraph:
    inlines = []
    for i, part in enumerate(text.split("\n")):
        if i:
            inlines.append(SoftBreak())
        inlines.append(Text(part))
    return Paragraph(tuple(inlines), Location(file, line, 1))


def heading(text: str, line: int, file: str = "doc.md") -> Heading:
    return Heading(1, (Text(text),), location=Location(file, line, 1))
