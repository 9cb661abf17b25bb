"""The slide plan: every slide as boxes of measured text, decided before python-pptx is touched.

Text is wrapped with the deck font's real metrics (:mod:`.measure`) and split
across "(cont.)" slides instead of shrinking: body text never goes below
18 pt, reference entries never below 12 pt, and a reference entry is never
split across slides.  Titles shrink (36 → 24 pt) until they fit their box.
The plan is pure: same document, same plan.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Union

from ...errors import SourceError
from ...limits import Limits
from ...model import BulletList, Heading, OrderedList, Paragraph, walk_blocks
from ...model import (
    Document, Figure, Image, RenderedCitations, Run, Table, blocks_text, runs_text, split_sections,
)
from ...paths import resolve_source_path
from . import measure
from .fonts import measure_for
from .points import (NewSlide, Point, RefsHere, SectionNotes, has_explicit_slides, inline_runs, join_runs,
                     section_items_with_origin)
from .points import Callout, Equation
from ...i18n.labels import Labels, callout_title, references_title
from ...i18n.terms import display_date
from .template import Rect, Template, load_template, template_path

PT = 12700  # EMU per point
INSET_X, INSET_Y = 7.2, 3.6  # text box insets in points (0.1 in, 0.05 in), written explicitly
CELL_X, CELL_Y = 5.4, 3.6  # table cell margins in points
SLACK = 0.97  # wrap against 97% of the measured width: renderers differ by a few per mille
BODY_SIZES = (24, 22, 20)  # tried in order; a section that fits nowhere is paginated at the last
BODY_MIN = 18
REF_SIZES = (20, 18, 16, 14)
REF_MIN = 12
TABLE_SIZE = 18
TITLE_SIZES = (36, 34, 32, 30, 28, 26, 24)
FOOTER_SIZE = 12
CONT = " (cont.)"


# ---------------------------------------------------------------- the plan


@dataclass(frozen=True)
class Para:
    """A measured paragraph: runs at ``size`` taking ``lines`` lines."""

    runs: tuple[Run, ...]
    size: float
    lines: int = 1
    bullet: str = ""
    number: int = 0
    margin: float = 0.0  # a:pPr marL, points
    indent: float = 0.0  # a:pPr indent, points (negative: hanging)
    space_before: float = 0.0
    bold: bool = False
    align: str = "l"
    number_type: str = "arabicPeriod"  # DrawingML a:buAutoNum type (fancy lists: alphaLcParenR, romanUcPeriod, ...)
    bullet_font: str = ""  # a symbol font the template's bullet character needs ("": the text's font)
    bullet_colour: str = ""  # the template's a:buClr for this level (serialised XML), "" to inherit
    colour: str = ""  # the template's a:solidFill for this level's text (serialised XML), "" to inherit
    origin: int = -1  # the section block it shows (for that slide's speaker notes)

    @property
    def height(self) -> float:
        return self.space_before + self.lines * measure.line_height(self.size)


@dataclass(frozen=True)
class TextBox:
    role: str  # title, cover-title, cover-subtitle, body, references, caption, footer, number
    rect: Rect
    paras: tuple[Para, ...]
    field: str = ""  # "slidenum" for the slide number


@dataclass(frozen=True)
class TableBox:
    rect: Rect
    columns: tuple[int, ...]  # EMU widths
    heights: tuple[int, ...]  # EMU row heights, header first
    cells: tuple[tuple[tuple[Run, ...], ...], ...]  # header row first
    size: float
    aligns: tuple[str, ...] = ()


@dataclass(frozen=True)
class PictureBox:
    rect: Rect
    path: str
    alt: str
    data: bytes = b""  # a picture made here (display math as PNG) instead of a file
    svg: bytes = b""  # its vector original, stored beside the PNG as PowerPoint stores SVG pictures


Shape = Union[TextBox, TableBox, PictureBox]


@dataclass(frozen=True)
class Slide:
    kind: str  # cover, content, table, figure, references, closing
    title: str
    shapes: tuple[Shape, ...]
    notes: str = ""
    section: str = ""
    continued: bool = False

    @property
    def layout(self) -> str:
        return "cover" if self.kind == "cover" else "content"


@dataclass(frozen=True)
class Deck:
    template: Template
    slides: tuple[Slide, ...]
    lang: str
    title: str
    subject: str = ""
    authors: str = ""
    keywords: str = ""
    timestamp: dt.datetime = field(default_factory=lambda: dt.datetime(1980, 1, 1))
    anchors: tuple[tuple[str, int], ...] = ()  # cross-reference label -> index of the slide showing it

    def continuation_counts(self) -> dict[str, int]:
        """Continuation slides per section title (what ``medprint check`` reports)."""
        counts: dict[str, int] = {}
        for slide in self.slides:
            if slide.section:
                counts.setdefault(slide.section, 0)
                if slide.continued:
                    counts[slide.section] += 1
        return counts


# ---------------------------------------------------------------- geometry helpers


def _pt(emu: int) -> float:
    return emu / PT


def _emu(pt: float) -> int:
    return int(round(pt * PT))


class Planner:
    """Turns one document into a :class:`Deck` against one template's geometry."""

    def __init__(self, document: Document, citations: RenderedCitations, styles: Path) -> None:
        self.doc = document
        self.cit = citations
        self.meta = document.meta
        self.labels = Labels(document.meta.lang)  # medprint's own words in the document's language
        path, loc = template_path(document, styles)
        self.tpl = load_template(path, loc)
        bundled = str(Path(styles) / "fonts" / "liberation-sans")
        body, title = measure_for(self.tpl.body_font, bundled), measure_for(self.tpl.title_font, bundled)
        self.metrics = measure.metrics_for(body.files, body.factor)  # body text: the theme's minor font
        self.title_metrics = measure.metrics_for(title.files, title.factor)  # titles: the theme's major font
        self._template_warnings(loc, title, body)
        self.slides: list[Slide] = []
        self.limits = Limits.from_env()
        self._smallest = 1000.0  # smallest body size used by the section being planned
        self.anchors: dict[str, int] = {}  # cross-reference label -> slide index (last planning attempt wins)
        self._width_for_split = 0.0
        self._warned_titles: set = set()  # headings already reported as too long for a title

    def _template_warnings(self, loc, *measures) -> None:
        """What the template costs the deck: fonts measured by a guess (a warning when the author can do
        something about it, else a note), layouts made for another slide size."""
        from ...diagnostics import Diagnostic
        from ...report import warn

        name = Path(self.tpl.path).name
        for note, hint in dict.fromkeys((m.note, m.hint) for m in measures if m.note):
            warn(Diagnostic("slides.template-font", "warning" if hint else "info",
                            f"slide template '{name}': {note}", loc, hint))
        for misfit in self.tpl.misfits:
            warn(Diagnostic("slides.template-size", "warning", f"slide template '{name}': {misfit}", loc,
                            "resize the template's layouts to its slide size in PowerPoint (Design > Slide Size)"))

    # ------------------------------------------------ measuring

    def _wrap(self, para: Para, width_pt: float, metrics=None) -> Para:
        # bullets hang in the margin, so every line (the first too) wraps at marL
        avail = (width_pt - 2 * INSET_X - para.margin) * SLACK
        lines = measure.wrap_count(metrics or self.metrics, para.runs, para.size, avail, bold=para.bold)
        return replace(para, lines=lines)

    def _box_height(self, paras: list[Para]) -> float:
        if not paras:
            return 0.0
        return sum(p.height for p in paras) - paras[0].space_before + 2 * INSET_Y

    def _fit_title(self, runs: tuple[Run, ...], rect: Rect, sizes=TITLE_SIZES, align="l") -> tuple[TextBox, Rect]:
        """The largest title size that fits the box; if none does, the box grows downward."""
        width = _pt(rect[2])
        for size in sizes:
            para = self._wrap(Para(runs, size, bold=True, align=align), width, self.title_metrics)
            if self._box_height([para]) <= _pt(rect[3]):
                return TextBox("title", rect, (para,)), rect
        need = _emu(self._box_height([para]) + 1)
        room = self._title_room(rect)
        if need > room:  # a title so long it would push the slide's text off: shortened, and the author told
            para = self._shortened(runs, sizes[-1], align, width, room)
            need = _emu(self._box_height([para]) + 1)
        grown = (rect[0], rect[1], rect[2], need)
        return TextBox("title", grown, (para,)), grown

    def _title_room(self, rect: Rect) -> int:
        """The most a title box starting at ``rect`` may grow and still leave 1 inch of text under it."""
        bottom = min(self.tpl.body[1] + self.tpl.body[3], self.tpl.footer[1] - _emu(4), self.tpl.number[1] - _emu(4))
        return max(rect[3], bottom - _emu(72) - _emu(6) - rect[1])

    def _shortened(self, runs: tuple[Run, ...], size: float, align: str, width: float, room: int) -> Para:
        """The longest start of ``runs`` (whole words, then "…") that fits ``room`` at ``size``."""
        from ...diagnostics import Diagnostic
        from ...report import warn

        words = _split_words(runs)
        low, high = 1, max(1, len(words) - 1)
        best = None
        while low <= high:
            middle = (low + high) // 2
            kept = tuple(r for i, w in enumerate(words[:middle]) for r in ((Run(" "),) if i else ()) + w)
            para = self._wrap(Para(kept + (Run("…"),), size, bold=True, align=align), width, self.title_metrics)
            if _emu(self._box_height([para]) + 1) <= room:
                best, low = para, middle + 1
            else:
                high = middle - 1
        text = runs_text(runs)
        where, heading = self._heading_location(text)
        if where in self._warned_titles:
            return best or self._wrap(Para((Run("…"),), size, bold=True, align=align), width, self.title_metrics)
        self._warned_titles.add(where)
        warn(Diagnostic("slides.title-shortened", "warning",
                        f"a heading of {len(heading)} characters is too long for a slide title; its slides show "
                        f"'{runs_text(best.runs) if best else '…'}'", where,
                        "shorten the heading (the handout and web page keep it whole)"))
        return best or self._wrap(Para((Run("…"),), size, bold=True, align=align), width, self.title_metrics)

    def _heading_location(self, text: str):
        from ...model import Heading, plain_text, walk_blocks

        for block in walk_blocks(self.doc.blocks):
            heading = plain_text(block.inlines).strip() if isinstance(block, Heading) else ""
            if heading and text.startswith(heading[:200]):
                return block.location, heading
        return self.meta.position("title"), text

    def _body_rect(self, title_rect: Rect) -> Rect:
        x, y, w, h = self.tpl.body
        top = max(y, title_rect[1] + title_rect[3] + _emu(6))
        bottom = min(y + h, self.tpl.footer[1] - _emu(4), self.tpl.number[1] - _emu(4))
        if bottom - top < _emu(72) or w < _emu(144):
            raise SourceError("template.layout-too-small", f"slide template '{Path(self.tpl.path).name}' leaves "
                              "less than 1 x 2 inches for slide text under the title",
                              self.meta.position("slides.template") or self.meta.position("slides"),
                              hint="give the 'Title Only' layout's title a smaller box near the top")
        return (x, top, w, bottom - top)

    # ------------------------------------------------ pagination

    def _paginate(self, paras: list[Para], height: float, *, keep_whole: bool = False) -> list[list[Para]]:
        """Split measured paragraphs into pages of at most ``height`` points (box insets included)."""
        pages: list[list[Para]] = [[]]
        for para in paras:
            page = pages[-1]
            trial = page + [para]
            if self._box_height(trial) <= height:
                page.append(para)
                continue
            if page:
                pages.append([])
                if self._box_height([para]) <= height:
                    pages[-1].append(para)
                    continue
            # a paragraph taller than a whole slide: split it between lines (never for references)
            if keep_whole:
                pages[-1].append(para)
                continue
            for piece in self._split_para(para, height):
                if pages[-1] and self._box_height(pages[-1] + [piece]) > height:
                    pages.append([])
                pages[-1].append(piece)
        return [p for p in pages if p]

    def _even_out(self, pages: list[list[Para]], height: float) -> list[list[Para]]:
        """Share paragraphs evenly over the same number of slides, so a last slide is not one lonely line."""
        if len(pages) < 2:
            return pages
        paras = [p for page in pages for p in page]
        room = height - 2 * INSET_Y
        shared = _balanced([p.height for p in paras], room)
        if len(shared) != len(pages):
            return pages
        out = [[paras[i] for i in idx] for idx in shared]
        if any(self._box_height(page) > height for page in out):
            return pages
        return out

    def _split_para(self, para: Para, height: float) -> list[Para]:
        max_lines = max(1, int((height - 2 * INSET_Y) // measure.line_height(para.size)))
        words = _split_words(para.runs)
        pieces: list[Para] = []
        width = self._width_for_split
        while words:
            lo, hi = 1, len(words)
            while lo < hi:  # most words that fit in max_lines
                mid = (lo + hi + 1) // 2
                trial = self._wrap(replace(para, runs=join_runs(words[:mid])), width)
                if trial.lines <= max_lines:
                    lo = mid
                else:
                    hi = mid - 1
            chunk = self._wrap(replace(para, runs=join_runs(words[:lo])), width)
            if pieces:
                chunk = replace(chunk, bullet="", number=0, space_before=0.0, indent=0.0)
            pieces.append(chunk)
            words = words[lo:]
        return pieces

    # ------------------------------------------------ slides

    def _content_slide(self, kind: str, title_runs: tuple[Run, ...], section: str, notes: str,
                       continued: bool, max_size: float = 1000, probe: bool = False) -> tuple[TextBox, Rect]:
        """A content slide's title box and the body area under it; ``max_size`` keeps a run of
        continuation slides at one title size.  Every slide's title is unique (PowerPoint's accessibility
        checker; a screen reader's slide list): a title seen before becomes "(cont.)", then "(cont. 2)"..."""
        word = str(self.meta.option("slides", "continued", f"({self.labels('cont.')})"))
        base = runs_text(title_runs)
        seen = 0 if probe else self._title_uses(base)
        if continued or seen:
            number = max(seen, 1)
            if number > 1:
                word = word[:-1] + f" {number})" if word.endswith(")") else f"{word} {number}"
            cont = f" {word}"
            runs = title_runs + (Run(cont.strip() if not title_runs else cont),)
        else:
            runs = title_runs
        sizes = tuple(s for s in TITLE_SIZES if s <= max_size) or TITLE_SIZES[-1:]
        box, rect = self._fit_title(runs, self.tpl.title, sizes=sizes)
        return box, self._body_rect(rect)

    def _text_slides(self, kind: str, title: tuple[Run, ...], points: list[Point], section: str, notes: str,
                     first_continued: bool = False, sizes=BODY_SIZES, role: str = "body",
                     keep_whole: bool = False) -> None:
        """Slides for a run of points: the largest size that fits one slide, else paginated."""
        probe_box, probe = self._content_slide(kind, title, section, notes, True, probe=True)
        width = _pt(probe[2])
        height = _pt(probe[3])
        self._width_for_split = width
        pages: list[list[Para]] = []
        for i, size in enumerate(sizes):
            paras = [replace(self._wrap(self._para(p, size, role), width), origin=p.origin) for p in points]
            pages = self._even_out(self._paginate(paras, height, keep_whole=keep_whole), height)
            if len(pages) <= 1 or i == len(sizes) - 1:
                break
        self._smallest = min(self._smallest, pages[0][0].size if pages else 1000.0)
        cap = probe_box.paras[0].size if len(pages) > 1 or first_continued else 1000
        for n, page in enumerate(pages):
            continued = first_continued or n > 0
            tbox, body = self._content_slide(kind, title, section, notes, continued, cap)
            page = [replace(page[0], space_before=0.0)] + page[1:]
            used = _emu(self._box_height(page) + 2)
            body_box = TextBox(role, (body[0], body[1], body[2], min(body[3], used)), tuple(page))
            text = notes([p.origin for p in page]) if callable(notes) else notes
            self._add(Slide(kind, runs_text(tbox.paras[0].runs), (tbox, body_box), text, section, continued))

    def _para(self, point: Point, size: float, role: str) -> Para:
        if role == "references":
            return Para(point.runs, size, margin=36.0, indent=-36.0, space_before=round(size * 0.5, 1))
        gap = round(size * 0.45, 1)
        # the template's style for this list level (body text only: a callout box has its own colours)
        style = self.tpl.levels[min(point.level, len(self.tpl.levels) - 1)] if self.tpl.levels else None
        style = style if role == "body" else None
        colour = style.colour if style else ""
        if point.number:
            margin = 0.5 * 72 + point.level * 0.4 * 72
            return Para(point.runs, size, bullet="", number=point.number, number_type=point.number_type,
                        margin=margin, indent=-0.5 * 72, space_before=gap,
                        bullet_colour=style.bullet_colour if style else "", colour=colour)
        if point.bullet:
            margin, indent, bullet, font, bullet_colour = 28.8 + point.level * 28.8, -28.8, point.bullet, "", ""
            if style is not None and _usable_level(style):  # the template's indents, bullet and its colour
                margin, indent = style.margin, style.indent
                bullet, font, bullet_colour = style.bullet, style.bullet_font, style.bullet_colour
            if font == self.tpl.body_font:
                font = ""
            return Para(point.runs, size, bullet=bullet, margin=margin, indent=indent, space_before=gap,
                        bullet_font=font, bullet_colour=bullet_colour, colour=colour)
        return Para(point.runs, size, margin=point.level * 0.4 * 72, space_before=gap, colour=colour)

    def _add(self, slide: Slide) -> None:
        self.slides.append(slide)

    def _anchor(self, label: str) -> None:
        """``label`` (a figure's, table's or equation's id) is shown on the next slide added."""
        if label:
            self.anchors[label] = len(self.slides)

    def _title_uses(self, base: str) -> int:
        """Slides planned so far whose title is ``base`` (as given, or followed by the continuation mark)."""
        word = str(self.meta.option("slides", "continued", f"({self.labels('cont.')})"))
        stem = word[:-1] if word.endswith(")") else word
        return sum(1 for slide in self.slides
                   if slide.title == base or (slide.title.startswith(base + " " + stem) and base))

    # ------------------------------------------------ tables

    def _table_slides(self, table: Table, title: tuple[Run, ...], section: str, notes: str) -> None:
        size = TABLE_SIZE
        header = tuple(inline_runs(c, self.cit) for c in table.header)
        rows = [tuple(inline_runs(c, self.cit) for c in row) for row in table.rows]
        caption = inline_runs(table.caption, self.cit) if table.caption else ()
        ncols = max([len(header)] + [len(r) for r in rows]) or 1
        header = header + ((),) * (ncols - len(header))
        rows = [r + ((),) * (ncols - len(r)) for r in rows]
        slide_title = caption or title
        probe_box, body = self._content_slide("table", slide_title, section, notes, True, probe=True)
        total = _pt(body[2])
        cols = self._columns([header] + rows, ncols, size, total)
        heights = [self._row_height(r, cols, size, bold=(i == 0)) for i, r in enumerate([header] + rows)]
        head_h, row_h = heights[0], heights[1:]
        pages = _balanced(row_h, _pt(body[3]) - head_h)
        aligns = tuple({"left": "l", "center": "ctr", "right": "r"}.get(a, "l") for a in table.aligns)
        self._anchor(getattr(table, "id", ""))
        for n, page in enumerate(pages):
            cap = probe_box.paras[0].size if len(pages) > 1 else 1000
            tbox, body = self._content_slide("table", slide_title, section, notes, n > 0, cap)
            cells = (header,) + tuple(rows[i] for i in page)
            hs = (head_h,) + tuple(row_h[i] for i in page)
            emu_h = tuple(_emu(h) for h in hs)
            emu_cols = tuple(_emu(c) for c in cols)
            rect = (body[0], body[1], sum(emu_cols), sum(emu_h))
            shape = TableBox(rect, emu_cols, emu_h, cells, size, aligns)
            self._add(Slide("table", runs_text(tbox.paras[0].runs), (tbox, shape), notes if n == 0 else "", section,
                            n > 0))  # a table over several slides: its text once, on the first

    def _columns(self, rows, ncols: int, size: float, total: float) -> list[float]:
        pad = 2 * CELL_X + 2
        least = [pad + max(measure.longest_word(self.metrics, r[c], size, bold=(i == 0)) / SLACK
                           for i, r in enumerate(rows)) for c in range(ncols)]
        natural = [pad + max(measure.text_width(self.metrics, r[c], size, bold=(i == 0)) / SLACK
                             for i, r in enumerate(rows)) for c in range(ncols)]
        if sum(natural) <= total:
            spare = (total - sum(natural)) / ncols
            return [n + spare for n in natural]
        if sum(least) >= total:
            return [total / ncols] * ncols
        spare = total - sum(least)
        want = [n - m for n, m in zip(natural, least)]
        return [m + spare * w / (sum(want) or 1) for m, w in zip(least, want)]

    def _row_height(self, row, cols, size, *, bold: bool) -> float:
        lines = 1
        for runs, width in zip(row, cols):
            avail = (width - 2 * CELL_X) * SLACK
            lines = max(lines, measure.wrap_count(self.metrics, runs, size, avail, bold=bold))
        return lines * measure.line_height(size) + 2 * CELL_Y + 2

    # ------------------------------------------------ figures

    def _figure_slide(self, figure: Figure, title: tuple[Run, ...], section: str, notes: str) -> None:
        from ...safety.images import inspect_image

        image: Image = figure.image
        source_dir = Path(self.doc.source_path).parent
        path = resolve_source_path(image.src, source_dir, image.location or figure.location, what="image")
        # medprint.safety: byte and pixel limits before decoding, real format from the bytes, truncation
        info = inspect_image(path, image.src, image.location or figure.location, self.limits)
        px_w, px_h = info.width, info.height
        fmt = "SVG" if info.mime == "image/svg+xml" else info.mime.split("/")[1].upper()
        svg = b""
        if fmt == "SVG":  # stored as PowerPoint stores SVG: the SVG part and a PNG drawn at the slide's size
            from .svg_picture import svg_pixels

            try:
                px_w, px_h = svg_pixels(info.data)
            except ValueError as exc:
                raise SourceError("image.broken", f"SVG image '{image.src}' cannot be drawn ({exc})",
                                  image.location or figure.location,
                                  hint="give the SVG a width and height or a viewBox, or export it as PNG") from None
            svg = info.data
        elif fmt not in {"PNG", "JPEG", "GIF", "BMP", "TIFF"}:
            raise SourceError("image.format", f"image '{image.src}' is {fmt or 'of an unknown format'}; "
                              "PowerPoint decks take PNG, JPEG, GIF, BMP, TIFF or SVG",
                              image.location or figure.location, hint="export it as PNG")
        tbox, body = self._content_slide("figure", title, section, notes, False)
        caption = inline_runs(figure.caption, self.cit) if figure.caption else ()
        shapes: list[Shape] = [tbox]
        bottom = body[1] + body[3]
        if caption:
            para = self._wrap(Para(caption, BODY_MIN, align="ctr"), _pt(body[2]))
            cap_h = _emu(self._box_height([para]) + 2)
            bottom -= cap_h
            shapes.append(TextBox("caption", (body[0], bottom, body[2], cap_h), (para,)))
        avail_w, avail_h = body[2], bottom - body[1] - _emu(6)
        scale = min(avail_w / px_w, avail_h / px_h, 914400 / 96 * 1.5)  # never above 1.5x its 96-dpi size
        wanted = image_size_emu(image, body[2], px_w, px_h)
        if wanted:  # {width=50%} / {height=3cm}: that size, but never beyond the slide's body
            scale = min(avail_w / px_w, avail_h / px_h, wanted)
        w, h = int(px_w * scale), int(px_h * scale)
        x = body[0] + (body[2] - w) // 2
        shapes.insert(1, PictureBox((x, body[1], w, h), str(path), image.alt or runs_text(caption), svg=svg))
        self._anchor(figure.id)
        self._add(Slide("figure", runs_text(tbox.paras[0].runs), tuple(shapes), notes, section, False))

    def _equation_slide(self, item: Equation, title: tuple[Run, ...], section: str, notes: str) -> None:
        """Display math as a picture (PNG, with its SVG) centred under the title, its number below it."""
        from ...mathtex import MathError
        from ..math_render import picture, png

        math = item.math
        self._anchor(math.id)
        tbox, body = self._content_slide("content", title, section, notes, False)
        try:
            pic = picture(math.tex, True)
            data, svg = png(math.tex, True), pic.svg.encode("utf-8")
        except MathError:  # shown as written (the reader has warned where)
            points = [Point((Run(f"$${math.tex}$$"),))]
            self._text_slides("content", title, points, section, notes)
            return
        shapes: list[Shape] = [tbox]
        bottom = body[1] + body[3]
        caption = None
        if math.number:  # the equation's number right under it
            caption = self._wrap(Para((Run(f"({math.number})"),), BODY_MIN, align="ctr"), _pt(body[2]))
            bottom -= _emu(self._box_height([caption]) + 2)
        em = _emu(40)  # equations at 40 pt, smaller only when they would not fit
        top = body[1] + _emu(12)
        scale = min(1.0, body[2] / (pic.width * em), (bottom - top - _emu(6)) / (pic.height * em))
        w, h = int(pic.width * em * scale), int(pic.height * em * scale)
        x = body[0] + (body[2] - w) // 2
        shapes.append(PictureBox((x, top, w, h), "", math.tex.strip(), data, svg))
        if caption is not None:
            shapes.append(TextBox("caption", (body[0], top + h + _emu(6), body[2],
                                              _emu(self._box_height([caption]) + 2)), (caption,)))
        self._add(Slide("figure", runs_text(tbox.paras[0].runs), tuple(shapes), notes, section, False))

    # ------------------------------------------------ cover, references, closing

    def cover(self, notes: str) -> None:
        meta = self.meta
        tbox, trect = self._fit_title(inline_runs(meta.title_markup(), self.cit), self.tpl.cover_title,
                                      sizes=(44, 40, 36, 32, 28), align="ctr")
        tbox = replace(tbox, role="cover-title")
        lines: list[tuple[tuple[Run, ...], float, bool]] = []
        if meta.subtitle:
            lines.append((inline_runs(meta.subtitle_markup(), self.cit), 26, False))
        for author in meta.authors:
            runs = list(inline_runs(author.name_markup(), self.cit))
            if author.credentials:
                runs.append(Run(f", {author.credentials}"))
            if author.affiliation:
                runs += [Run(" ("), *inline_runs(author.affiliation_markup(), self.cit), Run(")")]
            lines.append((tuple(replace(r, bold=True) for r in runs), 20, True))
        if meta.title_organization():  # once: not when an author's affiliation already names it
            lines.append(((Run(meta.title_organization()),), 20, False))
        if meta.date:
            lines.append(((Run(display_date(meta.date, meta.lang)),), 18, False))
        shapes: list[Shape] = [tbox]
        if lines:
            rect = self.tpl.cover_subtitle or (trect[0], trect[1] + trect[3], trect[2], _emu(200))
            top = max(rect[1], trect[1] + trect[3] + _emu(6))
            bottom = self.tpl.footer[1] - _emu(6)
            rect = (rect[0], top, rect[2], max(rect[1] + rect[3], bottom) - top)
            # smaller until the lines fit the box (a template's subtitle box may be short), never below 12 pt
            for shrink in (0, 2, 4, 6, 8, 10, 12, 14):
                paras = [self._wrap(Para(t, max(12, s - shrink), bold=b, align="ctr",
                                         space_before=0 if i == 0 else (8 if shrink <= 4 else 4)), _pt(rect[2]))
                         for i, (t, s, b) in enumerate(lines)]
                if self._box_height(paras) <= _pt(rect[3]):
                    break
            used = _emu(self._box_height(paras) + 2)
            shapes.append(TextBox("cover-subtitle", (rect[0], rect[1], rect[2], min(used, rect[3])), tuple(paras)))
        self._add(Slide("cover", meta.title, tuple(shapes), notes))

    def references(self, title: tuple[Run, ...], section: str) -> None:
        if not self.cit.entries:
            return
        points = []
        for entry in self.cit.entries:
            runs = entry.runs
            if entry.label:  # the style's own label, as the handout and web page print it ("1.", "[1]")
                runs = (Run(f"{entry.label} "),) + tuple(runs)
            points.append(Point(tuple(runs)))
        notes = self.labels("Reference list: {count} works, in the order of the handout.", count=len(points))
        self._text_slides("references", title, points, section, notes, sizes=REF_SIZES, role="references",
                          keep_whole=True)

    def _callout_title(self, item):
        """A callout without a title of its own is titled in the document's language ("Nota", "Hinweis")."""
        if isinstance(item, Callout) and runs_text(item.title) == item.kind.title():
            return replace(item, title=(replace(item.title[0], text=callout_title(item.kind, self.meta.lang)),))
        return item

    def abstract(self) -> None:
        """The front matter's abstract on its own slides (``slides: {abstract: true}``), after the title slide:
        every paragraph whole (continued on "(cont.)" slides), list items as bullets."""
        title = str(self.meta.option("slides", "abstract-title", "") or self.meta.abstract_title or self.labels("Abstract"))
        points: list[Point] = []
        for block in self.meta.abstract_markup():
            if isinstance(block, (BulletList, OrderedList)):
                for n, item in enumerate(block.items, start=1):
                    runs = inline_runs(item.blocks[0].inlines, self.cit) if item.blocks and isinstance(
                        item.blocks[0], Paragraph) else (Run(blocks_text(item.blocks, self.cit)),)
                    if isinstance(block, OrderedList):
                        points.append(Point(runs, number=block.start + n - 1))
                    else:
                        points.append(Point(runs, bullet="•"))
            elif isinstance(block, (Paragraph, Heading)):
                points.append(Point(inline_runs(block.inlines, self.cit)))
            elif blocks_text((block,), self.cit):
                points.append(Point((Run(blocks_text((block,), self.cit)),)))
        if points:
            self._text_slides("abstract", (Run(title),), points, title, self.meta.abstract)

    def closing(self) -> None:
        meta = self.meta
        points: list[Point] = []
        review = meta.review
        if review.statement:
            points.append(Point((Run(review.statement),)))
        dates = []  # worded as the handout's publishing block words them
        reviewed = display_date(review.reviewed, meta.lang) if review.reviewed else ""
        if reviewed and review.reviewer:
            dates.append(self.labels("Reviewed: {date} by {reviewer}", date=reviewed, reviewer=review.reviewer))
        elif reviewed:
            dates.append(self.labels("Reviewed: {date}", date=reviewed))
        elif review.reviewer:
            dates.append(self.labels("Reviewed by {reviewer}", reviewer=review.reviewer))
        if review.next_review:
            dates.append(self.labels("Next review: {date}", date=display_date(review.next_review, meta.lang)))
        if dates:
            points.append(Point((Run(" · ".join(dates)),)))
        if meta.disclaimer:
            points.append(Point((Run(meta.disclaimer, italic=False),)))
        tail = []
        if meta.copyright:
            tail.append(meta.copyright if meta.copyright.startswith(("©", "(c)", "Copyright")) else
                        f"© {meta.copyright}")
        if meta.version:
            tail.append(self.labels("Version {version}", version=meta.version))
        if tail:
            points.append(Point((Run(" · ".join(tail)),)))
        if meta.url:
            points.append(Point((Run(meta.url, url=meta.url),)))
        if not points:
            return
        notes = "\n\n".join(runs_text(p.runs) for p in points)
        title = str(self.meta.option("slides", "closing-title", "") or self.labels("About this presentation"))
        self._text_slides("closing", (Run(title),), points, "", notes, sizes=(22, 20, BODY_MIN))

    # ------------------------------------------------ the whole deck

    def plan(self) -> Deck:
        lead, sections = split_sections(self.doc.blocks)
        lead_notes = "\n\n".join(t for t in (self.meta.abstract, blocks_text(lead, self.cit)) if t)
        self.cover(lead_notes)
        if self.meta.abstract and _truthy(self.meta.option("slides", "abstract", False)):
            self.abstract()
        if lead:
            overview = str(self.meta.option("slides", "lead-title", "") or self.labels("Overview"))
            self._section((Run(overview),), lead, overview)
        refs_placed = False
        for section in sections:
            title = inline_runs(section.heading.inlines, self.cit) if section.heading else ()
            first = len(self.slides)
            refs_placed |= self._section(title, section.blocks, runs_text(title))
            for heading in (section.heading, *(b for b in walk_blocks(section.blocks) if isinstance(b, Heading))):
                if heading is not None and heading.id and heading.id not in self.anchors:
                    self.anchors[heading.id] = first  # a section's label: the section's first slide
        if not refs_placed:
            name = str(self.meta.option("slides", "references-title", "") or references_title(self.meta.lang))
            self.references((Run(name),), name)
        self.closing()
        return self._finish()

    def _section(self, title: tuple[Run, ...], blocks, section: str) -> bool:
        """A section's slides, keeping more sentences per paragraph (3, then 2) only when they fit on as
        few slides as one sentence does, at 22 pt or more."""
        if has_explicit_slides(blocks):
            return self._section_with(title, blocks, section, 1)
        mark = len(self.slides)
        self._smallest = 1000.0
        self._section_with(title, blocks, section, 1)
        fewest = len(self.slides) - mark
        del self.slides[mark:]
        for sentences in (3, 2):
            self._smallest = 1000.0
            refs = self._section_with(title, blocks, section, sentences)
            if len(self.slides) - mark <= fewest and self._smallest >= 22:
                return refs
            del self.slides[mark:]
        return self._section_with(title, blocks, section, 1)

    def _section_with(self, title: tuple[Run, ...], blocks, section: str, sentences: int) -> bool:
        notes = SectionNotes(blocks, self.cit, self.doc.footnote, self.meta.lang)  # each slide: what it shows
        items = [(origin, self._callout_title(item))
                 for origin, item in section_items_with_origin(blocks, self.cit, sentences)]
        refs_placed = False
        pending: list[Point] = []
        current = title
        made = 0

        def flush() -> None:
            nonlocal pending, made
            if pending:
                before = len(self.slides)
                self._text_slides("content", current, pending, section, notes, first_continued=made > 0
                                  and current == title)
                made += len(self.slides) - before
                pending = []

        for origin, item in items:
            if isinstance(item, Point):
                pending.append(item)
            elif isinstance(item, NewSlide):
                flush()
                current = item.title or title
            elif isinstance(item, Table):
                flush()
                self._table_slides(item, current, section, notes([origin]))
                made += 1
            elif isinstance(item, Figure):
                flush()
                self._figure_slide(item, current, section, notes([origin]))
                made += 1
            elif isinstance(item, Equation):
                flush()
                self._equation_slide(item, current, section, notes([origin]))
                made += 1
            elif isinstance(item, Callout):
                flush()
                before = len(self.slides)
                self._text_slides("content", current, [replace(p, origin=origin) for p in (Point(item.title), *item.points)], section, notes,
                                  first_continued=made > 0 and current == title, role=f"callout-{item.kind}")
                made += len(self.slides) - before
            elif isinstance(item, RefsHere):
                alone = not pending and made == 0  # a section holding only the list names it
                flush()
                name = str(self.meta.option("slides", "references-title", "") or references_title(self.meta.lang))
                self.references(current if alone else (Run(name),), section if alone else name)
                refs_placed = True
                made += 1
        flush()
        if made == 0 and not refs_placed:  # a section with nothing showable still gets its title slide
            tbox, _ = self._content_slide("content", title, section, "", False)
            self._add(Slide("content", runs_text(tbox.paras[0].runs), (tbox,), notes(range(len(blocks))), section,
                            False))
        return refs_placed

    def _finish(self) -> Deck:
        footer_text = _footer_text(self.meta)
        slides = []
        for number, slide in enumerate(self.slides, start=1):
            if slide.kind != "cover":
                extra = []
                if footer_text:
                    extra.append(self._footer(footer_text))
                extra.append(TextBox("number", self.tpl.number, (Para((Run(str(number)),), FOOTER_SIZE,
                                                                      align="r"),), field="slidenum"))
                slide = replace(slide, shapes=slide.shapes + tuple(extra))
            slides.append(slide)
        meta = self.meta
        return Deck(self.tpl, tuple(slides), meta.lang, meta.title, meta.subtitle or meta.abstract[:250],
                    "; ".join(a.name for a in meta.authors), ", ".join(meta.keywords), _timestamp(meta.date),
                    tuple(sorted(self.anchors.items())))

    def _footer(self, text: str) -> TextBox:
        """Organisation · short title; the short title alone when both do not fit; cut with "…" at worst."""
        width = (_pt(self.tpl.footer[2]) - 2 * INSET_X) * SLACK
        if measure.text_width(self.metrics, (Run(text),), FOOTER_SIZE) > width and " · " in text:
            text = text.split(" · ", 1)[1]
        while text and measure.text_width(self.metrics, (Run(text),), FOOTER_SIZE) > width:
            text = text[:-2].rstrip() + "…"
        return TextBox("footer", self.tpl.footer, (Para((Run(text),), FOOTER_SIZE),))


# ---------------------------------------------------------------- small helpers

_EMU_PER = {"in": 914400, "cm": 360000, "mm": 36000, "pt": 12700, "pc": 152400, "px": 9525}


def image_size_emu(image: Image, body_w: int, px_w: int, px_h: int) -> float:
    """The scale (EMU per pixel) a ``{width=..}``/``{height=..}`` attribute asks for; 0 when none is given.

    A percentage is of the slide's text width (Pandoc: of the page width); a bare number is pixels."""
    import re

    for name, pixels in (("width", px_w), ("height", px_h)):
        match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(%|px|in|cm|mm|pt|pc)?\s*", image.attribute(name))
        if not match or not pixels:
            continue
        number, unit = float(match.group(1)), match.group(2) or "px"
        if unit == "%":
            return body_w * number / 100 / pixels if name == "width" else 0.0
        return number * _EMU_PER[unit] / pixels
    return 0.0


def _greedy(heights: list[float], room: float, target: float) -> list[list[int]]:
    pages: list[list[int]] = [[]]
    used = 0.0
    for i, h in enumerate(heights):
        if pages[-1] and (used + h > room or used >= target):
            pages.append([])
            used = 0.0
        pages[-1].append(i)
        used += h
    return pages


def _balanced(heights: list[float], room: float) -> list[list[int]]:
    """Table rows over as few slides as greedy filling needs, shared out evenly (no one-row last slide)."""
    pages = _greedy(heights, room, float("inf"))
    if len(pages) > 1:
        even = _greedy(heights, room, sum(heights) / len(pages) - 0.5)
        if len(even) == len(pages):
            return even
    return pages


def _usable_level(level) -> bool:
    """A template level that draws a bullet character with a hanging indent the text can live with."""
    return (bool(level.bullet) and level.margin is not None and level.indent is not None
            and 9 <= level.margin <= 3 * 72 and -level.margin <= level.indent < 0)


def _split_words(runs: tuple[Run, ...]) -> list[tuple[Run, ...]]:
    words: list[list[Run]] = [[]]
    for run in runs:
        parts = run.text.split(" ")
        for i, part in enumerate(parts):
            if i > 0:
                words.append([])
            if part:
                words[-1].append(Run(part, run.italic, run.bold, run.small_caps, run.superscript, run.subscript,
                                     run.url, run.strike))
    return [tuple(w) for w in words if w]


def _truthy(value) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("true", "yes", "on", "1")
    return bool(value)


def _footer_text(meta) -> str:
    if meta.option("slides", "footer", True) is False:
        return ""
    short = meta.option("slides", "short-title") or meta.title.split(":")[0].strip()
    return " · ".join(t for t in (meta.organization, short) if t)


def _timestamp(date: dt.date | None) -> dt.datetime:
    """Created/modified time: the document's date, else SOURCE_DATE_EPOCH, else a fixed epoch; never the clock."""
    if date is not None:
        return dt.datetime(date.year, date.month, date.day)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).replace(tzinfo=None)
    return dt.datetime(1980, 1, 1)


def shared_plans():
    """Within one build, the slide check and the deck writer plan the same document: plan it once (the plan
    is pure, so the second caller gets exactly what it would have computed).  See :mod:`medprint.build_memo`."""
    from ...build_memo import build_memo

    return build_memo()


def plan_deck(document: Document, citations: RenderedCitations, *, styles: Path) -> Deck:
    """The whole slide plan for a document (pure: no file is written)."""
    from ...build_memo import remembered

    key = ("deck plan", id(document), id(citations), str(Path(styles).resolve()))
    return remembered(key, (document, citations), lambda: Planner(document, citations, Path(styles)).plan())
