"""Small Pandoc-Markdown behaviours markdown-it lacks: spaced image paths, caption attributes, task items.

- Pandoc accepts ``![alt](Inhaler Photo.JPG)`` (a destination with spaces); CommonMark does not, so a core
  rule rewrites such a destination to ``<Inhaler Photo.JPG>`` before inline parsing.
- ``Table: Usual doses {#tbl-doses}`` carries an attribute block that must not be printed in the caption.
- ``- [ ] item`` / ``- [x] item`` become ☐ / ☒ as in Pandoc's ``task_lists`` extension.
"""

from __future__ import annotations

import dataclasses
import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

from .. import model as m

# ![alt](dest with spaces) or ![alt](dest with spaces "title"); alt may span lines but holds no ']('
_SPACED_DEST = re.compile(r'(!\[(?:[^\[\]]|\[[^\[\]]*\])*\]\()(?!<)([^()<>"\n]*?\S[ \t][^()<>"\n]*?)(\s+"[^"\n]*")?\)')
# an attribute block right after an image/link/span; unquoted values such as 50% need quotes for mdit's attrs
_ATTR_BLOCK = re.compile(r"(?<=[)\]])\{([^{}\n]*)\}")
_UNQUOTED = re.compile(r"""(?<![\w-])([A-Za-z_][\w.:-]*)=([^\s"'{}]+)""")
_CAPTION_ATTRS = re.compile(r"\s*\{(?P<attrs>[^{}]*)\}\s*$")
_TASK = re.compile(r"^\[([ xX])\](?=\s)")


def _spaced_destinations(state: StateCore) -> None:
    for token in state.tokens:
        if token.type == "inline" and "](" in token.content:
            token.content = _SPACED_DEST.sub(
                lambda mt: f"{mt.group(1)}<{mt.group(2).strip()}>{mt.group(3) or ''})", token.content)
        if token.type == "inline" and "{" in token.content:
            token.content = _ATTR_BLOCK.sub(
                lambda mt: "{" + _UNQUOTED.sub(r'\1="\2"', mt.group(1)) + "}", token.content)


def image_destination_plugin(md: MarkdownIt) -> None:
    """Accept destinations with spaces and unquoted attribute values (``{width=50%}``), as Pandoc does;
    and, as in Pandoc, an HTML comment or tag line does not end a paragraph (a caption may hold one), nor
    does a ``>`` quote or a ``#`` heading line (Pandoc wants a blank line before them)."""
    md.core.ruler.before("inline", "image_spaced_destination", _spaced_destinations)
    for name in ("html_block", "blockquote", "heading"):  # Pandoc's blank_before_blockquote/_header too
        rule = next(r for r in md.block.ruler.__rules__ if r.name == name)
        md.block.ruler.at(name, rule.fn, {"alt": [a for a in rule.alt if a != "paragraph"]})
    md.block.ruler.__compile__()


_TABLE_START = re.compile(r"^\s{0,3}(\||\+[-=:+]{3,}|-{3,}[- ]*$|[-: |]*\|[-: |]*-[-: |]*$)")


def _line(state, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line]: state.eMarks[line]]


def _caption_before_table(state, start_line: int, end_line: int) -> bool:
    """``: caption`` then a blank line then a table: Pandoc's caption above a table, not a definition."""
    line = start_line + 1
    while line < end_line and state.isEmpty(line):
        line += 1
    if line >= end_line or not _line(state, line).startswith(":"):
        return False
    while line < end_line and not state.isEmpty(line):
        line += 1
    while line < end_line and state.isEmpty(line):
        line += 1
    rows = [_line(state, n) for n in range(line, min(line + 2, end_line))]
    return any(_TABLE_START.match(row) for row in rows)


def caption_not_term_plugin(md: MarkdownIt) -> None:
    """``Table: caption`` followed by a ``: ...`` line is a table caption in Pandoc, never a definition term."""
    rule = next(r for r in md.block.ruler.__rules__ if r.name == "deflist")
    original, alt = rule.fn, list(rule.alt)

    def deflist(state, start_line: int, end_line: int, silent: bool) -> bool:
        start = state.bMarks[start_line] + state.tShift[start_line]
        if state.src.startswith("Table:", start) or _caption_before_table(state, start_line, end_line):
            return False
        return original(state, start_line, end_line, silent)

    md.block.ruler.at("deflist", deflist, {"alt": alt})


