"""TeX math as pictures and as slide text: what the handout and the deck draw.

* :func:`picture` — vector SVG from ziamath (LaTeX -> MathML via latex2mathml -> glyph outlines from its bundled
  STIX Two Math font), with the box in ems and the depth below the baseline, so the handout can set inline math
  on the text's baseline at the text's size.  Outlines, not text: nothing depends on installed fonts, and the
  PDF's alternative text carries the TeX.
* :func:`png` — the same picture rasterised by CairoSVG, the fallback a deck stores beside the SVG.
* :func:`runs` — inline math as formatted text runs (italic letters, real super/subscripts, Unicode operators)
  for slide text, where a picture cannot sit inside a line.

Every function raises :class:`~medprint.mathtex.MathError` for TeX that cannot be read; callers show the TeX as code.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from lxml import etree

from ..mathtex import MathError, mathml
from ..model import Run

SIZE = 40.0  # ziamath's font size for the pictures; only the ratios to it are used
_VIEWBOX = re.compile(r'viewBox="([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)"')


@dataclass(frozen=True)
class MathPicture:
    svg: str
    width: float  # em
    height: float  # em
    depth: float  # em below the baseline


@functools.lru_cache(maxsize=512)
def picture(tex: str, display: bool = False) -> MathPicture:
    """``tex`` as an SVG picture sized in ems of the surrounding text."""
    import ziamath

    mathml(tex, display)  # the same judgement of the TeX as the reader's and the web page's
    try:
        svg = ziamath.Latex(tex.strip(), size=SIZE, inline=not display, margin=0).svg()
    except RecursionError:
        raise MathError("nested too deeply") from None
    except Exception as exc:  # ziamath: layout of an element it does not support
        raise MathError(f"cannot lay out ({type(exc).__name__})") from None
    box = _VIEWBOX.search(svg)
    if box is None:
        raise MathError("no picture")
    _x, y, w, h = (float(v) for v in box.groups())
    return MathPicture(svg, w / SIZE, h / SIZE, max(0.0, (y + h) / SIZE))


@functools.lru_cache(maxsize=128)
def png(tex: str, display: bool = False, pixels_per_em: int = 120) -> bytes:
    """The picture as PNG at ``pixels_per_em`` (a deck's fallback for viewers without SVG)."""
    import cairosvg

    pic = picture(tex, display)
    return cairosvg.svg2png(bytestring=pic.svg.encode("utf-8"), scale=pixels_per_em / SIZE)


# ---------------------------------------------------------------- slide text

_NS = "{http://www.w3.org/1998/Math/MathML}"


def runs(tex: str, style: dict | None = None) -> tuple[Run, ...]:
    """Inline math as text runs: single-letter identifiers italic, scripts raised or lowered, fractions a/b."""
    root = etree.fromstring(mathml(tex, False).encode("utf-8"))
    out: list[Run] = []
    _walk(root, dict(style or {}), out)
    return tuple(r for r in out if r.text)


def _text(node) -> str:
    return "".join(node.itertext()).strip()


def _walk(node, style: dict, out: list[Run]) -> None:
    tag = node.tag.replace(_NS, "") if isinstance(node.tag, str) else ""
    if tag == "mi":
        text = _text(node)
        italic = len(text) == 1 and text.isalpha() and node.get("mathvariant") != "normal"
        out.append(Run(text, **{**style, "italic": italic or style.get("italic", False)}))
    elif tag in ("mn", "mtext", "ms"):
        out.append(Run(_text(node).replace("\u00a0", " "), **style))
    elif tag == "mo":
        text = _text(node)
        spaced = text in "=<>+\u2212\u00d7\u00f7\u00b1\u2264\u2265\u2248\u2260\u2192\u2190\u21d2" and len(text) == 1
        out.append(Run(f" {text} " if spaced else text, **style))
    elif tag == "mspace":
        out.append(Run(" ", **style))
    elif tag in ("msup", "msub", "msubsup"):
        kids = list(node)
        if kids:
            _walk(kids[0], style, out)
        if tag == "msub" and len(kids) > 1:
            _walk(kids[1], {**style, "subscript": True}, out)
        elif tag == "msup" and len(kids) > 1:
            _walk(kids[1], {**style, "superscript": True}, out)
        elif tag == "msubsup" and len(kids) > 2:
            _walk(kids[1], {**style, "subscript": True}, out)
            _walk(kids[2], {**style, "superscript": True}, out)
    elif tag in ("munder", "mover", "munderover"):
        for kid in node:
            _walk(kid, style, out)
    elif tag == "mfrac":
        kids = list(node)
        if len(kids) == 2:
            _group([kids[0]], style, out)
            out.append(Run("/", **style))
            _group([kids[1]], style, out)
    elif tag in ("msqrt", "mroot"):
        out.append(Run("\u221a", **style))
        _group(list(node) if tag == "msqrt" else list(node)[:1], style, out, force=True)
    else:
        for kid in node:
            _walk(kid, style, out)


def _group(nodes, style: dict, out: list[Run], force: bool = False) -> None:
    """A fraction's part or a root's radicand, in parentheses when it is more than one symbol."""
    inner: list[Run] = []
    for node in nodes:
        _walk(node, style, inner)
    text = "".join(r.text for r in inner).strip()
    if force or len(text) > 1 and not text.isalnum():
        out.append(Run("(", **style))
        out.extend(inner)
        out.append(Run(")", **style))
    else:
        out.extend(inner)
