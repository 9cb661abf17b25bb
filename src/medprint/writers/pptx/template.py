"""Find what the deck needs in a slide master: a title layout, a content layout and their boxes.

Layouts are found by placeholder *type* first (a title slide has a centre title
and a subtitle; a content slide has a title), then by the usual names, so an
organisation's master works without renaming anything.  Templates are refused
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
class Template:
    """The geometry the layout stage plans against (all EMU)."""

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


def check_archive(path: Path, location: Location | None, limits: Limits | None = None) -> None:
    """Refuse oversized, bomb-like or entity-carrying templates before anything parses them."""
    limits = limits or Limits.from_env()
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


def _kinds(layout) -> set[str]:
    return set(_ph_rects(layout))


def _pick(layouts, want, names) -> int | None:
    candidates = [i for i, lay in enumerate(layouts) if want(_kinds(lay))]
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
    width, height = int(prs.slide_width), int(prs.slide_height)
    content = _pick(layouts, lambda k: "title" in k and "center_title" not in k, CONTENT_NAMES)
    if content is None:
        raise SourceError("template.missing-layout", f"slide template '{Path(path_str).name}' has no layout "
                          "with a title placeholder (needed for content slides)", None,
                          hint="add a 'Title Only' layout to the template's master")
    cover = _pick(layouts, lambda k: "center_title" in k or ("title" in k and "subtitle" in k), TITLE_NAMES)
    if cover is None:
        raise SourceError("template.missing-layout", f"slide template '{Path(path_str).name}' has no title-slide "
                          "layout (a layout with a title and a subtitle placeholder)", None,
                          hint="add a 'Title Slide' layout to the template's master")
    crects = _ph_rects(layouts[content])
    trects = _ph_rects(layouts[cover])
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
    return Template(path_str, width, height, cover, content, cover_title, trects.get("subtitle"), title, body,
                    footer, number)


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
