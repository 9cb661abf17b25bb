"""A Quarto-style document (figure, table and equation cross-references, callouts, inline and display math)
built into all three outputs and read back: same numbers everywhere, math as MathML / tagged vector pictures /
slide pictures with the TeX as alternative text, and no markup printed as text."""

from __future__ import annotations

import re
import zipfile

import pdfplumber
import pikepdf
import pytest
from lxml import html as lxml_html
from PIL import Image, ImageDraw
from pptx import Presentation
from pptx.oxml.ns import qn

from medprint import api

pytestmark = pytest.mark.slow

SOURCE = """---
title: "Lung zones and dosing"
author: Jane Doe
date: 2025-03-01
references:
  - id: smith2020
    type: article-journal
    title: Lung zones
    author: [{family: Smith, given: Ann}]
    issued: {date-parts: [[2020]]}
    container-title: Thorax
---

Dosing depends on weight [@smith2020].

# Zones {#sec-zones}

See @fig-zones and @tbl-doses; the index is @eq-bmi, where $m$ is the mass and $h$ the height, so
$d = 2 \\times w$ holds. Costs $20 and $30.

![Zones of the lung](zones.png){#fig-zones}

| Drug | Dose |
|------|-----:|
| A    | 5 mg |
| B    | 10 mg |

: Usual doses {#tbl-doses}

$$\\mathrm{BMI} = \\frac{m}{h^2}$$ {#eq-bmi}

::: {.callout-warning title="Call emergency services"}
If the child cannot speak in full sentences, call 911 (zones in [-@fig-zones]).
:::

::: {.callout-tip collapse="true"}
## Spacer tips

Use a spacer with every puff.
:::

# Methods {#sec-methods}

As in @sec-zones and @tbl-doses, with $\\sqrt{x^2+1} \\le \\frac{a+b}{2}$.
"""

TEX = ["m", "h", "d = 2 \\times w", "\\mathrm{BMI} = \\frac{m}{h^2}", "\\sqrt{x^2+1} \\le \\frac{a+b}{2}"]
MARKUP = re.compile(r"\$|\{#|@fig|@tbl|@eq|@sec|:::|callout-|\\frac|\\times")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("quarto")
    src = folder / "doc"
    src.mkdir()
    (src / "index.md").write_text(SOURCE, encoding="utf-8")
    image = Image.new("RGB", (400, 250), "white")
    ImageDraw.Draw(image).ellipse([100, 60, 300, 200], fill="lightblue")
    image.save(src / "zones.png")
    result = api.build_document(src / "index.md", folder / "out")
    return result


def test_no_warning_about_the_constructs(built):
    codes = {w.code for w in built.warnings}
    assert not codes & {"markdown.bad-math", "markdown.unclosed-math", "handout.weasyprint", "handout.font-fallback"}


def test_handout_pdf(built):
    pdf = built.outputs["pdf"]
    with pdfplumber.open(pdf) as doc:
        text = "\n".join(page.extract_text() for page in doc.pages)
    flat = re.sub(r"\s+", " ", text.replace("\u00a0", " "))
    for expected in ("See Figure 1 and Table 1", "the index is Equation 1", "Figure 1: Zones of the lung",
                     "Table 1: Usual doses", "(1)", "Call emergency services", "zones in 1)", "Spacer tips",
                     "As in Section 1 and Table 1", "1 Zones", "2 Methods", "Costs $20 and $30"):
        assert expected in flat, expected
    assert not MARKUP.search(flat.replace("Costs $20 and $30", ""))
    with pikepdf.open(pdf) as doc:
        alts, formulas = set(), []

        def walk(node):
            if isinstance(node, pikepdf.Dictionary):
                if node.get("/S") in ("/Figure", "/Formula") and "/Alt" in node:
                    alts.add(str(node["/Alt"]))
                if node.get("/S") == "/Formula":
                    formulas.append(str(node.get("/Alt", "")))
                kids = node.get("/K")
                if isinstance(kids, pikepdf.Array):
                    for kid in kids:
                        walk(kid)
                elif isinstance(kids, pikepdf.Dictionary):
                    walk(kids)

        walk(doc.Root.StructTreeRoot)
        assert set(TEX) <= alts  # every formula is tagged with its TeX as alternative text
        assert set(TEX) <= set(formulas)  # as a Formula, not a picture
        structure = {str(n.get("/S")) for n in _all(doc.Root.StructTreeRoot)}
        assert "/Sect" in structure  # the callouts


def _all(node):
    out = [node]
    kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
    if isinstance(kids, pikepdf.Array):
        for kid in kids:
            if isinstance(kid, pikepdf.Dictionary):
                out.extend(_all(kid))
    elif isinstance(kids, pikepdf.Dictionary):
        out.extend(_all(kids))
    return out


