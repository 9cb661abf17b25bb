"""Pandoc's simple, multiline and grid tables as markdown-it block rules (pipe tables are markdown-it's own).

No maintained markdown-it plugin reads these, so the rules follow Pandoc's manual and reader:

- simple: a header line over dashed column groups (``-----  ----``), one line per row, ending at a blank
  line; or, headerless, rows between two dashed lines.  A column runs from the start of its dashes to
  the start of the next column's; its alignment comes from where the header text sits over the dashes.
- multiline: a full line of dashes, header lines, dashed column groups, rows separated by blank lines,
  a closing full line of dashes (headerless: between two dashed column-group lines).
- grid: ``+---+---+`` borders, ``|`` cell walls, an optional ``+===+`` header rule, ``:`` for alignment.

Each rule emits the same tokens as markdown-it's pipe tables (``table_open`` ... ``td_open`` with
``style="text-align:…"``).  A one-line cell is an ``inline`` token; a cell of several lines is parsed as
blocks (Pandoc allows paragraphs and lists there), so the reader flattens it.
"""

from __future__ import annotations

import re
import sys
import types
import unicodedata

import markdown_it.rules_block.table  # noqa: F401  (the module whose rule is reused)
from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

_GROUPS = re.compile(r"-+")
# dashed column groups; "- - - -" (single dashes only) is a rule, never a table
_DASHED = re.compile(r"^ {0,3}(?=[- ]*--)-+(?: +-+)* *$")
_FULL_DASHES = re.compile(r"^ {0,3}-{3,} *$")
_GRID_BORDER = re.compile(r"^ {0,3}\+(?:[-=:]+\+)+ *$")


def _raw(state: StateBlock, line: int) -> str:
    """The whole source line (indentation included), tabs expanded."""
    return state.src[state.bMarks[line]: state.eMarks[line]].expandtabs(4)


def _blank(state: StateBlock, line: int) -> bool:
    return line >= state.lineMax or state.isEmpty(line)


def _columns(dashes: str) -> list[tuple[int, int]]:
    return [(mt.start(), mt.end()) for mt in _GROUPS.finditer(dashes)]


def _width(ch: str) -> int:
    """Columns a character takes in a monospaced source (Pandoc counts East Asian wide characters as two
    and zero-width joiners and marks as none)."""
    if unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _cut(line: str, start: int, stop: int | None) -> str:
    """The characters of ``line`` whose display column lies in [start, stop)."""
    if line.isascii():
        return line[start:stop] if start < len(line) else ""
    out, col = [], 0
    for ch in line:
        if col >= start and (stop is None or col < stop):
            out.append(ch)
        col += _width(ch)
    return "".join(out)


def _slices(line: str, cols: list[tuple[int, int]]) -> list[str]:
    """Cell texts of ``line``: from each column's start to the next one's (the last to the line's end)."""
    return [_cut(line, start, cols[i + 1][0] if i + 1 < len(cols) else None) for i, (start, _end) in enumerate(cols)]


def _align(texts: list[str], start: int, end: int) -> str:
    """Pandoc's alignType: the shortest non-empty header text, flush left and/or right with its dashes."""
    width = end - start
    cells = sorted((t.rstrip() for t in texts if t.strip()), key=len)
    if not cells:
        return ""
    left_space, right_space = cells[0][:1] in (" ", "\t"), len(cells[0]) < width
    return {(True, False): "right", (False, True): "left", (True, True): "center"}.get((left_space, right_space), "")


def _cell_lines(lines: list[str]) -> str:
    """Dedent a cell's lines and drop empty leading/trailing ones."""
    while lines and not lines[0].strip():
        lines = lines[1:]
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    indents = [len(t) - len(t.lstrip()) for t in lines if t.strip()]
    cut = min(indents) if indents else 0
    return "\n".join(t[cut:].rstrip() for t in lines)


def _emit(state: StateBlock, start: int, end: int, header: list[str] | None, rows: list[tuple[int, list[str]]],
          aligns: list[str]) -> None:
    """Push the table tokens: ``header`` cells (or none), ``rows`` as (source line, cells)."""
    token = state.push("table_open", "table", 1)
    token.map = [start, end]

    def cell(tag: str, text: str, line: int, align: str) -> None:
        tok = state.push(f"{tag}_open", tag, 1)
        if align:
            tok.attrs = {"style": f"text-align:{align}"}
        tok.map = [line, line + 1]
        if "\n" in text:  # several lines: blocks (paragraphs, lists), as Pandoc reads them
            state.md.block.parse(text, state.md, state.env, state.tokens)
        else:
            inline = state.push("inline", "", 0)
            inline.content = text.strip()
            inline.map = [line, line + 1]
            inline.children = []
        state.push(f"{tag}_close", tag, -1)

    if header is not None:
        state.push("thead_open", "thead", 1)
        state.push("tr_open", "tr", 1)
        for i, text in enumerate(header):
            cell("th", text, start, aligns[i] if i < len(aligns) else "")
        state.push("tr_close", "tr", -1)
        state.push("thead_close", "thead", -1)
    state.push("tbody_open", "tbody", 1)
    for line, cells in rows:
        state.push("tr_open", "tr", 1)
        for i, text in enumerate(cells):
            cell("td", text, line, aligns[i] if i < len(aligns) else "")
        state.push("tr_close", "tr", -1)
    state.push("tbody_close", "tbody", -1)
    state.push("table_close", "table", -1)
    state.line = end


