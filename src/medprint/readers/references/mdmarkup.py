"""Pandoc Markdown in CSL-YAML fields → CSL rich text, as Pandoc reads them.

Pandoc interprets CSL-YAML field values as Markdown (``*Escherichia coli*``,
``H~2~O``, ``[mTOR]{.nocase}``) where CSL-JSON uses HTML-like tags; the
citation engine understands only the tags, so YAML items are converted
here and a Pandoc ``references:`` file formats the same as in Pandoc.
"""

from __future__ import annotations

import re

_ESCAPABLE = "\\*_^~[]{}`"
_PLACEHOLDER = 0xE000  # private use area: never in real titles

_SPAN = re.compile(r"\[([^\[\]]*)\]\{\.(nocase|smallcaps)\}")
_RULES = [
    (re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"), r"<b>\1</b>"),
    (re.compile(r"(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)"), r"<b>\1</b>"),
    (re.compile(r"\*(?=\S)(.+?)(?<=\S)\*"), r"<i>\1</i>"),
    (re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"), r"<i>\1</i>"),
    (re.compile(r"\^(?=\S)([^\s^]+?)\^"), r"<sup>\1</sup>"),
    (re.compile(r"(?<!~)~(?=[^\s~])([^\s~]+?)~(?!~)"), r"<sub>\1</sub>"),
]
_SPAN_TAGS = {"nocase": '<span class="nocase">', "smallcaps": '<span style="font-variant:small-caps;">'}

# Fields that are identifiers, numbers or addresses: never Markdown.
VERBATIM_FIELDS = frozenset({
    "id", "type", "URL", "DOI", "PMID", "PMCID", "ISBN", "ISSN", "language", "page", "page-first", "volume",
    "issue", "number", "citation-key", "citation-label", "citation-number", "call-number", "archive_location",
    "source", "version", "number-of-pages", "number-of-volumes", "chapter-number", "collection-number",
})


def markdown_to_csl(text: str) -> str:
    """Emphasis, strong, super/subscript and ``[...]{.nocase}``/``{.smallcaps}`` spans as CSL markup."""
    if not any(c in text for c in "*_^~[\\"):
        return text
    escaped: list[str] = []

    def hide(m: re.Match) -> str:
        escaped.append(m.group(1))
        return chr(_PLACEHOLDER + len(escaped) - 1)

    text = re.sub(r"\\([" + re.escape(_ESCAPABLE) + r"])", hide, text)
    text = _SPAN.sub(lambda m: f"{_SPAN_TAGS[m.group(2)]}{m.group(1)}</span>", text)
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return re.sub("[\ue000-\uf8ff]", lambda m: escaped[ord(m.group(0)) - _PLACEHOLDER]
                  if ord(m.group(0)) - _PLACEHOLDER < len(escaped) else m.group(0), text)


def convert_item(item: dict) -> dict:
    """A normalised CSL item with its text fields' Markdown converted (names, dates, ids untouched)."""
    return {k: markdown_to_csl(v) if isinstance(v, str) and k not in VERBATIM_FIELDS else v for k, v in item.items()}
