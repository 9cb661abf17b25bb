"""Small builders for citation tests (imported by the test modules of this folder)."""

from __future__ import annotations

from medprint.citations import render_citations
from medprint.citations.markup import runs_to_html
from medprint.model import Cite, CitationItem, Document, Meta, Paragraph, Reference

from citations_support import corpus_references


def item(key: str, **kw) -> CitationItem:
    return CitationItem(key, **kw)


def document(clusters, *, refs=None, csl="apa", nocite=(), lang="en-US", source_path="/tmp/medprint-test/x.md"):
    """clusters: list of lists of CitationItem (or keys)."""
    blocks = []
    for n, cluster in enumerate(clusters, 1):
        items = tuple(i if isinstance(i, CitationItem) else CitationItem(i) for i in cluster)
        blocks.append(Paragraph((Cite(n, items, f"[{n}]"),)))
    references = corpus_references() if refs is None else tuple(
        r if isinstance(r, Reference) else Reference(r["id"], r) for r in refs)
    return Document(Meta(title="t", csl=csl, nocite=tuple(nocite), lang=lang), tuple(blocks), source_path, "x",
                    references=references)


def cite_html(clusters, **kw) -> list[str]:
    rendered = render_citations(document(clusters, **kw))
    return [runs_to_html(rendered.clusters[n]) for n in range(1, len(clusters) + 1)]


def entry_html(refs, **kw) -> dict[str, str]:
    rendered = render_citations(document([], refs=refs, nocite=("@*",), **kw))
    return {e.key: runs_to_html(e.runs) for e in rendered.entries}
