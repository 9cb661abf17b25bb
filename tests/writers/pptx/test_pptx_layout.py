"""The pure slide plan: order, titles, sizes, splitting and fitting, checked before any file is written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from medprint.model import plain_text, runs_text, split_sections
from medprint.writers.pptx import plan_deck
from medprint.writers.pptx.layout import INSET_Y, PT, TableBox, TextBox, _balanced
from medprint.writers.pptx.points import condense

STYLES = Path(__file__).resolve().parents[3] / "styles"


@pytest.fixture(scope="module")
def sample_deck(sample):
    return plan_deck(*sample, styles=STYLES)


@pytest.fixture(scope="module")
def long_deck(long_doc):
    return plan_deck(*long_doc, styles=STYLES)


def _texts(slide, role):
    return [s for s in slide.shapes if isinstance(s, TextBox) and s.role == role]


def test_sample_slide_order(sample, sample_deck):
    document, _ = sample
    _, sections = split_sections(document.blocks)
    kinds = [s.kind for s in sample_deck.slides]
    assert kinds[0] == "cover" and kinds[-1] == "closing" and "references" in kinds
    titles = [s.title for s in sample_deck.slides]
    assert titles[0] == document.meta.title
    section_titles = [plain_text(sec.heading.inlines) for sec in sections]
    positions = [titles.index(t) for t in section_titles]
    assert positions == sorted(positions), "sections keep their order"
    assert titles[-2].startswith("References")


def test_long_deck_structure(long_doc, long_deck):
    document, citations = long_doc
    _, sections = split_sections(document.blocks)
    assert len(sections) >= 8
    slides = long_deck.slides
    assert [s.title for s in slides if s.kind == "references"][0] == "References"
    later = [s.title for s in slides if s.kind == "references"][1:]
    assert later == ["References (cont.)"] + [f"References (cont. {n})" for n in range(2, len(later) + 1)]
    counts = long_deck.continuation_counts()
    assert counts["References"] >= 1
    assert counts["Candidate Interventions"] >= 1  # the 12-item list does not fit one slide
    tables = [s for s in slides if s.kind == "table"]
    assert len(tables) >= 2
    assert tables[1].continued and re.search(r"\(cont\.( \d+)?\)$", tables[1].title)
    assert any(s.kind == "figure" for s in slides)


def test_every_slide_title_is_unique(sample_deck, long_deck):
    """PowerPoint's accessibility checker (and a screen reader's slide list) needs slides told apart by title."""
    for deck in (sample_deck, long_deck):
        titles = [s.title for s in deck.slides]
        assert len(set(titles)) == len(titles), [t for t in titles if titles.count(t) > 1]


def test_body_and_reference_sizes_never_shrink_below_minimum(sample_deck, long_deck):
    for deck in (sample_deck, long_deck):
        for slide in deck.slides:
            for shape in slide.shapes:
                if isinstance(shape, TextBox) and shape.role == "body":
                    assert all(p.size >= 18 for p in shape.paras), slide.title
                if isinstance(shape, TextBox) and shape.role == "references":
                    assert all(p.size >= 12 for p in shape.paras), slide.title
                if isinstance(shape, TableBox):
                    assert shape.size >= 18


def _fits(box: TextBox) -> bool:
    paras = box.paras
    height = sum(p.height for p in paras) - paras[0].space_before + 2 * INSET_Y
    return height <= box.rect[3] / PT + 0.01


def test_every_text_box_fits_its_measured_text_and_stays_on_the_slide(sample_deck, long_deck):
    for deck in (sample_deck, long_deck):
        tpl = deck.template
        for slide in deck.slides:
            for shape in slide.shapes:
                x, y, w, h = shape.rect
                assert x >= 0 and y >= 0 and x + w <= tpl.width and y + h <= tpl.height, slide.title
                if isinstance(shape, TextBox):
                    assert _fits(shape), (slide.title, shape.role)


def test_text_boxes_do_not_overlap_in_the_plan(long_deck):
    for slide in long_deck.slides:
        rects = [s.rect for s in slide.shapes]
        for i, a in enumerate(rects):
            for b in rects[i + 1:]:
                assert (min(a[0] + a[2], b[0] + b[2]) <= max(a[0], b[0])
                        or min(a[1] + a[3], b[1] + b[3]) <= max(a[1], b[1])), slide.title


def test_reference_entries_are_never_split(long_doc, long_deck):
    _, citations = long_doc
    shown = [runs_text(p.runs) for s in long_deck.slides for box in _texts(s, "references") for p in box.paras]
    assert shown == [runs_text(e.runs) for e in citations.entries]
    assert len(citations.entries) == 35


def test_tables_repeat_their_header_and_keep_every_row(long_doc, long_deck):
    document, citations = long_doc
    frames = [sh for s in long_deck.slides for sh in s.shapes if isinstance(sh, TableBox)]
    headers = {tuple(runs_text(c) for c in f.cells[0]) for f in frames}
    assert len(headers) == 1 and len(next(iter(headers))) == 6
    rows = [tuple(runs_text(c) for c in row) for f in frames for row in f.cells[1:]]
    assert len(rows) == 15 and rows[0][0] == "A" and rows[-1][0] == "O"
    assert min(len(f.cells) - 1 for f in frames) >= 3, "rows are shared out, no lonely last row"


def test_titles_fit_their_box(long_deck):
    for slide in long_deck.slides:
        title = [s for s in slide.shapes if isinstance(s, TextBox) and s.role in ("title", "cover-title")][0]
        assert _fits(title)
        assert 24 <= title.paras[0].size <= 44


def test_handout_only_is_excluded_and_slides_div_shown(long_deck):
    words = " ".join(runs_text(p.runs) for s in long_deck.slides for b in s.shapes if isinstance(b, TextBox)
                     for p in b.paras)
    assert "only in the handout" not in words
    slide = next(s for s in long_deck.slides if s.title == "What the Slides Should Say")
    body = _texts(slide, "body")[0]
    assert [runs_text(p.runs).split(":")[0] for p in body.paras] == [
        "Antibiotics near immunotherapy start", "Fibre-rich diet", "FMT", "Which of these do you already do in clinic?"]
    assert "explicit slides block" in slide.notes and "only in the handout" not in slide.notes


def test_slides_only_content_is_shown_whole(long_deck):
    shown = [runs_text(p.runs) for s in long_deck.slides if s.section == "Safety and Adverse Events"
             for b in s.shapes if isinstance(b, TextBox) and b.role == "body" for p in b.paras]
    assert "Shown on the slides only. It stays whole, even with a second sentence." in shown
    slide = next(s for s in long_deck.slides if s.section == "Safety and Adverse Events")
    assert "Shown on the slides only" not in slide.notes


def test_notes_hold_the_section_text_and_notes_div(long_deck):
    slide = next(s for s in long_deck.slides if s.title.startswith("Background"))
    assert "Start with the mouse experiments" in slide.notes
    assert "whose collective\ngenome" not in slide.notes and "whose collective genome far exceeds" in slide.notes
    assert "Sources:" in slide.notes
    safety = next(s for s in long_deck.slides if s.title == "Safety and Adverse Events")
    assert "Note: Case series are small and uncontrolled" in safety.notes


def test_condense_keeps_first_sentences_and_citations(sample):
    document, citations = sample
    _, sections = split_sections(document.blocks)
    para = sections[0].blocks[0]
    one = condense(para.inlines, citations, 1)
    assert len(one) == 1
    text = runs_text(one[0])
    assert text.startswith("The gut microbiome is essential")
    cited = runs_text(citations.clusters[min(citations.clusters)])
    assert text.endswith(cited + "."), "the paragraph's citation is carried onto the point"
    three = condense(para.inlines, citations, 3)
    assert len(three) == 3 and runs_text(three[-1]).endswith(cited + ".")


def test_continuation_counts_for_check(long_deck):
    counts = long_deck.continuation_counts()
    assert set(counts) >= {"Evidence From Clinical Cohorts", "References"}
    assert all(v >= 0 for v in counts.values())


def test_balanced_table_pages():
    assert [len(p) for p in _balanced([30.0] * 15, 250.0)] == [8, 7]
    assert [len(p) for p in _balanced([30.0] * 17, 250.0)] == [6, 6, 5]  # greedy would leave 8, 8, 1
    assert sum(len(p) for p in _balanced([30.0] * 9, 250.0)) == 9


def test_plan_is_pure(sample):
    assert plan_deck(*sample, styles=STYLES) == plan_deck(*sample, styles=STYLES)
