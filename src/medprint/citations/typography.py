"""Last touches on a rendered string, as citeproc-js makes them.

- ``punctuation-in-quote``: a comma or period right after a closing quote, the
  style's or the data's, moves inside it (en-US: “Title,” not “Title”,).
- quote marks become the locale's curly quotes (the style marked them).
- quotes inside a quotation the style made alternate: the data's “…” become ‘…’
  (“‘Good’ bacteria,” as citeproc-js prints a quoted title that quotes).
- doubled punctuation at a seam ("Where next?." → "Where next?") is removed.
"""

from __future__ import annotations

import re

from .markup import MARKS

_Q_OPEN, _Q_CLOSE = MARKS["q"]
_MARK_CLASS = "[\ue000-\ue0ff]*"
# "?." / "!." / "?," at a seam, possibly with marks between; keep the first
_DOUBLE_RE = re.compile(f"([?!])({_MARK_CLASS})\\.")


_Q_OPEN = MARKS["q"][0]
_NESTED = str.maketrans({"\u201c": "\u2018", "\u201d": "\u2019"})


def _nested_quotes(text: str) -> str:
    """Inside the style's quotation marks (marked, the quote chars right after/before the marks), “ ” → ‘ ’."""
    if _Q_OPEN not in text:
        return text
    out, depth, i = [], 0, 0
    while i < len(text):
        ch = text[i]
        if ch == _Q_OPEN:
            depth += 1
            out.append(ch)
            if i + 1 < len(text):  # the style's own opening quote stays as it is
                out.append(text[i + 1])
                i += 1
        elif ch == _Q_CLOSE:
            depth = max(0, depth - 1)
            out.append(ch)
        else:
            out.append(ch.translate(_NESTED) if depth else ch)
        i += 1
    return "".join(out)


# closing quotes (the style's, marked, or the data's “…” and ‘…’) with marks among them, then , or .
_PIQ_ANY_RE = re.compile(f"((?:{_MARK_CLASS}[\u201d\u2019])+)({_MARK_CLASS})([.,])")


def _punctuation_in_quote(text: str) -> str:
    """“Title”. -> “Title.” for any closing quotation mark, the style's or the data's (citeproc-js);
    a lone ’ counts only where a ‘ opened before it (else it is an apostrophe: "the patients’.")."""
    def move(m):
        quotes = m.group(1)
        if "\u201d" not in quotes and _Q_CLOSE not in quotes and "\u2018" not in text[:m.start()]:
            return m.group(0)
        return m.group(3) + quotes + m.group(2)

    return _PIQ_ANY_RE.sub(move, text)


def finish(text, style) -> str:
    text = _nested_quotes(str(text))
    if style.punctuation_in_quote:
        text = _punctuation_in_quote(text)
    text = _DOUBLE_RE.sub(lambda m: m.group(1) + m.group(2), text)
    text = re.sub(r"(?<!\.)\.(" + _MARK_CLASS + r")\.(?!\.)", lambda m: "." + m.group(1), text)
    return text
