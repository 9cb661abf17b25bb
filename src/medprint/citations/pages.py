"""Page ranges in a style's ``page-range-format`` (CSL 1.0.2 appendix), as citeproc-js prints them.

Only a real range is reformatted: two numbers, with the same letter prefix or none ("e00512-17" and
"110-N6" stay as written).  A shortened second number is first completed from the first ("71-2" is
71–72) and then written in the style's form:

- ``expanded``: every digit ("110–115", "N110–N115");
- ``minimal``: only the digits that change ("1536–8");
- ``minimal-two``: at least two digits ("1536–38");
- ``chicago``/``chicago-15`` and ``chicago-16``: the Chicago Manual's table (all digits below 100 and
  from a multiple of 100; the changed part from 101–109; two digits or more from 110–199; the 15th
  edition also writes all four digits where three of them change: "1496–1504").
"""

from __future__ import annotations

import re

_RANGE_RE = re.compile(r"^\s*([0-9]*[A-Za-z]+)?(\d+)\s*[-\u2013]\s*([0-9]*[A-Za-z]+)?(\d+)\s*$")
_ROMAN_RANGE_RE = re.compile(r"^\s*([ivxlcdm]+)\s*[-\u2013]\s*([ivxlcdm]+)\s*$", re.IGNORECASE)


def _minimal(first: str, last: str, keep: int) -> str:
    """``last`` without the leading digits it shares with ``first`` (keeping at least ``keep``)."""
    if len(first) != len(last):
        return last
    i = 0
    while i < len(first) and first[i] == last[i] and len(last) - i > keep:
        i += 1
    return last[i:]


def _chicago(first: str, last: str, edition: int) -> str:
    n = int(first)
    if n < 100 or n % 100 == 0:
        return last
    if edition == 15 and len(first) == 4 and len(last) == 4:
        changed = len(last) - next((i for i, (a, b) in enumerate(zip(first, last)) if a != b), len(last))
        if changed >= 3:
            return last
    if n % 100 < 10:
        return _minimal(first, last, 0)
    return _minimal(first, last, 2)


_FORMATS = ("expanded", "minimal", "minimal-two", "chicago", "chicago-15", "chicago-16")


def format_range(text: str, fmt: str | None, delimiter: str = "\u2013") -> str | None:
    """One "first-last" range in ``fmt``; None when ``text`` is not a range this formats."""
    m = _RANGE_RE.match(text)
    if not m:
        roman = _ROMAN_RANGE_RE.match(text)
        return f"{roman.group(1)}{delimiter}{roman.group(2)}" if roman else None
    prefix, first, prefix2, last = m.group(1) or "", m.group(2), m.group(3), m.group(4)
    if (prefix2 or "") != prefix:  # "N110-5", "110-N6", "N110-P5": not a range of one sequence
        return None
    if len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    if int(last) < int(first):
        return None
    if fmt not in _FORMATS:
        return None
    if fmt == "expanded" or last == first:  # "5-5": a one-page range keeps both numbers (Pandoc)
        return f"{prefix}{first}{delimiter}{prefix}{last}"
    if fmt == "minimal":
        short = _minimal(first, last, 0)
    elif fmt == "minimal-two":
        short = _minimal(first, last, 2)
    elif fmt in ("chicago", "chicago-15"):
        short = _chicago(first, last, 15)
    else:  # chicago-16
        short = _chicago(first, last, 16)
    return f"{prefix}{first}{delimiter}{short}"


def format_pages(text: str, fmt: str, delimiter: str = "\u2013") -> str:
    """Every range of a page list ("1-5, 7-9 & 12-4") in ``fmt``; anything else as written."""
    pieces = re.split(r"(\s*[,&]\s*)", text)
    out = []
    for i, piece in enumerate(pieces):
        if i % 2:
            out.append(piece)
            continue
        formatted = format_range(piece, fmt, delimiter)
        out.append(formatted if formatted is not None else re.sub(r"\s+-\s+", "-", piece))
    return "".join(out)
