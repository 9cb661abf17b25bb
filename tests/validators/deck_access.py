"""The rules of PowerPoint's accessibility checker that a generated deck can break, read with python-pptx.

* every slide has a title, and no two slides share one (a screen reader lists slides by title);
* every picture and graphic has alternative text (``descr``) unless marked decorative;
* every table has a header row (``firstRow`` on, and the first row says something);
* the reading order (the shape tree's order) starts with the title.
"""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"
TITLE_TYPES = {"title", "ctrTitle"}


def _title_shape(slide):
    for shape in slide.shapes:
        ph = shape._element.find(f".//{P}nvPr/{P}ph")
        if ph is not None and ph.get("type") in TITLE_TYPES:
            return shape
    return None


def _decorative(element) -> bool:
    return any(ext.get("val") == "1" for ext in element.iter(DECORATIVE))


def deck_problems(path: Path) -> list[str]:
    """What PowerPoint's accessibility checker would list for the deck at ``path`` (empty when clean)."""
    prs = Presentation(str(path))
    problems, titles = [], {}
    for number, slide in enumerate(prs.slides, start=1):
        where = f"slide {number}"
        title = _title_shape(slide)
        text = title.text_frame.text.strip() if title is not None and title.has_text_frame else ""
        if not text:
            problems.append(f"{where}: missing slide title")
        elif text in titles:
            problems.append(f"{where}: duplicate slide title '{text}' (also slide {titles[text]})")
        else:
            titles[text] = number
        shapes = list(slide.shapes)
        if title is not None and shapes and shapes[0].shape_id != title.shape_id:
            problems.append(f"{where}: reading order starts with '{shapes[0].name}', not the title")
        for shape in shapes:
            element = shape._element
            tag = element.tag.rsplit("}", 1)[-1]
            c_nv_pr = element.find(f".//{P}cNvPr")
            if tag == "pic" or (tag == "graphicFrame" and element.find(f".//{A}tbl") is None):
                if c_nv_pr is not None and not (c_nv_pr.get("descr") or "").strip() and not _decorative(c_nv_pr):
                    problems.append(f"{where}: '{shape.name}' has no alternative text")
            table = element.find(f".//{A}tbl")
            if table is not None:
                props = table.find(f"{A}tblPr")
                if props is None or props.get("firstRow") not in ("1", "true"):
                    problems.append(f"{where}: table '{shape.name}' has no header row")
                first = table.find(f"{A}tr")
                if first is None or not "".join(first.itertext()).strip():
                    problems.append(f"{where}: table '{shape.name}' has an empty header row")
    return problems
