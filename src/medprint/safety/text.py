"""Characters no output can hold: C0 control codes (except tab and newline) and the non-characters U+FFFE/FFFF.

XML (the deck, SVG, the PDF's metadata) cannot contain them at all and HTML
shows them as garbage, so a source or reference file holding one is refused at
its line and column, naming the code point, instead of crashing a writer later.
They are invisible in editors and usually pasted in from a PDF or a word processor.
"""

from __future__ import annotations

import re
from typing import Callable

from ..errors import SourceError
from ..model import Location

FORBIDDEN = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
NAMES = {0x0B: "vertical tab", 0x0C: "form feed", 0x1B: "escape", 0x08: "backspace", 0x07: "bell"}


def check_control_chars(text: str, file: str, code: str = "source.control-char") -> None:
    """Raise ``code`` at the first forbidden character of ``text`` (already newline-normalised)."""
    found = FORBIDDEN.search(text)
    if found is None:
        return
    offset = found.start()
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    point = ord(found.group())
    name = NAMES.get(point, "control character" if point < 0x20 else "non-character")
    raise SourceError(code, f"invisible {name} U+{point:04X} in the text", Location(file, line, col),
                      hint="delete it (it usually comes from text pasted out of a PDF or a word processor)")


def check_values(value: object, location: Location | None, what: str, code: str = "reference.control-char",
                 locate: Callable[[str], Location | None] | None = None) -> None:
    """The same check over parsed data (JSON ``\\u001b`` or YAML ``"\\x1b"`` escapes make them from plain text).

    ``locate(field_path)`` may give a closer location than ``location`` for the offending field.
    """
    stack: list[tuple[str, object]] = [("", value)]
    while stack:
        path, item = stack.pop()
        if isinstance(item, str):
            found = FORBIDDEN.search(item)
            if found is not None:
                point = ord(found.group())
                name = NAMES.get(point, "control character" if point < 0x20 else "non-character")
                field = f" field '{path}'" if path else ""
                where = (locate(path) if locate else None) or location
                raise SourceError(code, f"{what}{field} holds an invisible {name} U+{point:04X}", where,
                                  hint="delete it (escapes such as \\u001b in JSON or \\x1b in YAML make them)")
        elif isinstance(item, dict):
            stack.extend((f"{path}.{k}" if path else str(k), v) for k, v in item.items())
        elif isinstance(item, (list, tuple)):
            stack.extend((f"{path}.{i}" if path else str(i), v) for i, v in enumerate(item))


def looks_like_utf16(data: bytes) -> bool:
    """True for UTF-16 saved without a byte-order mark: ASCII text with a NUL beside every character."""
    head = data[:200]
    if len(head) < 8:
        return False
    even, odd = head[0::2], head[1::2]
    return even.count(0) >= len(even) * 0.9 or odd.count(0) >= len(odd) * 0.9


# Characters that show nothing in an editor but end a word for every parser: pasted from web pages and
# word processors into citation keys, front-matter keys and reference keys.
INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00a0\u202f\u2007\u00ad\u180e\u2061\u2062\u2063\u2064")


def is_invisible(char: str) -> bool:
    """Zero-width characters, no-break spaces, soft hyphens and other format characters."""
    import unicodedata

    return char in INVISIBLE or unicodedata.category(char) == "Cf"


def describe_char(char: str) -> str:
    """``U+200B ZERO WIDTH SPACE``."""
    import unicodedata

    return f"U+{ord(char):04X} {unicodedata.name(char, 'UNNAMED CHARACTER')}"


def first_invisible(text: str) -> str | None:
    return next((c for c in text if is_invisible(c)), None)


def without_invisible(text: str) -> str:
    return "".join(c for c in text if not is_invisible(c))
