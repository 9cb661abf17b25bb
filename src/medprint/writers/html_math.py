"""TeX math in the web page (MathML) and the print handout (vector SVG), and Quarto callouts, as escaped HTML.

Web: ``<math>`` from latex2mathml, parsed and re-serialised by lxml so only
MathML elements and escaped text reach the page, with the TeX in ``alttext``.
Print: an ``<img>`` of ziamath's SVG (glyph outlines, so the PDF needs no math
font), sized in ems and lowered by its depth so inline math sits on the line's
baseline; WeasyPrint tags it as a Figure whose Alt is the TeX.  TeX that cannot
be read is shown as code (the reader has already warned where it is).
"""

from __future__ import annotations

import base64

from lxml import etree
from markupsafe import Markup

from ..mathtex import MathError, mathml
from ..model import Math
from .math_render import picture

_MATHML_NS = "http://www.w3.org/1998/Math/MathML"


def math_html(node: Math, for_print: bool, anchor: str = "") -> Markup:
    """One ``Math`` inline: MathML on the web, an SVG picture in print; display math gets its own line."""
    try:
        inner = _picture(node) if for_print else _mathml(node)
    except MathError:
        delim = "$$" if node.display else "$"
        inner = Markup('<code class="math-error">{}</code>').format(f"{delim}{node.tex}{delim}")
    if not node.display:
        return Markup('<span class="math inline">{}</span>').format(inner)
    number = Markup('<span class="equation-number">({})</span>').format(node.number) if node.number else ""
    ident = Markup(' id="{}"').format(anchor) if anchor else ""
    return Markup('<span class="math display"{}>{}{}</span>').format(ident, inner, number)


def _mathml(node: Math) -> Markup:
    root = etree.fromstring(mathml(node.tex, node.display).encode("utf-8"))
    for element in root.iter():
        if not isinstance(element.tag, str) or not element.tag.startswith("{" + _MATHML_NS + "}"):
            raise MathError("not MathML")  # never: latex2mathml writes MathML only; refuse anything else
        for name in list(element.attrib):
            if name.lower().startswith("on") or name.lower() in ("href", "src", "style"):
                del element.attrib[name]
    root.set("alttext", node.tex.strip())
    if node.display:
        root.set("display", "block")
    return Markup(etree.tostring(root, encoding="unicode"))


def _picture(node: Math) -> Markup:
    pic = picture(node.tex, node.display)
    uri = "data:image/svg+xml;base64," + base64.b64encode(pic.svg.encode("utf-8")).decode("ascii")
    style = f"width:{pic.width:.3f}em;height:{pic.height:.3f}em;vertical-align:-{pic.depth:.3f}em"
    return Markup('<img class="math-svg" src="{}" alt="{}" style="{}">').format(uri, node.tex.strip(), style)


# ---------------------------------------------------------------- callouts

def callout_html(kind: str, title: Markup, body: Markup, ident: str, *, collapse: bool, for_print: bool) -> Markup:
    """A callout box: icon, title and body, announced as a note labelled by its title."""
    title_id = f"{ident}-title"
    icon = Markup('<span class="callout-icon" aria-hidden="true"></span>')  # drawn by the stylesheet
    if collapse and not for_print:
        return Markup('<section class="callout callout-{0}" role="note" aria-labelledby="{1}" id="{2}"><details>'
                      '<summary class="callout-title" id="{1}">{3}{4}</summary><div class="callout-body">{5}</div>'
                      '</details></section>').format(kind, title_id, ident, icon, title, body)
    return Markup('<section class="callout callout-{0}" role="note" aria-labelledby="{1}" id="{2}">'
                  '<p class="callout-title" id="{1}">{3}{4}</p><div class="callout-body">{5}</div>'
                  '</section>').format(kind, title_id, ident, icon, title, body)


def is_true(value: str) -> bool:
    return str(value).strip().lower() in ("true", "yes", "1")

