"""Write a slide plan with python-pptx, then make the file reproducible.

python-pptx leaves three things to us: paragraph indents (hanging indents are
``a:pPr marL``/``indent``), picture alt text (it writes the file name into
``descr``) and timestamps (zip entries and core properties carry the clock).
All three are set here.  Every run names its language and its typeface (the
template's title font in titles, its body font elsewhere: the theme's major and
minor fonts); every text box has autofit off and wrapping on, since the plan
already fits.
"""

from __future__ import annotations

import copy
import io
import zipfile
from contextvars import ContextVar
from pathlib import Path
from typing import Iterable

from lxml import etree
from pptx import Presentation
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.opc.serialized import PackageWriter
from pptx.oxml.ns import qn
from pptx.oxml.text import CT_RegularTextRun
from pptx.util import Emu, Pt

from ...model import Run
from . import measure
from .callout_box import callout_box
from .svg_picture import add_svg, fallback_png
from .layout import CELL_X, CELL_Y, INSET_X, INSET_Y, Deck, Para, PictureBox, Slide, TableBox, TextBox

SLIDENUM_FIELD_ID = "{8A2C7F1E-4D3B-4E1A-9C55-0D1E2F3A4B5C}"  # fixed, so rebuilds are identical
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def deterministic_zip(data: bytes, date_time=ZIP_TIME, replace: dict[str, bytes] | None = None) -> bytes:
    """Rewrite a zip with fixed timestamps, permissions and compression, keeping member order.

    ``replace`` swaps the content of named members (the deck's ``docProps/app.xml``).
    """
    src = zipfile.ZipFile(io.BytesIO(data))
    return _zip_members(((info.filename, src.read(info.filename)) for info in src.infolist()), date_time, replace)


def _zip_members(members: Iterable[tuple[str, bytes]], date_time=ZIP_TIME,
                 replace: dict[str, bytes] | None = None) -> bytes:
    """(name, content) pairs as a zip with fixed timestamps, permissions and compression, in that order."""
    replace = replace or {}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, blob in members:
            zi = zipfile.ZipInfo(name, date_time=date_time)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.create_system = 0
            zi.external_attr = 0
            dst.writestr(zi, replace.get(name) or blob, compresslevel=6)
    return out.getvalue()


class _Members(PackageWriter):
    """python-pptx's own package writer (same members, same order, same bytes) into a list, not a zip:
    the deck is zipped once, reproducibly, instead of zipped, unzipped and zipped again."""

    def _write(self) -> None:
        sink = self._pkg_file

        class _Sink:
            def write(self, pack_uri, blob: bytes) -> None:
                sink.append((pack_uri.membername, blob))

        self._write_content_types_stream(_Sink())
        self._write_pkg_rels(_Sink())
        self._write_parts(_Sink())


def package_members(prs) -> list[tuple[str, bytes]]:
    """Every member ``prs.save`` would write, as (zip member name, content), in its order."""
    package = prs.part.package
    members: list[tuple[str, bytes]] = []
    _Members.write(members, package._rels, tuple(package.iter_parts()))
    return members


# ---------------------------------------------------------------- text


def _body_props(frame, anchor: str) -> None:
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.margin_left = frame.margin_right = Pt(INSET_X)
    frame.margin_top = frame.margin_bottom = Pt(INSET_Y)
    frame.vertical_anchor = {"t": MSO_ANCHOR.TOP, "ctr": MSO_ANCHOR.MIDDLE, "b": MSO_ANCHOR.BOTTOM}[anchor]
    body = frame._txBody.bodyPr  # explicit, so a template's placeholder insets cannot change the measure
    for name, value in (("lIns", INSET_X), ("rIns", INSET_X), ("tIns", INSET_Y), ("bIns", INSET_Y)):
        body.set(name, str(int(Pt(value))))
    body.set("rtlCol", "0")
    body.set("vert", "horz")


def _ppr(p, para: Para, first: bool, font: str) -> None:
    """Paragraph properties python-pptx has no API for: indents, exact line pitch, bullets."""
    ppr = p._p.get_or_add_pPr()
    for child in list(ppr):
        ppr.remove(child)
    ppr.set("marL", str(int(Pt(para.margin))))
    ppr.set("indent", str(int(Pt(para.indent))))
    ppr.set("algn", para.align)
    ln = etree.SubElement(ppr, qn("a:lnSpc"))
    etree.SubElement(ln, qn("a:spcPts"), val=str(int(round(measure.line_height(para.size) * 100))))
    bef = etree.SubElement(ppr, qn("a:spcBef"))
    etree.SubElement(bef, qn("a:spcPts"), val="0" if first else str(int(round(para.space_before * 100))))
    aft = etree.SubElement(ppr, qn("a:spcAft"))
    etree.SubElement(aft, qn("a:spcPts"), val="0")
    if (para.number or para.bullet) and para.bullet_colour:  # the template's bullet colour for this level
        ppr.append(etree.fromstring(para.bullet_colour))
    if para.number:
        etree.SubElement(ppr, qn("a:buFont"), typeface=font)
        etree.SubElement(ppr, qn("a:buAutoNum"), type=para.number_type, startAt=str(para.number))
    elif para.bullet:
        etree.SubElement(ppr, qn("a:buFont"), typeface=para.bullet_font or font)
        etree.SubElement(ppr, qn("a:buChar"), char=para.bullet)
    else:
        etree.SubElement(ppr, qn("a:buNone"))


