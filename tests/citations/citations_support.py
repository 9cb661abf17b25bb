"""Shared helpers for the citation engine tests: the golden corpus as a medprint Document, HTML → runs.

(A uniquely named module: other test folders have their own conftest.py, so tests import
helpers from here, never ``from conftest``.)
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

from medprint.model import Cite, CitationItem, Document, Meta, Paragraph, Reference, Run, Text

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "citations"


def load(name: str):
    return json.loads((GOLDEN / name).read_text(encoding="utf-8"))


def corpus_references(corpus: str = "corpus.json") -> tuple[Reference, ...]:
    return tuple(Reference(d["id"], d) for d in load(corpus))


def golden_document(csl: str = "apa", lang: str = "en-US", *, nocite: bool = True, plain_only: bool = False,
                    corpus: str = "corpus.json", clusters: str = "clusters.json") -> Document:
    """Each golden cluster as one paragraph; ``nocite: @*`` as in the generators (APA)."""
    blocks = []
    for cluster in load(clusters):
        if plain_only and any(i.get("mode") for i in cluster["items"]):
            continue
        items = tuple(
            CitationItem(i["key"], i.get("mode", "normal"), i.get("prefix", ""), i.get("suffix", ""),
                         i.get("locator", ""), i.get("label", "") if i.get("locator") else "")
            for i in cluster["items"]
        )
        blocks.append(Paragraph((Text("Text "), Cite(cluster["id"], items, f"[cluster {cluster['id']}]"))))
    meta = Meta(title="Golden corpus", nocite=("@*",) if nocite else (), csl=csl, lang=lang)
    return Document(meta=meta, blocks=tuple(blocks), source_path=str(GOLDEN / "golden.md"), name="golden",
                    references=corpus_references(corpus))


class _RunParser(HTMLParser):
    """citeproc-js / Pandoc HTML → runs (the same shape medprint produces)."""

    STYLE_TAGS = {"i": "italic", "em": "italic", "b": "bold", "strong": "bold", "sup": "superscript",
                  "sub": "subscript"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.runs: list[Run] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        style = (a.get("style") or "").replace(" ", "")
        effect = self.STYLE_TAGS.get(tag)
        if tag == "span" and ("small-caps" in style or "smallcaps" in (a.get("class") or "").split()):
            effect = "small_caps"
        elif tag == "span" and "font-style:normal" in style:
            effect = "upright"
        self.stack.append((tag, effect))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i]
                break

    def handle_data(self, data):
        effects = [e for _, e in self.stack if e]
        italic = effects.count("italic") % 2 == 1 and "upright" not in effects
        self.runs.append(Run(data, italic=italic, bold="bold" in effects, small_caps="small_caps" in effects,
                             superscript="superscript" in effects, subscript="subscript" in effects))


def html_runs(html: str) -> list[Run]:
    parser = _RunParser()
    parser.feed(html)
    parser.close()
    return parser.runs
