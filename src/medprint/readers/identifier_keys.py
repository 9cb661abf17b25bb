"""Citations by identifier (``[@pmid:…]``, ``[@doi:…]``, ``[@pmcid:…]``) made ordinary citations of one reference.

Runs once at the end of reading, so the citation engine, the checks and every writer only ever see reference
ids.  A cited identifier becomes the id of the reference that carries it: first the document's own
bibliography (a ``DOI``/``PMID``/``PMCID`` field, or a key such as ``pmid:…`` from a PubMed export), then the
lock file that ``medprint refs fetch`` wrote.  One work cited by DOI in one place and by PMID in another is one
reference, and so is a lock entry for a work the bibliography already has: no duplicates in the list.  An
identifier found nowhere keeps its key; the citation check then reports it with the command that resolves it.
Nothing here touches the network.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import identifiers
from ..model import Cite, Document, Reference, iter_cites
from .references.lockfile import lock_path, read_lock


def _identifier(key: str) -> identifiers.Identifier | None:
    try:
        return identifiers.from_key(key)
    except identifiers.IdentifierError:
        return None  # reported by the citation check with the reason


def _map_cites(node: Any, fn: Callable[[Cite], Cite]) -> Any:
    """``node`` with every :class:`Cite` inside it replaced by ``fn(cite)``; untouched parts are kept as they are.

    Walks dataclass fields and tuples generically, so block and inline kinds added to the model later are covered.
    """
    if isinstance(node, Cite):
        return fn(node)
    if isinstance(node, tuple):
        mapped = tuple(_map_cites(child, fn) for child in node)
        return node if all(a is b for a, b in zip(mapped, node)) else mapped
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        changes = {}
        for f in dataclasses.fields(node):
            value = getattr(node, f.name)
            if isinstance(value, tuple) or (dataclasses.is_dataclass(value) and not isinstance(value, type)):
                new = _map_cites(value, fn)
                if new is not value:
                    changes[f.name] = new
        return dataclasses.replace(node, **changes) if changes else node
    return node


def _cited_identifiers(document: Document) -> list[identifiers.Identifier]:
    found: dict[identifiers.Identifier, None] = {}
    for cite in iter_cites(document):
        for item in cite.items:
            ident = _identifier(item.key)
            if ident is not None:
                found.setdefault(ident)
    for key in document.meta.nocite:
        ident = _identifier(str(key).lstrip("@"))
        if ident is not None:
            found.setdefault(ident)
    return list(found)


def resolve_identifier_keys(document: Document, source: Path, display_source: str) -> Document:
    """The document with identifier citations pointing at reference ids, and the lock entries it cites added."""
    lock = lock_path(source)
    display_lock = str(Path(display_source).with_name(lock.name))
    cited = _cited_identifiers(document)
    inputs = document.inputs + ((str(lock.resolve()),) if lock.is_file() else ())
    if not cited:
        return dataclasses.replace(document, inputs=inputs) if inputs != document.inputs else document

    index: dict[identifiers.Identifier, str] = {}
    for ref in document.references:
        for ident in identifiers.of_item(ref.data):
            index.setdefault(ident, ref.id)
    known_ids = {ref.id for ref in document.references}
    added: dict[str, Reference] = {}
    for entry in read_lock(lock, display_lock):
        own = list(identifiers.of_item(entry.data))
        target = next((index[i] for i in own if i in index), None)
        if target is None:
            target = entry.id
            if target in known_ids:  # a bibliography key that happens to look like an identifier
                continue
            added[target] = entry
        for ident in own:
            index.setdefault(ident, target)

    def canonical(key: str) -> str:
        ident = _identifier(key)
        return index.get(ident, key) if ident is not None else key

    def rewrite(cite: Cite) -> Cite:
        items = tuple(dataclasses.replace(item, key=canonical(item.key)) if _identifier(item.key) else item
                      for item in cite.items)
        return cite if items == cite.items else dataclasses.replace(cite, items=items)

    blocks = _map_cites(document.blocks, rewrite)
    footnotes = _map_cites(document.footnotes, rewrite)
    meta = document.meta
    if any(_identifier(str(k).lstrip("@")) for k in meta.nocite):
        meta = dataclasses.replace(meta, nocite=tuple(canonical(str(k).lstrip("@")) if _identifier(str(k).lstrip("@"))
                                                      else k for k in meta.nocite))
    used = {index[i] for i in cited if i in index}
    extra = tuple(ref for rid, ref in sorted(added.items()) if rid in used)
    return dataclasses.replace(document, meta=meta, blocks=blocks, footnotes=footnotes,
                               references=document.references + extra, inputs=inputs)
