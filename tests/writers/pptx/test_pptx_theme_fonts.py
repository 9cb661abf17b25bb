"""An organisation's template keeps its typefaces and list styles; layouts made for another slide size are reported.

The template is built here from medprint's default master: its theme names
Georgia (major) and Verdana (minor), and its body style gives every list level
its own indent, bullet and colours.
"""

from __future__ import annotations

import io
import re
import shutil
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation

from medprint.report import collecting
from medprint.writers.pptx import plan_deck, render_pptx
from medprint.writers.pptx.fonts import measure_for
from medprint.writers.pptx.layout import TextBox
from medprint.writers.pptx.template import load_template

HERE = Path(__file__).resolve().parent
STYLES = HERE.parents[2] / "styles"
sys.path.insert(0, str(HERE))
import overflow_check

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS = {"a": A, "p": P}
PLUM, TEAL, GREY = "7B2D6B", "0F6E6E", "404040"


def _part_xml(part):
    return etree.fromstring(part.blob)


def _set_blob(part, root) -> None:
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def georgia_verdana_template(path: Path) -> Path:
    """medprint's default master with Georgia/Verdana theme fonts and its own list levels."""
    prs = Presentation(str(STYLES / "slides" / "default.pptx"))
    master = prs.slide_master
    for rel in master.part.rels.values():
        if rel.reltype.endswith("/theme"):
            theme = _part_xml(rel.target_part)
            theme.find(".//a:fontScheme/a:majorFont/a:latin", NS).set("typeface", "Georgia")
            theme.find(".//a:fontScheme/a:minorFont/a:latin", NS).set("typeface", "Verdana")
            theme.find(".//a:fontScheme", NS).set("name", "Organisation")
            _set_blob(rel.target_part, theme)
    body_style = master._element.find("p:txStyles/p:bodyStyle", NS)
    for n, (char, colour, bullet_colour) in enumerate((("▪", GREY, PLUM), ("◦", TEAL, TEAL), ("▪", GREY, PLUM)), 1):
        lvl = body_style.find(f"a:lvl{n}pPr", NS)
        lvl.set("marL", str(320040 * n))
        lvl.set("indent", "-274320")
        for old in lvl.findall("a:buChar", NS) + lvl.findall("a:buClr", NS):
            lvl.remove(old)
        clr = etree.Element(f"{{{A}}}buClr")
        etree.SubElement(clr, f"{{{A}}}srgbClr", val=bullet_colour)
        lvl.insert(1, clr)  # after spcBef, before the bullet's character (schema order)
        etree.SubElement(lvl, f"{{{A}}}buChar", char=char)
        lvl.append(lvl.find("a:defRPr", NS))  # defRPr last
        fill = lvl.find("a:defRPr/a:solidFill", NS)
        for child in list(fill):
            fill.remove(child)
        etree.SubElement(fill, f"{{{A}}}srgbClr", val=colour)
    prs.save(str(path))
    return path


def _on_template(document, folder: Path, template: Path):
    for image in Path(document.source_path).parent.glob("*.png"):
        shutil.copy(image, folder)
    meta = replace(document.meta, slides=(("template", template.name),))
    return replace(document, meta=meta, source_path=str(folder / "index.md"))


@pytest.fixture(scope="module")
def org_deck(tmp_path_factory, long_doc):
    folder = tmp_path_factory.mktemp("org")
    template = georgia_verdana_template(folder / "org.pptx")
    document, citations = long_doc
    moved = _on_template(document, folder, template)
    with collecting() as warnings:
        data = render_pptx(moved, citations, styles=STYLES)
    return data, warnings, moved, citations


def _typefaces(data: bytes) -> dict[str, set[str]]:
    """Every typeface named in the deck's slides, layouts, masters and theme fonts, per part."""
    found: dict[str, set[str]] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in zf.namelist():
            if not name.startswith("ppt/") or not name.endswith(".xml") or "notes" in name.lower():
                continue
            root = etree.fromstring(zf.read(name))
            if name.startswith("ppt/theme/"):
                elements = root.findall(".//a:fontScheme/*/a:latin", NS)
            else:
                elements = [el for el in root.iter() if isinstance(el.tag, str) and el.get("typeface") is not None]
            names = {el.get("typeface") for el in elements} - {""}
            if names:
                found[name] = names
    return found


