"""Pandoc-flavoured Markdown body -> model blocks, with a source position on every block and citation.

markdown-it-py (CommonMark) does the parsing, with pipe tables, footnotes and
inline attributes from mdit-py-plugins and our own rules for citations
(:mod:`.md_citations`) and fenced divs (:mod:`.md_divs`).  This module only
walks the token stream and builds the model.  Raw HTML is never trusted: a
small whitelist of inline tags (``<sup>``, ``<sub>``, ``<em>``, ``<i>``,
``<strong>``, ``<b>``, ``<br>``) becomes formatting, everything else is
dropped with a warning.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import unquote


from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.subscript import sub_plugin
from mdit_py_plugins.superscript import superscript_plugin

from .. import model as m
from ..diagnostics import Diagnostic
from ..errors import LimitError
from ..report import warn
from .md_citations import citations_plugin
from .callouts import callout_titles
from .code_chunks import chunk_block, resolve_chunks, warn_not_run
from .crossrefs import number_crossrefs, split_cite
from .md_blocks_extra import (
    caption_not_term_plugin, example_references, image_destination_plugin, line_block_plugin, quoted_titles_plugin,
    script_markup_plugin,
)
from .md_blocks_extra import implicit_header_links, strip_caption_attributes, task_marker
from .md_divs import fenced_div_plugin
from .md_rawtex import raw_tex_plugin
from .md_tables import cell_inlines, pandoc_tables_plugin
from .md_fancy_lists import fancy_lists_plugin, marker_style, same_list
from .md_leftovers import leftovers
from .md_math import math_plugin, unclosed_dollars
from .md_smart import quotes_for, smart_plugin

_SAFE_INLINE_TAGS = {"sup": m.Superscript, "sub": m.Subscript, "em": m.Emph, "i": m.Emph, "strong": m.Strong, "b": m.Strong}
_TAG_RE = re.compile(r"^<\s*(?P<close>/)?\s*(?P<name>[a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(?P<self>/)?\s*>$")
_HEADING_ATTRS_RE = re.compile(r"\s*\{(?P<attrs>[^{}]*)\}\s*$")



_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def local_destination(url: str) -> str:
    """A link or image destination as the author wrote it: markdown-it percent-encodes non-ASCII letters
    (``semáforo.png`` -> ``sem%C3%A1foro.png``) and spaces; a file path is looked up by its real name, as
    Pandoc does.  URLs (with a scheme) and fragments keep their encoding."""
    if not url or url.startswith("#") or _SCHEME.match(url):
        return url
    return unquote(url)

def make_parser(max_nesting: int = 60, lang: str = "en-US") -> MarkdownIt:
    """The one configured parser: CommonMark + Pandoc's default extensions that medical text uses.

    Tables, footnotes, ``~sub~``/``^super^`` (H~2~O, 10^6^), strikeout, ``[text]{.smallcaps}`` spans and
    attributes, smart quotes/dashes/ellipses, citations and fenced divs.
    """
    md = MarkdownIt("commonmark", {"maxNesting": max_nesting, "typographer": True, "quotes": quotes_for(lang)})
    md.enable(["table", "strikethrough", "smartquotes"])
    md.use(footnote_plugin)
    md.use(sub_plugin)
    md.use(superscript_plugin)
    md.use(attrs_plugin, spans=True)
    md.use(smart_plugin)
    md.use(citations_plugin, lang=lang)
    md.use(fenced_div_plugin)
    md.use(math_plugin)
    md.use(deflist_plugin)
    md.use(fancy_lists_plugin)
    md.use(pandoc_tables_plugin)
    md.use(line_block_plugin)
    md.use(raw_tex_plugin)
    md.use(script_markup_plugin)
    md.use(quoted_titles_plugin)
    md.use(caption_not_term_plugin)
    md.use(image_destination_plugin)
    return md


@dataclass
class _Context:
    file: str
    lines: list[str]
    line_offset: int
    max_depth: int
    next_cite: int = 0
    footnotes: dict[str, tuple[m.Block, ...]] = field(default_factory=dict)
    footnote_numbers: dict[str, int] = field(default_factory=dict)
    used_ids: set[str] = field(default_factory=set)
    examples: int = 0  # items of (@) example lists so far: they number on across lists
    example_labels: dict[str, int] = field(default_factory=dict)
    reported: set[tuple[int, str]] = field(default_factory=set)

    def offset_location(self, token: Token | None, content: str, offset: int) -> m.Location:
        """Position of ``content[offset]``, where ``content`` is the inline text of block ``token``."""
        if token is None or token.map is None:
            return self.location(token)
        line_in_block = content.count("\n", 0, offset)
        line_start = content.rfind("\n", 0, offset) + 1
        line_end = content.find("\n", line_start)
        content_line = content[line_start: line_end if line_end >= 0 else len(content)]
        index = token.map[0] + line_in_block
        source_line = self.lines[index] if 0 <= index < len(self.lines) else ""
        base = source_line.find(content_line) if content_line else -1
        if base < 0:
            base = len(source_line) - len(source_line.lstrip())
        return m.Location(self.file, index + 1 + self.line_offset, base + (offset - line_start) + 1)

    def location(self, token: Token | None, line_in_block: int = 0, needle: str = "") -> m.Location:
        if token is None or token.map is None:
            return m.Location(self.file, self.line_offset + 1, 1)
        index = token.map[0] + line_in_block
        line = self.lines[index] if 0 <= index < len(self.lines) else ""
        col = line.find(needle) if needle else -1
        if col < 0:
            col = len(line) - len(line.lstrip())
        return m.Location(self.file, index + 1 + self.line_offset, col + 1)


def slugify(text: str) -> str:
    """Pandoc's auto identifiers: lowercase, punctuation but ``_ - .`` dropped, spaces to hyphens."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"[^\w\s.-]", "", text)
    text = re.sub(r"\s+", "-", text.strip())
    text = text.lstrip("0123456789-_.")
    return text or "section"


