"""Organisation templates: layouts found by placeholder type, clear errors, hostile files refused."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation

from medprint import api
from medprint.errors import LimitError, SourceError, UnsafePathError
from medprint.writers.pptx import plan_deck, render_pptx
from medprint.writers.pptx.template import load_template

STYLES = Path(__file__).resolve().parents[3] / "styles"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"

SOURCE = """---
title: Template test
organization: Example Org
slides:
  template: {template}
---

# First section

A first paragraph about nothing in particular. A second sentence.

# Second section

- one
- two
"""


def _source(tmp_path: Path, template: str = "org.pptx") -> Path:
    path = tmp_path / "index.md"
    path.write_text(SOURCE.format(template=template), encoding="utf-8")
    return path


def _build(path: Path) -> bytes:
    document = api.read(path)
    return render_pptx(document, api.cite(document), styles=STYLES)


def _org_template(with_sample_slide: bool = True) -> bytes:
    prs = Presentation()  # a 4:3 master with the usual layout names
    if with_sample_slide:
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = "Sample slide from the organisation"
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def test_organisation_template_is_used_and_its_sample_slides_dropped(tmp_path):
    (tmp_path / "org.pptx").write_bytes(_org_template())
    prs = Presentation(io.BytesIO(_build(_source(tmp_path))))
    assert prs.slide_width == 9144000  # the organisation's 4:3 master, not the default
    names = [s.shapes.title.text_frame.text for s in prs.slides]
    assert "Sample slide from the organisation" not in names
    assert names[:3] == ["Template test", "First section", "Second section"]
    assert prs.slides[1].slide_layout.name == "Title Only"
    assert prs.slides[0].slide_layout.name == "Title Slide"


def test_default_template_is_found_by_placeholder_type():
    tpl = load_template(STYLES / "slides" / "default.pptx")
    assert (tpl.width, tpl.height) == (12192000, 6858000)
    prs = Presentation(str(STYLES / "slides" / "default.pptx"))
    assert prs.slide_layouts[tpl.title_layout].name == "Title Slide"
    assert prs.slide_layouts[tpl.content_layout].name == "Title Only"
    assert tpl.body[1] >= tpl.title[1] + tpl.title[3]
    assert tpl.footer[1] >= tpl.body[1] + tpl.body[3]


def test_template_without_a_title_layout_is_a_clear_error(tmp_path):
    prs = Presentation()
    for layout in prs.slide_layouts:
        for ph in list(layout.placeholders):
            if ph.placeholder_format.type.name in ("TITLE", "CENTER_TITLE"):
                ph._element.getparent().remove(ph._element)
    prs.save(str(tmp_path / "org.pptx"))
    document = api.read(_source(tmp_path))
    with pytest.raises(SourceError) as err:
        plan_deck(document, api.cite(document), styles=STYLES)
    assert err.value.code == "template.missing-layout"
    assert "title placeholder" in err.value.problems[0].message and "org.pptx" in err.value.problems[0].message
    assert err.value.location is not None and err.value.location.line > 0
    assert err.value.problems[0].format().count("\n") == 0


def test_zip_bomb_is_refused_before_opening(tmp_path, monkeypatch):
    (tmp_path / "org.pptx").write_bytes(_org_template())
    monkeypatch.setenv("MEDPRINT_LIMIT_TEMPLATE_EXPANDED_BYTES", "50000")
    with pytest.raises(LimitError) as err:
        _build(_source(tmp_path))
    assert err.value.code == "limit.template-expanded"
    monkeypatch.delenv("MEDPRINT_LIMIT_TEMPLATE_EXPANDED_BYTES")
    monkeypatch.setenv("MEDPRINT_LIMIT_TEMPLATE_MEMBERS", "10")
    with pytest.raises(LimitError) as err:
        _build(_source(tmp_path))
    assert err.value.code == "limit.template-members"


def test_xml_entities_are_refused(tmp_path):
    src = zipfile.ZipFile(io.BytesIO(_org_template(False)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "ppt/presentation.xml":
                data = data.replace(b"?>", b'?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]>', 1)
            dst.writestr(info, data)
    (tmp_path / "org.pptx").write_bytes(out.getvalue())
    with pytest.raises(SourceError) as err:
        _build(_source(tmp_path))
    assert err.value.code == "template.unsafe-xml"


def test_not_a_pptx(tmp_path):
    (tmp_path / "org.pptx").write_text("not a zip")
    with pytest.raises(SourceError) as err:
        _build(_source(tmp_path))
    assert err.value.code == "template.invalid"


def test_template_outside_the_source_folder_is_refused(tmp_path):
    inner = tmp_path / "doc"
    inner.mkdir()
    (tmp_path / "org.pptx").write_bytes(_org_template())
    with pytest.raises(UnsafePathError):
        _build(_source(inner, "../org.pptx"))


def test_deterministic_zip_keeps_order_and_fixes_times():
    from medprint.writers.pptx.render import deterministic_zip

    data = deterministic_zip(_org_template(), (2025, 3, 1, 0, 0, 0))
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.namelist()[0] == "[Content_Types].xml"
        assert {i.date_time for i in zf.infolist()} == {(2025, 3, 1, 0, 0, 0)}
    assert deterministic_zip(data, (2025, 3, 1, 0, 0, 0)) == data
    etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("ppt/presentation.xml"))


def test_template_whose_title_fills_the_slide_is_refused(tmp_path):
    prs = Presentation()
    for layout in prs.slide_layouts:
        for ph in layout.placeholders:
            if ph.placeholder_format.type.name == "TITLE":
                ph.top, ph.height = 0, prs.slide_height - 400000
    prs.save(str(tmp_path / "org.pptx"))
    document = api.read(_source(tmp_path))
    with pytest.raises(SourceError) as err:
        plan_deck(document, api.cite(document), styles=STYLES)
    assert err.value.code == "template.layout-too-small" and err.value.location is not None
