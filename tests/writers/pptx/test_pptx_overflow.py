"""LibreOffice draws the deck; no word may leave its box or the slide, no boxes may overlap.

The same checker must fail on Pandoc's deck of the sample (the golden "bad"
example in ``golden/pandoc-sample.pptx``, made by ``golden/make_pandoc_sample.py``).
"""

from __future__ import annotations

import io
import shutil
import sys
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Inches, Pt

HERE = Path(__file__).resolve().parent
STYLES = HERE.parents[2] / "styles"
sys.path.insert(0, str(HERE))
import overflow_check  # noqa: E402

pytestmark = [
    pytest.mark.soffice,
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not on PATH"),
]


def test_sample_deck_has_no_overflow(sample_pptx, tmp_path):
    assert overflow_check.check_deck(sample_pptx, tmp_path) == []


def test_long_deck_has_no_overflow(long_pptx, tmp_path):
    problems = overflow_check.check_deck(long_pptx, tmp_path)
    assert problems == []
    assert len(overflow_check.slide_boxes(long_pptx)[2]) >= 20


def _awkward_master():
    """A 4:3 master whose title style shouts (all caps, 60 pt) and whose title has wide insets and autofit."""
    from lxml import etree

    prs = Presentation()
    master = prs.slide_master._element
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    p = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
    rpr = master.find(f"{p}txStyles/{p}titleStyle/{a}lvl1pPr/{a}defRPr")
    rpr.set("cap", "all")
    rpr.set("sz", "6000")
    rpr.set("spc", "300")
    for body in master.iter(f"{a}bodyPr"):
        body.set("lIns", "457200")
        body.set("tIns", "228600")
        etree.SubElement(body, f"{a}normAutofit")
    return prs


def test_long_deck_on_an_organisation_4_3_master_has_no_overflow(long_doc, tmp_path):
    from dataclasses import replace

    from medprint.writers.pptx import render_pptx

    document, citations = long_doc
    folder = tmp_path / "src"
    folder.mkdir()
    shutil.copy(Path(document.source_path).parent / "response-rates.png", folder)
    _awkward_master().save(str(folder / "org.pptx"))
    meta = replace(document.meta, slides=(("template", "org.pptx"),))
    moved = replace(document, meta=meta, source_path=str(folder / "index.md"))
    data = render_pptx(moved, citations, styles=STYLES)
    assert Presentation(io.BytesIO(data)).slide_width == 9144000
    assert overflow_check.check_deck(data, tmp_path) == []


def test_pandoc_deck_of_the_sample_fails(tmp_path):
    golden = (HERE / "golden" / "pandoc-sample.pptx").read_bytes()
    problems = overflow_check.check_deck(golden, tmp_path)
    slides = {p.split(":")[0] for p in problems}
    assert len(slides) >= 4, problems[:5]
    assert any("outside its text box" in p for p in problems)


def test_checker_flags_overflow_and_overlap(tmp_path):
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    box = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(3), Inches(0.6))
    box.text_frame.word_wrap = True
    box.text_frame.text = "A long sentence that cannot possibly fit inside this small box at this size " * 3
    box.text_frame.paragraphs[0].runs[0].font.size = Pt(24)
    other = slide.shapes.add_textbox(Inches(3.5), Inches(1.2), Inches(3), Inches(1))
    other.text_frame.text = "Overlapping"
    out = io.BytesIO()
    prs.save(out)
    problems = overflow_check.check_deck(out.getvalue(), tmp_path)
    assert any("outside its text box" in p for p in problems)
    assert any("overlap" in p for p in problems)


def test_autofit_is_stripped_before_checking():
    golden = (HERE / "golden" / "pandoc-sample.pptx").read_bytes()
    stripped = overflow_check.strip_autofit(golden)
    import zipfile

    with zipfile.ZipFile(io.BytesIO(stripped)) as zf:
        for name in zf.namelist():
            if name.endswith(".xml"):
                data = zf.read(name)
                assert b"<a:normAutofit" not in data and b"<a:spAutoFit" not in data, name


def test_stress_deck_with_split_paragraphs_and_unbreakable_words_has_no_overflow(tmp_path):
    from medprint.model import (
        BulletList, Div, Document, Heading, ListItem, Meta, Paragraph, RenderedCitations, Text,
    )
    from medprint.writers.pptx import render_pptx

    huge = " ".join(f"word{n}" for n in range(600)) + "."
    long_word = "Supercalifragilisticexpialidocious" * 4 + " tail"
    blocks = (
        Heading(1, (Text("A title long enough to need two lines on the slide, and then a third line too "
                         "because it keeps going and going"),)),
        Div((Paragraph((Text(huge),)),), ("slides",)),
        Heading(1, (Text("Words"),)),
        BulletList(tuple(ListItem((Paragraph((Text(long_word),)),)) for _ in range(4))),
    )
    document = Document(Meta(title="Stress"), blocks, str(tmp_path / "x.md"), "x")
    data = render_pptx(document, RenderedCitations({}), styles=STYLES)
    assert overflow_check.check_deck(data, tmp_path) == []
