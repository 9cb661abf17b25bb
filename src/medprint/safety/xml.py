"""Parsing XML nobody vouches for (CSL styles, SVG images, .pptx template parts).

No DTD is loaded, no entity is expanded, nothing is fetched from the network:
a ``<!DOCTYPE`` is refused outright, because a style or a picture never needs
one and it is how XXE and "billion laughs" attacks start.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from ..errors import LimitError, SourceError
from ..model import Location
from . import display

_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.I)
MAX_XML_BYTES = 50 * 1024 * 1024


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_comments=True)


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def parse_untrusted_xml(data: bytes, name: str, *, what: str = "XML file",
                        location: Location | None = None) -> etree._Element:
    """Parse ``data`` (read from ``name``) into an lxml element, refusing DTDs, entities and bad syntax.

    Errors point into the XML file itself (line and column) when possible, else at ``location``.
    """
    if len(data) > MAX_XML_BYTES:
        raise LimitError("limit.xml-bytes", f"{what} {name} is {len(data)} bytes (limit {MAX_XML_BYTES})",
                         location or Location(name), hint="use a smaller file")
    found = _DOCTYPE.search(data)
    if found:
        raise SourceError("xml.doctype", f"{what} declares a DTD or entities (<!DOCTYPE/<!ENTITY), which medprint "
                          "refuses: they can read local files or reach the network",
                          Location(name, _line_of(data, found.start()), found.start() - data.rfind(b"\n", 0,
                                   found.start())),
                          hint="delete the <!DOCTYPE …> declaration and any &entity; references from the file")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if getattr(exc, "position", None) else (exc.lineno or 0, 0)
        message = str(exc.msg or exc).split(" (line ")[0].split(", line ")[0]
        raise SourceError("xml.invalid", f"{what} is not well-formed XML: {message}",
                          Location(name, line or 1, max(col, 1)) if line else (location or Location(name)),
                          hint="fix the file or export it again") from None
    if root is None:
        raise SourceError("xml.invalid", f"{what} is empty", location or Location(name), hint="give a real file")
    return root


def parse_untrusted_xml_file(path: Path, *, what: str = "XML file",
                             location: Location | None = None) -> etree._Element:
    """Read and parse an XML file safely (see :func:`parse_untrusted_xml`)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise SourceError("path.unreadable", f"cannot read {what} {display(path)}: {exc.strerror}", location,
                          hint="check the file exists and is readable") from None
    return parse_untrusted_xml(data, display(path), what=what, location=location)
