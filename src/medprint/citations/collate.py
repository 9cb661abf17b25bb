"""Locale-independent collation keys (no ICU needed), close to what citeproc-js gets from ``localeCompare``.

Letters sort by their base letter first (Á, Ä, Å → A; Ø → O; Æ → AE; ß → ss),
case and accents only break ties, and formatting marks never count.
"""

from __future__ import annotations

import unicodedata

from .markup import strip_marks

# Letters that do not decompose in Unicode but sort as their base letters.
_FOLD = str.maketrans({"Ø": "O", "ø": "o", "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe", "ß": "ss", "Ł": "L",
                       "ł": "l", "Đ": "D", "đ": "d", "Þ": "Th", "þ": "th", "ı": "i",
                       "\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def _base(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def collation_key(value) -> tuple:
    """Primary: base letters, case-folded, punctuation ignored; then accents; then case."""
    text = strip_marks(str(value)).strip()
    base = _base(text)
    primary = "".join(c for c in base.casefold() if c.isalnum() or c.isspace())
    secondary = unicodedata.normalize("NFKD", text.translate(_FOLD).casefold())
    return (primary, secondary, text.swapcase())