def strip_caption_attributes(caption: tuple[m.Inline, ...]) -> tuple[tuple[m.Inline, ...], str]:
    """``caption {#tbl-x .class}`` -> (caption without the block, ``tbl-x``)."""
    if caption and isinstance(caption[-1], m.Text):
        match = _CAPTION_ATTRS.search(caption[-1].text)
        if match:
            from .md_divs import parse_attributes

            ident, _classes, _attrs = parse_attributes("{" + match.group("attrs") + "}")
            rest = caption[-1].text[: match.start()]
            return caption[:-1] + ((m.Text(rest),) if rest else ()), ident
    return caption, ""


def task_marker(blocks: tuple[m.Block, ...]) -> tuple[m.Block, ...]:
    """A list item starting ``[ ]`` or ``[x]``: the box as ☐ / ☒ (what Pandoc writes for task lists)."""
    if not blocks or not isinstance(blocks[0], m.Paragraph):
        return blocks
    first = blocks[0]
    if not first.inlines or not isinstance(first.inlines[0], m.Text):
        return blocks
    text = first.inlines[0].text
    match = _TASK.match(text)
    if not match:
        return blocks
    box = "☐" if match.group(1) == " " else "☒"
    inlines = (m.Text(box + text[match.end():]),) + first.inlines[1:]
    return (dataclasses.replace(first, inlines=inlines),) + blocks[1:]


def _rebuild(node, change):
    """``node`` with ``change`` applied to every model node below it (tuples and dataclasses rebuilt only
    where something changed)."""
    if isinstance(node, tuple):
        items = tuple(_rebuild(item, change) for item in node)
        return node if all(a is b for a, b in zip(items, node)) else items
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        replaced = change(node)
        if replaced is not node:
            return replaced
        updates = {}
        for f in dataclasses.fields(node):
            value = getattr(node, f.name)
            if isinstance(value, tuple) or dataclasses.is_dataclass(value):
                new = _rebuild(value, change)
                if new is not value:
                    updates[f.name] = new
        return dataclasses.replace(node, **updates) if updates else node
    return node


def example_references(blocks: tuple[m.Block, ...], labels: dict[str, int]) -> tuple[m.Block, ...]:
    """Pandoc's example_lists: a citation ``@label`` of an example label ``(@label)`` is that example's number."""

    def change(node):
        if isinstance(node, m.Cite) and len(node.items) == 1 and node.items[0].key in labels:
            item = node.items[0]
            text = str(labels[item.key])
            if not node.source_text.startswith("@"):  # [@good] keeps its brackets' prefix/suffix text
                text = " ".join(t for t in (item.prefix, text, item.suffix) if t)
            return m.Text(text)
        return node

    return _rebuild(blocks, change)


# ------------------------------------------------------------------ line blocks

_LINE_START = re.compile(r"^\|(?: |$)")
_TABLE_ROW = re.compile(r"^\|[^|]*\|.*\|\s*$")


def _line_block(state, start_line: int, end_line: int, silent: bool) -> bool:
    """Pandoc's ``| `` line blocks: each ``|`` line is one line, leading spaces kept; a line starting with
    a space continues the one before."""
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    first = state.src[state.bMarks[start_line] + state.tShift[start_line]: state.eMarks[start_line]]
    if not _LINE_START.match(first) or _TABLE_ROW.match(first):
        return False  # "| a | b |" without its |---| line is a broken pipe table (a warning), not verse
    lines: list[tuple[int, str]] = []
    line = start_line
    while line < end_line and not state.isEmpty(line):
        text = state.src[state.bMarks[line] + state.tShift[line]: state.eMarks[line]]
        if _LINE_START.match(text) and state.sCount[line] - state.blkIndent < 4:
            lines.append((line, text[2:] if len(text) > 1 else ""))
        elif state.sCount[line] > state.blkIndent and lines:  # continuation of the previous line
            lines[-1] = (lines[-1][0], lines[-1][1] + " " + text.strip())
        else:
            break
        line += 1
    if silent:
        return True
    token = state.push("line_block_open", "div", 1)
    token.map = [start_line, line]
    for number, text in lines:
        stripped = text.lstrip(" ")
        inline = state.push("inline", "", 0)
        inline.content = "\u00a0" * (len(text) - len(stripped)) + stripped.rstrip()
        inline.map = [number, number + 1]
        inline.children = []
    state.push("line_block_close", "div", -1)
    state.line = line
    return True


def line_block_plugin(md: MarkdownIt) -> None:
    """Line blocks, tried after pipe tables (``| a | b |`` over ``|---|`` stays a table, as in Pandoc)."""
    md.block.ruler.after("table", "line_block", _line_block)


# ------------------------------------------------------------------ markup inside ^super^ and ~sub~


