"""markdown-it-py inline rule for Pandoc's ``tex_math_dollars``: ``$…$`` and ``$$…$$``, read as Pandoc reads them.

Inline math opens with ``$`` not followed by white space and closes with a ``$``
not preceded by white space and not followed by a digit (so "$20 and $30" stays
text); display math is ``$$…$$`` and may span lines but not a blank line.  A
backslash escapes the next character inside math (``\\$`` does not close it).
Quarto's ``{#eq-x}`` label after display math is taken with it.  Each rule emits
one ``math`` token whose ``meta`` holds the TeX, whether it is display math, the
label and the offset of the opening ``$`` (for located warnings).
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

_LABEL_RE = re.compile(r"[ \t]*\{#(?P<id>eq[-:][^\s{}]+)\}")
# What makes an unclosed ``$…`` look like TeX rather than money: a command, a script or a brace.
_TEX_LIKE = re.compile(r"\\[A-Za-z]+|[\^_]\{?[A-Za-z0-9]|\{")


def _display_end(src: str, start: int, limit: int) -> int:
    """Index of the closing ``$$`` for display math whose content starts at ``start``, or -1."""
    i = start
    while i < limit:
        ch = src[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "\n" and src[i + 1: limit].lstrip(" \t").startswith("\n"):
            return -1  # a blank line ends the paragraph, and the math with it
        if src.startswith("$$", i):
            return i if i > start else -1
        i += 1
    return -1


def _inline_end(src: str, start: int, limit: int) -> int:
    """Index of the closing ``$`` for inline math whose content starts at ``start``, or -1."""
    i = start
    while i < limit:
        ch = src[i]
        if src.startswith("\\text{", i):  # Pandoc: \text{…} may hold $ (``\text{the $n$th}``)
            close = _balanced(src, i + 5, limit)
            if close < 0:
                return -1
            i = close + 1
            continue
        if ch == "\\":
            i += 2
            continue
        if ch == "\n" and src[i + 1: limit].lstrip(" \t").startswith("\n"):
            return -1
        if ch == "$":
            if src[i - 1] in " \t\n":
                return -1  # Pandoc: white space before the closing $ ends the attempt
            if i + 1 < limit and src[i + 1].isdigit():
                return -1
            return i
        i += 1
    return -1


def _balanced(src: str, open_at: int, limit: int) -> int:
    """Index of the ``}`` closing the ``{`` at ``open_at`` (backslash escapes skipped), or -1."""
    depth, i = 0, open_at
    while i < limit:
        ch = src[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


_LATEX_LABEL = re.compile(r"\\label\s*\{(?P<id>[^{}]*)\}")


def _without_latex_label(tex: str) -> tuple[str, str]:
    """Display math with LaTeX's ``\\label{eq:x}`` taken out (MathML and the math renderer know no labels, as
    in Pandoc's HTML), and that label, which names the equation as ``{#eq:x}`` would."""
    found = _LATEX_LABEL.search(tex)
    if not found:
        return tex, ""
    return (tex[:found.start()] + tex[found.end():]).strip() or tex, found.group("id").strip()


def math_rule(state: StateInline, silent: bool) -> bool:
    src, pos, limit = state.src, state.pos, state.posMax
    if src[pos] != "$":
        return False
    if src.startswith("$$", pos):
        end = _display_end(src, pos + 2, limit)
        if end < 0:
            return False
        tex, display, after = src[pos + 2: end], True, end + 2
    else:
        if pos + 1 >= limit or src[pos + 1] in " \t\n":
            return False
        end = _inline_end(src, pos + 1, limit)
        if end < 0:
            return False
        tex, display, after = src[pos + 1: end], False, end + 1
    label = ""
    if display:
        found = _LABEL_RE.match(src, after, limit)
        if found:
            label, after = found.group("id"), found.end()
        tex, latex_label = _without_latex_label(tex)
        label = label or latex_label
    if not silent:
        token = state.push("math", "math", 0)
        token.content = tex
        token.meta = {"tex": tex, "display": display, "id": label, "offset": pos,
                      "source": src[pos:after]}
    state.pos = after
    return True


def unclosed_dollars(text: str) -> list[int]:
    """Offsets in a paragraph's remaining plain text of ``$`` signs that open something TeX-like but never close.

    Money ("$20", "$5 to $10") never matches: only a ``$`` followed by a letter, backslash or brace whose
    stretch up to the end of the line holds a TeX command, a script or a brace is reported.
    """
    found = []
    for m in re.finditer(r"(?<![\\$])\$(?!\$)(?=[A-Za-z\\{])", text):
        rest = text[m.end(): (text.find("\n", m.end()) + 1 or len(text) + 1) - 1]
        if _TEX_LIKE.search(rest[:80]):
            found.append(m.start())
    return found


def math_plugin(md: MarkdownIt) -> None:
    """Register the rule after backslash escapes (``\\$`` is a dollar sign) and before code spans and emphasis."""
    md.inline.ruler.after("escape", "tex_math_dollars", math_rule)
