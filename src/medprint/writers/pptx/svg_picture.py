"""An SVG picture in a deck, stored as PowerPoint stores one: the PNG in ``a:blip``, the SVG in its extension.

PowerPoint 2016+ draws the ``asvg:svgBlip`` (sharp at any zoom); older viewers,
LibreOffice and Keynote draw the PNG fallback, rendered here with cairosvg at
the size the picture has on the slide.  python-pptx has no API for it, so the
SVG is added as an image part of the slide and named in the blip's extension
list, with the extension URI Office uses.  Identical SVGs share one part.

The SVG has passed :func:`medprint.safety.images.inspect_image` (no DTD, no
entities, bounded ``<use>`` expansion) before it gets here; cairosvg is run in
its safe mode, whose fetcher only reads ``data:`` URLs, so a picture can
never read a local file or reach the network.
"""

from __future__ import annotations

import hashlib

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.oxml.ns import qn

SVG_EXTENSION = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
SVG_NS = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
EMU_PER_INCH = 914400
FALLBACK_DPI = 192  # twice a screen's 96 dpi: sharp on a projector, a modest PNG
FALLBACK_MAX_PX = 4096  # the longest side of a fallback PNG


def _convert(svg: bytes, **size) -> bytes:
    import cairosvg

    return cairosvg.svg2png(bytestring=svg, unsafe=False, **size)  # safe mode: only data: URLs are read


class _Viewport:
    """What cairosvg's size helpers read from a surface: 96 dpi, a 12 px em, no parent box."""

    dpi = 96
    font_size = 12
    context_width = context_height = None


def svg_pixels(svg: bytes) -> tuple[float, float]:
    """The SVG's own size in CSS pixels (96 per inch) as cairosvg reads it: width/height, else its viewBox.

    Read from the parsed tree and drawn once at 16 x 16 pixels, so a picture claiming a huge size costs
    nothing here and one cairosvg cannot draw is an error where the source names it.  Raises ``ValueError`` when cairosvg cannot read it or it has no size."""
    from cairosvg.helpers import node_format
    from cairosvg.parser import Tree

    try:
        width, height, _ = node_format(_Viewport, Tree(bytestring=svg, unsafe=False))
        if width > 0 and height > 0:
            _convert(svg, output_width=16, output_height=16)  # drawn once, small: a failure is found here
    except Exception as exc:  # noqa: BLE001 - cairosvg raises many kinds (parse, unit, cairo errors)
        raise ValueError(f"{exc.__class__.__name__}: {exc}") from None
    if not (width > 0 and height > 0):
        raise ValueError("it has no width and height, nor a viewBox")
    return width, height


def fallback_png(svg: bytes, width_emu: int, height_emu: int) -> bytes:
    """The PNG a viewer without SVG support draws: the picture at its slide size, at :data:`FALLBACK_DPI`."""
    w = width_emu / EMU_PER_INCH * FALLBACK_DPI
    h = height_emu / EMU_PER_INCH * FALLBACK_DPI
    shrink = min(1.0, FALLBACK_MAX_PX / max(w, h, 1))
    return _convert(svg, output_width=max(1, round(w * shrink)), output_height=max(1, round(h * shrink)))


def add_svg(slide, picture, svg: bytes) -> None:
    """Attach ``svg`` to ``picture`` (already holding its PNG) on ``slide``."""
    package = slide.part.package
    known: dict[str, Part] = package.__dict__.setdefault("_medprint_svg_parts", {})
    digest = hashlib.sha1(svg).hexdigest()
    part = known.get(digest)
    if part is None:
        part = Part(package.next_image_partname("svg"), "image/svg+xml", package, svg)
        known[digest] = part
    rid = slide.part.relate_to(part, RT.IMAGE)
    blip = picture._element.xpath("./p:blipFill/a:blip")[0]
    ext_list = blip.find(qn("a:extLst"))
    if ext_list is None:
        ext_list = etree.SubElement(blip, qn("a:extLst"))
    ext = etree.SubElement(ext_list, qn("a:ext"), uri=SVG_EXTENSION)
    svg_blip = etree.SubElement(ext, f"{{{SVG_NS}}}svgBlip", nsmap={"asvg": SVG_NS})
    svg_blip.set(qn("r:embed"), rid)
