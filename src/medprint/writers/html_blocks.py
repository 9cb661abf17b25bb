"""Document blocks and inlines to escaped HTML, shared by the web page and the print handout.

One renderer, two modes: ``for_print`` puts footnotes at the call (CSS
``float: footnote`` moves them to the page foot), the web page collects them as
endnotes.  Every text is escaped; raw HTML never reaches the output.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup, escape

from .. import report
from ..diagnostics import Diagnostic
from ..limits import Limits
from ..model import (
    Block, BlockQuote, BulletList, Cite, Code, CodeBlock, DefinitionList, Div, Document, LineBlock, Emph, Figure, FootnoteRef, Heading, Image,
    Inline, LineBreak, Link, OrderedList, Paragraph, RawBlock, RenderedCitations, SoftBreak, Span, Strong, Subscript,
    Superscript, Table, Text, ThematicBreak, plain_text,
)
from ..model import CrossRef, Math, callout_kind
from ..i18n.labels import callout_title, label as translate, references_title
from .html_math import callout_html, is_true, math_html
from .html_assets import image_data_uri
from .html_runs import link, render_runs

_LENGTH = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(%|px|in|cm|mm|pt|pc|em)?\s*$")


def css_length(value: str) -> str:
    """A Pandoc width/height attribute as a CSS length (a bare number is pixels, as in Pandoc); '' if invalid."""
    match = _LENGTH.match(value or "")
    if not match:
        return ""
    return f"{match.group(1)}{match.group(2) or 'px'}"


def image_size_style(image: Image) -> str:
    """``{width=50%}`` / ``{height=3cm}`` as an inline style that keeps the aspect ratio."""
    width, height = css_length(image.attribute("width")), css_length(image.attribute("height"))
    if not width and not height:
        return ""
    parts = [f"width:{width or 'auto'}", f"height:{height or 'auto'}", "max-height:none"]
    return ";".join(parts)


_OL_TYPE = {"lower-alpha": "a", "upper-alpha": "A", "lower-roman": "i", "upper-roman": "I"}

HIDDEN_DIV_CLASSES = ("notes", "slides-only", "slides")
WIDE_TABLE_COLUMNS = 6  # from this many columns a table may use more than the text column on a wide screen
SHORT_VALUE = re.compile(r"(?=.*\d)\S+(?:\s\S+){0,2}")  # "2.5 mg/kg", "1,000 mg", "every 2 weeks", "12 %"


def is_short_value(inlines, citations) -> bool:
    """A cell holding a number with at most two words around it: kept on one line on screen."""
    text = " ".join(plain_text(inlines, citations).split())
    return len(text) <= 24 and bool(SHORT_VALUE.fullmatch(text))


def slugify(text: str) -> str:
    """Pandoc-like identifier: lower case, letters/digits/-/_ kept, spaces to hyphens."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"[^\w\s-]", "", text).strip()
    text = re.sub(r"[\s]+", "-", text)
    return text.lstrip("0123456789-_") or "section"


@dataclass
class HeadingInfo:
    level: int
    id: str
    text: str


