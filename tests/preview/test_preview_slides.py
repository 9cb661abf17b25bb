"""Slide previews are drawn from the deck plan: every box sits where the .pptx puts its shape, with its text."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from lxml import html as lxml_html

ROOT = Path(__file__).resolve().parents[2]
STYLES = ROOT / "styles"
DOCS = {"sample": ROOT / "sources" / "gut-microbiome-immunotherapy" / "index.md",
        "long": ROOT / "tests" / "writers" / "pptx" / "fixtures" / "long" / "index.md"}


def _preview_and_deck(which: str):
    from pptx import Presentation

    from medprint import api
    from medprint.preview.slides import slides_html
    from medprint.writers.pptx import render_pptx
    from medprint.writers.pptx.layout import plan_deck

    document = api.read(DOCS[which])
    citations = api.cite(document)
    preview = lxml_html.fromstring(slides_html(plan_deck(document, citations, styles=STYLES)))
    deck = Presentation(io.BytesIO(render_pptx(document, citations, styles=STYLES)))
    return preview, deck


def _box_text(box) -> str:
    paragraphs = box.xpath(".//p") or box.xpath(".//tr")
    if box.get("data-role") == "table":
        return "\n".join("\t".join(c.text_content() for c in row.xpath("./th|./td")) for row in box.xpath(".//tr"))
    return "\n".join(p.text_content() for p in paragraphs)


def _shape_text(shape) -> str:
    if shape.has_table:
        return "\n".join("\t".join(cell.text for cell in row.cells) for row in shape.table.rows)
    if shape.has_text_frame:
        return "\n".join(p.text for p in shape.text_frame.paragraphs)
    return ""


@pytest.mark.parametrize("which", ["sample", "long"])
def test_every_preview_box_matches_a_deck_shape(which):
    preview, deck = _preview_and_deck(which)
    frames = preview.xpath("//figure[@class='slide-frame']")
    assert len(frames) == len(deck.slides) > 3
    for number, (frame, slide) in enumerate(zip(frames, deck.slides), start=1):
        boxes = frame.xpath(".//div[contains(@class, 'box')]")
        drawn = sorted((tuple(int(v) for v in b.get("data-emu").split(",")), _box_text(b)) for b in boxes)
        shapes = sorted(((s.left, s.top, s.width, s.height), _shape_text(s)) for s in slide.shapes)
        assert drawn == shapes, f"slide {number}"
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        shown = "\n".join(p.text_content() for p in frame.xpath(".//figcaption/p"))
        assert [ln for ln in shown.split("\n") if ln.strip()] == [ln for ln in notes.split("\n") if ln.strip()]


def test_preview_uses_the_template_colours_and_slide_size():
    preview, deck = _preview_and_deck("sample")
    root = preview.xpath("//div[@class='deck']")[0]
    style = root.get("style")
    assert f"--slide-w:{deck.slide_width / 12700:.2f}pt" in style
    assert f"--slide-h:{deck.slide_height / 12700:.2f}pt" in style
    assert "--dk1:#" in style and "--accent1:#" in style
