"""Office files (.pptx templates) must not make the outputs reach the network when someone opens them.

A relationship with ``TargetMode="External"`` that is not a hyperlink (a linked
picture, an OLE object, a linked template) makes PowerPoint fetch its URL on
open: one in a master would put a tracking pixel, or a ``file://`` / UNC fetch
that leaks credentials, into every deck built from it.
"""

from __future__ import annotations

import zipfile

from ..errors import SourceError
from ..model import Location
from .xml import parse_untrusted_xml

REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def external_resources(zf: zipfile.ZipFile, max_member: int = 10 * 1024 * 1024) -> list[tuple[str, str, str]]:
    """Every (member, relationship type, target) fetched from outside the file when it is opened."""
    found = []
    for info in zf.infolist():
        if not info.filename.endswith(".rels") or info.file_size > max_member:
            continue
        root = parse_untrusted_xml(zf.read(info), info.filename, what="package relationships")
        for rel in root.iter(f"{REL_NS}Relationship"):
            kind = rel.get("Type", "")
            if rel.get("TargetMode", "").lower() == "external" and not kind.endswith("/hyperlink"):
                found.append((info.filename, kind.rsplit("/", 1)[-1], rel.get("Target", "")))
    return found


def refuse_external_resources(zf: zipfile.ZipFile, name: str, location: Location | None,
                              what: str = "slide template") -> None:
    """Raise ``template.external-resource`` naming the first externally linked part."""
    found = external_resources(zf)
    if found:
        member, kind, target = found[0]
        raise SourceError("template.external-resource", f"{what} '{name}' links an external {kind} "
                          f"('{target[:100]}' in {member}) that PowerPoint would fetch when the deck is opened",
                          location, hint="embed the picture or object in the template instead of linking it")
