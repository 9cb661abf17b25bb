"""Make ``styles/slides/default.pptx``: medprint's default 16:9 master.

Starts from python-pptx's built-in 4:3 template, widens it to 16:9 (13.333 x
7.5 in), places the title, body, footer and slide-number placeholders where
medprint's layout expects them, sets the theme fonts to Arial (measured with
the metric-compatible Liberation Sans), the body text's list levels to the
deck's own indents and bullets, and adds a thin accent bar.  The zip is
written deterministically, so running the script twice gives the same bytes.

    python scripts/make_default_master.py
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.util import Emu, Inches

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from medprint.writers.pptx.render import deterministic_zip  # noqa: E402

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS = {"a": A, "p": P}
W, H = Emu(12192000), Emu(6858000)
MARGIN = Inches(0.6)
INNER = W - 2 * MARGIN

RECTS = {  # placeholder type -> (x, y, w, h) on content layouts and the master
    "title": (MARGIN, Inches(0.35), INNER, Inches(1.15)),
    "body": (MARGIN, Inches(1.65), INNER, Inches(5.0)),
    "dt": (Inches(9.0), Inches(6.95), Inches(2.0), Inches(0.4)),
    "ftr": (MARGIN, Inches(6.95), Inches(9.4), Inches(0.4)),
    "sldNum": (Inches(11.3), Inches(6.95), W - MARGIN - Inches(11.3), Inches(0.4)),
}
TITLE_SLIDE = {
    "ctrTitle": (Inches(1.0), Inches(1.35), W - Inches(2.0), Inches(2.1)),
    "subTitle": (Inches(1.0), Inches(3.6), W - Inches(2.0), Inches(3.0)),
}
NAVY = "1F3A5F"
ACCENT = "2A7F8F"


def _set_xfrm(sp, rect) -> None:
    x, y, w, h = (int(v) for v in rect)
    sppr = sp.find("p:spPr", NS)
    xfrm = sppr.find("a:xfrm", NS)
    if xfrm is None:
        xfrm = etree.SubElement(sppr, f"{{{A}}}xfrm")
        sppr.insert(0, xfrm)
    for child in list(xfrm):
        xfrm.remove(child)
    etree.SubElement(xfrm, f"{{{A}}}off", x=str(x), y=str(y))
    etree.SubElement(xfrm, f"{{{A}}}ext", cx=str(w), cy=str(h))


def _ph_type(sp) -> str | None:
    ph = sp.find("p:nvSpPr/p:nvPr/p:ph", NS)
    if ph is None:
        return None
    return ph.get("type", "body" if ph.get("idx") else "body")


def _scale_x(tree, factor: float) -> None:
    for xfrm in tree.iter(f"{{{A}}}xfrm"):
        off, ext = xfrm.find("a:off", NS), xfrm.find("a:ext", NS)
        if off is not None:
            off.set("x", str(int(int(off.get("x")) * factor)))
        if ext is not None:
            ext.set("cx", str(int(int(ext.get("cx")) * factor)))


def _place(tree, rects) -> None:
    for sp in tree.iter(f"{{{P}}}sp"):
        kind = _ph_type(sp)
        if kind == "obj":
            kind = "body"
        if kind in rects:
            _set_xfrm(sp, rects[kind])


def _accent_bar(master_tree) -> None:
    sptree = master_tree.find("p:cSld/p:spTree", NS)
    xml = (
        f'<p:sp xmlns:p="{P}" xmlns:a="{A}"><p:nvSpPr><p:cNvPr id="90" name="Accent Bar"/>'
        '<p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr><a:xfrm><a:off x="0" y="0"/>'
        f'<a:ext cx="{int(W)}" cy="{int(Inches(0.12))}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        f'<a:solidFill><a:srgbClr val="{ACCENT}"/></a:solidFill><a:ln><a:noFill/></a:ln></p:spPr></p:sp>'
    )
    sptree.insert(2, etree.fromstring(xml))


def _theme(prs) -> None:
    master_part = prs.slide_master.part
    for rel in master_part.rels.values():
        if rel.reltype.endswith("/theme"):
            theme = rel.target_part
            root = etree.fromstring(theme.blob)
            for tag in ("majorFont", "minorFont"):
                latin = root.find(f".//a:fontScheme/a:{tag}/a:latin", NS)
                latin.set("typeface", "Arial")
            dk2 = root.find(".//a:clrScheme/a:dk2", NS)
            for child in list(dk2):
                dk2.remove(child)
            etree.SubElement(dk2, f"{{{A}}}srgbClr", val=NAVY)
            acc = root.find(".//a:clrScheme/a:accent1", NS)
            for child in list(acc):
                acc.remove(child)
            etree.SubElement(acc, f"{{{A}}}srgbClr", val=ACCENT)
            theme._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _title_style(master_tree) -> None:
    lvl1 = master_tree.find("p:txStyles/p:titleStyle/a:lvl1pPr", NS)
    lvl1.set("algn", "l")
    rpr = lvl1.find("a:defRPr", NS)
    rpr.set("b", "1")
    for fill in rpr.findall("a:solidFill", NS):
        rpr.remove(fill)
    fill = etree.Element(f"{{{A}}}solidFill")
    etree.SubElement(fill, f"{{{A}}}schemeClr", val="tx2")
    rpr.insert(0, fill)


def _body_style(master_tree) -> None:
    """The deck's list levels, which the deck reads from any master: 0.4 in per level with a 0.4 in hanging
    bullet ("•" on the first level, "–" below), the bullet in the text's own font."""
    for n in range(1, 10):
        lvl = master_tree.find(f"p:txStyles/p:bodyStyle/a:lvl{n}pPr", NS)
        lvl.set("marL", str(365760 * n))
        lvl.set("indent", str(-365760))
        for font in lvl.findall("a:buFont", NS):
            lvl.remove(font)
        lvl.find("a:buChar", NS).set("char", "•" if n == 1 else "–")


def build() -> bytes:
    prs = Presentation()
    factor = W / prs.slide_width
    prs.slide_width, prs.slide_height = Emu(W), Emu(H)
    master = prs.slide_master
    _scale_x(master._element, factor)
    _place(master._element, RECTS)
    _title_style(master._element)
    _body_style(master._element)
    _accent_bar(master._element)
    for layout in prs.slide_layouts:
        _scale_x(layout._element, factor)
        if layout.name in ("Title and Content", "Title Only"):
            _place(layout._element, RECTS)
        elif layout.name == "Title Slide":
            _place(layout._element, {**RECTS, **TITLE_SLIDE})
            for sp in layout._element.iter(f"{{{P}}}sp"):
                if _ph_type(sp) == "ctrTitle":
                    ppr = sp.find("p:txBody/a:lstStyle", NS)
                    if ppr is not None:
                        lvl = etree.SubElement(ppr, f"{{{A}}}lvl1pPr", algn="ctr")
                        lvl.text = None
    _theme(prs)
    core = prs.core_properties
    core.title, core.author, core.last_modified_by = "medprint default master", "medprint", "medprint"
    core.revision = 1
    import datetime as dt

    core.created = core.modified = dt.datetime(2025, 1, 1)
    out = io.BytesIO()
    prs.save(out)
    return deterministic_zip(out.getvalue(), (2025, 1, 1, 0, 0, 0))


if __name__ == "__main__":
    target = ROOT / "styles" / "slides" / "default.pptx"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(build())
    print(f"wrote {target.relative_to(ROOT)}")
