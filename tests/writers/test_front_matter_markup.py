"""Markdown in the front matter's title, subtitle and author fields, built into all three outputs and read back:
formatted where the output can hold formatting (title block, web page heading, title slide), plain text where it
cannot (running head, <title>, PDF and deck metadata), and never a literal asterisk."""

from __future__ import annotations

import pdfplumber
import pytest
from lxml import html as lxml_html
from pptx import Presentation

from medprint import api

pytestmark = pytest.mark.slow

SOURCE = """---
title: "Effects of *in vitro* and *in vivo* tests of H~2~O"
subtitle: "A **strong** case"
author:
  - name: Ana *Pérez*
    affiliation: "University of *Somewhere*"
  - Bob Smith
date: 2025-03-01
---

Lead paragraph.

# Findings

Body text.
"""
PLAIN = "Effects of in vitro and in vivo tests of H2O"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("meta-markup")
    (folder / "doc").mkdir()
    (folder / "doc" / "index.md").write_text(SOURCE, encoding="utf-8")
    return api.build_document(folder / "doc" / "index.md", folder / "out")


def test_handout(built):
    with pdfplumber.open(built.outputs["pdf"]) as pdf:
        page = pdf.pages[0]
        text = page.extract_text()
        assert "*" not in text and "~" not in text
        assert "EFFECTS OF IN VITRO AND IN VIVO" in text  # the running head, plain capitals
        assert pdf.metadata["Title"] == PLAIN
        words = page.extract_words(extra_attrs=["fontname", "size"])
        title_size = max(w["size"] for w in words)
        vitro = [w for w in words if w["text"] in ("vitro", "vitro,") and w["size"] == title_size]
        effects = [w for w in words if w["text"] == "Effects" and w["size"] == title_size]
        assert vitro and "Italic" in vitro[0]["fontname"] and "Italic" not in effects[0]["fontname"]
        perez = [w for w in words if w["text"].startswith("Pérez")]
        assert perez and "Italic" in perez[0]["fontname"]
    import pikepdf

    with pikepdf.open(built.outputs["pdf"]) as pdf:  # the XMP packet too
        xmp = pdf.open_metadata()
        assert xmp["{http://purl.org/dc/elements/1.1/}title"] == PLAIN
        assert "Ana Pérez" in xmp["{http://purl.org/dc/elements/1.1/}creator"]


def test_web_page(built):
    tree = lxml_html.parse(str(built.outputs["html"]))
    assert tree.findtext(".//title") == PLAIN
    h1 = tree.find(".//h1[@class='title']")
    assert [e.text for e in h1.iter("em")] == ["in vitro", "in vivo"]
    assert h1.find(".//sub").text == "2" and h1.find(".//strong").text == "strong"
    assert "*" not in h1.text_content()
    authors = tree.find(".//p[@class='authors']")
    assert authors.find("em").text == "Pérez" and authors.text_content() == "Ana Pérez and Bob Smith"
    assert tree.find(".//p[@class='affiliation']/em").text == "Somewhere"


def test_title_slide(built):
    deck = Presentation(str(built.outputs["pptx"]))
    assert deck.core_properties.title == PLAIN
    cover = deck.slides[0]
    texts = {shape.text_frame.text for shape in cover.shapes if shape.has_text_frame}
    assert not any("*" in t or "~" in t for t in texts)
    runs = [r for shape in cover.shapes if shape.has_text_frame for p in shape.text_frame.paragraphs for r in p.runs]
    assert any(r.text.strip() == "in vitro" and r.font.italic for r in runs)
    assert any(r.text == "2" and r.font._rPr.get("baseline", "0").startswith("-") for r in runs)
    assert not any(r.text.startswith("Effects") and r.font.italic for r in runs)
