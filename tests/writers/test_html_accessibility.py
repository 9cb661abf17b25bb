"""The web page's accessible tables, notes and fonts, read back with lxml (the browser check is tests/validators)."""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from lxml import html as lxml_html

from medprint.citations import render_citations
from medprint.paths import styles_dir
from medprint.readers.source import read_source
from medprint.writers.html import render_html

LONG = Path(__file__).resolve().parents[1] / "validators" / "docs" / "long-review" / "index.md"


@pytest.fixture(scope="module")
def pages():
    doc = read_source(LONG)
    cits = render_citations(doc)
    web = render_html(doc, cits, styles=styles_dir())
    printed = render_html(doc, cits, styles=styles_dir(), for_print=True)
    return web, lxml_html.fromstring(web), lxml_html.fromstring(printed)


def test_tables_scroll_in_a_focusable_region_named_by_the_caption(pages):
    _, tree, _ = pages
    regions = tree.xpath("//div[contains(@class, 'table-scroll')]")
    assert len(regions) == 2
    for region in regions:
        assert region.get("role") == "region" and region.get("tabindex") == "0"
        (caption,) = region.xpath("./table/caption")
        assert region.get("aria-labelledby") == caption.get("id") and caption.text_content().strip()
    assert "wide" in regions[1].get("class").split() and "wide" not in regions[0].get("class").split()


def test_short_values_do_not_wrap_but_sentences_do(pages):
    _, tree, _ = pages
    dosing = tree.xpath("//div[contains(@class, 'table-scroll')]")[1]
    first_row = dosing.xpath(".//tbody/tr[1]/td")
    assert [("num" in (td.get("class") or "")) for td in first_row] == [False, True, True, True, True, True, True]
    long_cells = tree.xpath("//div[contains(@class, 'table-scroll')][1]//tbody/tr[1]/td[5]")
    assert "num" not in (long_cells[0].get("class") or "")  # "Response higher with diverse microbiota"


def test_print_tables_keep_the_plain_table(pages):
    _, _, printed = pages
    assert not printed.xpath("//div[contains(@class, 'table-scroll')]")
    assert len(printed.xpath("//table/caption")) == 2


def test_back_links_are_named_by_what_they_show_and_say(pages):
    _, tree, _ = pages
    links = tree.xpath("//a[@role='doc-backlink']")
    assert len(links) == 3
    for n, link in enumerate(links, start=1):
        assert link.get("aria-label") is None  # the name is the link's own text
        assert link.xpath("string(./span[@aria-hidden='true'])") == "↩"
        assert link.xpath("string(./span[@class='visually-hidden'])") == f"Back to note {n} in the text"


def test_footer_faces_are_embedded_with_the_page(pages):
    web, _, _ = pages
    faces = re.findall(r'font-family: "([^"]+)"; src: url\("data:font/woff;base64,([^"]+)"\) format\("woff"\); '
                       r"font-weight: (\d+); font-style: (\w+)", web)
    declared = {(family, weight, style) for family, _, weight, style in faces}
    assert {("Source Sans Pro", "400", "normal"), ("Source Sans Pro", "700", "normal"),
            ("Source Sans Pro", "400", "italic"), ("Source Serif Pro", "400", "normal")} <= declared
    sans = next(data for family, data, weight, style in faces if family == "Source Sans Pro" and weight == "400"
                and style == "normal")
    cmap = TTFont(io.BytesIO(base64.b64decode(sans))).getBestCmap()
    assert all(ord(c) in cmap for c in "Assessed and Endorsed · © 2025")


def test_nested_bullets_use_characters_the_fonts_have():
    css = (styles_dir() / "handout" / "handout.css").read_text(encoding="utf-8")
    markers = re.findall(r'list-style-type: "\\([0-9A-F]{4})', css)
    assert markers and {m for m in markers} <= {"2013", "2022"}
