"""Find what the deck needs in a slide master: a title layout, a content layout and their boxes.

Layouts are found by placeholder *type* first (a title slide has a centre title
and a subtitle; a content slide has a title), then by the usual names, so an
organisation's master works without renaming anything.  The master also gives
the deck its typefaces (the theme's major font for titles, minor font for the
rest, unless the master's text styles name others) and its body text's level
styles (indents, bullet characters and colours per list level).  Templates are refused
before python-pptx opens them when they are zip bombs or carry XML with DTDs
or entities.
"""

from __future__ import annotations

import functools
import zipfile
from dataclasses import dataclass
from pathlib import Path

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as safe_fromstring

from ...errors import LimitError, SourceError
from ...limits import Limits
from ...model import Document, Location
from ...paths import resolve_source_path

Rect = tuple[int, int, int, int]  # x, y, w, h in EMU
EMU_PER_PT = 12700
CONTENT_NAMES = ("title only", "title and content", "title, content", "title and text")
TITLE_NAMES = ("title slide", "title")


@dataclass(frozen=True)
class Level:
    """One list level of the template's body text (``a:lvlNpPr``, master then layout); None: not said."""

    margin: float | None = None  # marL, points
    indent: float | None = None  # points (negative: hanging)
    bullet: str | None = None  # buChar's character; "" for buNone or a numbered/picture bullet
    bullet_font: str = ""  # buFont's typeface as written ("+mn-lt" resolved to the minor font)
    bullet_colour: str = ""  # the a:buClr element, serialised
    colour: str = ""  # the a:solidFill of the level's text, serialised


@dataclass(frozen=True)
class Template:
    """The geometry the layout stage plans against (all EMU), and the master's fonts and body levels."""

    path: str
    width: int
    height: int
    title_layout: int
    content_layout: int
    cover_title: Rect
    cover_subtitle: Rect | None
    title: Rect
    body: Rect
    footer: Rect
    number: Rect
    title_font: str = "Arial"
    body_font: str = "Arial"
    levels: tuple[Level, ...] = ()  # list levels 1..9
    body_placeholder: bool = False  # the content layout has a body placeholder to hold the slide text
    misfits: tuple[str, ...] = ()  # layouts that do not fit the slide size, described for a warning


def default_template(styles: Path) -> Path:
    return Path(styles) / "slides" / "default.pptx"


def template_path(document: Document, styles: Path) -> tuple[Path, Location | None]:
    """The template a document asks for (``slides: {template: ...}``), else the default master."""
    written = document.meta.option("slides", "template")
    if not written:
        return default_template(styles), None
    loc = document.meta.position("slides.template") or document.meta.position("slides")
    source_dir = Path(document.source_path).parent
    return resolve_source_path(str(written), source_dir, loc, what="slide template"), loc


_PASSED: set[tuple] = set()  # (path, size, mtime, limits) of templates that passed, so a warm rebuild checks once


def check_archive(path: Path, location: Location | None, limits: Limits | None = None) -> None:
    """Refuse oversized, bomb-like or entity-carrying templates before anything parses them."""
    limits = limits or Limits.from_env()
    try:
        stat = path.stat()
    except OSError:
        stat = None
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns, repr(limits)) if stat else None
    if key is not None and key in _PASSED:
        return
    _check_archive(path, location, limits)
    if key is not None:
        _PASSED.add(key)


def _check_archive(path: Path, location: Location | None, limits: Limits) -> None:
    size = path.stat().st_size
    if size > limits.template_bytes:
        raise LimitError("limit.template-bytes", f"slide template '{path.name}' is {size} bytes "
                         f"(limit {limits.template_bytes})", location,
                         hint="use a smaller template or raise MEDPRINT_LIMIT_TEMPLATE_BYTES")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if len(infos) > limits.template_members:
                raise LimitError("limit.template-members", f"slide template '{path.name}' has {len(infos)} "
                                 f"zip members (limit {limits.template_members})", location,
                                 hint="use a real .pptx template")
            expanded = sum(i.file_size for i in infos)
            if expanded > limits.template_expanded_bytes:
                raise LimitError("limit.template-expanded", f"slide template '{path.name}' expands to "
                                 f"{expanded} bytes (limit {limits.template_expanded_bytes})", location,
                                 hint="use a real .pptx template")
            for info in infos:
                if info.filename.endswith((".xml", ".rels")):
                    data = zf.read(info)
                    if len(data) > info.file_size:
                        raise LimitError("limit.template-expanded", f"slide template '{path.name}' lies about "
                                         "its sizes", location, hint="use a real .pptx template")
                    safe_fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
            from ...safety.ooxml import refuse_active_content, refuse_external_resources

            refuse_external_resources(zf, path.name, location)  # linked pictures would be fetched on open
            refuse_active_content(zf, path.name, location)  # macros, ActiveX, OLE: never into a speaker's deck
    except (zipfile.BadZipFile, OSError) as exc:
        raise SourceError("template.invalid", f"slide template '{path.name}' is not a .pptx file ({exc})",
                          location, hint="save the template from PowerPoint as .pptx") from None
    except (DefusedXmlException, SyntaxError) as exc:
        raise SourceError("template.unsafe-xml", f"slide template '{path.name}' has XML medprint refuses "
                          f"({exc.__class__.__name__})", location,
                          hint="re-save the template from PowerPoint or LibreOffice") from None


