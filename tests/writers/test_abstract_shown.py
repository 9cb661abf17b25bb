"""The front matter's abstract is shown: a labelled block after the title block in the handout and web page, and
slides after the title slide when ``slides: {abstract: true}`` asks for them (Markdown kept)."""

from __future__ import annotations

import pdfplumber
import pytest
from lxml import html as lxml_html
from pptx import Presentation

from medprint import api

pytestmark = pytest.mark.slow

SOURCE = """---
title: Lung zones
abstract: |
  Zones *differ* in airflow.

  - first finding
  - second finding
{extra}
---

Lead paragraph.

# Findings

Body text.
"""


def _build(tmp_path, extra=""):
    (tmp_path / "doc").mkdir()
    (tmp_path / "doc" / "index.md").write_text(SOURCE.format(extra=extra), encoding="utf-8")
    return api.build_document(tmp_path / "doc" / "index.md", tmp_path / "out")


def test_handout_and_web_page_show_a_labelled_abstract_after_the_title(tmp_path):
    built = _build(tmp_path)
    tree = lxml_html.parse(str(built.outputs["html"]))
    section = tree.find(".//section[@id='abstract']")
    assert section is not None and section.get("aria-labelledby") == "abstract-title"
    assert section.findtext("h2") == "Abstract"
    assert section.find(".//p/em").text == "differ"
    assert [li.text_content() for li in section.iter("li")] == ["first finding", "second finding"]
    order = [e.get("id") or e.get("class") for e in tree.getroot().iter("header", "section", "div")]
    assert order.index("title") < order.index("abstract") < order.index("lead")
    with pdfplumber.open(built.outputs["pdf"]) as pdf:
        text = pdf.pages[0].extract_text()
    assert text.index("Abstract") < text.index("Zones differ in airflow.") < text.index("Lead paragraph.")
    assert "*" not in text
    deck = Presentation(str(built.outputs["pptx"]))  # not asked for: no abstract slide
    titles = [s.shapes.title.text if s.shapes.title else "" for s in deck.slides]
    assert "Abstract" not in titles


def test_abstract_slide_when_asked_with_the_authors_label(tmp_path):
    built = _build(tmp_path, "abstract-title: Summary\nslides: {abstract: true}")
    tree = lxml_html.parse(str(built.outputs["html"]))
    assert tree.find(".//section[@id='abstract']").findtext("h2") == "Summary"
    deck = Presentation(str(built.outputs["pptx"]))
    slide = deck.slides[1]
    texts = [sh.text_frame.text for sh in slide.shapes if sh.has_text_frame]
    assert texts[0] == "Summary"
    body = next(sh for sh in slide.shapes if sh.has_text_frame and "airflow" in sh.text_frame.text)
    runs = [r for p in body.text_frame.paragraphs for r in p.runs]
    assert any(r.text == "differ" and r.font.italic for r in runs)
    assert "first finding" in body.text_frame.text and "second finding" in body.text_frame.text
    assert "Zones differ in airflow." in slide.notes_slide.notes_text_frame.text