def _unique(ctx: _Context, ident: str) -> str:
    candidate, n = ident, 1
    while candidate in ctx.used_ids:
        candidate = f"{ident}-{n}"
        n += 1
    ctx.used_ids.add(candidate)
    return candidate


# --------------------------------------------------------------------- inlines


def _inlines(children: list[Token], ctx: _Context, block: Token | None, content: str = "") -> tuple[m.Inline, ...]:
    stack: list[tuple[str, list[m.Inline], dict]] = [("root", [], {})]

    def emit(node: m.Inline) -> None:
        stack[-1][1].append(node)

    def close(kind: str) -> None:
        # close the innermost matching open container (tolerates stray HTML close tags)
        for i in range(len(stack) - 1, 0, -1):
            if stack[i][0] == kind:
                while len(stack) - 1 >= i:
                    name, items, info = stack.pop()
                    emit(_wrap(name, tuple(items), info))
                return

    line_in_block = 0
    previous_type = ""
    for previous, tok in zip([None, *children], children):
        previous_type = previous.type if previous is not None else ""
        t = tok.type
        if t == "text":
            emit(m.Text(tok.content))
            _warn_unclosed_math(tok.content, ctx, block, line_in_block)
            _warn_leftovers(tok.content, ctx, block, line_in_block, previous_type)
        elif t == "math":
            emit(_math(tok, ctx, block, content))
        elif t == "softbreak":
            line_in_block += 1
            emit(m.SoftBreak())
        elif t == "hardbreak":
            line_in_block += 1
            emit(m.LineBreak())
        elif t == "code_inline":
            emit(m.Code(tok.content))
        elif t in ("em_open", "strong_open", "s_open", "sub_open", "sup_open"):
            stack.append((t[:-5], [], {}))
        elif t in ("em_close", "strong_close", "s_close", "sub_close", "sup_close"):
            close(t[:-6])
        elif t == "span_open":
            classes = tuple(str(tok.attrGet("class") or "").split())
            stack.append(("span", [], {"classes": classes, "id": str(tok.attrGet("id") or "")}))
        elif t == "span_close":
            close("span")
        elif t == "link_open":
            stack.append(("link", [], {"href": local_destination(str(tok.attrGet("href") or "")),
                                       "title": tok.attrGet("title") or ""}))
        elif t == "link_close":
            close("link")
        elif t == "image":
            alt = _plain(tok.children or [])
            attrs = {k: str(v) for k, v in tok.attrs.items() if k not in ("src", "alt", "title")}
            ident, classes = attrs.pop("id", ""), tuple(attrs.pop("class", "").split())
            emit(m.Image(local_destination(str(tok.attrGet("src") or "")), alt, str(tok.attrGet("title") or ""),
                         ctx.location(block, line_in_block, "!["), ident, classes, tuple(attrs.items())))
        elif t == "citation":
            for node in split_cite(_cite(tok, ctx, block, content)):
                emit(node)
        elif t == "footnote_ref":
            label = str(tok.meta["id"])
            number = ctx.footnote_numbers.setdefault(label, len(ctx.footnote_numbers) + 1)
            emit(m.FootnoteRef(label, number))
        elif t == "raw_tex_inline":
            warn(Diagnostic("latex.dropped", "warning", f"raw LaTeX {tok.content[:40]!r} left out",
                            ctx.location(block, line_in_block, tok.content), "write Markdown instead of LaTeX"))
        elif t == "html_inline":
            _html_inline(tok, ctx, block, line_in_block, stack, emit, close)
        else:
            emit(m.Text(tok.content))
    while len(stack) > 1:  # unbalanced HTML: close what is open
        name, items, info = stack.pop()
        emit(_wrap(name, tuple(items), info))
    return _merge_text(tuple(stack[0][1]))


