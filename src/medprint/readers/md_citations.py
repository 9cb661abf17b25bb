"""markdown-it-py inline rules for Pandoc's citation syntax.

``[see @a, pp. 33–35; also @b]`` (a bracketed cluster), ``[-@a]`` (suppress
author), ``@a`` and ``@a [p. 4]`` (narrative).  Each rule emits one
``citation`` token whose ``meta`` holds the parsed items; the Markdown reader
turns it into a :class:`~medprint.model.Cite`.  Locators and their labels
follow Pandoc's English locator terms.
"""

from __future__ import annotations

import re
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

# Pandoc key syntax: starts with a word character; internal punctuation :.#$%&-+?<>~/ allowed when followed by
# a word character.  ``@{...}`` braces allow anything but braces.
_KEY = r"(?:\{(?P<bkey>[^{}]+)\}|(?P<key>[\w](?:[\w]|[:.#$%&\-+?<>~/](?=[\w]))*))"
KEY_RE = re.compile(r"@" + _KEY)
_ITEM_RE = re.compile(r"(?:^|(?<=[\s\[(]))(?P<neg>-)?@" + _KEY)

# Pandoc's locator terms (English) -> CSL locator labels, longest first when matching.
LOCATOR_TERMS: dict[str, str] = {
    "book": "book", "books": "book", "bk.": "book", "bks.": "book",
    "chapter": "chapter", "chapters": "chapter", "chap.": "chapter", "chaps.": "chapter", "ch.": "chapter",
    "column": "column", "columns": "column", "col.": "column", "cols.": "column",
    "figure": "figure", "figures": "figure", "fig.": "figure", "figs.": "figure",
    "folio": "folio", "folios": "folio", "fol.": "folio", "fols.": "folio",
    "number": "number", "numbers": "number", "no.": "number", "nos.": "number",
    "line": "line", "lines": "line", "l.": "line", "ll.": "line",
    "note": "note", "notes": "note", "n.": "note", "nn.": "note",
    "opus": "opus", "opera": "opus", "op.": "opus", "opp.": "opus",
    "page": "page", "pages": "page", "p.": "page", "pp.": "page", "pg.": "page", "pgs.": "page",
    "paragraph": "paragraph", "paragraphs": "paragraph", "para.": "paragraph", "paras.": "paragraph",
    "¶": "paragraph", "¶¶": "paragraph",
    "part": "part", "parts": "part", "pt.": "part", "pts.": "part",
    "section": "section", "sections": "section", "sec.": "section", "secs.": "section",
    "§": "section", "§§": "section",
    "sub verbo": "sub-verbo", "sub verbis": "sub-verbo", "s.v.": "sub-verbo", "s.vv.": "sub-verbo",
    "verse": "verse", "verses": "verse", "v.": "verse", "vv.": "verse",
    "volume": "volume", "volumes": "volume", "vol.": "volume", "vols.": "volume",
    "table": "table", "tables": "table", "tab.": "table",
    "timestamp": "timestamp",
    "appendix": "appendix", "appendices": "appendix",
    "algorithm": "algorithm", "canon": "canon", "clause": "clause", "equation": "equation", "rule": "rule",
    "title": "title", "supplement": "supplement", "version": "version", "event": "event",
}
_TERMS = sorted(LOCATOR_TERMS, key=len, reverse=True)
_TERM_RE = re.compile(
    r"(?P<term>" + "|".join(re.escape(t) for t in _TERMS) + r")(?=[\s\d{ivxlcdmIVXLCDM]|$)\s*", re.IGNORECASE
)
_LOC_WORD = r"(?:[A-Za-z]*\d[\w.]*|[ivxlcdmIVXLCDM]+\b)"
_LOC_VALUE_RE = re.compile(_LOC_WORD + r"(?:\s*(?:[-–—]|,(?=\s*" + _LOC_WORD + r")|&|and(?=\s+\d))\s*" + _LOC_WORD + r")*")


