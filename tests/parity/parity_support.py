"""What Pandoc's HTML and medprint's web page say, reduced to comparable pieces.

Shared by the golden generator (``scripts/parity/generate.py``) and the parity tests, so both sides
of every comparison go through the same code: citation texts (each ``span.citation`` with its
``data-cites``), reference entries (each ``div.csl-entry``), body blocks and footnotes.  Inline
markup is reduced to ``<i>``, ``<b>``, ``<sc>``, ``<sup>``, ``<sub>``; links become their text.
(A uniquely named module: tests import it, never ``from conftest``.)
"""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path

import lxml.html

HERE = Path(__file__).resolve().parent
DOCS = HERE / "docs"
GOLDEN = HERE / "golden"
ROOT = HERE.parents[1]
CITE_MARK = "\u27e8cite\u27e9"  # a citation in body text: compared separately, cluster by cluster

_BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "th", "td", "caption", "figcaption", "dt", "dd",
               "blockquote"}
_ORDER = ("b", "i", "sc", "sup", "sub")
# Tight or loose lists, quotes with or without <p>: the writer's choice, not a difference in the text.
_KIND = {"li": "p", "dd": "p", "dt": "p", "blockquote": "p", "th": "cell", "td": "cell", "figcaption": "caption"}


def doc_names() -> list[str]:
    return sorted(p.stem for p in DOCS.glob("*.md"))


def load_golden(name: str) -> dict:
    return json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))


def _classes(el) -> list[str]:
    return (el.get("class") or "").split()


def _style_of(el) -> str | None:
    tag = el.tag if isinstance(el.tag, str) else ""
    style = (el.get("style") or "").replace(" ", "")
    if tag in ("i", "em"):
        return "i"
    if tag in ("b", "strong"):
        return "b"
    if tag in ("sup", "sub"):
        return tag
    if tag == "span" and ("small-caps" in style or "smallcaps" in _classes(el)):
        return "sc"
    if tag == "span" and "font-style:normal" in style:
        return "upright"
    return None


def _runs(el, *, cites: bool, skip_blocks: bool) -> list[tuple[str, frozenset]]:
    """Text pieces of ``el``'s content with their styles; citations become CITE_MARK when ``cites``."""
    out: list[tuple[str, frozenset]] = []

    def styles(stack: list[str]) -> frozenset:
        italic = stack.count("i") % 2 == 1 and "upright" not in stack
        return frozenset([s for s in ("b", "sc", "sup", "sub") if s in stack] + (["i"] if italic else []))

    def walk(node, stack: list[str]) -> None:
        if node.text:
            out.append((node.text, styles(stack)))
        for child in node:
            if isinstance(child.tag, str):
                classes = _classes(child)
                if ("footnote-ref" in classes or "footnote-back" in classes or "notes-heading" in classes
                        or child.get("role") in ("doc-noteref", "doc-backlink")):
                    pass
                elif cites and child.tag == "span" and "citation" in classes:
                    out.append((CITE_MARK, frozenset()))
                elif skip_blocks and child.tag in _BLOCK_TAGS | {"ul", "ol", "div", "table", "section"}:
                    pass
                else:
                    style = _style_of(child)
                    walk(child, stack + [style] if style else stack)
                    if "csl-left-margin" in classes:  # Pandoc writes "1. " in it, medprint "1."
                        out.append((" ", styles(stack)))
            if child.tail:
                out.append((child.tail, styles(stack)))

    walk(el, [])
    return out


def canonical(pieces: list[tuple[str, frozenset]]) -> str:
    """Runs -> one canonical HTML string: whitespace collapsed, fixed tag order, same styles merged."""
    merged: list[list] = []
    for text, style in pieces:
        text = re.sub(r"[ \t\r\n]+", " ", text)
        if merged and merged[-1][1] == style:
            merged[-1][0] += text
        elif text:
            merged.append([text, style])
    html = ""
    for text, style in merged:
        tags = [t for t in _ORDER if t in style]
        html += "".join(f"<{t}>" for t in tags) + escape(text, quote=False) + "".join(f"</{t}>" for t in reversed(tags))
    for tag in _ORDER:  # "<i>a</i><i> b</i>" cannot happen after merging, but "</i> <i>" can
        html = html.replace(f"</{tag}><{tag}>", "")
    return re.sub(r" +", " ", html).strip()


def inner(el) -> str:
    return canonical(_runs(el, cites=False, skip_blocks=False))


def _is_inside(el, pred) -> bool:
    parent = el.getparent()
    while parent is not None:
        if pred(parent):
            return True
        parent = parent.getparent()
    return False


def _is_refs(el) -> bool:
    return el.get("id") == "refs" or "csl-bib-body" in _classes(el)


def _is_notes(el) -> bool:
    return el.get("id") == "footnotes" or "footnotes" in _classes(el) or el.get("role") == "doc-endnotes"


def _holds_text(el) -> bool:
    """A block whose text is taken whole (a paragraph, a cell); lists and quotes only hold blocks."""
    return el.tag in _BLOCK_TAGS - {"li", "blockquote"}


def extract(root) -> dict:
    """Citations, entries, body blocks and footnotes of an HTML tree (Pandoc's fragment or medprint's <main>)."""
    clusters, note_clusters, entries, blocks, notes = [], [], [], [], []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        classes = _classes(el)
        if el.tag == "span" and "citation" in classes:
            item = {"cites": el.get("data-cites", ""), "html": inner(el)}
            (note_clusters if _is_inside(el, _is_notes) else clusters).append(item)
        elif el.tag == "div" and "csl-entry" in classes:
            entries.append({"key": (el.get("id") or "")[4:], "html": inner(el)})
        elif el.tag in _BLOCK_TAGS and not _is_inside(el, _is_refs) and not _is_inside(el, _holds_text):
            text = canonical(_runs(el, cites=True, skip_blocks=True))
            if text and "notes-heading" not in classes:
                kind = _KIND.get(el.tag, el.tag)
                if el.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                    kind += "#" + (el.get("id") or "")  # Pandoc's auto identifiers: links into the page
                (notes if _is_inside(el, _is_notes) else blocks).append(f"{kind}: {text}")
    return {"clusters": clusters, "note_clusters": note_clusters, "entries": entries, "blocks": blocks,
            "notes": notes}


def extract_pandoc(html: str) -> dict:
    """Pandoc's HTML fragment (``pandoc -t html5`` without ``--standalone``)."""
    return extract(lxml.html.fragment_fromstring(html, create_parent="div"))


def extract_medprint(html: str) -> dict:
    """medprint's web page: the ``<main>`` element without its title block."""
    page = lxml.html.document_fromstring(html)
    main = page.find(".//main")
    for header in main.findall(".//header"):
        if header.get("id") == "title":
            header.getparent().remove(header)
    for heading in main.iter("h1"):
        if "references-heading" in _classes(heading):
            heading.getparent().remove(heading)
            break
    return extract(main)
