"""BibTeX ``@string`` macros can expand exponentially (``@string{b = a # a}``, ``@string{c = b # b}``, …).

bibtexparser expands them eagerly, so thirty lines of macros would claim
gigabytes.  :func:`check_string_expansion` computes what every macro and every
use of one would expand to, from the lengths alone, before anything expands,
and refuses a file whose expansion passes the limit.
"""

from __future__ import annotations

import re

from ..errors import LimitError
from ..model import Location

_STRING_DEF = re.compile(r"@[ \t]*string[ \t\n]*[{(][ \t\n]*([^\s=#{}(),\"]+)[ \t\n]*=", re.I)
_USE = re.compile(r"(?:=|#)[ \t\n]*([A-Za-z_][\w:.+/-]*)")
_WORD = re.compile(r"[^\s#{}(),\"]+")


def _value_length(text: str, pos: int, lengths: dict[str, int]) -> tuple[int, int]:
    """Expanded length of the ``a # {b} # "c"`` value starting at ``pos``, and where it ends."""
    total, i, n = 0, pos, len(text)
    while i < n:
        c = text[i]
        if c in " \t\n#":
            i += 1
        elif c in "{\"":
            close = "}" if c == "{" else '"'
            depth, j = 1, i + 1
            while j < n and depth:
                if c == "{" and text[j] == "{":
                    depth += 1
                elif text[j] == close and (c == "{" or text[j - 1] != "\\"):
                    depth -= 1
                j += 1
            total += j - i - 2
            i = j
        elif c in "})," :
            return total, i
        else:
            m = _WORD.match(text, i)
            word = m.group(0) if m else c
            total += len(word) if word.isdigit() else lengths.get(word.lower(), 0)
            i += max(len(word), 1)
    return total, i


def check_string_expansion(text: str, file: str, max_chars: int) -> None:
    """Raise ``limit.bibtex-strings`` when the file's macros would expand past ``max_chars`` characters."""
    lengths: dict[str, int] = {}
    for m in _STRING_DEF.finditer(text):
        size, _ = _value_length(text, m.end(), lengths)
        lengths[m.group(1).lower()] = size
        if size > max_chars:
            raise _too_big(text, file, m.start(), f"@string '{m.group(1)}' expands to {size} characters", max_chars)
    if not lengths:
        return
    total = 0
    for m in _USE.finditer(text):
        total += lengths.get(m.group(1).lower(), 0)
        if total > max_chars:
            raise _too_big(text, file, m.start(1), f"@string macros used here expand to over {max_chars} characters "
                           "in all", max_chars)


def _too_big(text: str, file: str, offset: int, what: str, max_chars: int) -> LimitError:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return LimitError("limit.bibtex-strings", f"{what} (limit {max_chars}); macros built from macros grow "
                      "exponentially (a 'billion laughs' file)", Location(file, line, col),
                      hint="write the text out in the entries, or raise MEDPRINT_LIMIT_REFERENCE_FILE_BYTES")