@dataclass
class BlockRenderer:
    """Renders one document; collects headings (for the outline test and the web TOC) and endnotes."""

    document: Document
    citations: RenderedCitations
    for_print: bool = False
    limits: Limits = field(default_factory=Limits.from_env)
    headings: list[HeadingInfo] = field(default_factory=list)
    endnotes: list[tuple[int, str, Markup]] = field(default_factory=list)
    refs_placed: bool = False
    tables: int = 0
    _ids: set[str] = field(default_factory=set)

    @property
    def source_dir(self) -> Path:
        return Path(self.document.source_path).parent

    # ------------------------------------------------------------ ids

    def unique_id(self, wanted: str) -> str:
        base = wanted or "section"
        new, n = base, 1
        while new in self._ids:
            new = f"{base}-{n}"
            n += 1
        self._ids.add(new)
        return new

    def reserve_ids(self) -> None:
        """Reference-entry and footnote ids are fixed; headings must not take them."""
        for entry in self.citations.entries:
            self._ids.add(f"ref-{entry.key}")
        self._ids.update(("refs", "title", "publishing", "footnotes"))

    # ------------------------------------------------------------ blocks

    def blocks(self, blocks: tuple[Block, ...]) -> Markup:
        out, previous = [], None
        for block in blocks:
            if isinstance(block, Div) and block.id == "refs" and not isinstance(previous, Heading):
                out.append(self.references_heading())  # APA needs the heading; Pandoc sources often omit it
            out.append(self.block(block))
            previous = block
        return Markup("\n").join(out)

    def block(self, block: Block) -> Markup:
        method = getattr(self, "_" + type(block).__name__.lower(), None)
        if method is None:
            return Markup("")
        return method(block)

    def _paragraph(self, block: Paragraph) -> Markup:
        return Markup("<p>{}</p>").format(self.inlines(block.inlines))

    def _heading(self, block: Heading) -> Markup:
        level = min(max(block.level, 1), 6)
        text = plain_text(block.inlines, self.citations).strip()
        hid = self.unique_id(block.id or slugify(text))
        self.headings.append(HeadingInfo(level, hid, text))
        return Markup('<h{0} id="{1}">{2}</h{0}>').format(level, hid, self.inlines(block.inlines))

    def _bulletlist(self, block: BulletList) -> Markup:
        items = Markup("").join(Markup("<li>{}</li>").format(self._item(i.blocks)) for i in block.items)
        return Markup("<ul>{}</ul>").format(items)

    def _orderedlist(self, block: OrderedList) -> Markup:
        items = Markup("").join(Markup("<li>{}</li>").format(self._item(i.blocks)) for i in block.items)
        start = Markup(' start="{}"').format(int(block.start)) if block.start != 1 else Markup("")
        if block.start != 1 and self.for_print:  # WeasyPrint numbers from the list-item counter, not from start=
            start += Markup(' style="counter-reset: list-item {}"').format(int(block.start) - 1)
        kind = _OL_TYPE.get(block.style, "")
        if kind:
            start += Markup(' type="{}"').format(kind)
        if block.delimiter != "period" or kind:  # the marker as written: "(iv)", "A)" (counter styles in the CSS)
            base = {"lower-alpha": "lower-alpha", "upper-alpha": "upper-alpha", "lower-roman": "lower-roman",
                    "upper-roman": "upper-roman"}.get(block.style, "decimal")
            suffix = {"one-paren": "-paren", "two-parens": "-parens"}.get(block.delimiter, "")
            start += Markup(' class="list-{}{}"').format(base, suffix)
        return Markup("<ol{}>{}</ol>").format(start, items)

    def _item(self, blocks: tuple[Block, ...]) -> Markup:
        if len(blocks) == 1 and isinstance(blocks[0], Paragraph):  # tight item: no <p> margins
            return self.inlines(blocks[0].inlines)
        return self.blocks(blocks)

    def _lineblock(self, block: LineBlock) -> Markup:
        lines = Markup("<br>").join(self.inlines(line) for line in block.lines)
        return Markup('<div class="line-block">{}</div>').format(lines)

    def _definitionlist(self, block: DefinitionList) -> Markup:
        parts = []
        for item in block.items:
            parts.append(Markup("<dt>{}</dt>").format(self.inlines(item.term)))
            parts.extend(Markup("<dd>{}</dd>").format(self._item(d)) for d in item.definitions)
        return Markup("<dl>{}</dl>").format(Markup("").join(parts))

    def _blockquote(self, block: BlockQuote) -> Markup:
        return Markup("<blockquote>{}</blockquote>").format(self.blocks(block.blocks))

    def _codeblock(self, block: CodeBlock) -> Markup:
        lang = Markup(' class="language-{}"').format(block.language) if block.language else Markup("")
        return Markup("<pre><code{}>{}</code></pre>").format(lang, block.text)

    def _thematicbreak(self, block: ThematicBreak) -> Markup:
        return Markup('<hr aria-hidden="true">')

    def _rawblock(self, block: RawBlock) -> Markup:
        report.warn(Diagnostic("handout.raw-html", "warning", "raw HTML is not rendered in the handout or web page",
                               block.location, hint="write it in Markdown"))
        return Markup("")

    def _table(self, block: Table) -> Markup:
        aligns = list(block.aligns) + [""] * max(0, len(block.header) - len(block.aligns))

        def cell(tag: str, inl, i: int) -> Markup:
            align = aligns[i] if i < len(aligns) else ""
            classes = ([f"align-{align}"] if align else []) + (["num"] if is_short_value(inl, self.citations) else [])
            style = Markup(' class="{}"').format(" ".join(classes)) if classes else Markup("")
            scope = Markup(' scope="col"') if tag == "th" else Markup("")
            return Markup("<{0}{1}{2}>{3}</{0}>").format(tag, scope, style, self.inlines(inl))

        tid = Markup(' id="{}"').format(self.unique_id(block.id)) if getattr(block, "id", "") else Markup("")
        self.tables += 1
        caption_id = self.unique_id(f"table-{self.tables}-caption")
        caption = Markup('<caption id="{}">{}</caption>').format(caption_id, self.inlines(block.caption)) \
            if block.caption else ""
        head = Markup("").join(cell("th", c, i) for i, c in enumerate(block.header))
        rows = Markup("").join(
            Markup("<tr>{}</tr>").format(Markup("").join(cell("td", c, i) for i, c in enumerate(row)))
            for row in block.rows)
        table = Markup("<table{}>{}<thead><tr>{}</tr></thead><tbody>{}</tbody></table>").format(tid, caption, head,
                                                                                               rows)
        if self.for_print:
            return table
        # On screen a table may be wider than the phone: it scrolls in its own region, which a keyboard
        # can reach (tabindex) and a screen reader names by the caption (WCAG 2.1.1, axe scrollable-region).
        wide = Markup(" wide") if len(block.header) >= WIDE_TABLE_COLUMNS else Markup("")
        label = Markup(' aria-labelledby="{}"').format(caption_id) if block.caption else \
            Markup(' aria-label="{}"').format(translate(self.document.meta.lang, "Table {number}", number=self.tables))
        return Markup('<div class="table-scroll{}" role="region" tabindex="0"{}>{}</div>').format(wide, label, table)

    def _figure(self, block: Figure) -> Markup:
        caption = block.caption or ((Text(block.image.alt),) if block.image.alt else ())
        fig_caption = Markup("<figcaption>{}</figcaption>").format(self.inlines(caption)) if caption else ""
        fid = Markup(' id="{}"').format(self.unique_id(block.id)) if getattr(block, "id", "") else Markup("")
        return Markup("<figure{}>{}{}</figure>").format(fid, self.image(block.image), fig_caption)

    def _div(self, block: Div) -> Markup:
        if any(block.has_class(c) for c in HIDDEN_DIV_CLASSES):
            return Markup("")
        if block.id == "refs":
            self.refs_placed = True
            return self.references()
        kind = callout_kind(block.classes)
        if kind:
            return self._callout(block, kind)
        classes = " ".join(c for c in block.classes if re.fullmatch(r"[A-Za-z][\w-]*", c))
        cls = Markup(' class="{}"').format(classes) if classes else Markup("")
        did = Markup(' id="{}"').format(self.unique_id(block.id)) if block.id else Markup("")
        return Markup("<div{}{}>{}</div>").format(did, cls, self.blocks(block.blocks))

    def _callout(self, block: Div, kind: str) -> Markup:
        """Quarto's ``::: {.callout-warning title="…" collapse="true"}``; a first heading inside is the title."""
        attrs = dict(block.attributes)
        blocks = block.blocks
        if attrs.get("title"):
            title = Markup(escape(attrs["title"]))
        elif blocks and isinstance(blocks[0], Heading):
            title, blocks = self.inlines(blocks[0].inlines), blocks[1:]
        else:
            title = Markup(escape(callout_title(kind, self.document.meta.lang)))
        ident = self.unique_id(block.id or f"callout-{len(self._ids)}")
        return callout_html(kind, title, self.blocks(blocks), ident, collapse=is_true(attrs.get("collapse", "")),
                            for_print=self.for_print)

    # ------------------------------------------------------------ references

    def references_heading(self) -> Markup:
        hid = self.unique_id("references")
        title = references_title(self.document.meta.lang)
        self.headings.append(HeadingInfo(1, hid, title))
        return Markup('<h1 id="{}" class="references-heading">{}</h1>').format(hid, title)

    def references(self) -> Markup:
        entries = Markup("").join(
            Markup('<div class="csl-entry" id="ref-{}" role="listitem">{}{}</div>').format(
                e.key, Markup('<span class="csl-left-margin">{}</span>').format(e.label) if e.label else "",
                render_runs(e.runs))
            for e in self.citations.entries)
        hanging = "" if self.citations.numeric else " hanging-indent"
        return Markup('<div id="refs" class="references csl-bib-body{}" role="list">{}</div>').format(
            hanging, entries)

    # ------------------------------------------------------------ inlines

    def inlines(self, inlines: tuple[Inline, ...]) -> Markup:
        return Markup("").join(self.inline(i) for i in inlines)

    def inline(self, node: Inline) -> Markup:
        if isinstance(node, Text):
            return Markup(escape(node.text))
        if isinstance(node, SoftBreak):
            return Markup("\n")
        if isinstance(node, LineBreak):
            return Markup("<br>")
        if isinstance(node, Code):
            return Markup("<code>{}</code>").format(node.text)
        if isinstance(node, Emph):
            return Markup("<em>{}</em>").format(self.inlines(node.children))
        if isinstance(node, Strong):
            return Markup("<strong>{}</strong>").format(self.inlines(node.children))
        if isinstance(node, Superscript):
            return Markup("<sup>{}</sup>").format(self.inlines(node.children))
        if isinstance(node, Subscript):
            return Markup("<sub>{}</sub>").format(self.inlines(node.children))
        if isinstance(node, Link):
            return link(node.url, self.inlines(node.children))
        if isinstance(node, Image):
            return self.image(node)
        if isinstance(node, Span):
            if "strikeout" in node.classes:
                return Markup("<del>{}</del>").format(self.inlines(node.children))
            if "underline" in node.classes or "ul" in node.classes:
                return Markup("<u>{}</u>").format(self.inlines(node.children))
            if "smallcaps" in node.classes:
                return Markup('<span style="font-variant:small-caps">{}</span>').format(self.inlines(node.children))
            known = [c for c in node.classes if c in ("crossref-label", "header-section-number")]
            cls = Markup(' class="{}"').format(" ".join(known)) if known else Markup("")
            return Markup("<span{}>{}</span>").format(cls, self.inlines(node.children))
        if isinstance(node, Cite):
            keys = " ".join(item.key for item in node.items)
            return Markup('<span class="citation" data-cites="{}">{}</span>').format(
                keys, render_runs(self.citations.cluster(node)))
        if isinstance(node, FootnoteRef):
            return self.footnote(node)
        if isinstance(node, Math):
            return math_html(node, self.for_print, self.unique_id(node.id) if node.id else "")
        if isinstance(node, CrossRef):
            return self.crossref(node)
        return Markup("")

    def crossref(self, ref: CrossRef) -> Markup:
        """``@fig-x``: "Figure 1", linked to the figure (the PDF keeps the link too)."""
        text = Markup('<a class="quarto-xref" href="#{}">{}</a>').format(ref.target, ref.text) if ref.target \
            else Markup(escape(ref.text or ref.label))
        before = Markup("{} ").format(ref.prefix) if ref.prefix else ""
        after = Markup(" {}").format(ref.suffix) if ref.suffix and ref.suffix[0].isalnum() else ref.suffix
        return Markup("{}{}{}").format(before, text, after)

    def image(self, image: Image) -> Markup:
        uri = image_data_uri(image.src, self.source_dir, image.location, self.limits)
        if not image.alt.strip():
            report.warn(Diagnostic("handout.alt", "warning", f"image '{image.src}' has no alt text", image.location,
                                   hint="write ![what the image shows](path)"))
        style = image_size_style(image)
        styled = Markup(' style="{}"').format(style) if style else Markup("")
        return Markup('<img src="{}" alt="{}"{}>').format(uri, image.alt, styled)

    def footnote(self, ref: FootnoteRef) -> Markup:
        blocks = self.document.footnote(ref.label)
        if self.for_print:
            parts = [self.inlines(b.inlines) if isinstance(b, Paragraph) else self.blocks((b,)) for b in blocks]
            body = Markup(" ").join(parts)
            return Markup('<span class="footnote">{}</span>').format(body)
        note_id = f"fn{ref.number}"
        self.endnotes.append((ref.number, note_id, self.blocks(blocks)))
        return Markup('<sup class="footnote-ref"><a href="#{0}" id="{0}-ref" role="doc-noteref">{1}</a></sup>').format(
            note_id, ref.number)