def _html_inline(tok, ctx, block, line_in_block, stack, emit, close) -> None:
    match = _TAG_RE.match(tok.content.strip())
    if tok.content.startswith("<!--"):
        return
    if match:
        name = match.group("name").lower()
        if name == "br":
            emit(m.LineBreak())
            return
        if name in _SAFE_INLINE_TAGS:
            if match.group("close"):
                close("html:" + name)
            elif not match.group("self"):
                stack.append(("html:" + name, [], {}))
            return
    warn(Diagnostic("html.dropped", "warning", f"raw HTML {tok.content.strip()[:40]!r} dropped",
                    ctx.location(block, line_in_block, tok.content), "write Markdown instead of HTML"))


def _wrap(kind: str, items: tuple[m.Inline, ...], info: dict) -> m.Inline:
    items = _merge_text(items)
    if kind == "em":
        return m.Emph(items)
    if kind == "strong":
        return m.Strong(items)
    if kind == "s":
        return m.Span(items, ("strikeout",))
    if kind == "sub":
        return m.Subscript(items)
    if kind == "sup":
        return m.Superscript(items)
    if kind == "span":
        return m.Span(items, info["classes"], info["id"])
    if kind == "link":
        return m.Link(info["href"], items, info["title"])
    if kind.startswith("html:"):
        return _SAFE_INLINE_TAGS[kind[5:]](items)
    return m.Span(items)


def _merge_text(items: tuple[m.Inline, ...]) -> tuple[m.Inline, ...]:
    out: list[m.Inline] = []
    for item in items:
        if isinstance(item, m.Text) and out and isinstance(out[-1], m.Text):
            out[-1] = m.Text(out[-1].text + item.text)
        elif isinstance(item, m.Text) and not item.text:
            continue
        else:
            out.append(item)
    return tuple(out)


def _plain(children: list[Token]) -> str:
    parts = []
    for tok in children:
        if tok.type in ("text", "code_inline"):
            parts.append(tok.content)
        elif tok.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif tok.children:
            parts.append(_plain(tok.children))
        elif tok.type == "citation":
            parts.append(tok.meta["source"])
    return "".join(parts)


def _math(tok: Token, ctx: _Context, block: Token | None, content: str) -> m.Math:
    from ..mathtex import tex_problem

    where = ctx.offset_location(block, content, tok.meta["offset"])
    problem = tex_problem(tok.meta["tex"], tok.meta["display"])
    if problem:
        warn(Diagnostic("markdown.bad-math", "warning", f"cannot read the TeX math {tok.meta['source'][:60]!r}: "
                        f"{problem}", where, "fix the TeX; it is shown as code until then"))
    return m.Math(tok.meta["tex"], tok.meta["display"], tok.meta["id"], 0, where)


def _warn_unclosed_math(text: str, ctx: _Context, block: Token | None, line_in_block: int) -> None:
    for offset in unclosed_dollars(text):
        piece = text[offset:].split("\n", 1)[0][:30]
        warn(Diagnostic("markdown.unclosed-math", "warning", f"'$' opens TeX math that is never closed: {piece!r}",
                        ctx.location(block, line_in_block, piece),
                        "close it with '$' (no space before it), or write \\$ for a dollar sign"))


