"""Bytes to text for reference files, and located errors for their readers.

Exports come from Windows tools (CRLF, a UTF-8 BOM, sometimes UTF-16) and from
hand edits; every reader sees the same clean ``\\n``-separated text, and every
problem is reported at the file:line:col a user can open.
"""

from __future__ import annotations

import codecs

from ...errors import SourceError
from ...model import Location


def decode(data: bytes, file: str) -> str:
    """UTF-8 (BOM optional) or UTF-16 with a BOM; newlines normalised to ``\\n``."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise SourceError("reference.encoding", f"invalid UTF-16 text at byte {exc.start}",
                              Location(file), hint="save the file as UTF-8") from None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            start = exc.start + (3 if data.startswith(codecs.BOM_UTF8) else 0)
            before = data[:start].decode("utf-8-sig")  # valid up to the bad byte; columns count characters
            line, col = line_col(before, len(before))
            raise SourceError(
                "reference.encoding", f"invalid UTF-8 at byte {start} (0x{data[start]:02x})",
                Location(file, line, col),
                hint="save the file as UTF-8 (in EndNote/Zotero choose the UTF-8 export encoding)",
            ) from None
    text = text.lstrip("\ufeff")
    if "\x00" in text:
        offset = text.index("\x00")
        line, col = line_col(text, offset)
        raise SourceError("reference.parse", "NUL character in a text file (is this a binary file?)",
                          Location(file, line, col), hint="give a text export (CSL-JSON, BibTeX, RIS or MEDLINE)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    from ...safety.text import check_control_chars

    check_control_chars(text, file, "reference.control-char")  # the deck's XML cannot hold them
    return text


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def fail(code: str, message: str, file: str, line: int = 0, col: int = 0, hint: str = "") -> SourceError:
    """A SourceError at a place in a reference file (raise the result)."""
    return SourceError(code, message, Location(file, line, col or (1 if line else 0)), hint=hint)
