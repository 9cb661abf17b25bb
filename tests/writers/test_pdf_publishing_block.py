"""Where the publishing block (review, imprint, disclaimer) lands in the printed handout, and the title block.

A short block is kept whole and with the text before it: it never stands alone on the last page.  A long one
(a disclaimer of half a page) starts on the page where the text ends and breaks between its paragraphs, instead
of leaving that page's foot empty.  An organisation that an author's affiliation already names prints once.
"""

from __future__ import annotations

import io

import pdfplumber
import pytest

from medprint.citations import render_citations
from medprint.paths import styles_dir
from medprint.readers.source import read_source
from medprint.writers.html import render_html
from medprint.writers.pdf import render_pdf

SENTENCE = "The gut holds many small living things that help the body fight illness and stay well over time. "
NEXT_REVIEW = "Next review: January 15, 2027"  # only in the block (the page footer has no next-review date)


def _source(tmp_path, paragraphs: int, disclaimer_sentences: int = 0, *, organization="City Hospital",
            affiliation="City Hospital"):
    body = "\n\n".join(SENTENCE * 3 + f"Paragraph {i}." for i in range(1, paragraphs + 1))
    disclaimer = "Not a substitute for professional medical advice." + \
        " Always ask your own doctor or nurse about your care and your medicines." * disclaimer_sentences
    text = f"""---
title: A test handout
organization: {organization}
author:
  - name: Ana Souza
    affiliation: {affiliation}
review:
  statement: Reviewed by the Medical Review Board
  reviewed: 2026-01-15
  next-review: 2027-01-15
version: "1.0"
disclaimer: {disclaimer}
---

A lead paragraph.

# Section

{body}
"""
    folder = tmp_path / f"p{paragraphs}-{disclaimer_sentences}"
    folder.mkdir()
    (folder / "index.md").write_text(text)
    return read_source(folder / "index.md")


def _pages(document) -> list[str]:
    pdf = render_pdf(document, render_citations(document), styles=styles_dir())
    with pdfplumber.open(io.BytesIO(pdf)) as opened:
        return [page.extract_text() or "" for page in opened.pages]


def _page_of(pages: list[str], text: str) -> int:
    return next(i for i, page in enumerate(pages) if text in page)


def test_short_block_never_stands_alone_on_the_last_page(tmp_path):
    moved = 0
    for paragraphs in range(17, 24):  # the text grows line by line past the foot of page 3
        pages = _pages(_source(tmp_path, paragraphs))
        block = _page_of(pages, NEXT_REVIEW)
        assert block == len(pages) - 1
        assert "Paragraph" in pages[block], f"{paragraphs} paragraphs: the block stands alone on page {block + 1}"
        assert f"Paragraph {paragraphs}." in pages[block]
        if _page_of(pages, f"Paragraph {paragraphs - 1}.") < block:
            moved += 1  # the block did not fit: it took the last paragraph with it
    assert moved, "no case put the block across a page break: the test no longer exercises the rule"


def test_long_block_starts_where_the_text_ends_and_breaks_inside(tmp_path):
    pages = _pages(_source(tmp_path, 17, disclaimer_sentences=60))
    last_text = _page_of(pages, "Paragraph 17.")
    assert _page_of(pages, NEXT_REVIEW) == last_text  # no empty page foot before a block moved whole
    assert "Always ask your own doctor" in pages[-1] and len(pages) - 1 > last_text  # it continues overleaf


@pytest.mark.parametrize("organization, affiliation, printed_once", [
    ("City Hospital", "City Hospital", True),
    ("The City Hospital", "city hospital.", True),
    ("City Hospital", "Department of Oncology, City Hospital", True),
    ("City Hospital Foundation", "City Hospital", False),
])
def test_title_block_prints_an_organisation_once(tmp_path, organization, affiliation, printed_once):
    document = _source(tmp_path, 1, organization=organization, affiliation=affiliation)
    html = render_html(document, render_citations(document), styles=styles_dir())
    title_block = html.split("<header id=\"title\"", 1)[1].split("</header>", 1)[0]
    assert ('class="organization"' in title_block) is not printed_once
    assert document.meta.title_organization() == ("" if printed_once else organization)


def test_title_block_numbers_each_institution_once(tmp_path):
    folder = tmp_path / "multi"
    folder.mkdir()
    (folder / "index.md").write_text(
        "---\ntitle: T\nauthor:\n  - name: Ana\n    affiliations: [{ref: a}, {ref: b}]\n  - name: Bo\n"
        "    affiliations: [{ref: b}]\naffiliations:\n  - {id: a, name: City Hospital}\n  - {id: b, name: State University}\n"
        "---\n\nText.\n")
    document = read_source(folder / "index.md")
    html = render_html(document, render_citations(document), styles=styles_dir())
    block = html.split('<header id="title"', 1)[1].split("</header>", 1)[0]
    assert "Ana<sup>1,2</sup>" in block and "Bo<sup>2</sup>" in block
    assert block.count('class="affiliation"') == 2 and "<sup>2</sup>State University" in block