def _script_markup(state: StateCore) -> None:
    """mdit's ``^…^``/``~…~`` keep their content as plain text; Pandoc reads markup there (``a^*hello*^``)."""
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        children, out, inside = block.children, [], 0
        for tok in children:
            if tok.type in ("sup_open", "sub_open"):
                inside += 1
            elif tok.type in ("sup_close", "sub_close"):
                inside -= 1
            if inside and tok.type == "text":  # a space there was written "\ ": Pandoc's no-break space
                tok.content = tok.content.replace(" ", "\u00a0")
            if inside and tok.type == "text" and re.search(r"[*_`\[]", tok.content):
                parsed: list = []
                state.md.inline.parse(tok.content, state.md, state.env, parsed)
                out.extend(parsed)
            else:
                out.append(tok)
        block.children = out


def _escaped_space(state, silent: bool) -> bool:
    """Pandoc's backslash-space is a no-break space."""
    if not state.src.startswith("\\ ", state.pos):
        return False
    if not silent:
        state.push("text", "", 0).content = "\u00a0"
    state.pos += 2
    return True


def script_markup_plugin(md: MarkdownIt) -> None:
    md.core.ruler.after("inline", "script_markup", _script_markup)
    md.inline.ruler.before("escape", "escaped_space", _escaped_space)


# ------------------------------------------------------------------ titles with inner quotes

_INLINE_TITLE = re.compile(r'(\]\(\s*<?[^\s()<>]*>?\s+)"([^"\n]*"[^\n]*?)"(\s*\))')
_REF_TITLE = re.compile(r'^( {0,3}\[[^\]\n]+\]:[ \t]*\S+[ \t]+)"(.*".*)"[ \t]*$', re.M)


def _quoted_titles(state: StateCore) -> None:
    """Pandoc ends a ``"title"`` at the last quote before ``)`` (``"title with "quotes" in it"``);
    CommonMark needs the inner quotes escaped, so they are escaped before parsing."""
    def escape(mt: re.Match) -> str:
        return mt.group(1) + '"' + re.sub(r'(?<!\\)"', r'\\"', mt.group(2)) + '"' + (mt.group(3) if mt.lastindex >= 3 else "")

    if '"' not in state.src:
        return
    lines, fence = state.src.split("\n"), ""
    for i, line in enumerate(lines):  # never inside fenced or indented code
        opening = re.match(r"^ {0,3}(`{3,}|~{3,})", line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = ""
            continue
        if opening:
            fence = opening.group(1)
            continue
        if '"' in line and not line.startswith(("    ", "\t")):
            lines[i] = _REF_TITLE.sub(escape, _INLINE_TITLE.sub(escape, line))
    state.src = "\n".join(lines)


def quoted_titles_plugin(md: MarkdownIt) -> None:
    md.core.ruler.after("normalize", "quoted_titles", _quoted_titles)


# ------------------------------------------------------------------ implicit header references

_BRACKETED = re.compile(r"\[([^\[\]\n]+)\](?:\[([^\[\]\n]*)\])?")


def implicit_header_links(blocks: tuple[m.Block, ...]) -> tuple[m.Block, ...]:
    """Pandoc's implicit_header_references: ``[My header]``, ``[text][My header]`` and ``[My header][]`` link
    to that heading (case-insensitive) when no link reference of that name exists (markdown-it left them
    as text)."""
    targets: dict[str, str] = {}
    for block in m.walk_blocks(blocks):
        if isinstance(block, m.Heading) and block.id:
            targets.setdefault(" ".join(m.plain_text(block.inlines).split()).lower(), block.id)
    if not targets:
        return blocks

    def link_text(text: str) -> tuple[m.Inline, ...] | None:
        out: list[m.Inline] = []
        last = 0
        for mt in _BRACKETED.finditer(text):
            label = mt.group(2) if mt.group(2) else mt.group(1)
            ident = targets.get(" ".join(label.split()).lower())
            if not ident:
                continue
            out.append(m.Text(text[last:mt.start()]))
            out.append(m.Link("#" + ident, (m.Text(mt.group(1)),)))
            last = mt.end()
        if not out:
            return None
        out.append(m.Text(text[last:]))
        return tuple(i for i in out if not (isinstance(i, m.Text) and not i.text))

    def change(node):
        if isinstance(node, (m.Paragraph, m.Heading)) and any(
                isinstance(i, m.Text) and "[" in i.text for i in node.inlines):
            inlines: list[m.Inline] = []
            for inline in node.inlines:
                replaced = link_text(inline.text) if isinstance(inline, m.Text) else None
                inlines.extend(replaced if replaced is not None else (inline,))
            return dataclasses.replace(node, inlines=tuple(inlines))
        return node

    return _rebuild(blocks, change)