# A run's XML depends only on its text and these properties: the first run of each kind is made by
# python-pptx and kept; later ones are copies with their own text (a deck has thousands of runs, a few kinds).
_RUN_TEMPLATES: dict[tuple, object] = {}


def _run(p, run: Run, size: float, lang: str, bold: bool, font: str, colour: str = "") -> None:
    kind = None if run.url else (size, bool(run.bold or bold), bool(run.italic), run.small_caps,
                                 run.superscript, run.subscript, lang, run.strike, font, colour)
    template = _RUN_TEMPLATES.get(kind) if kind else None
    if template is not None:
        r = copy.deepcopy(template)
        r.t.text = CT_RegularTextRun._escape_ctrl_chars(run.text)  # what python-pptx's run.text does
        p._p.insert_element_before(r, "a:endParaRPr")  # where python-pptx's add_run puts it
        return
    _new_run(p, run, size, lang, bold, font, colour)
    if kind:
        _RUN_TEMPLATES[kind] = copy.deepcopy(p._p.r_lst[-1])


def _new_run(p, run: Run, size: float, lang: str, bold: bool, typeface: str, colour: str) -> None:
    r = p.add_run()
    r.text = run.text
    font = r.font
    font.size = Pt(size)
    font.bold = bool(run.bold or bold)
    font.italic = bool(run.italic)
    font.name = typeface
    rpr = r._r.get_or_add_rPr()
    if colour and not run.url:  # the template's colour for this list level (a link keeps the theme's link colour)
        rpr.insert(0, etree.fromstring(colour))
    rpr.set("lang", lang)
    rpr.set("cap", "small" if run.small_caps else "none")  # a template's title style may say cap="all"
    rpr.set("spc", "0")
    if run.strike:
        rpr.set("strike", "sngStrike")
    if run.superscript:
        rpr.set("baseline", "30000")
    elif run.subscript:
        rpr.set("baseline", "-25000")
    if run.url and run.url.startswith("#"):
        pending = _INTERNAL.get()
        if pending is not None:
            pending.append((r._r, run.url[1:]))  # linked to its slide once every slide exists
    elif run.url:
        r.hyperlink.address = run.url


# Cross-references inside the deck: (a:r element, label) waiting for the slide that shows the label.
_INTERNAL: ContextVar[list | None] = ContextVar("medprint_internal_links", default=None)


def _link_slides(prs, deck: Deck, pending: list) -> None:
    """Each cross-reference run becomes a jump to the slide showing its figure, table, equation or section."""
    anchors = dict(deck.anchors)
    slides = list(prs.slides)
    owner = {}
    for slide in slides:
        for r in slide._element.iter(qn("a:r")):
            owner[r] = slide
    for r, label in pending:
        index = anchors.get(label)
        slide = owner.get(r)
        if index is None or slide is None or not 0 <= index < len(slides):
            continue
        rid = slide.part.relate_to(slides[index].part, RT.SLIDE)
        rpr = r.get_or_add_rPr()
        link = etree.SubElement(rpr, qn("a:hlinkClick"), action="ppaction://hlinksldjump")
        link.set(qn("r:id"), rid)


def _field(p, text: str, size: float, lang: str, font: str) -> None:
    fld = etree.SubElement(p._p, qn("a:fld"), id=SLIDENUM_FIELD_ID, type="slidenum")
    rpr = etree.SubElement(fld, qn("a:rPr"), lang=lang, sz=str(int(size * 100)))
    etree.SubElement(rpr, qn("a:latin"), typeface=font)
    t = etree.SubElement(fld, qn("a:t"))
    t.text = text


def _fill(frame, box: TextBox, lang: str, anchor: str, font: str, body_font: str) -> None:
    _body_props(frame, anchor)
    frame.clear()
    for i, para in enumerate(box.paras):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        _ppr(p, para, i == 0, body_font)
        if box.field:
            _field(p, "".join(r.text for r in para.runs), para.size, lang, font)
            continue
        for run in para.runs:
            _run(p, run, para.size, lang, para.bold, font, para.colour)


