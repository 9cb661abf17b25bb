"""Pandoc's ``smart`` extension: dashes and ellipses (quotes come from markdown-it's smartquotes).

``---`` becomes an em dash, ``--`` an en dash and ``...`` an ellipsis in running text, never in code.
markdown-it's own ``replacements`` rule is not used because it also turns ``(c)`` into © and ``+-``
into ±, which Pandoc does not do and which would corrupt clinical text.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

_DASHES = re.compile(r"---|--|\.\.\.")
_MAP = {"---": "\u2014", "--": "\u2013", "...": "\u2026"}

# Quote characters per language, as markdown-it's ``quotes`` option wants them: “”‘’.
QUOTES = {
    "en": "\u201c\u201d\u2018\u2019",
    "de": "\u201e\u201c\u201a\u2018",
    "fr": "\u00ab\u00a0\u00a0\u00bb\u2039\u00a0\u00a0\u203a",
    "es": "\u00ab\u00bb\u201c\u201d",
    "it": "\u00ab\u00bb\u201c\u201d",
    "nl": "\u201c\u201d\u2018\u2019",
    "sv": "\u201d\u201d\u2019\u2019",
    "da": "\u00bb\u00ab\u203a\u2039",
    "pl": "\u201e\u201d\u201a\u2019",
}


def quotes_for(lang: str) -> str | list[str]:
    quotes = QUOTES.get(lang.split("-")[0].lower(), QUOTES["en"])
    if len(quotes) == 4:
        return quotes
    # French: guillemets with a no-break space inside
    return ["\u00ab\u00a0", "\u00a0\u00bb", "\u2039\u00a0", "\u00a0\u203a"]


def smart_punctuation(state: StateCore) -> None:
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        in_link = 0
        for tok in block.children:
            if tok.type == "link_open" and tok.info == "auto":
                in_link += 1
            elif tok.type == "link_close" and in_link:
                in_link -= 1
            elif tok.type == "text" and not in_link and ("--" in tok.content or "..." in tok.content):
                tok.content = _DASHES.sub(lambda m: _MAP[m.group(0)], tok.content)


def smart_plugin(md: MarkdownIt) -> None:
    md.core.ruler.push("medprint_smart", smart_punctuation)
