"""Cross-references, numbered once on the model: Quarto's ``@fig-x`` and pandoc-crossref's ``@fig:x``.

Pandoc reads ``@fig-zones`` as a citation; Quarto and pandoc-crossref turn a
citation whose key starts ``fig-``/``tbl-``/``eq-``/``sec-`` (or ``fig:`` …)
into "Figure 1".  Here the reader makes :class:`~medprint.model.CrossRef`
inlines of them (:func:`split_cite`), and :func:`number_crossrefs` numbers the
labelled figures, tables, display equations and sections in reading order and
writes the numbers into the model itself: "Figure 1: " before the caption, the
equation's number, section numbers before headings (only when a section is
referred to, as Quarto needs ``number-sections``), and every reference's text
and target.  Handout, deck and web page print what the model says, so their
numbers cannot differ.  Labels are the document language's CSL locale terms
(``figure``, ``table``, ``equation``, ``section``), capitalised.  A reference to
a label that does not exist is a located error naming the closest label.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from typing import Any

from .. import model as m
from ..errors import SourceError
from .code_chunks import CHUNK_CLASS

KINDS = ("fig", "tbl", "eq", "sec")
_KEY_RE = re.compile(r"^(?P<kind>fig|tbl|eq|sec)[-:]\S")
_TERMS = {"fig": "figure", "tbl": "table", "eq": "equation", "sec": "section"}
_ENGLISH = {"fig": "Figure", "tbl": "Table", "eq": "Equation", "sec": "Section"}
_TABLE_LABEL = re.compile(r"\s*\{#(?P<id>tbl[-:][^\s{}]+)[^{}]*\}\s*$")


def crossref_kind(key: str) -> str:
    """``fig``/``tbl``/``eq``/``sec`` when ``key`` is a cross-reference label, else ``""``."""
    found = _KEY_RE.match(key)
    return found.group("kind") if found else ""


def split_cite(cite: m.Cite) -> tuple[m.Inline, ...]:
    """A citation cluster as the reader found it -> cross-references for its label items, the rest a Cite."""
    if not any(crossref_kind(item.key) for item in cite.items):
        return (cite,)
    out: list[m.Inline] = []
    rest = [item for item in cite.items if not crossref_kind(item.key)]
    for n, item in enumerate(i for i in cite.items if crossref_kind(i.key)):
        if n:
            out.append(m.Text(", "))
        suffix = " ".join(t for t in (item.locator, item.suffix) if t)
        out.append(m.CrossRef(item.key, crossref_kind(item.key), "", "", item.prefix, suffix,  # type: ignore[arg-type]
                              item.location or cite.location, item.mode == "suppress-author"))
    if rest:
        out.insert(0, m.Text(" "))
        out.insert(0, dataclasses.replace(cite, items=tuple(rest)))
    return tuple(out)


# ---------------------------------------------------------------- labels in the document's language


def label_words(lang: str) -> dict[str, str]:
    """"Figure", "Table", "Equation", "Section" from the CSL locale of ``lang``; where the locale lacks a term
    or leaves it in English (es-ES's 'table', de-DE's 'equation'), from medprint's own catalog, else English."""
    from lxml import etree

    from ..i18n.labels import label
    from .md_citations import _CSL_NS, _locale_file

    words = {kind: label(lang, english) for kind, english in _ENGLISH.items()}  # medprint's catalog, else English
    path = _locale_file(lang)
    if path is None:
        return words
    for term in etree.parse(str(path)).iter(f"{_CSL_NS}term"):
        name, form = term.get("name"), term.get("form") or "long"
        if form != "long" or name not in _TERMS.values():
            continue
        single = term.find(f"{_CSL_NS}single")
        text = (single.text if single is not None else term.text) or ""
        kind = next(k for k, v in _TERMS.items() if v == name)
        if text.strip() and text.strip().lower() != _ENGLISH[kind].lower():  # es-ES's 'table' is untranslated
            words[kind] = text.strip()[:1].upper() + text.strip()[1:]
    return words


# ---------------------------------------------------------------- numbering


@dataclasses.dataclass
class _Target:
    kind: str
    number: str
    anchor: str


