"""Last touches on a rendered string, as citeproc-js makes them.

- ``punctuation-in-quote``: a comma or period right after a closing quotation, the
  style's or the data's (both marked ``q``), moves inside it (en-US: “Title,” not “Title”,).
- quotations print with the locale's quotes, alternating by depth: outer quotes, inner
  quotes inside them, outer again inside those (“‘Good’ bacteria,” as citeproc-js prints a
  quoted title that quotes).
- doubled punctuation at a seam ("Where next?." → "Where next?") is removed.
"""

from __future__ import annotations

import re

from .markup import MARKS

_Q_OPEN, _Q_CLOSE = MARKS["q"]
_QI_OPEN, _QI_CLOSE = MARKS["qi"]
_MARK_CLASS = "[\ue000-\ue0ff]*"
# "?." / "!." / "?," at a seam, possibly with marks between; keep the first
_DOUBLE_RE = re.compile(f"([?!])({_MARK_CLASS})\\.")
# closing quotations (with marks among them), then marks, then , or .
_PIQ_RE = re.compile(f"((?:{_MARK_CLASS}[{_Q_CLOSE}{_QI_CLOSE}])+)({_MARK_CLASS})([.,])")
# punctuation meeting punctuation where two pieces join, as citeproc-js (queue.js) and Pandoc settle it:
# which one stays ("Title;" + ": Sub" → "Title; Sub", "Title:" + "? " → "Title? ")
_KEEP_FIRST = {("!", ":"), ("?", ":"), (":", "."), (";", ":"), (";", ".")}
_KEEP_SECOND = {(":", "!"), (":", "?"), (";", "!"), (";", "?")}
_SEAM_RE = re.compile(f"([!?:;])({_MARK_CLASS})([!?:;.])")


def _seam(m) -> str:
    pair = (m.group(1), m.group(3))
    if pair in _KEEP_FIRST:
        return m.group(1) + m.group(2)
    if pair in _KEEP_SECOND:
        return m.group(2) + m.group(3)
    return m.group(0)


DEFAULT_QUOTES = ("\u201c", "\u201d", "\u2018", "\u2019")


def _quotes(text: str, quotes: tuple[str, str, str, str]) -> str:
    """Quotation marks by depth: the outer pair, the inner pair inside it, the outer inside that.  At the top
    level a ``qi`` quotation (the data's second quote form) takes the inner pair, as citeproc-js prints it."""
    out: list[str] = []
    stack: list[bool] = []  # per open quotation: whether it printed the inner pair
    for ch in text:
        if ch == _Q_OPEN or ch == _QI_OPEN:
            use_inner = not stack[-1] if stack else ch == _QI_OPEN
            out.append(quotes[2] if use_inner else quotes[0])
            stack.append(use_inner)
        elif ch == _Q_CLOSE or ch == _QI_CLOSE:
            use_inner = stack.pop() if stack else ch == _QI_CLOSE
            out.append(quotes[3] if use_inner else quotes[1])
        else:
            out.append(ch)
    return "".join(out)


def finish(text, style) -> str:
    text = str(text)
    if style.punctuation_in_quote and _Q_CLOSE in text:
        text = _PIQ_RE.sub(lambda m: m.group(3) + m.group(1) + m.group(2), text)
    text = _DOUBLE_RE.sub(lambda m: m.group(1) + m.group(2), text)
    text = re.sub(r"(?<!\.)\.(" + _MARK_CLASS + r")\.(?!\.)", lambda m: "." + m.group(1), text)
    if _SEAM_RE.search(text):
        text = _SEAM_RE.sub(_seam, text)
    if _Q_OPEN in text or _Q_CLOSE in text or _QI_OPEN in text or _QI_CLOSE in text:
        text = _quotes(text, getattr(style, "quotes", DEFAULT_QUOTES))
    return text
