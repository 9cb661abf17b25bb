"""Last touches on a rendered string, as citeproc-js makes them.

- ``punctuation-in-quote``: a comma or period right after a closing quote the
  style made moves inside it (en-US: “Title,” not “Title”,).
- quote marks become the locale's curly quotes (the style marked them).
- doubled punctuation at a seam ("Where next?." → "Where next?") is removed.
"""

from __future__ import annotations

import re

from .markup import MARKS

_Q_OPEN, _Q_CLOSE = MARKS["q"]
_MARK_CLASS = "[\ue000-\ue0ff]*"
# the style's closing quote (marked just before it), other closing marks, then , or .
_PIQ_RE = re.compile(f"{_Q_CLOSE}([\u201d\u2019\"'])({_MARK_CLASS})([.,])")
# "?." / "!." / "?," at a seam, possibly with marks between; keep the first
_DOUBLE_RE = re.compile(f"([?!])({_MARK_CLASS})\\.")


def finish(text, style) -> str:
    text = str(text)
    if style.punctuation_in_quote:
        text = _PIQ_RE.sub(lambda m: m.group(3) + m.group(1) + m.group(2), text)
    text = _DOUBLE_RE.sub(lambda m: m.group(1) + m.group(2), text)
    text = re.sub(r"(?<!\.)\.(" + _MARK_CLASS + r")\.(?!\.)", lambda m: "." + m.group(1), text)
    return text