def _warn_leftovers(text: str, ctx: _Context, block: Token | None, line_in_block: int, previous: str) -> None:
    """Markup the parser left as text (an attribute, an image, a table row …): a located warning each."""
    if block is None or block.type != "paragraph_open":
        return  # table cells, headings: their own rules decide
    first = previous in ("", "softbreak", "hardbreak")
    for what, piece, advice in leftovers(text, first and line_in_block == 0):
        if what in ("table row", "grid table rule"):
            key = (block.map[0] if block.map else -1, "table")
            if not first or key in ctx.reported:
                continue  # one warning for a whole table that did not parse
            ctx.reported.add(key)
        article = "an" if what[0] in "aeiou" else "a"
        message = f"this looks like {article} {what} but was not read as one: {piece[:40]!r}"
        warn(Diagnostic("markdown.not-understood", "warning", message, ctx.location(block, line_in_block, piece),
                        advice))


def _cite(tok: Token, ctx: _Context, block: Token | None, content: str) -> m.Cite:
    items = tuple(
        m.CitationItem(item["key"], item["mode"], item["prefix"], item["suffix"], item["locator"], item["label"],
                       ctx.offset_location(block, content, item["offset"]))
        for item in tok.meta["items"]
    )
    ctx.next_cite += 1
    return m.Cite(ctx.next_cite, items, tok.meta["source"], ctx.offset_location(block, content, tok.meta["offset"]))


# --------------------------------------------------------------------- blocks