def parse_locator(suffix: str) -> tuple[str, str, str]:
    """Split a citation suffix into (label, locator, remaining suffix), as Pandoc does.

    ``", pp. 33–35 and passim"`` -> ``("page", "33–35", " and passim")``;
    ``", 12"`` -> ``("page", "12", "")``; text without a locator is all suffix.
    """
    rest = suffix
    stripped = rest.lstrip()
    if stripped.startswith(","):
        stripped = stripped[1:].lstrip()
    label = ""
    term = _TERM_RE.match(stripped)
    body = stripped
    if term:
        label = LOCATOR_TERMS[term.group("term").lower()]
        body = stripped[term.end():]
    if body.startswith("{"):
        close = body.find("}")
        if close > 0:
            return (label or "page"), body[1:close], body[close + 1:]
    value = _LOC_VALUE_RE.match(body)
    if value and (label or value.group(0)[:1].isdigit() or re.match(r"[ivxlcdm]+\b", value.group(0))):
        locator = value.group(0).rstrip(".,")
        remainder = body[len(locator):]
        return (label or "page"), locator, remainder
    return "", "", suffix


def parse_item(text: str) -> dict[str, Any] | None:
    """One ``;``-separated piece of a bracketed cluster -> item dict, or None if it has no key."""
    match = _ITEM_RE.search(text)
    if not match:
        return None
    key = match.group("bkey") or match.group("key")
    prefix = text[: match.start()].strip()
    raw_suffix = text[match.end():]
    label, locator, suffix = parse_locator(raw_suffix)
    return {
        "key": key,
        "mode": "suppress-author" if match.group("neg") else "normal",
        "prefix": prefix,
        "suffix": suffix.rstrip() if locator else raw_suffix.rstrip(),
        "locator": locator,
        "label": label,
        "offset": match.start(),
    }


def _split_items(content: str) -> list[tuple[int, str]]:
    """Split on top-level semicolons, keeping each piece's offset."""
    pieces, depth, start = [], 0, 0
    for i, ch in enumerate(content):
        if ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
        elif ch == ";" and depth == 0:
            pieces.append((start, content[start:i]))
            start = i + 1
    pieces.append((start, content[start:]))
    return pieces


def _matching_bracket(src: str, start: int, limit: int) -> int:
    depth = 0
    i = start
    while i < limit:
        ch = src[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def _push(state: StateInline, items: list[dict[str, Any]], start: int, end: int) -> None:
    token = state.push("citation", "", 0)
    token.meta = {"items": items, "source": state.src[start:end], "offset": start}


def bracketed_citation(state: StateInline, silent: bool) -> bool:
    """``[@a; see @b, p. 3]``: a whole cluster in brackets."""
    src, pos = state.src, state.pos
    if src[pos] != "[" or "@" not in src[pos: state.posMax]:
        return False
    end = _matching_bracket(src, pos, state.posMax)
    if end < 0:
        return False
    # ``[@a](url)`` and ``[@a][ref]`` are links, not citations.
    if end + 1 < state.posMax and src[end + 1] in "([":
        return False
    content = src[pos + 1: end]
    items = []
    for offset, piece in _split_items(content):
        item = parse_item(piece)
        if item is None:
            return False
        item["offset"] += pos + 1 + offset
        items.append(item)
    if not items:
        return False
    if not silent:
        _push(state, items, pos, end + 1)
    state.pos = end + 1
    return True


def narrative_citation(state: StateInline, silent: bool) -> bool:
    """``@a`` or ``@a [p. 4]``: the author in the sentence, the year in parentheses."""
    src, pos = state.src, state.pos
    if src[pos] != "@":
        return False
    if pos > 0 and (src[pos - 1].isalnum() or src[pos - 1] in "_@."):
        return False  # an e-mail address or a word with @ inside
    match = KEY_RE.match(src, pos, state.posMax)
    if not match:
        return False
    key = match.group("bkey") or match.group("key")
    end = match.end()
    label = locator = suffix = ""
    after = re.match(r" ?\[([^\[\]@]*)\]", src[end: state.posMax])
    if after and not (end + after.end() < state.posMax and src[end + after.end()] in "(["):
        label, locator, suffix = parse_locator(after.group(1))
        if not locator:
            suffix = after.group(1)
        end += after.end()
    if not silent:
        item = {"key": key, "mode": "author-in-text", "prefix": "", "suffix": suffix.rstrip(),
                "locator": locator, "label": label, "offset": pos}
        _push(state, [item], pos, end)
    state.pos = end
    return True


def citations_plugin(md: MarkdownIt) -> None:
    """Register both citation rules ahead of links, so ``[@a]`` is never read as a link."""
    md.inline.ruler.before("link", "citation_bracketed", bracketed_citation)
    md.inline.ruler.before("link", "citation_narrative", narrative_citation)
