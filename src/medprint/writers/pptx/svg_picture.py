"""An SVG picture in a deck, stored as PowerPoint stores one: the PNG in ``a:blip``, the SVG in its extension.

PowerPoint 2016+ draws the ``asvg:svgBlip`` (sharp at any zoom); older viewers,
LibreOffice and Keynote draw the PNG fallback.  python-pptx has no API for it, so
the SVG is added as an image part of the slide and named in the blip's extension
list, with the extension URI Office uses.  Identical SVGs share one part.
"""

from __future__ import annotations

import hashlib

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.oxml.ns import qn

SVG_EXTENSION = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
SVG_NS = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"


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