class _Blocks:
    """Walks block tokens; ``pos`` is the index of the next token."""

    def __init__(self, tokens: list[Token], ctx: _Context) -> None:
        self.tokens = tokens
        self.ctx = ctx
        self.pos = 0

    def until(self, close_type: str | None, depth: int) -> tuple[m.Block, ...]:
        if depth > self.ctx.max_depth:
            tok = self.tokens[self.pos] if self.pos < len(self.tokens) else None
            raise LimitError("limit.nesting", f"blocks nested more than {self.ctx.max_depth} deep",
                             self.ctx.location(tok), "flatten nested lists, quotes or divs "
                             "(or raise MEDPRINT_LIMIT_NESTING_DEPTH)")
        blocks: list[m.Block] = []
        while self.pos < len(self.tokens):
            tok = self.tokens[self.pos]
            if close_type and tok.type == close_type:
                self.pos += 1
                break
            block = self.block(tok, depth)
            if isinstance(block, tuple):  # an ordered list that Pandoc reads as several
                blocks.extend(block)
            elif block is not None:
                blocks.append(block)
        return tuple(blocks)

    def block(self, tok: Token, depth: int) -> m.Block | None:
        ctx, t = self.ctx, tok.type
        loc = ctx.location(tok)
        if t == "paragraph_open":
            inline = self.tokens[self.pos + 1]
            self.pos += 3
            inlines = _inlines(inline.children or [], ctx, tok, inline.content)
            non_space = [i for i in inlines if not (isinstance(i, m.Text) and not i.text.strip())]
            trailing = _trailing_attributes(non_space)
            if trailing is not None and not tok.hidden:  # ``![…](…){#fig-x width=50%}`` the attribute rule missed
                non_space = non_space[:1]
            if len(non_space) == 1 and isinstance(non_space[0], m.Image) and not tok.hidden:
                image = non_space[0]
                caption = _inlines(_alt_tokens(inline), ctx, tok)
                return m.Figure(image, caption, loc, _image_id(inline) or (trailing or ""))
            return m.Paragraph(inlines, loc)
        if t == "heading_open":
            inline = self.tokens[self.pos + 1]
            self.pos += 3
            inlines, ident = _heading_attrs(_inlines(inline.children or [], ctx, tok, inline.content))
            ident = _unique(ctx, ident or slugify(m.plain_text(inlines)))
            return m.Heading(int(tok.tag[1]), inlines, ident, loc)
        if t in ("bullet_list_open", "ordered_list_open"):
            self.pos += 1
            items = []
            close = t.replace("_open", "_close")
            markers = []
            while self.tokens[self.pos].type != close:
                markers.append(self.tokens[self.pos])
                self.pos += 1  # list_item_open
                items.append(m.ListItem(task_marker(self.until("list_item_close", depth + 1))))
            self.pos += 1
            if t == "bullet_list_open":
                return m.BulletList(tuple(items), loc)
            return self.ordered_lists(items, markers, loc)
        if t == "line_block_open":
            lines = []
            self.pos += 1
            while self.tokens[self.pos].type == "inline":
                inline = self.tokens[self.pos]
                lines.append(_inlines(inline.children or [], ctx, inline, inline.content))
                self.pos += 1
            self.pos += 1  # line_block_close
            return m.LineBlock(tuple(lines), loc)
        if t == "dl_open":
            return self.definition_list(loc, depth)
        if t == "blockquote_open":
            self.pos += 1
            return m.BlockQuote(self.until("blockquote_close", depth + 1), loc)
        if t in ("fence", "code_block"):
            self.pos += 1
            return chunk_block(tok.content, tok.info or "", loc)
        if t == "hr":
            self.pos += 1
            return m.ThematicBreak(loc)
        if t == "table_open":
            return self.table(tok, loc)
        if t == "div_open":
            self.pos += 1
            if not tok.meta.get("closed", True):
                warn(Diagnostic("markdown.unclosed-div", "warning", "fenced div is never closed", loc,
                                "add a line with ':::' where the div ends"))
            blocks = self.until("div_close", depth + 1)
            return m.Div(blocks, tuple(tok.meta["classes"]), tok.meta["id"], tuple(tok.meta["attributes"]), loc)
        if t == "raw_tex_block":
            self.pos += 1
            warn(Diagnostic("latex.dropped", "warning", "raw LaTeX block left out", loc,
                            "write Markdown (a table, a list) instead of LaTeX"))
            return None
        if t == "html_block":
            self.pos += 1
            if not tok.content.lstrip().startswith("<!--"):
                warn(Diagnostic("html.dropped", "warning", "raw HTML block dropped", loc,
                                "write Markdown instead of HTML"))
            return None
        if t == "footnote_block_open":
            self.pos += 1
            self.footnotes(depth)
            return None
        self.pos += 1  # anything else carries no content of its own
        return None

    def table(self, tok: Token, loc: m.Location) -> m.Table:
        header: list[tuple[m.Inline, ...]] = []
        rows: list[tuple[tuple[m.Inline, ...], ...]] = []
        aligns: list[str] = []
        current: list[tuple[m.Inline, ...]] = []
        in_head = False
        self.pos += 1
        while self.tokens[self.pos].type != "table_close":
            cell = self.tokens[self.pos]
            if cell.type == "thead_open":
                in_head = True
            elif cell.type == "thead_close":
                in_head = False
            elif cell.type == "tr_open":
                current = []
            elif cell.type == "tr_close":
                if in_head:
                    header = current
                else:
                    rows.append(tuple(current))
            elif cell.type in ("th_open", "td_open"):
                style = str(cell.attrGet("style") or "")
                if in_head or (not header and not rows):  # a headerless table aligns by its first row
                    aligns.append(style.split(":")[-1] if "text-align" in style else "")
                inline = self.tokens[self.pos + 1]
                if inline.type != "inline":  # a grid or multiline cell of several lines: blocks
                    self.pos += 1
                    blocks = self.until(cell.type.replace("_open", "_close"), 1)
                    current.append(cell_inlines(blocks))
                    continue
                current.append(_inlines(inline.children or [], self.ctx, self.tokens[self.pos + 1], inline.content))
            self.pos += 1
        self.pos += 1
        return m.Table(tuple(header), tuple(rows), tuple(aligns), (), loc)  # type: ignore[arg-type]

    def ordered_lists(self, items: list[m.ListItem], markers: list[Token], loc: m.Location) -> tuple[m.Block, ...]:
        """One list per run of items whose markers keep the first one's style and delimiter (Pandoc starts a
        new list at ``(a)`` after ``A)``; markdown-it only compares the closing ``.``/``)``)."""
        out: list[m.Block] = []
        begin = 0
        for i in range(1, len(items) + 1):
            if i == len(items) or not same_list(markers[begin], markers[i]):
                first_loc = self.ctx.location(markers[begin]) if begin else loc
                out.append(self.ordered_list(tuple(items[begin:i]), markers[begin], first_loc, markers[begin:i]))
                begin = i
        return tuple(out)

    def ordered_list(self, items: tuple[m.ListItem, ...], first: Token, loc: m.Location,
                     markers: list[Token] = ()) -> m.OrderedList:
        """Style, delimiter and start from the first marker (Pandoc: ``(iv)`` starts a lower-roman list at 4);
        example lists ``(@)`` number on across the whole document."""
        info = first.info or "1"
        style, _, start = marker_style(info)
        delimiter = "two-parens" if info.startswith("(") else "one-paren" if first.markup == ")" else "period"
        if style == "example":
            start = self.ctx.examples + 1
            self.ctx.examples += len(items)
            for n, marker in enumerate(markers):  # (@label): @label in the text is this number
                label = (marker.info or "").lstrip("(")[1:]
                if label:
                    self.ctx.example_labels.setdefault(label, start + n)
        return m.OrderedList(items, start, loc, style, delimiter)

    def definition_list(self, loc: m.Location, depth: int) -> m.DefinitionList:
        """``Term`` then ``:   definition`` lines (mdit-py-plugins' deflist, Pandoc's syntax)."""
        self.pos += 1
        items: list[m.DefinitionItem] = []
        while self.tokens[self.pos].type != "dl_close":
            tok = self.tokens[self.pos]
            if tok.type == "dt_open":
                inline = self.tokens[self.pos + 1]
                self.pos += 3
                items.append(m.DefinitionItem(_inlines(inline.children or [], self.ctx, tok, inline.content), ()))
            elif tok.type == "dd_open":
                self.pos += 1
                blocks = self.until("dd_close", depth + 1)
                if items:
                    items[-1] = m.DefinitionItem(items[-1].term, items[-1].definitions + (blocks,))
            else:
                self.pos += 1
        self.pos += 1
        return m.DefinitionList(tuple(items), loc)

    def footnotes(self, depth: int) -> None:
        while self.pos < len(self.tokens) and self.tokens[self.pos].type != "footnote_block_close":
            tok = self.tokens[self.pos]
            if tok.type == "footnote_open":
                label = str(tok.meta["id"])
                self.pos += 1
                blocks = self.until("footnote_close", depth + 1)
                self.ctx.footnotes[label] = tuple(b for b in blocks)
            else:
                self.pos += 1
        self.pos += 1


