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


def style_html(tmp_path, refs, *, citation="", bibliography="", clusters=None, lang="en-US", attrs="",
               citation_attrs="", bibliography_attrs="", locale="", layout_attrs="", bib_layout_attrs="",
               sort_key="", macros=None) -> tuple[list[str], list[str]]:
    """Render with a small style written for the test: (clusters, entries) in citeproc-js's HTML.

    ``citation`` / ``bibliography`` are the layouts' inner XML (``*_attrs``: attributes of the elements); ``clusters`` lists of keys or
    CitationItems (default: one cluster per reference); ``locale`` an inline cs:locale's inner XML.
    """
    from medprint.citations.engine import Engine
    from medprint.citations.markup import markup_to_html
    from medprint.citations.styles import load_style

    # sort_key: the bibliography is sorted by a macro of this content
    macro = f'<macro name="sortkey">{sort_key}</macro>' if sort_key else ""
    macro += "".join(f'<macro name="{name}">{body}</macro>' for name, body in (macros or {}).items())
    sort = '<sort><key macro="sortkey"/></sort>' if sort_key else ""
    bib = (f"<bibliography {bibliography_attrs}>{sort}<layout {bib_layout_attrs}>{bibliography}</layout>"
           f"</bibliography>" if bibliography else "")
    loc = f"<locale>{locale}</locale>" if locale else ""
    citation = citation or '<text variable="title"/>'
    cls = "" if "class=" in attrs else 'class="in-text"'
    xml = (f'<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" {cls} {attrs}>'
           f"<info><id>t</id><title>t</title><updated>2024-01-01T00:00:00+00:00</updated></info>{loc}{macro}"
           f"<citation {citation_attrs}><layout {layout_attrs}>{citation}</layout></citation>"
           f"{bib}</style>")
    name = f"t{abs(hash(xml))}.csl"
    (tmp_path / name).write_text(xml, encoding="utf-8")
    style = load_style(name, lang, tmp_path)
    engine = Engine(style, [r if isinstance(r, Reference) else Reference(r["id"], r) for r in refs])
    clusters = [[r["id"] if isinstance(r, dict) else r.key] for r in refs] if clusters is None else clusters
    clusters = [[c if isinstance(c, CitationItem) else CitationItem(c) for c in cl] for cl in clusters]
    engine.register([c.key for cl in clusters for c in cl], [])
    cites = [markup_to_html(engine.cluster_markup(cl)) for cl in clusters]
    entries = [markup_to_html(t) for t in engine.entry_markups()] if bibliography else []
    return cites, entries