def _place(shape, rect) -> None:
    shape.left, shape.top, shape.width, shape.height = (Emu(v) for v in rect)


# ---------------------------------------------------------------- shapes


def _text_box(slide, box: TextBox, lang: str, tpl, placeholder=None) -> None:
    shape = placeholder if placeholder is not None else slide.shapes.add_textbox(*(Emu(v) for v in box.rect))
    _place(shape, box.rect)
    shape.name = {"title": "Title", "cover-title": "Title", "cover-subtitle": "Subtitle", "body": "Body",
                  "references": "References", "caption": "Caption", "footer": "Footer",
                  "number": "Slide Number"}.get(box.role, box.role)
    anchor = "ctr" if box.role in ("title", "cover-title") else ("b" if box.role == "cover-subtitle" and False else "t")
    font = tpl.title_font if box.role in ("title", "cover-title") else tpl.body_font
    _fill(shape.text_frame, box, lang, anchor, font, tpl.body_font)
    if box.role.startswith("callout-"):
        callout_box(shape, box.role[8:])


def _table(slide, box: TableBox, lang: str, font: str) -> None:
    nrows, ncols = len(box.cells), len(box.columns)
    frame = slide.shapes.add_table(nrows, ncols, *(Emu(v) for v in box.rect))
    frame.name = "Table"
    table = frame.table
    table.first_row = True
    table.horz_banding = True
    for c, width in enumerate(box.columns):
        table.columns[c].width = Emu(width)
    for r, height in enumerate(box.heights):
        table.rows[r].height = Emu(height)
    for r, row in enumerate(box.cells):
        for c, runs in enumerate(row):
            cell = table.cell(r, c)
            cell.margin_left = cell.margin_right = Pt(CELL_X)
            cell.margin_top = cell.margin_bottom = Pt(CELL_Y)
            cell.vertical_anchor = MSO_ANCHOR.TOP
            tf = cell.text_frame
            tf.word_wrap = True
            para = Para(runs, box.size, bold=(r == 0), align=box.aligns[c] if c < len(box.aligns) else "l")
            p = tf.paragraphs[0]
            _ppr(p, para, True, font)
            for run in runs:
                _run(p, run, box.size, lang, r == 0, font)


def _picture(slide, box: PictureBox) -> None:
    data = box.data
    if box.svg and not data:  # an SVG figure: its PNG fallback drawn at the size it has on the slide
        data = fallback_png(box.svg, box.rect[2], box.rect[3])
    pic = slide.shapes.add_picture(io.BytesIO(data) if data else box.path, *(Emu(v) for v in box.rect))
    if box.svg:
        add_svg(slide, pic, box.svg)
    cnvpr = pic._element.nvPicPr.cNvPr
    cnvpr.set("descr", box.alt)
    cnvpr.set("name", f"Picture {cnvpr.get('id')}")


def _notes(slide, text: str, lang: str, memo: dict) -> None:
    """Speaker notes.  Continuation slides repeat their section's full text, so its XML is built once and
    copied: every new notes slide starts from the same notes master, so the copy is the same XML."""
    if not text:
        return
    frame = slide.notes_slide.notes_text_frame
    built = memo.get((text, lang))
    if built is not None:
        body = frame._txBody
        body.getparent().replace(body, copy.deepcopy(built))
        return
    frame.clear()
    for i, line in enumerate(text.split("\n")):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        if line:
            r = p.add_run()
            r.text = line
            r._r.get_or_add_rPr().set("lang", lang)
    memo[(text, lang)] = copy.deepcopy(frame._txBody)


NOTES_PARTNAME = "/ppt/notesSlides/notesSlide%d.xml"


class _NotesPartnames:
    """python-pptx names each new notes slide by walking every part of the package (quadratic in slides).

    Only notes slides take names from this template and the deck only adds them, so the names seen once
    plus the ones handed out since are the package's; the choice is python-pptx's own (searching down).
    """

    def __init__(self, package) -> None:
        self._next_partname = package.next_partname
        self._package = package
        self._names: set[str] | None = None

    def __call__(self, tmpl: str):
        if tmpl != NOTES_PARTNAME:
            return self._next_partname(tmpl)
        if self._names is None:
            prefix = tmpl[: (tmpl % 42).find("42")]
            self._names = {p.partname for p in self._package.iter_parts() if p.partname.startswith(prefix)}
        for n in range(len(self._names) + 1, 0, -1):
            if tmpl % n not in self._names:
                self._names.add(tmpl % n)
                return PackURI(tmpl % n)
        raise AssertionError("no free notes slide part name")  # unreachable: n = len + 1 .. 1 has a free one


