"""CSL-JSON (Zotero, Better BibTeX, Pandoc, citeproc-js): a JSON list of CSL items.

Each item is decoded on its own with :meth:`json.JSONDecoder.raw_decode`, so
every reference keeps the line where its object starts, and a syntax error
points at the exact line and column.
"""

from __future__ import annotations

import json

from ...model import Location, Reference
from ._text import fail, line_col
from .normalize import normalize_item

_WS = " \t\n\r"
_decoder = json.JSONDecoder()


def _skip_ws(text: str, i: int) -> int:
    while i < len(text) and text[i] in _WS:
        i += 1
    return i


def _trailing_comma(text: str, pos: int) -> int | None:
    """The index of a comma that stands right before a closing ``}``/``]`` at ``pos`` (JSON allows none)."""
    if pos >= len(text) or text[pos] not in "}]":
        return None
    j = pos - 1
    while j >= 0 and text[j] in _WS:
        j -= 1
    return j if j >= 0 and text[j] == "," else None


def _fail_trailing_comma(text: str, comma: int, file: str):
    line, col = line_col(text, comma)
    raise fail("reference.parse", "invalid JSON: a comma after the last item, before the closing bracket", file,
               line, col, hint="delete this comma (JSON allows no comma after the last field or reference)") from None


def _decode_at(text: str, i: int, file: str):
    try:
        return _decoder.raw_decode(text, i)
    except json.JSONDecodeError as exc:
        comma = _trailing_comma(text, exc.pos)
        if comma is not None:
            _fail_trailing_comma(text, comma, file)
        raise fail("reference.parse", f"invalid JSON: {exc.msg}", file, exc.lineno, exc.colno,
                   hint="fix the JSON syntax (a missing comma or quote?), or re-export from Zotero") from None
    except RecursionError:
        line, col = line_col(text, i)
        raise fail("limit.nesting", "JSON nested too deeply", file, line, col) from None


def parse_csljson(text: str, file: str) -> list[Reference]:
    """Parse CSL-JSON text: a list of items (a single item object is accepted too)."""
    i = _skip_ws(text, 0)
    if i == len(text):
        raise fail("reference.parse", "empty CSL-JSON file", file, 1, 1,
                   hint="a CSL-JSON file is a list: [ {\"id\": ..., \"type\": ...}, ... ]")
    if text[i] == "{":
        item, end = _decode_at(text, i, file)
        if _skip_ws(text, end) != len(text):
            line, col = line_col(text, _skip_ws(text, end))
            raise fail("reference.parse", "invalid JSON: extra data after the object", file, line, col)
        if isinstance(item, dict) and isinstance(item.get("items"), list):  # {"items": [...]} wrappers
            return _items(item["items"], [line_col(text, i)] * len(item["items"]), file)
        return _items([item], [line_col(text, i)], file)
    if text[i] != "[":
        line, col = line_col(text, i)
        raise fail("reference.shape", "a CSL-JSON file must be a list of references ([ ... ])", file, line, col,
                   hint="export as CSL JSON from Zotero, or run `medprint refs --format csl-json` on the file")
    items, starts = [], []
    i = _skip_ws(text, i + 1)
    if i < len(text) and text[i] == "]":
        i += 1
    else:
        while True:
            if i >= len(text):
                line, col = line_col(text, i)
                raise fail("reference.parse", "invalid JSON: the list is never closed with ']'", file, line, col)
            starts.append(line_col(text, i))
            item, i = _decode_at(text, i, file)
            items.append(item)
            i = _skip_ws(text, i)
            if i < len(text) and text[i] == ",":
                comma, i = i, _skip_ws(text, i + 1)
                if i < len(text) and text[i] == "]":
                    _fail_trailing_comma(text, comma, file)
                continue
            if i < len(text) and text[i] == "]":
                i += 1
                break
            line, col = line_col(text, i)
            raise fail("reference.parse", "invalid JSON: expected ',' or ']' after a reference", file, line, col,
                       hint="add the missing comma between references")
    end = _skip_ws(text, i)
    if end != len(text):
        line, col = line_col(text, end)
        raise fail("reference.parse", "invalid JSON: extra data after the list", file, line, col)
    return _items(items, starts, file)


def _items(items: list, starts: list[tuple[int, int]], file: str) -> list[Reference]:
    refs = []
    for item, (line, col) in zip(items, starts):
        where = Location(file, line, col)
        data = normalize_item(item, where, file_kind="CSL-JSON")
        refs.append(Reference(data["id"], data, where))
    return refs