def _trailing_attributes(nodes: list) -> str | None:
    """The id of a Pandoc attribute block left as text right after a lone image (``{#fig-x width=50%}``, which
    mdit-py-plugins' attribute rule refuses for the unquoted ``%``), so the figure keeps its label; else None."""
    if len(nodes) != 2 or not isinstance(nodes[0], m.Image) or not isinstance(nodes[1], m.Text):
        return None
    text = nodes[1].text.strip()
    if not re.fullmatch(r"\{[^{}\n]*\}", text):
        return None
    from .md_divs import parse_attributes

    ident, _classes, _attrs = parse_attributes(text)
    return ident


def _image_id(inline: Token) -> str:
    for tok in inline.children or []:
        if tok.type == "image":
            return str(tok.attrGet("id") or "")
    return ""


def _alt_tokens(inline: Token) -> list[Token]:
    for tok in inline.children or []:
        if tok.type == "image":
            return tok.children or []
    return []


def _heading_attrs(inlines: tuple[m.Inline, ...]) -> tuple[tuple[m.Inline, ...], str]:
    """Pandoc's ``# Heading {#id .class}``: strip the attribute block, return the id."""
    if inlines and isinstance(inlines[-1], m.Text):
        match = _HEADING_ATTRS_RE.search(inlines[-1].text)
        if match:
            from .md_divs import parse_attributes

            ident, _classes, _attrs = parse_attributes("{" + match.group("attrs") + "}")
            rest = inlines[-1].text[: match.start()]
            head = inlines[:-1] + ((m.Text(rest),) if rest else ())
            return head, ident
    return inlines, ""


def _attach_table_captions(blocks: tuple[m.Block, ...]) -> tuple[m.Block, ...]:
    """Pandoc's ``Table: caption`` (or ``: caption``) paragraph right after or before a table."""
    out: list[m.Block] = []
    skip = False
    for i, block in enumerate(blocks):
        if skip:
            skip = False
            continue
        if isinstance(block, m.Table):
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            prev = out[-1] if out else None
            for cand, where in ((nxt, "next"), (prev, "prev")):
                caption = _caption_of(cand)
                if caption is not None:
                    caption, ident = strip_caption_attributes(caption)
                    block = m.Table(block.header, block.rows, block.aligns, caption, block.location, ident)
                    if where == "next":
                        skip = True
                    else:
                        out.pop()
                    break
        elif isinstance(block, (m.Div, m.BlockQuote)):
            block = dataclasses.replace(block, blocks=_attach_table_captions(block.blocks))
        out.append(block)
    return tuple(out)