def _slide(prs, tpl, plan: Slide, lang: str, notes_memo: dict) -> None:
    layout = prs.slide_layouts[tpl.title_layout if plan.layout == "cover" else tpl.content_layout]
    slide = prs.slides.add_slide(layout)
    wanted = {"cover-title": ("center_title", "title"), "title": ("title",), "cover-subtitle": ("subtitle",),
              "body": ("body", "object"), "references": ("body", "object")}  # the layout's own body, if any
    placeholders = {ph.placeholder_format.type.name.lower(): ph for ph in slide.placeholders}
    used = set()
    for shape in plan.shapes:
        if isinstance(shape, TextBox):
            ph = None
            for kind in wanted.get(shape.role, ()):
                if kind in placeholders and kind not in used:
                    ph = placeholders[kind]
                    used.add(kind)
                    break
            _text_box(slide, shape, lang, tpl, ph)
        elif isinstance(shape, TableBox):
            _table(slide, shape, lang, tpl.body_font)
        elif isinstance(shape, PictureBox):
            _picture(slide, shape)
    for kind, ph in placeholders.items():  # empty placeholders would show "Click to add text" when editing
        if kind not in used:
            ph._element.getparent().remove(ph._element)
    _notes(slide, plan.notes, lang, notes_memo)


def _drop_slides(prs) -> None:
    """An organisation's template may carry sample slides; the deck starts empty."""
    sld_ids = prs.slides._sldIdLst
    for sld_id in list(sld_ids):
        prs.part.drop_rel(sld_id.rId)
        sld_ids.remove(sld_id)


def _notes_fonts(prs, tpl) -> None:
    """Speaker notes in the deck's typefaces: python-pptx makes the notes master from its own template, whose
    theme names Calibri; its fonts become the template's title and body fonts."""
    try:
        notes_master = prs.part.part_related_by(RT.NOTES_MASTER)
    except KeyError:
        return
    for rel in notes_master.rels.values():
        if rel.reltype == RT.THEME:
            theme = rel.target_part
            xml_part = hasattr(theme, "_element")  # python-pptx makes a new notes master's theme as an XmlPart
            root = theme._element if xml_part else etree.fromstring(theme.blob, etree.XMLParser(resolve_entities=False))
            for tag, font in (("majorFont", tpl.title_font), ("minorFont", tpl.body_font)):
                latin = root.find(f".//{qn('a:fontScheme')}/{qn('a:' + tag)}/{qn('a:latin')}")
                if latin is not None:
                    latin.set("typeface", font)
            if not xml_part:
                theme._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def write_deck(deck: Deck) -> bytes:
    """The plan as .pptx bytes, identical for identical plans."""
    prs = Presentation(deck.template.path)
    _drop_slides(prs)
    package = prs.part.package
    package.next_partname = _NotesPartnames(package)
    notes_memo: dict = {}
    pending: list = []
    token = _INTERNAL.set(pending)
    try:
        for plan in deck.slides:
            _slide(prs, deck.template, plan, deck.lang, notes_memo)
    finally:
        _INTERNAL.reset(token)
    _link_slides(prs, deck, pending)
    _notes_fonts(prs, deck.template)
    core = prs.core_properties
    core.title = deck.title
    core.author = deck.authors
    core.subject = deck.subject
    core.keywords = deck.keywords
    core.language = deck.lang
    core.last_modified_by = "medprint"
    core.comments = ""
    core.category = ""
    core.revision = 1
    core.created = core.modified = deck.timestamp
    core.last_printed = deck.timestamp
    ts = deck.timestamp
    zip_time = (max(1980, ts.year), ts.month, ts.day, 0, 0, 0)
    return _zip_members(package_members(prs), zip_time, {"docProps/app.xml": _app_xml(deck)})


def _app_xml(deck: Deck) -> bytes:
    """Extended properties for this deck (a template's say another application, format and slide count)."""
    notes = sum(1 for s in deck.slides if s.notes)
    ratio = deck.template.width / deck.template.height
    fmt = "Widescreen" if abs(ratio - 16 / 9) < 0.01 else ("On-screen Show (4:3)" if abs(ratio - 4 / 3) < 0.01
                                                         else "Custom")
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<TotalTime>0</TotalTime><Application>medprint</Application><PresentationFormat>{fmt}</PresentationFormat>"
        f"<Slides>{len(deck.slides)}</Slides><Notes>{notes}</Notes><HiddenSlides>0</HiddenSlides>"
        "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        "<HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0000</AppVersion></Properties>"
    ).encode("utf-8")


def save(deck: Deck, path: Path) -> None:
    Path(path).write_bytes(write_deck(deck))
