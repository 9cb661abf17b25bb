"""Pandoc's ``fancy_lists`` and ``example_lists``: ``(2)``, ``i.``, ``(A)``, ``A)``, ``#.``, ``(@)``, ``(@label)``.

markdown-it's list rule knows only ``1.`` and ``1)``.  Its logic (tight/loose items, indentation,
lazy lines) is exactly what Pandoc does for the other markers too, so this module runs that same
rule with two names swapped in its globals: the marker scanner (which here accepts every Pandoc
marker) and the number parser (which reads letters and roman numerals).  A list item's
``token.info`` keeps the marker as written; :func:`marker_style` turns it into the model's
numbering style, delimiter and start number.
"""

from __future__ import annotations

import re
import threading
import types

from markdown_it import MarkdownIt
from markdown_it.common.utils import isStrSpace
from markdown_it.rules_block import list as _list

_MARKER = re.compile(r"(?P<open>\()?(?P<num>\d{1,9}|#|@[\w-]*|[ivxlcdm]+|[IVXLCDM]+|[a-z]|[A-Z])(?P<close>[.)])")
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def roman_value(text: str) -> int:
    total, prev = 0, 0
    for ch in reversed(text.lower()):
        value = _ROMAN[ch]
        total = total - value if value < prev else total + value
        prev = max(prev, value)
    return total


def marker_style(info: str) -> tuple[str, str, int]:
    """``(iv)`` -> ("lower-roman", "two-parens", 4); the marker without its closing ``.`` or ``)`` is ``info``
    (markdown-it stores ``(iv``), the delimiter is read from the opening parenthesis and the caller's ``close``."""
    opened = info.startswith("(")
    num = info[1:] if opened else info
    if num.isdigit():
        return "decimal", "", int(num)
    if num == "#":
        return "default", "", 1
    if num.startswith("@"):
        return "example", "", 1
    if num in ("i", "I") or (len(num) > 1 and re.fullmatch(r"[ivxlcdm]+|[IVXLCDM]+", num)):
        return ("lower-roman" if num.islower() else "upper-roman"), "", roman_value(num)
    return ("lower-alpha" if num.islower() else "upper-alpha"), "", ord(num.lower()) - ord("a") + 1


_FITS = {"decimal": r"\d+|#", "default": r"\d+|#", "lower-alpha": r"[a-z]", "upper-alpha": r"[A-Z]",
         "lower-roman": r"[ivxlcdm]+", "upper-roman": r"[IVXLCDM]+", "example": r"@[\w-]*"}


def same_list(first, item) -> bool:
    """Whether list item token ``item`` continues the list begun by ``first`` (same style and delimiter)."""
    style, _, _ = marker_style(first.info or "1")
    info = item.info or "1"
    if info.startswith("(") != (first.info or "").startswith("(") or item.markup != first.markup:
        return False
    return re.fullmatch(_FITS[style], info.lstrip("(")) is not None


_SCAN = threading.local()  # whether the marker just scanned stands inside a list item (read by _marker_value)


def _skip_marker(state, start_line: int) -> int:
    """Position after a Pandoc ordered-list marker on ``start_line`` (and its closing delimiter), or -1."""
    _SCAN.in_list = state.listIndent >= 0 or state.parentType == "list"
    start = state.bMarks[start_line] + state.tShift[start_line]
    maximum = state.eMarks[start_line]
    match = _MARKER.match(state.src, start, maximum)
    if not match:
        return -1
    opened, num, close = match.group("open"), match.group("num"), match.group("close")
    if opened and close != ")":
        return -1
    pos = match.end()
    if pos < maximum and not isStrSpace(state.src[pos]):
        return -1
    if not num.isdigit() and pos >= maximum:
        return -1  # a lone "a." or "#." line is text
    # Pandoc: a capital letter with a period needs two spaces after it ("B. Russell" is not a list)
    if len(num) == 1 and num.isupper() and close == "." and num not in "IVXLCDM":
        if not state.src.startswith("  ", pos) and not state.src.startswith("\t", pos):
            return -1
    return pos


def _marker_value(text: str) -> int:
    """What the list rule's ``int(marker)`` becomes: the number for digits; for other markers 1 inside a
    list item (a sublist may follow its item's first line, as in Pandoc) and 0 elsewhere (so a fancy
    marker never interrupts a top-level paragraph).  The reader reads the real start from the marker."""
    if getattr(_SCAN, "in_list", False):
        return 1
    return int(text) if text.isdigit() else 0


def fancy_lists_plugin(md: MarkdownIt) -> None:
    rule = next(r for r in md.block.ruler.__rules__ if r.name == "list")
    names = dict(_list.__dict__)
    names["skipOrderedListMarker"] = _skip_marker
    names["int"] = _marker_value
    fancy = types.FunctionType(_list.list_block.__code__, names, "fancy_list_block")
    md.block.ruler.at("list", fancy, {"alt": list(rule.alt)})
