"""Pandoc-Markdown block constructs built into all three outputs and read back: nothing printed as markup.

A document with a definition list, a task list, ~~strikeout~~, a sized figure (``{#fig-x width=50%}``),
an image whose file name has a space (bare and in ``<...>``), a figure caption spanning lines with an
HTML comment, and a pipe table with ``Table: caption {#tbl-x}`` is built by ``medprint.api.build``; the
PDF is read with pdfplumber, the deck with python-pptx and the web page with lxml.
"""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest
from lxml import html as lxml_html
from PIL import Image
from pptx import Presentation
from pptx.util import Emu

from medprint import api

pytestmark = pytest.mark.slow

SOURCE = """---
title: Inhaler basics
date: 2025-03-01
disclaimer: Not medical advice.
references: []
---

# Words to know

Reliever
:   A fast inhaler that ~~never~~ opens the airways in minutes.

    Carry it with you.

Preventer
:   Taken every day, even when well.

# Checklist

- [ ] Shake the inhaler
- [x] Breathe out fully

# Steps

(a) Remove the cap
(b) Breathe in slowly

iv. Hold your breath
v. Rinse your mouth

| City Children's Hospital
|    200 Main Street

# Pictures

![Zones of the lung](zones.png){#fig-zones width=50%}

# Device

![An inhaler
<!-- photo by staff -->
on a table](<Inhaler Photo.png>)

# Device again

![Spacer attached](Inhaler Photo.png){width=2in}

# Doses

| Drug | Dose |
|:-----|-----:|
| Salbutamol | 100 mcg |

Table: Usual doses {#tbl-doses}

# Spacers

+---------------+--------------------+
| Spacer        | When to use it     |
+===============+====================+
| Small volume  | Children under 5,  |
|               | with a face mask   |
+---------------+--------------------+
| Large volume  | Adults -- "always" |
+---------------+--------------------+

  Age     Puffs
-----  --------
    2         1
   12         2

: Puffs by age
"""

MARKUP = re.compile(r"\{#|width=|~~|\[ \]|\[x\]|!\[|<!--|^\s*:\s{2,}|\+[-=]{3}|-{5}|[–—]{2}", re.M)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("blocks")
    src = root / "inhaler"
    src.mkdir()
    (src / "index.md").write_text(SOURCE, encoding="utf-8")
    Image.new("RGB", (800, 400), (200, 60, 30)).save(src / "zones.png")
    Image.new("RGB", (400, 300), (30, 120, 200)).save(src / "Inhaler Photo.png")
    report = api.build([src], to="pdf,pptx,html", out_dir=root / "out", force=True)
    assert report.ok, report.failures
    return root / "out"


def test_web_page_has_real_elements_and_no_markup(built):
    page = lxml_html.fromstring((built / "inhaler.html").read_text(encoding="utf-8"))
    main = page.xpath("//body")[0]
    text = main.text_content()
    assert not MARKUP.search(text), MARKUP.search(text)
    assert [dt.text_content() for dt in page.xpath("//dl/dt")] == ["Reliever", "Preventer"]
    assert "Carry it with you." in page.xpath("//dl/dd")[0].text_content()
    assert page.xpath("//del")[0].text_content() == "never"
    assert "☐ Shake the inhaler" in text and "☒ Breathe out fully" in text
    images = {img.get("alt"): img for img in page.xpath("//img[starts-with(@src, 'data:image')]")}
    assert "width:50%" in images["Zones of the lung"].get("style")
    assert "width:2in" in images["Spacer attached"].get("style")
    assert any(alt.startswith("An inhaler") and alt.endswith("on a table") for alt in images)
    assert [lxml_html.tostring(br).decode().startswith("<br") for br in page.xpath("//div[@class='line-block']/br")] == [True]
    assert "\u00a0\u00a0\u00a0200 Main Street" in page.xpath("//div[@class='line-block']")[0].text_content()
    lists = page.xpath("//ol")
    assert [(ol.get("type"), ol.get("class"), ol.get("start")) for ol in lists] == [
        ("a", "list-lower-alpha-parens", None), ("i", "list-lower-roman", "4")]
    assert [c.text_content() for c in page.xpath("//table/caption")] == ["Table\u00a01: Usual doses", "Puffs by age"]
    grid = page.xpath("//table")[1]
    assert [th.text_content() for th in grid.xpath(".//th")] == ["Spacer", "When to use it"]
    assert [td.text_content() for td in grid.xpath(".//td")] == [
        "Small volume", "Children under 5,\nwith a face mask", "Large volume", "Adults \u2013 \u201calways\u201d"]
    simple = page.xpath("//table")[2]
    assert all("align-right" in td.get("class").split() for td in simple.xpath(".//tr[1]/td"))


def test_handout_sizes_images_and_prints_no_markup(built):
    with pdfplumber.open(built / "inhaler.pdf") as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
        assert not MARKUP.search(text), MARKUP.search(text)
        for needle in ("Reliever", "Carry it with you.", "Usual doses", "Shake the inhaler", "on a table",
                       "City Children\u2019s Hospital", "200 Main Street", "(a) Remove the cap", "(b) Breathe in slowly", "iv. Hold your breath", "v. Rinse your mouth"):
            assert needle in text
        text_width = max(c["x1"] for p in pdf.pages for c in p.chars) - min(c["x0"] for p in pdf.pages for c in p.chars)
        widths = sorted(round(img["x1"] - img["x0"], 1) for p in pdf.pages for img in p.images)
    # 2in = 144 pt; 50% of the text column is about half the widest line of text
    assert any(abs(w - 144) < 2 for w in widths), widths
    assert any(0.4 * text_width < w < 0.6 * text_width for w in widths), (widths, text_width)


def test_deck_shows_definitions_strikeout_and_sized_figure(built):
    deck = Presentation(str(built / "inhaler.pptx"))
    texts = []
    struck = []
    pictures = {}
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                for para in shape.text_frame.paragraphs:
                    texts.append(para.text)
                    for run in para.runs:
                        if run._r.get_or_add_rPr().get("strike") == "sngStrike":
                            struck.append(run.text)
            if shape.shape_type == 13:  # picture
                pictures[shape._element.xpath("./p:nvPicPr/p:cNvPr")[0].get("descr")] = shape.width
            if shape.has_table:
                texts.extend(c.text for row in shape.table.rows for c in row.cells)
    numbering = [(n.get("type"), n.get("startAt")) for slide in deck.slides for shape in slide.shapes
                 if shape.has_text_frame for n in shape._element.xpath(".//a:buAutoNum")]
    assert ("alphaLcParenBoth", "1") in numbering and ("romanLcPeriod", "4") in numbering, numbering
    joined = "\n".join(texts)
    assert not MARKUP.search(joined), MARKUP.search(joined)
    assert "Reliever" in texts and "Preventer" in texts
    assert "City Children\u2019s Hospital" in texts and "200 Main Street" in texts  # one slide line per line
    assert any(t.startswith("A fast inhaler") for t in texts)
    assert struck == ["never"]
    # the table's slide title, without its {#tbl-doses}
    assert any(re.fullmatch(r"Table\s1: Usual doses", t) for t in texts), texts
    assert abs(Emu(pictures["Spacer attached"]).inches - 2.0) < 0.02
    assert "When to use it" in texts and "Adults \u2013 \u201calways\u201d" in texts  # the grid table, as a table