# ------------------------------------------------------------------ simple and multiline


def _simple(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    first = _raw(state, start)
    # the header may be indented like code when its dashes are not (Pandoc tries tables before code)
    dash_line = start + 1 if start + 1 < end else start
    if state.sCount[start] - state.blkIndent >= 4 and state.sCount[dash_line] - state.blkIndent >= 4:
        return False
    headless = bool(_DASHED.match(first))
    if headless:
        cols = _columns(first)
        if len(cols) < 2:
            return False
        line, body = start + 1, []
        while line < end and not _blank(state, line) and not _DASHED.match(_raw(state, line)):
            body.append(line)
            line += 1
        # rows then a closing dashed line then a blank line; a blank line inside means a multiline table
        if not body or line >= end or _blank(state, line) or not _blank(state, line + 1):
            return False
        if silent:
            return True
        rows = [(n, [t.strip() for t in _slices(_raw(state, n), cols)]) for n in body]
        aligns = [_align([_slices(_raw(state, body[0]), cols)[i]], s, e) for i, (s, e) in enumerate(cols)]
        _emit(state, start, line + 1, None, rows, aligns)
        return True
    # a header line (or several, Pandoc allows one) over dashed groups
    if start + 1 >= end or _blank(state, start) or not _DASHED.match(_raw(state, start + 1)):
        return False
    dashes = _raw(state, start + 1)
    cols = _columns(dashes)
    if len(cols) < 2:  # "Heading\n-------" is a setext heading
        return False
    line = start + 2
    body = []
    while line < end and not _blank(state, line):
        if _DASHED.match(_raw(state, line)) and (_blank(state, line + 1)):
            line += 1
            break
        body.append(line)
        line += 1
    if silent:
        return True
    head_cells = _slices(first, cols)
    aligns = [_align([head_cells[i]], s, e) for i, (s, e) in enumerate(cols)]
    rows = [(n, [t.strip() for t in _slices(_raw(state, n), cols)]) for n in body]
    _emit(state, start, line, [t.strip() for t in head_cells], rows, aligns)
    return True


def _multiline(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    first = _raw(state, start)
    headless = not _FULL_DASHES.match(first)
    if headless:
        if not _DASHED.match(first) or len(_columns(first)) < 2:  # one dash run: a rule between sections
            return False
        cols, head_lines, line = _columns(first), [], start + 1
    else:
        line, head_lines = start + 1, []
        while line < end and not _blank(state, line) and not _DASHED.match(_raw(state, line)):
            head_lines.append(line)
            line += 1
        if not head_lines or line >= end or not _DASHED.match(_raw(state, line)):
            return False
        cols = _columns(_raw(state, line))
        if len(cols) < 2:  # "-----" text "-----": rules around a paragraph, not a one-column table
            return False
        line += 1
    closing = _FULL_DASHES if not headless else _DASHED
    body_start = line
    while line < end and not closing.match(_raw(state, line)):
        if headless and _DASHED.match(_raw(state, line)):
            break
        line += 1
    if line >= end or line == body_start:
        return False
    if headless and not any(_blank(state, n) for n in range(body_start, line)):
        return False  # no blank line between rows: a simple table
    if not _blank(state, line + 1) and line + 1 < end:
        return False
    if silent:
        return True
    chunks: list[list[int]] = [[]]
    for n in range(body_start, line):
        if _blank(state, n):
            if chunks[-1]:
                chunks.append([])
        else:
            chunks[-1].append(n)
    chunks = [c for c in chunks if c]
    rows = []
    for chunk in chunks:
        pieces = [_slices(_raw(state, n), cols) for n in chunk]
        rows.append((chunk[0], [_cell_lines([p[i] for p in pieces]) for i in range(len(cols))]))
    if head_lines:
        pieces = [_slices(_raw(state, n), cols) for n in head_lines]
        header = [_cell_lines([p[i] for p in pieces]).replace("\n", " ") for i in range(len(cols))]
        aligns = [_align([p[i] for p in pieces], s, e) for i, (s, e) in enumerate(cols)]
    else:
        header = None
        first_row = [_slices(_raw(state, chunks[0][0]), cols)] if chunks else []  # its first line, as Pandoc
        aligns = [_align([p[i] for p in first_row], s, e) for i, (s, e) in enumerate(cols)]
    _emit(state, start, line + 1, header, rows, aligns)
    return True


# ------------------------------------------------------------------ grid


def _grid(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    first = _raw(state, start).rstrip()
    if not _GRID_BORDER.match(first):
        return False
    bounds = [i for i, ch in enumerate(first) if ch == "+"]
    line = start + 1
    rows: list[tuple[int, list[list[str]]]] = []
    current: list[list[str]] | None = None
    current_line = start
    header_rows = 0
    align_line = first
    while line < end:
        raw = _raw(state, line).rstrip()
        if _GRID_BORDER.match(raw):
            if current is not None:
                rows.append((current_line, current))
                current = None
            if "=" in raw:
                header_rows = len(rows)
                align_line = raw
            line += 1
            if _blank(state, line) or not _raw(state, line).lstrip().startswith(("|", "+")):
                break
            continue
        if not raw.lstrip().startswith("|"):
            return False
        if current is None:
            current, current_line = [[] for _ in bounds[:-1]], line
        for i in range(len(bounds) - 1):
            current[i].append(_cut(raw, bounds[i] + 1, bounds[i + 1]))
        line += 1
    else:
        return False
    if not rows or current is not None:
        return False
    if silent:
        return True
    aligns = []
    for i in range(len(bounds) - 1):
        segment = align_line[bounds[i] + 1: bounds[i + 1]]
        left, right = segment.startswith(":"), segment.endswith(":")
        aligns.append({(True, True): "center", (True, False): "left", (False, True): "right"}.get((left, right), ""))
    cells = [(n, [_cell_lines([t.rstrip("|") for t in col]) for col in row]) for n, row in rows]
    header = None
    if header_rows == 1:
        header = [t.replace("\n", " ") for t in cells[0][1]]
        cells = cells[1:]
    _emit(state, start, line, header, cells, aligns)
    return True


def cell_inlines(blocks) -> tuple:
    """A table cell's blocks as one line of inlines (the model's cells hold inlines): paragraphs joined by
    line breaks, list items as "• item" lines."""
    from .. import model as m

    out: list = []

    def add(inlines, prefix: str = "") -> None:
        if out:
            out.append(m.LineBreak())
        if prefix:
            out.append(m.Text(prefix))
        out.extend(inlines)

    for block in blocks:
        if isinstance(block, (m.Paragraph, m.Heading)):
            add(block.inlines)
        elif isinstance(block, (m.BulletList, m.OrderedList)):
            for n, item in enumerate(block.items):
                mark = "\u2022 " if isinstance(block, m.BulletList) else f"{block.start + n}. "
                first = True
                for sub in item.blocks:
                    if isinstance(sub, m.Paragraph):
                        add(sub.inlines, mark if first else "")
                        first = False
        elif isinstance(block, m.CodeBlock):
            add((m.Code(block.text.rstrip("\n")),))
    return tuple(out)


def _indented_rows(original):
    """markdown-it's pipe table rule, but rows indented like code (``                 3 | 33``, under a
    right-aligned column) stay rows, as in Pandoc."""

    def table(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        saved = {}
        line = start + 1
        while line < end and not state.isEmpty(line) and "|" in _raw(state, line):
            if state.sCount[line] - state.blkIndent >= 4:
                saved[line] = state.sCount[line]
                state.sCount[line] = state.blkIndent
            line += 1
        try:
            return original(state, start, end, silent)
        finally:
            for n, count in saved.items():
                state.sCount[n] = count

    return table


def _split_cells(text: str) -> list[str]:
    """Cells of a pipe-table line split at ``|`` but not at ``\\|`` nor inside a code span (Pandoc #2765)."""
    cells, current, i, ticks = [], "", 0, 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text) and text[i + 1] == "|":
            current += "|"
            i += 2
            continue
        if ch == "`":
            run = len(text[i:]) - len(text[i:].lstrip("`"))
            if ticks == 0 and text.find("`" * run, i + run) >= 0:
                ticks = run
            elif ticks == run:
                ticks = 0
            current += "`" * run
            i += run
            continue
        if ch == "|" and not ticks:
            cells.append(current)
            current = ""
        else:
            current += ch
        i += 1
    cells.append(current)
    return cells


def _pandoc_pipe_table():
    """markdown-it's pipe table rule with Pandoc's cell splitting (its own code, one name swapped)."""
    module = sys.modules["markdown_it.rules_block.table"]
    names = dict(module.__dict__)
    names["escapedSplit"] = _split_cells
    return types.FunctionType(module.table.__code__, names, "pandoc_pipe_table")


def pandoc_tables_plugin(md: MarkdownIt) -> None:
    """Simple, multiline and grid tables, tried before markdown-it's pipe tables, rules and headings."""
    rule = next(r for r in md.block.ruler.__rules__ if r.name == "table")
    md.block.ruler.at("table", _indented_rows(_pandoc_pipe_table()), {"alt": list(rule.alt)})
    md.block.ruler.before("table", "grid_table", _grid)
    md.block.ruler.before("table", "multiline_table", _multiline)
    md.block.ruler.before("table", "simple_table", _simple)
