"""Slides as HTML, drawn from the deck plan: the boxes, positions, sizes and text the .pptx is written from.

A preview costs milliseconds because nothing is measured or laid out again: each :class:`TextBox`,
:class:`TableBox` and :class:`PictureBox` of :func:`medprint.writers.pptx.layout.plan_deck` becomes an absolutely
positioned box at its EMU rectangle (``data-emu``, so a test can compare it with the deck's shapes), set in the
deck's font (Liberation Sans, metric-compatible with the Arial the deck declares) at the planned point sizes,
with the template's theme colours.  Speaker notes go beneath each slide.
"""

from __future__ import annotations

import base64
import mimetypes
import re
import zipfile
from html import escape
from pathlib import Path

from ..model import Run
from ..writers.pptx import layout
from ..writers.pptx.measure import line_height

EMU_PER_PT = 12700
DEFAULT_COLOURS = {"dk1": "000000", "lt1": "FFFFFF", "dk2": "1F2937", "accent1": "1D4ED8"}


def theme_colours(template_path: str) -> dict[str, str]:
    """dk1/lt1/dk2/accent1 of the template's theme (hex), defaults where the theme does not say."""
    colours = dict(DEFAULT_COLOURS)
    try:
        with zipfile.ZipFile(template_path) as zf:
            names = sorted(n for n in zf.namelist() if re.fullmatch(r"ppt/theme/theme\d+\.xml", n))
            xml = zf.read(names[0]).decode("utf-8", "replace") if names else ""
    except (OSError, zipfile.BadZipFile, KeyError):
        return colours
    for name in colours:
        m = re.search(rf"<a:{name}>\s*<a:(?:srgbClr val|sysClr [^>]*lastClr)=\"([0-9A-Fa-f]{{6}})\"", xml)
        if m:
            colours[name] = m.group(1).upper()
    return colours


def _pt(emu: int) -> str:
    return f"{emu / EMU_PER_PT:.2f}pt"


def _rect_style(rect) -> str:
    x, y, w, h = rect
    return f"left:{_pt(x)};top:{_pt(y)};width:{_pt(w)};height:{_pt(h)}"


def _runs(runs: tuple[Run, ...]) -> str:
    out = []
    for run in runs:
        text = escape(run.text)
        if run.superscript:
            text = f"<sup>{text}</sup>"
        elif run.subscript:
            text = f"<sub>{text}</sub>"
        if run.small_caps:
            text = f'<span class="sc">{text}</span>'
        if run.italic:
            text = f"<i>{text}</i>"
        if run.bold:
            text = f"<b>{text}</b>"
        if run.url:
            text = f'<a href="{escape(run.url)}" target="_blank" rel="noopener noreferrer">{text}</a>'
        out.append(text)
    return "".join(out)


def _paragraph(para: layout.Para, first: bool) -> str:
    style = [f"font-size:{para.size:g}pt", f"line-height:{line_height(para.size):g}pt",
             f"margin-left:{para.margin:g}pt", f"text-indent:{para.indent:g}pt",
             f"text-align:{ {'l': 'left', 'ctr': 'center', 'r': 'right', 'just': 'justify'}.get(para.align, 'left')}"]
    if not first and para.space_before:
        style.append(f"margin-top:{para.space_before:g}pt")
    if para.bold:
        style.append("font-weight:bold")
    marker = ""
    if para.number or para.bullet:
        style.append(f"--hang:{max(-para.indent, 0):g}pt")
    if para.number:
        marker = f' data-marker="{para.number}."'
    elif para.bullet:
        marker = f' data-marker="{escape(para.bullet)}"'
    return f'<p style="{";".join(style)}"{marker}>{_runs(para.runs)}</p>'


def _text_box(box: layout.TextBox) -> str:
    x, y, w, h = box.rect
    paras = "".join(_paragraph(p, i == 0) for i, p in enumerate(box.paras))
    return (f'<div class="box text role-{escape(box.role)}" data-role="{escape(box.role)}" '
            f'data-emu="{x},{y},{w},{h}" style="{_rect_style(box.rect)}">{paras}</div>')


def _table_box(box: layout.TableBox) -> str:
    x, y, w, h = box.rect
    cols = "".join(f'<col style="width:{_pt(c)}">' for c in box.columns)
    rows = []
    for r, row in enumerate(box.cells):
        tag = "th" if r == 0 else "td"
        height = _pt(box.heights[r]) if r < len(box.heights) else "auto"
        cells = "".join(
            f'<{tag} style="text-align:{ {"ctr": "center", "r": "right"}.get(box.aligns[c] if c < len(box.aligns) else "l", "left")}">'
            f"{_runs(cell)}</{tag}>" for c, cell in enumerate(row))
        rows.append(f'<tr style="height:{height}">{cells}</tr>')
    return (f'<div class="box table" data-role="table" data-emu="{x},{y},{w},{h}" style="{_rect_style(box.rect)}">'
            f'<table style="font-size:{box.size:g}pt"><colgroup>{cols}</colgroup>{"".join(rows)}</table></div>')


def _picture_box(box: layout.PictureBox) -> str:
    x, y, w, h = box.rect
    path = Path(box.path)
    mime = mimetypes.guess_type(path.name)[0] or "image/png"
    try:
        src = f"data:{mime};base64," + base64.b64encode(path.read_bytes()).decode("ascii")
    except OSError:
        src = ""
    return (f'<div class="box picture" data-role="picture" data-emu="{x},{y},{w},{h}" '
            f'style="{_rect_style(box.rect)}"><img src="{src}" alt="{escape(box.alt)}"></div>')


def _shape(shape) -> str:
    if isinstance(shape, layout.TextBox):
        return _text_box(shape)
    if isinstance(shape, layout.TableBox):
        return _table_box(shape)
    if isinstance(shape, layout.PictureBox):
        return _picture_box(shape)
    rect = getattr(shape, "rect", None)  # a shape kind this preview does not draw yet: its place, labelled
    if rect is None:
        return ""
    x, y, w, h = rect
    return (f'<div class="box other" data-role="{escape(type(shape).__name__)}" data-emu="{x},{y},{w},{h}" '
            f'style="{_rect_style(rect)}">{escape(type(shape).__name__)}</div>')


def slides_html(deck: layout.Deck) -> str:
    """Every slide of the plan, in order, each followed by its speaker notes."""
    colours = theme_colours(deck.template.path)
    width, height = deck.template.width, deck.template.height
    out = [f'<div class="deck" lang="{escape(deck.lang)}" style="--slide-w:{_pt(width)};--slide-h:{_pt(height)};'
           f'--dk1:#{colours["dk1"]};--lt1:#{colours["lt1"]};--dk2:#{colours["dk2"]};'
           f'--accent1:#{colours["accent1"]}">']
    for n, slide in enumerate(deck.slides, start=1):
        shapes = "".join(_shape(s) for s in slide.shapes)
        notes = "".join(f"<p>{escape(line)}</p>" for line in slide.notes.split("\n") if line.strip())
        out.append(
            f'<figure class="slide-frame" id="slide-{n}" data-section="{escape(slide.section)}" '
            f'data-kind="{escape(slide.kind)}">'
            f'<div class="slide kind-{escape(slide.kind)}" role="img" aria-label="Slide {n}: {escape(slide.title)}" '
            f'style="width:{_pt(width)};height:{_pt(height)}">{shapes}</div>'
            f'<figcaption class="notes"><span class="slide-no">Slide {n}</span>{notes}</figcaption></figure>')
    out.append("</div>")
    return "".join(out)
