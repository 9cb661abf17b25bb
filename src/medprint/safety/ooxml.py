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


# What a template may carry into every deck built from it (README, "Limits and safety"):
#   refused  macros (VBA projects, macro-enabled content types), ActiveX controls, OLE objects and other
#            embedded packages, embedded fonts whose licence restricts embedding, external links (above);
#   kept     pictures, themes, layouts, masters, hyperlinks, custom XML (passive data), embedded fonts whose
#            licence allows embedding.
MACRO_CONTENT_TYPES = ("macroenabled", "vbaproject", "vbadata")
ACTIVE_PARTS = (
    ("macros", ("vbaproject.bin", "vbadata.xml", "vbaprojectsignature")),
    ("an ActiveX control", ("/activex/",)),
    ("an embedded OLE object or package", ("/embeddings/",)),
)
_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"


def active_content(zf: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(what, part) for every macro, ActiveX control, OLE object or restricted embedded font in a package."""
    found: list[tuple[str, str]] = []
    names = [info.filename for info in zf.infolist()]
    for name in names:
        lowered = "/" + name.lower()
        for what, markers in ACTIVE_PARTS:
            if any(marker in lowered for marker in markers):
                found.append((what, name))
        if lowered.startswith("/ppt/fonts/") and _restricted_font(zf.read(name)):
            found.append(("a font whose licence forbids embedding", name))
    if "[Content_Types].xml" in names:
        root = parse_untrusted_xml(zf.read("[Content_Types].xml"), "[Content_Types].xml", what="content types")
        for node in root:
            kind = (node.get("ContentType") or "").lower()
            if any(marker in kind for marker in MACRO_CONTENT_TYPES):
                found.append(("macros", node.get("PartName") or f"*.{node.get('Extension')}"))
    return found


def _restricted_font(data: bytes) -> bool:
    """An embedded font (EOT-wrapped ``.fntdata``, or a bare TrueType/OpenType file) whose fsType says
    "restricted licence embedding" (bit 1): it must not travel inside documents."""
    if len(data) > 34 and data[34:36] == b"LP":  # EOT header: fsType is the little-endian word at offset 32
        fs_type = int.from_bytes(data[32:34], "little")
        return bool(fs_type & 0x0002) and not fs_type & 0x000C
    try:
        import io

        from fontTools.ttLib import TTFont

        font = TTFont(io.BytesIO(data), lazy=True)
        fs_type = font["OS/2"].fsType
    except Exception:  # noqa: BLE001 - not a font we can read: nothing to judge
        return False
    return bool(fs_type & 0x0002) and not fs_type & 0x000C


def refuse_active_content(zf: zipfile.ZipFile, name: str, location: Location | None,
                          what: str = "slide template") -> None:
    """Raise ``template.active-content`` naming the template and the first part a deck must not inherit."""
    found = active_content(zf)
    if found:
        kind, part = found[0]
        code = "template.macros" if kind == "macros" else "template.active-content"
        hint = ("save the template as a .pptx or .potx without macros (PowerPoint: File > Save As > PowerPoint "
                "Presentation) and use that file" if kind == "macros" else
                "remove it from the template's masters and layouts, or use a template without it")
        raise SourceError(code, f"{what} '{name}' contains {kind} ({part}); every deck built from it would carry "
                          "it", location, hint=hint)
