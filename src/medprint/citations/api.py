"""Entry points: a whole document's citations, or a bare reference list."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Iterable, Sequence

from ..errors import SourceError
from ..model import BibEntry, Document, Reference, RenderedCitations, iter_cites
from .engine import Engine, unknown_key_error
from .styles import load_style


# The fixes keep per-render state on citeproc-py's (shared, cached) style trees: one render at a time.
_LOCK = threading.RLock()


def _engine(references: Sequence[Reference], style: str, lang: str, source_dir: Path | None, location=None,
            lang_location=None):
    loaded = load_style(style, lang, source_dir, location, lang_location)
    return Engine(loaded, references)


def render_citations(document: Document) -> RenderedCitations:
    """Resolve every cluster (reading order) and build the reference list (cited + nocite; ``@*`` = all)."""
    with _LOCK:
        return _render_citations(document)


def _render_citations(document: Document) -> RenderedCitations:
    meta = document.meta
    source_dir = Path(document.source_path).resolve().parent if document.source_path else None
    engine = _engine(document.references, meta.csl or "apa", meta.lang or "en-US", source_dir,
                     meta.position("csl"), meta.position("lang"))
    known = {ref.id for ref in document.references}
    cites = list(iter_cites(document))
    cited: list[str] = []
    for cite in cites:
        for item in cite.items:
            if item.key not in known:
                raise unknown_key_error(item.key, known, item.location or cite.location)
            cited.append(item.key)
    nocite: list[str] = []
    for key in meta.nocite:
        key = key.strip().lstrip("@")
        if key == "*":
            nocite.extend(ref.id for ref in document.references)
        elif key:
            if key not in known:
                raise unknown_key_error(key, known, meta.position("nocite"))
            nocite.append(key)
    engine.register(cited, nocite)
    clusters = {cite.id: engine.render_cluster(cite.items, cite.location) for cite in cites}
    return RenderedCitations(clusters=clusters, entries=engine.render_entries(), numeric=engine.loaded.numeric,
                             style=engine.loaded.name)


def render_bibliography(references: Iterable[Reference], style: str = "apa", lang: str = "en-US",
                        source_dir: Path | None = None) -> tuple[BibEntry, ...]:
    """Every reference formatted as a reference-list entry, in the style's order."""
    with _LOCK:
        return _render_bibliography(references, style, lang, source_dir)


def _render_bibliography(references, style, lang, source_dir) -> tuple[BibEntry, ...]:
    refs = list(references)
    seen: set[str] = set()
    for ref in refs:
        if ref.id in seen:
            raise SourceError("citation.duplicate-key", f"two references have the key '{ref.id}'", ref.location,
                              hint="give each reference its own key")
        seen.add(ref.id)
    engine = _engine(refs, style, lang, source_dir)
    engine.register([], [ref.id for ref in refs])
    return engine.render_entries()