def test_the_deck_declares_only_the_themes_typefaces(org_deck):
    data = org_deck[0]
    typefaces = _typefaces(data)
    named = set().union(*typefaces.values())
    assert named - {"+mj-lt", "+mn-lt", "+mj-ea", "+mn-ea", "+mj-cs", "+mn-cs"} == {"Georgia", "Verdana"}
    with zipfile.ZipFile(io.BytesIO(data)) as zf:  # (a theme's fonts for other scripts, e.g. Arabic, may be Arial)
        assert not any(b"Arial" in zf.read(n) for n in zf.namelist() if n.startswith("ppt/slide"))
    prs = Presentation(io.BytesIO(data))
    titles = bodies = 0
    for slide in prs.slides:
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            fonts = {r.font.name for p in shape.text_frame.paragraphs for r in p.runs}
            if shape.name == "Title":
                titles += 1
                assert fonts <= {"Georgia"}, (shape.text_frame.text, fonts)
            elif shape.name in ("Body", "References"):
                bodies += 1
                assert fonts <= {"Verdana"}, (shape.text_frame.text, fonts)
    assert titles >= 20 and bodies >= 15


def test_the_templates_list_levels_are_used(org_deck):
    prs = Presentation(io.BytesIO(org_deck[0]))
    seen = set()
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.name != "Body":
                continue
            for p in shape.text_frame.paragraphs:
                ppr = p._p.pPr
                char = ppr.find(f"{{{A}}}buChar")
                if char is None:
                    continue
                level = round(int(ppr.get("marL")) / 320040)
                assert int(ppr.get("marL")) == 320040 * level and ppr.get("indent") == "-274320"
                assert char.get("char") == ("◦" if level == 2 else "▪")
                bullet_colour = ppr.find(f"{{{A}}}buClr/{{{A}}}srgbClr").get("val")
                assert bullet_colour == (TEAL if level == 2 else PLUM)
                assert ppr.find(f"{{{A}}}buFont").get("typeface") == "Verdana"
                text_colours = {r._r.find(f"{{{A}}}rPr/{{{A}}}solidFill/{{{A}}}srgbClr").get("val") for r in p.runs
                                if r.hyperlink.address is None}
                assert text_colours == {TEAL if level == 2 else GREY}
                seen.add(level)
    assert seen == {1, 2}


def test_text_is_measured_with_the_themes_fonts(org_deck, long_doc):
    """Titles with Georgia's stand-in, body text with Verdana's (both counted wider), not with Arial's."""
    from medprint.writers.pptx.layout import Planner

    _, _, moved, citations = org_deck
    org, default = Planner(moved, citations, STYLES), Planner(*long_doc, STYLES)
    text = "Microbiome-directed strategies in cancer immunotherapy"
    assert org.tpl.title_font == "Georgia" and org.tpl.body_font == "Verdana"
    assert org.metrics.run_width(text, 24, False, False) > 1.15 * default.metrics.run_width(text, 24, False, False)
    assert org.title_metrics.run_width(text, 36, True, False) > org.metrics.run_width(text, 36, True, False) * 0.9
    assert org.title_metrics is not org.metrics
    body = [b for s in plan_deck(moved, citations, styles=STYLES).slides for b in s.shapes
            if isinstance(b, TextBox) and b.role == "body"]
    assert body and all(p.lines == org._wrap(p, b.rect[2] / 12700).lines for b in body for p in b.paras)


def test_fonts_without_a_metric_compatible_substitute_are_measured_wider_and_said(org_deck):
    warnings = org_deck[1]
    fonts = [w for w in warnings if w.code == "slides.template-font"]
    assert len(fonts) == 2 and all("8% wider" in w.message for w in fonts)
    assert {w.severity for w in fonts} == {"info"}  # nothing the author can install: a note, not a warning
    assert {re.search(r"'(\w+)'", w.message.split(":", 1)[1]).group(1) for w in fonts} == {"Georgia", "Verdana"}
    georgia = measure_for("Georgia", str(STYLES / "fonts" / "liberation-sans"))
    assert georgia.factor > 1 and not georgia.exact
    calibri = measure_for("Calibri", str(STYLES / "fonts" / "liberation-sans"))
    assert calibri.exact and calibri.factor == 1.0 and calibri.family == "Carlito" and not calibri.note
    unknown = measure_for("Frutiger Next Pro", str(STYLES / "fonts" / "liberation-sans"))
    assert unknown.factor > 1 and "not installed" in unknown.note and unknown.hint