def _ph_rects(layout) -> dict[str, Rect]:
    """Placeholder type name -> rect (inheriting from the master when the layout has no xfrm)."""
    out: dict[str, Rect] = {}
    for ph in layout.placeholders:
        kind = ph.placeholder_format.type.name.lower()
        try:
            rect = (int(ph.left), int(ph.top), int(ph.width), int(ph.height))
        except (TypeError, ValueError):
            continue
        out.setdefault(kind, rect)
    return out


def _pick(layouts, rects: list[dict[str, Rect]], want, names) -> int | None:
    """The first layout named one of ``names`` (in that order of preference) whose placeholder kinds are
    what ``want`` accepts, else the first such layout."""
    candidates = [i for i, found in enumerate(rects) if want(set(found))]
    for name in names:
        for i in candidates:
            if layouts[i].name.strip().lower() == name:
                return i
    return candidates[0] if candidates else None


@functools.lru_cache(maxsize=8)
def _load(path_str: str, mtime: float) -> Template:
    from pptx import Presentation

    prs = Presentation(path_str)
    layouts = list(prs.slide_layouts)
    rects = [_ph_rects(layout) for layout in layouts]  # once each: inherited positions are slow to look up
    width, height = int(prs.slide_width), int(prs.slide_height)
    content = _pick(layouts, rects, lambda k: "title" in k and "center_title" not in k, CONTENT_NAMES)
    if content is None:
        raise SourceError("template.missing-layout", f"slide template '{Path(path_str).name}' has no layout "
                          "with a title placeholder (needed for content slides)", None,
                          hint="add a 'Title Only' layout to the template's master")
    cover = _pick(layouts, rects, lambda k: "center_title" in k or ("title" in k and "subtitle" in k), TITLE_NAMES)
    if cover is None:
        raise SourceError("template.missing-layout", f"slide template '{Path(path_str).name}' has no title-slide "
                          "layout (a layout with a title and a subtitle placeholder)", None,
                          hint="add a 'Title Slide' layout to the template's master")
    crects = rects[content]
    trects = rects[cover]
    margin = width // 20
    title = crects["title"]
    body = crects.get("object") or crects.get("body")
    foot_h = int(0.4 * 914400)
    foot_y = height - foot_h - int(0.15 * 914400)
    footer = crects.get("footer") or (margin, foot_y, width * 6 // 10, foot_h)
    number = crects.get("slide_number") or (width - margin - width // 10, foot_y, width // 10, foot_h)
    if body is None:
        top = title[1] + title[3] + int(0.1 * 914400)
        body = (title[0], top, title[2], footer[1] - top - int(0.1 * 914400))
    cover_title = trects.get("center_title") or trects["title"]
    title_font, body_font = _fonts(prs.slide_master)
    levels = _levels(prs.slide_master, layouts[content], body_font)
    misfits = tuple(m for m in (_misfit(layouts[i], width, height) for i in sorted({cover, content})) if m)
    clamp = functools.partial(_clamp, width=width, height=height)
    subtitle = trects.get("subtitle")
    return Template(path_str, width, height, cover, content, clamp(cover_title), clamp(subtitle) if subtitle else None,
                    clamp(title), clamp(body), clamp(footer), clamp(number), title_font, body_font, levels,
                    "object" in crects or "body" in crects, misfits)


# ---------------------------------------------------------------- fonts, levels, fit

A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS = {"a": A_NS, "p": P_NS}
DEFAULT_FONT = "Arial"
SYMBOL_FONTS = ("wingdings", "symbol", "webdings", "marlett")  # bullet glyphs that only exist in that font


def _theme_fonts(master) -> tuple[str, str]:
    from lxml import etree

    for rel in master.part.rels.values():
        if rel.reltype.endswith("/theme"):
            root = etree.fromstring(rel.target_part.blob, etree.XMLParser(resolve_entities=False))
            major = root.find(".//a:fontScheme/a:majorFont/a:latin", NS)
            minor = root.find(".//a:fontScheme/a:minorFont/a:latin", NS)
            return ((major.get("typeface", "").strip() if major is not None else "") or DEFAULT_FONT,
                    (minor.get("typeface", "").strip() if minor is not None else "") or DEFAULT_FONT)
    return DEFAULT_FONT, DEFAULT_FONT


def _resolve(typeface: str, major: str, minor: str) -> str:
    """A typeface as written in a style: a theme reference (``+mj-lt``/``+mn-lt``) becomes the theme's font."""
    if typeface.startswith("+mj"):
        return major
    if typeface.startswith("+mn"):
        return minor
    return typeface


def _fonts(master) -> tuple[str, str]:
    """(title typeface, body typeface): the master's text styles, whose usual ``+mj-lt``/``+mn-lt`` name the
    theme's major and minor fonts."""
    major, minor = _theme_fonts(master)
    styles = master._element.find("p:txStyles", NS)
    found = []
    for style, fallback in (("titleStyle", major), ("bodyStyle", minor)):
        latin = styles.find(f"p:{style}/a:lvl1pPr/a:defRPr/a:latin", NS) if styles is not None else None
        written = latin.get("typeface", "").strip() if latin is not None else ""
        found.append(_resolve(written, major, minor) if written else fallback)
    return found[0], found[1]


def _body_lst_style(shapes_owner):
    """The a:lstStyle of the body placeholder of a master or layout, if it has one."""
    for ph in shapes_owner.placeholders:
        if ph.placeholder_format.type.name.lower() in ("body", "object"):
            return ph._element.find("p:txBody/a:lstStyle", NS)
    return None


def _levels(master, layout, body_font: str) -> tuple[Level, ...]:
    """List levels 1..9 of body text: the master's bodyStyle, then the master's and the layout's body
    placeholder list styles, each overriding what the one before said."""
    from lxml import etree

    major, minor = _theme_fonts(master)
    sources = [master._element.find("p:txStyles/p:bodyStyle", NS), _body_lst_style(master), _body_lst_style(layout)]
    levels = []
    for n in range(1, 10):
        said: dict = {}
        for source in sources:
            ppr = source.find(f"a:lvl{n}pPr", NS) if source is not None else None
            if ppr is None:
                continue
            for name in ("marL", "indent"):
                if ppr.get(name) is not None:
                    said[name] = int(ppr.get(name)) / EMU_PER_PT
            for child in ppr:
                tag = etree.QName(child).localname
                if tag == "buChar":
                    said["bullet"] = child.get("char", "")
                elif tag in ("buNone", "buAutoNum", "buBlip"):
                    said["bullet"] = ""
                elif tag == "buFont":
                    said["bullet_font"] = _resolve(child.get("typeface", ""), major, minor)
                elif tag == "buFontTx":
                    said["bullet_font"] = ""
                elif tag == "buClr":
                    said["bullet_colour"] = etree.tostring(child).decode()
                elif tag == "buClrTx":
                    said["bullet_colour"] = ""
                elif tag == "defRPr":
                    fill = child.find("a:solidFill", NS)
                    if fill is not None:
                        said["colour"] = etree.tostring(fill).decode()
        font = said.get("bullet_font", "")
        if font and not font.lower().startswith(SYMBOL_FONTS):
            said["bullet_font"] = body_font  # a text font's bullet is drawn in the deck's own body font
        levels.append(Level(said.get("marL"), said.get("indent"), said.get("bullet"), said.get("bullet_font", ""),
                            said.get("bullet_colour", ""), said.get("colour", "")))
    return tuple(levels)


def _misfit(layout, width: int, height: int) -> str:
    """Why ``layout``'s placeholders do not fit a ``width`` x ``height`` slide ("" when they do)."""
    rects = list(_ph_rects(layout).values())
    if not rects:
        return ""
    right = max(x + w for x, _, w, _ in rects)
    bottom = max(y + h for _, y, _, h in rects)
    left = min(x for x, _, _, _ in rects)
    name = layout.name.strip() or "(unnamed)"
    if right > width * 1.01 or bottom > height * 1.01:
        return (f"layout '{name}' has placeholders beyond the {width / 914400:.2f} x {height / 914400:.2f} in slide "
                f"(they reach {right / 914400:.2f} x {bottom / 914400:.2f} in)")
    if right <= width * 0.78 and width - right > 2 * max(left, 0) + width // 10:  # 4:3 in 16:9 reaches 75%
        return (f"layout '{name}' fills only {right / 914400:.2f} in of the {width / 914400:.2f} in slide width "
                "(its layouts were made for a narrower slide, e.g. 4:3 in a 16:9 deck)")
    return ""


def _clamp(rect: Rect, *, width: int, height: int) -> Rect:
    """A placeholder's box cut to the slide, so a layout made for another slide size cannot push text off it."""
    x, y, w, h = rect
    x, y = max(0, min(x, width - 1)), max(0, min(y, height - 1))
    return (x, y, max(1, min(w, width - x)), max(1, min(h, height - y)))


def load_template(path: Path, location: Location | None = None) -> Template:
    """Check and read a template's geometry (cached per file and modification time)."""
    check_archive(path, location)
    try:
        return _load(str(path.resolve()), path.stat().st_mtime)
    except SourceError as err:
        if err.location is None and location is not None:
            raise SourceError(err.code, err.problems[0].message, location, err.problems[0].hint) from None
        raise
    except (KeyError, ValueError, TypeError, AttributeError) as exc:
        raise SourceError("template.invalid", f"slide template '{path.name}' cannot be read as a presentation "
                          f"({exc.__class__.__name__}: {exc})", location,
                          hint="open and re-save it in PowerPoint as .pptx") from None
