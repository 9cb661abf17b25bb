"""Pandoc's ``raw_tex``: ``\\begin{env}…\\end{env}`` blocks and ``\\command[opt]{arg}`` inlines.

Pandoc passes raw LaTeX to LaTeX output only and leaves it out of HTML, Word and slides; medprint
writes no LaTeX, so it leaves it out everywhere, with a located warning (never printed as source text).
Math (``$…$``) is read before these rules see it.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline

_BEGIN = re.compile(r"\\begin\{([A-Za-z]+\*?)\}")
# a control word and its [options] and {arguments}; a bare \word is raw TeX to Pandoc too (\placeformula)
_COMMAND = re.compile(r"\\[A-Za-z]+\*?(?:\s*(?:\[[^\[\]\n]*\]|\{(?:[^{}\n]|\{[^{}\n]*\})*\}))*")


def _tex_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    first = state.src[state.bMarks[start] + state.tShift[start]: state.eMarks[start]]
    match = _BEGIN.match(first)
    if not match:
        return False
    closing = "\\end{" + match.group(1) + "}"
    line = start
    while line < end:
        if closing in state.src[state.bMarks[line]: state.eMarks[line]]:
            break
        line += 1
    else:
        return False
    if silent:
        return True
    token = state.push("raw_tex_block", "", 0)
    token.content = state.getLines(start, line + 1, state.blkIndent, True)
    token.map = [start, line + 1]
    state.line = line + 1
    return True


def _tex_inline(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "\\":
        return False
    match = _COMMAND.match(state.src, state.pos)
    if not match:
        return False
    if not silent:
        token = state.push("raw_tex_inline", "", 0)
        token.content = match.group(0)
    state.pos = match.end()
    return True


def raw_tex_plugin(md: MarkdownIt) -> None:
    md.block.ruler.before("paragraph", "raw_tex_block", _tex_block)
    md.inline.ruler.before("escape", "raw_tex_inline", _tex_inline)