@pytest.mark.soffice
@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not on PATH")
def test_libreoffice_draws_the_georgia_verdana_deck_without_overflow(org_deck, tmp_path):
    assert overflow_check.check_deck(org_deck[0], tmp_path) == []


def test_layouts_made_for_4_3_in_a_16_9_deck_are_reported(tmp_path):
    prs = Presentation()  # python-pptx's own 4:3 master
    prs.slide_width = 12192000  # widened to 16:9 without resizing its layouts
    prs.save(str(tmp_path / "narrow.pptx"))
    tpl = load_template(tmp_path / "narrow.pptx")
    assert tpl.misfits and "narrower slide" in tpl.misfits[0]
    prs = Presentation()
    prs.slide_width = 6858000  # layouts reach past a narrowed slide
    prs.save(str(tmp_path / "wide.pptx"))
    tpl = load_template(tmp_path / "wide.pptx")
    assert tpl.misfits and "beyond" in tpl.misfits[0]
    assert all(r[0] + r[2] <= tpl.width for r in (tpl.title, tpl.body, tpl.cover_title))
    assert load_template(STYLES / "slides" / "default.pptx").misfits == ()


def test_a_misfit_template_is_a_warning_at_build(tmp_path, long_doc):
    prs = Presentation()
    prs.slide_width = 12192000
    prs.save(str(tmp_path / "narrow.pptx"))
    document, citations = long_doc
    moved = _on_template(document, tmp_path, tmp_path / "narrow.pptx")
    with collecting() as warnings:
        plan_deck(moved, citations, styles=STYLES)
    sizes = [w for w in warnings if w.code == "slides.template-size"]
    assert sizes and "narrow.pptx" in sizes[0].message and sizes[0].location is not None


@pytest.fixture(scope="module")
def body_placeholder_deck(tmp_path_factory, sample):
    """The sample on the Georgia/Verdana template without a "Title Only" layout: "Title and Content" is used."""
    folder = tmp_path_factory.mktemp("body")
    template = georgia_verdana_template(folder / "org.pptx")
    prs = Presentation(str(template))
    for layout in list(prs.slide_layouts):
        if layout.name == "Title Only":
            prs.slide_layouts.remove(layout)
    prs.save(str(template))
    document, citations = sample
    return render_pptx(_on_template(document, folder, template), citations, styles=STYLES)


def test_the_layouts_body_placeholder_holds_the_slide_text(body_placeholder_deck):
    prs = Presentation(io.BytesIO(body_placeholder_deck))
    bodies = [shape for slide in prs.slides for shape in slide.shapes if shape.name == "Body"]
    assert bodies and all(shape.is_placeholder for shape in bodies)
    assert {shape.placeholder_format.type.name for shape in bodies} <= {"BODY", "OBJECT"}
    for slide in prs.slides:  # no empty placeholder is left ("Click to add text")
        assert all(shape.has_text_frame and shape.text_frame.text.strip() for shape in slide.placeholders)


@pytest.mark.soffice
@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not on PATH")
def test_libreoffice_draws_the_body_placeholder_deck_without_overflow(body_placeholder_deck, tmp_path):
    assert overflow_check.check_deck(body_placeholder_deck, tmp_path) == []


def _pandoc() -> str | None:
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        return shutil.which("pandoc")


@pytest.mark.soffice
@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None or _pandoc() is None, reason="LibreOffice or Pandoc missing")
def test_long_deck_on_pandocs_reference_template_has_no_overflow(long_doc, tmp_path):
    """Pandoc's own reference.pptx (Office theme, Calibri, a short subtitle box on its title slide)."""
    import subprocess

    template = tmp_path / "reference.pptx"
    subprocess.run([_pandoc(), "-o", str(template), "--print-default-data-file", "reference.pptx"], check=True,
                   capture_output=True, timeout=60)
    document, citations = long_doc
    data = render_pptx(_on_template(document, tmp_path, template), citations, styles=STYLES)
    assert {r.font.name for s in Presentation(io.BytesIO(data)).slides for sh in s.shapes if sh.has_text_frame
            for p in sh.text_frame.paragraphs for r in p.runs} == {"Calibri"}
    assert overflow_check.check_deck(data, tmp_path) == []