def _caption_of(block: m.Block | None) -> tuple[m.Inline, ...] | None:
    if not isinstance(block, m.Paragraph) or not block.inlines or not isinstance(block.inlines[0], m.Text):
        return None
    first = block.inlines[0].text
    for marker in ("Table:", ":"):
        if first.startswith(marker) and (marker == "Table:" or first[1:2] == " "):
            rest = first[len(marker):].lstrip()
            return _merge_text(((m.Text(rest),) if rest else ()) + block.inlines[1:])
    return None


def citation_aliases(env: dict) -> dict[str, str]:
    """Manubot's citation tags: link reference definitions whose label is ``@tag``, as tag -> the key they name
    (``[@deep-review]: doi:10.1098/rsif.2017.0387``).  Labels are matched case-insensitively, as link labels."""
    aliases = {}
    for label, ref in (env.get("references") or {}).items():
        href = str(ref.get("href", "")).strip()
        if label.startswith("@") and len(label) > 1 and href:
            aliases[label[1:].casefold()] = href.removeprefix("@")
    return aliases


def _rebuild_cites(blocks: tuple[m.Block, ...], aliases: dict[str, str]) -> tuple[m.Block, ...]:
    """Blocks with every citation of an aliased tag citing the tag's target instead."""
    def fix(node):
        if isinstance(node, m.Cite):
            items = tuple(dataclasses.replace(i, key=aliases.get(i.key.casefold(), i.key)) for i in node.items)
            return dataclasses.replace(node, items=items) if items != node.items else node
        if dataclasses.is_dataclass(node) and not isinstance(node, (m.Location, m.Image)):
            changes = {}
            for f in dataclasses.fields(node):
                value = getattr(node, f.name)
                if isinstance(value, tuple) and value and any(dataclasses.is_dataclass(v) or isinstance(v, tuple)
                                                             for v in value):
                    new = tuple(fix(v) if dataclasses.is_dataclass(v) else
                                tuple(fix(x) for x in v) if isinstance(v, tuple) else v for v in value)
                    if new != value:
                        changes[f.name] = new
            return dataclasses.replace(node, **changes) if changes else node
        return node

    return tuple(fix(b) for b in blocks)


def read_markdown(
    body: str, file: str, line_offset: int = 0, *, max_depth: int = 40, lang: str = "en-US"
) -> tuple[tuple[m.Block, ...], tuple[tuple[str, tuple[m.Block, ...]], ...]]:
    """Parse the Markdown ``body`` (whose first line is line ``line_offset + 1``) into blocks and footnotes."""
    md = make_parser(max_nesting=max_depth * 2 + 20, lang=lang)
    env: dict = {}
    tokens = md.parse(body, env)
    ctx = _Context(file, body.split("\n"), line_offset, max_depth)
    blocks = _Blocks(tokens, ctx).until(None, 0)
    blocks = implicit_header_links(_attach_table_captions(blocks))
    if ctx.example_labels:  # ``@good`` names the example ``(@good)``: its number, not a citation
        blocks = example_references(blocks, ctx.example_labels)
        ctx.footnotes = {k: example_references(v, ctx.example_labels) for k, v in ctx.footnotes.items()}
    numbered = sorted(ctx.footnotes.items(), key=lambda kv: ctx.footnote_numbers.get(kv[0], 10**9))
    aliases = citation_aliases(env)
    if aliases:  # Manubot's citation tags: [@tag]: doi:10.1098/... names what @tag cites
        blocks = _rebuild_cites(blocks, aliases)
        ctx.footnotes = {k: _rebuild_cites(v, aliases) for k, v in ctx.footnotes.items()}
        numbered = sorted(ctx.footnotes.items(), key=lambda kv: ctx.footnote_numbers.get(kv[0], 10**9))
    blocks, chunks = resolve_chunks(blocks)
    warn_not_run(chunks)
    return number_crossrefs(callout_titles(blocks), tuple(numbered), lang)
