"""Markup that did not parse: text that looks like an attribute, an image or a table row, reported where it is.

Run on each line of plain text the parser left in a paragraph (after every rule
had its chance), so whatever the rules understand never warns, and prose never
does: only shapes that are markup and nothing else are reported — an attribute
block ``{#id …}``/``{.class …}``, an image ``![…](`` that did not close, a line of
cells ``| a | b |`` outside a table, a grid-table rule ``+---+---+``, and
Pandoc's ``#.`` list marker opening a paragraph.
"""

from __future__ import annotations

import re

_ATTRIBUTE = re.compile(r"\{\s*[#.][A-Za-z][\w:.-]*(?:\s+[^{}\n]*)?\}")
_IMAGE = re.compile(r"!\[[^\]\n]*\]\(")
_TABLE_ROW = re.compile(r"^\s*\|(?:[^|\n]*\|){2,}\s*$")
_GRID_RULE = re.compile(r"^\s*\+(?:[-=:\u2013\u2014]+\+)+\s*$")  # smart dashes may have turned --- into —
_HASH_LIST = re.compile(r"^#\.\s")


def leftovers(text: str, first_line: bool) -> list[tuple[str, str, str]]:
    """(what, the text found, advice) for each piece of ``text`` (one line of a paragraph) that looks like markup."""
    found = []
    for m in _ATTRIBUTE.finditer(text):
        if re.match(r"\{\s*#tbl[-:]", m.group(0)):
            continue  # a table caption's label: taken when the caption joins its table
        found.append(("attribute", m.group(0), "check the attribute's syntax, e.g. {#fig-id width=\"50%\"}; "
                                               "an attribute must follow the image, link, span or heading directly"))
    for m in _IMAGE.finditer(text):
        found.append(("image", m.group(0), "close the image as ![caption](path) with no line break inside (path); "
                                           "write <path with spaces.png> for a file name with spaces"))
    if _TABLE_ROW.match(text):
        found.append(("table row", text.strip(), "a pipe table needs a header row, then a line like |---|---|, with "
                                                 "a blank line before the table"))
    if _GRID_RULE.match(text):
        found.append(("grid table rule", text.strip(), "check the grid table's column lines and + corners"))
    if first_line and _HASH_LIST.match(text):
        found.append(("list marker", text[:2], "put a blank line before the list"))
    return found