def _children(node: Any):
    """Every node held by a dataclass node's fields (tuples walked), in field order."""
    for f in dataclasses.fields(node):
        value = getattr(node, f.name)
        if isinstance(value, tuple):
            for item in value:
                if dataclasses.is_dataclass(item):
                    yield item
                elif isinstance(item, tuple):
                    yield from (x for x in item if dataclasses.is_dataclass(x))
        elif dataclasses.is_dataclass(value):
            yield value


def _walk(node: Any):
    yield node
    for child in _children(node):
        yield from _walk(child)


def _table_id(table: m.Table) -> tuple[str, tuple[m.Inline, ...]]:
    """The table's label (its id, or ``{#tbl-x}`` ending the caption) and the caption without it."""
    if table.id:
        return table.id, table.caption
    caption = table.caption
    if caption and isinstance(caption[-1], m.Text):
        found = _TABLE_LABEL.search(caption[-1].text)
        if found:
            rest = caption[-1].text[: found.start()]
            return found.group("id"), caption[:-1] + ((m.Text(rest),) if rest else ())
    return "", caption


def _collect(blocks: tuple[m.Block, ...]) -> tuple[dict[str, _Target], bool]:
    """Every label in reading order with its number; whether any cross-reference exists at all."""
    targets: dict[str, _Target] = {}
    counts = {"fig": 0, "tbl": 0, "eq": 0}
    sections = [0] * 7
    any_ref = False
    for block in blocks:
        for node in _walk(block):
            if isinstance(node, m.CrossRef):
                any_ref = True
            elif isinstance(node, m.Heading):
                level = min(max(node.level, 1), 6)
                sections[level] += 1
                sections[level + 1:] = [0] * (6 - level)
                number = ".".join(str(n) for n in sections[1: level + 1]).lstrip("0.") or "0"
                if crossref_kind(node.id) == "sec":
                    targets.setdefault(node.id, _Target("sec", number, node.id))
            elif isinstance(node, m.Figure) and crossref_kind(node.id) == "fig":
                counts["fig"] += 1
                targets.setdefault(node.id, _Target("fig", str(counts["fig"]), node.id))
            elif isinstance(node, m.Div) and CHUNK_CLASS in node.classes and crossref_kind(node.id) in ("fig", "tbl"):
                kind = crossref_kind(node.id)  # a code chunk's figure or table (readers.code_chunks)
                counts[kind] += 1
                targets.setdefault(node.id, _Target(kind, str(counts[kind]), node.id))
            elif isinstance(node, m.Table):
                ident, _ = _table_id(node)
                if crossref_kind(ident) == "tbl":
                    counts["tbl"] += 1
                    targets.setdefault(ident, _Target("tbl", str(counts["tbl"]), ident))
            elif isinstance(node, m.Math) and node.display and crossref_kind(node.id) == "eq":
                counts["eq"] += 1
                targets.setdefault(node.id, _Target("eq", str(counts["eq"]), node.id))
    return targets, any_ref


