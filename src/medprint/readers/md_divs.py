"""markdown-it-py block rule for Pandoc fenced divs.

``::: {#refs}``, ``::: notes``, ``::: {.handout-only lang=fr}`` … ``:::``.
An opening fence is three or more colons followed by attributes (a bare class
word or a ``{…}`` block); a line of colons alone closes the innermost open div,
so divs nest as in Pandoc.  Emits ``div_open``/``div_close`` tokens whose
``meta`` carries the id, classes and key=value attributes.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

_OPEN_RE = re.compile(r"^(?P<fence>:{3,})[ \t]*(?P<attrs>\{[^{}\n]*\}|[^\s{}:]+)[ \t]*(?::+)?[ \t]*$")
_CLOSE_RE = re.compile(r"^:{3,}[ \t]*$")
_ATTR_RE = re.compile(r"""#(?P<id>[^\s}]+)|\.(?P<cls>[^\s}]+)|(?P<k>[\w-]+)=(?:"(?P<qv>[^"]*)"|'(?P<sv>[^']*)'|(?P<v>[^\s}]+))""")


def parse_attributes(text: str) -> tuple[str, tuple[str, ...], tuple[tuple[str, str], ...]]:
    """``{#id .a .b key=val}`` or a bare ``word`` -> (id, classes, attributes)."""
    text = text.strip()
    if not text.startswith("{"):
        return "", (text,), ()
    ident, classes, attrs = "", [], []
    for m in _ATTR_RE.finditer(text[1:-1]):
        if m.group("id"):
            ident = m.group("id")
        elif m.group("cls"):
            classes.append(m.group("cls"))
        elif m.group("k"):
            value = m.group("qv") if m.group("qv") is not None else m.group("sv") if m.group("sv") is not None else m.group("v")
            attrs.append((m.group("k"), value or ""))
    return ident, tuple(classes), tuple(attrs)


def _line(state: StateBlock, line: int) -> str:
    start = state.bMarks[line] + state.tShift[line]
    return state.src[start: state.eMarks[line]]


def fenced_div(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    opening = _OPEN_RE.match(_line(state, start_line))
    if not opening:
        return False
    # find the matching close, counting nested opening fences
    depth, line, close_line = 1, start_line + 1, -1
    while line < end_line:
        if state.sCount[line] < state.blkIndent and not state.isEmpty(line):
            break  # the enclosing block (e.g. a list item) ended
        text = _line(state, line)
        if state.sCount[line] - state.blkIndent < 4:
            if _CLOSE_RE.match(text):
                depth -= 1
                if depth == 0:
                    close_line = line
                    break
            elif _OPEN_RE.match(text):
                depth += 1
        line += 1
    if silent:
        return True
    ident, classes, attrs = parse_attributes(opening.group("attrs"))
    old_parent, old_max = state.parentType, state.lineMax
    state.parentType = "div"  # type: ignore[assignment]
    body_end = close_line if close_line >= 0 else line
    state.lineMax = body_end

    token = state.push("div_open", "div", 1)
    token.block = True
    token.map = [start_line, body_end + (1 if close_line >= 0 else 0)]
    token.meta = {"id": ident, "classes": classes, "attributes": attrs, "closed": close_line >= 0}
    state.md.block.tokenize(state, start_line + 1, body_end)
    token = state.push("div_close", "div", -1)
    token.block = True

    state.parentType, state.lineMax = old_parent, old_max
    state.line = body_end + 1 if close_line >= 0 else body_end
    return True


def fenced_div_plugin(md: MarkdownIt) -> None:
    md.block.ruler.before("fence", "fenced_div", fenced_div, {"alt": ["paragraph", "reference", "blockquote", "list"]})