def test_web_page(built):
    root = lxml_html.fromstring(built.outputs["html"].read_bytes())
    maths = root.xpath("//*[local-name()='math']")
    assert [m.get("alttext") for m in maths] == TEX
    assert maths[3].get("display") == "block"
    links = [(a.get("href"), a.text_content()) for a in root.xpath("//a[@class='quarto-xref']")]
    assert links == [("#fig-zones", "Figure\u00a01"), ("#tbl-doses", "Table\u00a01"), ("#eq-bmi", "Equation\u00a01"),
                     ("#fig-zones", "1"), ("#sec-zones", "Section\u00a01"), ("#tbl-doses", "Table\u00a01")]
    for anchor in ("fig-zones", "tbl-doses", "eq-bmi", "sec-zones"):
        assert root.xpath(f"//*[@id='{anchor}']"), anchor
    assert root.xpath("//figure[@id='fig-zones']/figcaption")[0].text_content() == "Figure\u00a01: Zones of the lung"
    callouts = root.xpath("//section[contains(@class,'callout')]")
    assert [c.get("class") for c in callouts] == ["callout callout-warning", "callout callout-tip"]
    for callout in callouts:
        assert callout.get("role") == "note"
        assert root.xpath(f"//*[@id='{callout.get('aria-labelledby')}']")
    assert callouts[1].xpath(".//details/summary")[0].text_content().strip() == "Spacer tips"
    body = root.xpath("//main")[0]
    for node in body.xpath(".//*[local-name()='math']"):
        node.getparent().remove(node)
    assert not MARKUP.search(body.text_content().replace("Costs $20 and $30", ""))


def test_deck(built):
    deck = Presentation(built.outputs["pptx"])
    texts, pictures, callouts = [], [], []
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if shape.shape_type == 13:  # picture
                pictures.append(shape._element.nvPicPr.cNvPr.get("descr"))
            if shape.name.startswith("Callout"):
                callouts.append(shape.name)
    flat = re.sub(r"\s+", " ", " ".join(texts).replace("\u00a0", " "))
    for expected in ("See Figure 1 and Table 1", "Equation 1", "Figure 1: Zones of the lung", "Table 1: Usual doses",
                     "(1)", "Call emergency services", "zones in 1)", "As in Section 1 and Table 1", "d = 2 × w"):
        assert expected in flat, expected
    assert not MARKUP.search(flat.replace("Costs $20 and $30", ""))
    assert "\\mathrm{BMI} = \\frac{m}{h^2}" in pictures
    # each reference jumps to the slide that shows what it names
    slides = list(deck.slides)
    jumps = []
    for number, slide in enumerate(slides, 1):
        for run in slide._element.iter(qn("a:r")):
            link = run.find(qn("a:rPr") + "/" + qn("a:hlinkClick"))
            if link is not None and link.get("action") == "ppaction://hlinksldjump":
                target = slide.part.rels[link.get(qn("r:id"))].target_part
                shown = next(s for s in slides if s.part is target)
                shown_text = " ".join(sh.text_frame.text for sh in shown.shapes if sh.has_text_frame)
                jumps.append((run.findtext(qn("a:t")).replace("\u00a0", " "), shown_text.replace("\u00a0", " ")))
    assert [text for text, _ in jumps] == ["Figure 1", "Table 1", "Equation 1", "1", "Section 1", "Table 1"]
    assert "Figure 1: Zones" in jumps[0][1]
    assert jumps[1][1].startswith("Table 1: Usual doses")
    assert jumps[4][1].startswith("1 Zones")
    assert "(1)" in jumps[2][1]
    assert callouts == ["Callout (Warning)", "Callout (Tip)"]
    with zipfile.ZipFile(built.outputs["pptx"]) as package:
        names = package.namelist()
        assert any(n.startswith("ppt/media/") and n.endswith(".svg") for n in names)
        assert any("svgBlip" in package.read(n).decode("utf-8") for n in names if n.startswith("ppt/slides/slide"))


def test_bad_tex_builds_everywhere_shown_as_code(tmp_path):
    src = tmp_path / "bad"
    src.mkdir()
    (src / "index.md").write_text("---\ntitle: Bad math\n---\n\n# One\n\nA broken $\\frac{1}{$ formula and "
                                  "$\\foo{x}$ too.\n\n$$x^$$\n", encoding="utf-8")
    result = api.build_document(src / "index.md", tmp_path / "out")
    bad = [(str(w.location), w.code) for w in result.warnings if w.code == "markdown.bad-math"]
    assert [loc.split(":", 1)[1] for loc, _ in bad] == ["7:10", "7:34", "9:1"]
    root = lxml_html.fromstring(result.outputs["html"].read_bytes())
    assert [c.text_content() for c in root.xpath("//code[@class='math-error']")] == [
        "$\\frac{1}{$", "$\\foo{x}$", "$$x^$$"]
    with pdfplumber.open(result.outputs["pdf"]) as doc:
        text = "".join(page.extract_text() for page in doc.pages)
    assert "$\\frac{1}{$" in text and "$$x^$$" in text
    deck = Presentation(result.outputs["pptx"])
    slide_text = " ".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes
                          if shape.has_text_frame)
    assert "$$x^$$" in slide_text
