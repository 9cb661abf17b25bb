"""The written deck, reopened with python-pptx: what a speaker and PowerPoint actually get."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from pptx import Presentation

from medprint.model import blocks_text, plain_text, split_sections
from medprint.writers.pptx import render_pptx
from medprint.writers.pptx.points import strip_for_notes

STYLES = Path(__file__).resolve().parents[3] / "styles"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def deck(data: bytes):
    return Presentation(io.BytesIO(data))


def titles(prs):
    return [s.shapes.title.text_frame.text if s.shapes.title is not None else "" for s in prs.slides]


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_slide_order_and_titles(sample, sample_pptx):
    document, _ = sample
    prs = deck(sample_pptx)
    names = titles(prs)
    assert names[0] == document.meta.title
    _, sections = split_sections(document.blocks)
    for section in sections:
        assert plain_text(section.heading.inlines) in names
    order = [names.index(plain_text(s.heading.inlines)) for s in sections]
    assert order == sorted(order)
    assert names[-2] == "References" and names[-1] == "About this presentation"
    assert prs.slide_width == 12192000 and prs.slide_height == 6858000  # 16:9


def test_notes_hold_each_slides_own_text_and_the_whole_section_once(long_doc, long_pptx):
    """Speaker notes are what each slide shows, in full: together a section's slides hold all its text, and no
    slide repeats a whole section that spans several slides (a Manubot review made 113 copies of it)."""
    document, citations = long_doc
    prs = deck(long_pptx)
    _, sections = split_sections(document.blocks)
    titles = [re.sub(r" \(cont\.( \d+)?\)$", "", s.shapes.title.text_frame.text) for s in prs.slides]
    starts = [titles.index(plain_text(section.heading.inlines)) for section in sections] + [titles.index("References")]
    split_checked = 0
    for n, section in enumerate(sections):
        name = plain_text(section.heading.inlines)
        slides = list(prs.slides)[starts[n]:starts[n + 1]]  # the section's slides, its sub-headings' included
        notes = [_squash(s.notes_slide.notes_text_frame.text) if s.has_notes_slide else "" for s in slides]
        together = " ".join(notes)
        blocks = [b for b in strip_for_notes(section.blocks)  # a sub-heading is a slide's title, not its notes
                  if _squash(blocks_text((b,), citations)) and type(b).__name__ != "Heading"]
        for block in blocks:
            assert _squash(blocks_text((block,), citations)) in together, name
        whole = _squash(blocks_text(strip_for_notes(section.blocks), citations))
        if len(slides) > 1 and len(blocks) > 1:
            split_checked += 1
            assert all(whole not in n for n in notes), name
            assert sum(n.count(_squash(blocks_text((blocks[-1],), citations))) for n in notes) <= 2, name
    assert split_checked, "no section of the long document spans several slides: the test checks nothing"


def _entry_paragraphs(prs):
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.name == "References":
                yield from shape.text_frame.paragraphs


def _italics(runs):
    """The italic stretches of a run list, as text (run boundaries may differ, styling may not)."""
    out, current = [], ""
    for text, italic in runs:
        if italic:
            current += text
        elif current:
            out.append(current)
            current = ""
    if current:
        out.append(current)
    return out


def test_reference_entries_match_the_handout_runs(long_doc, long_pptx):
    _, citations = long_doc
    paras = list(_entry_paragraphs(deck(long_pptx)))
    assert len(paras) == len(citations.entries) == 35
    for para, entry in zip(paras, citations.entries):
        assert "".join(r.text for r in para.runs) == "".join(r.text for r in entry.runs)
        got = _italics([(r.text, bool(r.font.italic)) for r in para.runs])
        want = _italics([(r.text, r.italic) for r in entry.runs])
        assert got == want and want, entry.key
        ppr = para._p.pPr
        assert int(ppr.get("marL")) > 0 and int(ppr.get("indent")) == -int(ppr.get("marL")), "hanging indent"
        links = [r for r in para.runs if r.hyperlink.address]
        dois = [r.url for r in entry.runs if r.url]
        assert [r.hyperlink.address for r in links] == dois and dois[0].startswith("https://doi.org/10.")
        assert all(r.font.size.pt >= 12 for r in para.runs)


def test_citations_on_slides_read_as_the_engine_renders_them(sample, sample_pptx):
    _, citations = sample
    text = " ".join(sh.text_frame.text for s in deck(sample_pptx).slides for sh in s.shapes
                    if sh.has_text_frame and sh.name == "Body")
    for runs in citations.clusters.values():
        assert "".join(r.text for r in runs) in text


def test_picture_has_alt_text_and_fits(long_doc, long_pptx):
    prs = deck(long_pptx)
    pics = [sh for s in prs.slides for sh in s.shapes if sh.shape_type == 13]
    assert len(pics) == 1
    descr = pics[0]._element.nvPicPr.cNvPr.get("descr")
    assert descr == "Objective response rate in five illustrative cohorts, by microbiome diversity quintile"
    pic = pics[0]
    assert pic.left >= 0 and pic.left + pic.width <= prs.slide_width and pic.top + pic.height <= prs.slide_height
    assert abs(pic.width / pic.height - 800 / 500) < 0.01


def test_every_run_has_language_font_and_no_autofit(long_pptx):
    prs = deck(long_pptx)
    runs = 0
    for slide in prs.slides:
        for shape in slide.shapes:
            for body in shape._element.iter(f"{A}bodyPr"):
                assert body.get("wrap") == "square"
                assert body.find(f"{A}normAutofit") is None and body.find(f"{A}spAutoFit") is None
            for rpr in shape._element.iter(f"{A}rPr"):
                runs += 1
                assert rpr.get("lang") == "en-US"
                assert rpr.find(f"{A}latin").get("typeface") == "Arial"
        if slide.has_notes_slide:
            for rpr in slide.notes_slide.notes_text_frame._txBody.iter(f"{A}rPr"):
                assert rpr.get("lang") == "en-US"
    assert runs > 300


def test_slide_numbers_and_footer(long_doc, long_pptx):
    prs = deck(long_pptx)
    for n, slide in enumerate(prs.slides, start=1):
        names = {sh.name: sh for sh in slide.shapes}
        if n == 1:
            assert "Slide Number" not in names
            continue
        number = names["Slide Number"]
        fld = number._element.find(f".//{A}fld")
        assert fld.get("type") == "slidenum" and fld.find(f"{A}t").text == str(n)
        assert names["Footer"].text_frame.text == "The MedReport Foundation · Microbiome and immunotherapy"


def test_core_properties_come_from_the_document(long_doc, long_pptx):
    document, _ = long_doc
    core = deck(long_pptx).core_properties
    assert core.title == document.meta.title
    assert core.author == "Ada Example; Ben Sample"
    assert core.subject == "A long test document for the deck writer"
    assert core.keywords == "microbiome, immunotherapy, test"
    assert core.language == "en-US"
    assert core.created == core.modified == dt.datetime(2025, 3, 1)


def test_undated_deck_uses_source_date_epoch_not_the_clock(sample, monkeypatch):
    document, citations = sample
    document = replace(document, meta=replace(document.meta, date=None))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    core = deck(render_pptx(document, citations, styles=STYLES)).core_properties
    assert core.created == dt.datetime(2023, 11, 14, 22, 13, 20)


def test_rebuilds_are_byte_identical(sample, sample_pptx):
    again = render_pptx(*sample, styles=STYLES)
    assert again == sample_pptx
    with zipfile.ZipFile(io.BytesIO(again)) as zf:
        names = zf.namelist()
        assert names[0] == "[Content_Types].xml"
        assert len({i.date_time for i in zf.infolist()}) == 1


def test_table_slides_repeat_the_header(long_pptx):
    prs = deck(long_pptx)
    tables = [sh.table for s in prs.slides for sh in s.shapes if sh.has_table]
    assert len(tables) >= 2
    header = [c.text for c in tables[0].rows[0].cells]
    assert len(header) == 6
    for table in tables:
        assert [c.text for c in table.rows[0].cells] == header
        assert table.first_row
    assert sum(len(t.rows) - 1 for t in tables) == 15


def test_no_empty_placeholders_left(long_pptx):
    for slide in deck(long_pptx).slides:
        for ph in slide.placeholders:
            assert ph.has_text_frame and ph.text_frame.text.strip()


@pytest.mark.parametrize("kind", ["bullet"])
def test_bullets_hang(long_pptx, kind):
    prs = deck(long_pptx)
    body = next(sh for s in prs.slides for sh in s.shapes if sh.name == "Body")
    ppr = body.text_frame.paragraphs[0]._p.pPr
    assert ppr.find(f"{A}buChar") is not None or ppr.find(f"{A}buAutoNum") is not None
    assert int(ppr.get("indent")) < 0 < int(ppr.get("marL"))


def test_extended_properties_describe_this_deck(long_pptx):
    prs = deck(long_pptx)
    with zipfile.ZipFile(io.BytesIO(long_pptx)) as zf:
        app = zf.read("docProps/app.xml").decode()
    assert f"<Slides>{len(prs.slides)}</Slides>" in app
    assert "<Application>medprint</Application>" in app and "Widescreen" in app