def number_crossrefs(blocks: tuple[m.Block, ...], footnotes: tuple[tuple[str, tuple[m.Block, ...]], ...],
                     lang: str = "en-US"):
    """Blocks and footnotes with figures, tables, equations (and sections, when referred to) numbered and
    every cross-reference resolved; raises a located :class:`SourceError` for a label that does not exist."""
    targets, any_ref = _collect(blocks)
    labelled_tables = any(isinstance(n, m.Table) and _table_id(n)[0] for b in blocks for n in _walk(b))
    if not targets and not any_ref and not labelled_tables:
        return blocks, footnotes
    words = label_words(lang)
    refs_sections = any(isinstance(n, m.CrossRef) and n.kind == "sec"
                        for b in blocks + tuple(x for _, bs in footnotes for x in bs) for n in _walk(b))
    state = {"sections": [0] * 7}

    def fix(node: Any) -> Any:
        if isinstance(node, m.CrossRef):
            target = targets.get(node.label)
            if target is None or target.kind != node.kind:
                raise _missing(node, targets)
            text = target.number if node.bare else f"{words[node.kind]}\u00a0{target.number}"
            return dataclasses.replace(node, text=text, target=target.anchor)
        if isinstance(node, m.Math) and node.id in targets:
            return dataclasses.replace(node, number=int(targets[node.id].number))
        node = _rebuild(node, fix)
        if isinstance(node, m.Div) and CHUNK_CLASS in node.classes and node.id in targets and node.blocks:
            *code, caption = node.blocks
            target = targets[node.id]
            caption = dataclasses.replace(caption, inlines=_prefixed(words[target.kind], target.number,
                                                                     caption.inlines))
            return dataclasses.replace(node, blocks=(*code, caption))
        if isinstance(node, m.Figure) and node.id in targets:
            return dataclasses.replace(node, caption=_prefixed(words["fig"], targets[node.id].number, node.caption))
        if isinstance(node, m.Table):
            ident, caption = _table_id(node)
            if ident in targets:
                caption = _prefixed(words["tbl"], targets[ident].number, caption)
            return dataclasses.replace(node, id=ident, caption=caption)
        if isinstance(node, m.Heading) and refs_sections:
            level = min(max(node.level, 1), 6)
            counts = state["sections"]
            counts[level] += 1
            counts[level + 1:] = [0] * (6 - level)
            number = ".".join(str(n) for n in counts[1: level + 1]).lstrip("0.") or "0"
            label = m.Span((m.Text(number),), ("header-section-number",))
            return dataclasses.replace(node, inlines=(label, m.Text(" ")) + node.inlines)
        return node

    new_blocks = tuple(fix(b) for b in blocks)
    state["sections"] = [0] * 7
    new_notes = tuple((label, tuple(_rebuild_only(b, fix) for b in bs)) for label, bs in footnotes)
    return new_blocks, new_notes


def _rebuild_only(block: Any, fix) -> Any:
    """Footnote blocks: references resolved, but no heading numbered (notes are not sections)."""
    if isinstance(block, m.Heading):
        return _rebuild(block, fix)
    return fix(block)


def _rebuild(node: Any, fix) -> Any:
    """``node`` with ``fix`` applied to every child node (a new object only when a child changed)."""
    if not dataclasses.is_dataclass(node) or isinstance(node, (m.Location, m.Image)):
        return node
    changes = {}
    for f in dataclasses.fields(node):
        value = getattr(node, f.name)
        if isinstance(value, tuple) and value:
            new = tuple(_fix_item(item, fix) for item in value)
            if any(a is not b for a, b in zip(new, value)):
                changes[f.name] = new
        elif dataclasses.is_dataclass(value) and not isinstance(value, (m.Location, m.Image)):
            new_value = fix(value)
            if new_value is not value:
                changes[f.name] = new_value
    return dataclasses.replace(node, **changes) if changes else node


def _fix_item(item: Any, fix) -> Any:
    if dataclasses.is_dataclass(item):
        return fix(item)
    if isinstance(item, tuple):
        new = tuple(_fix_item(x, fix) for x in item)
        return item if all(a is b for a, b in zip(new, item)) else new
    return item


def _prefixed(word: str, number: str, caption: tuple[m.Inline, ...]) -> tuple[m.Inline, ...]:
    label = m.Span((m.Text(f"{word}\u00a0{number}"),), ("crossref-label",))
    return (label, m.Text(": ")) + tuple(caption) if caption else (label,)


def _missing(ref: m.CrossRef, targets: dict[str, _Target]) -> SourceError:
    same_kind = [label for label, t in targets.items() if t.kind == ref.kind]
    close = difflib.get_close_matches(ref.label, same_kind or list(targets), n=1, cutoff=0.5)
    if close:
        hint = f"did you mean '@{close[0]}'?"
    elif same_kind:
        hint = "labels of this kind: " + ", ".join(same_kind[:8])
    else:
        hint = {"fig": "label a figure with ![Caption](file.png){#%s}",
                "tbl": "label a table with a caption ending in {#%s}",
                "eq": "label display math with $$ … $$ {#%s}",
                "sec": "label a heading with # Title {#%s}"}[ref.kind] % ref.label
    return SourceError("crossref.unknown-label", f"no {_TERMS[ref.kind]} labelled '{ref.label}'", ref.location, hint)
