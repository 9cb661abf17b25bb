"""PowerPoint's accessibility-checker rules on every built deck (deck_access.py), and on a deck that breaks them."""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.util import Inches

from deck_access import deck_problems


def test_every_deck_passes_the_accessibility_rules(built_docs):
    for built in built_docs.values():
        assert deck_problems(built.pptx) == [], built.name


def test_the_rules_catch_what_they_are_for(tmp_path):
    from PIL import Image

    png = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(png, "PNG")
    prs = Presentation()
    layout = prs.slide_layouts[5]  # Title Only
    first = prs.slides.add_slide(layout)
    first.shapes.title.text = "Same"
    second = prs.slides.add_slide(layout)
    second.shapes.title.text = "Same"
    pic = second.shapes.add_picture(io.BytesIO(png.getvalue()), Inches(1), Inches(2))
    pic._element.nvPicPr.cNvPr.set("descr", "")
    table = second.shapes.add_table(2, 2, Inches(1), Inches(4), Inches(4), Inches(1)).table
    table.first_row = False
    spTree = second.shapes._spTree
    title = second.shapes.title._element
    spTree.remove(title)
    spTree.append(title)  # the title read last
    prs.slides.add_slide(prs.slide_layouts[6])  # Blank: no title at all
    path = tmp_path / "bad.pptx"
    prs.save(path)
    found = deck_problems(path)
    assert any("duplicate slide title 'Same'" in p for p in found)
    assert any("has no alternative text" in p for p in found)
    assert any("has no header row" in p for p in found) and any("empty header row" in p for p in found)
    assert any("reading order starts with" in p for p in found)
    assert any(p.startswith("slide 3: missing slide title") for p in found)
