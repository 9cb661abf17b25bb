"""Property: whatever text a source or a reference holds, the page shows it as text and never as markup."""

from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from medprint.model import Cite, CitationItem, Document, Meta, RenderedCitations, Run, Text
from medprint.writers.html_blocks import BlockRenderer
from medprint.writers.html_runs import render_runs

# XML-safe characters, heavy on the ones that matter for HTML and templates.
TEXT = st.text(alphabet=st.sampled_from(list(string.printable.strip() + " <>&\"'{}%#é’—")), max_size=60)


def _shown(fragment: str) -> str:
    return lxml_html.fragment_fromstring(f"<div>{fragment}</div>").text_content()


@settings(max_examples=150, deadline=None)
@given(TEXT, st.booleans(), st.booleans(), st.sampled_from([None, "https://x.org/a", "javascript:alert(1)"]))
def test_runs_show_their_text_exactly(text, italic, bold, url):
    html = render_runs((Run(text, italic=italic, bold=bold, url=url),))
    assert _shown(str(html)) == text
    hrefs = lxml_html.fragment_fromstring(f"<div>{html}</div>").xpath("//@href")
    assert hrefs == (["https://x.org/a"] if url == "https://x.org/a" else [])


@settings(max_examples=150, deadline=None)
@given(TEXT, TEXT)
def test_source_text_and_citation_keys_stay_text(text, key):
    doc = Document(Meta(title="t"), (), "/nonexistent/d.md", "d")
    cite = Cite(1, (CitationItem(key or "k"),), "[@k]")
    renderer = BlockRenderer(doc, RenderedCitations({1: (Run(text),)}))
    fragment = str(renderer.inline(Text(text))) + str(renderer.inline(cite))
    tree = lxml_html.fragment_fromstring(f"<div>{fragment}</div>")
    assert tree.text_content() == text + text
    spans = tree.xpath("//span[@class='citation']")
    assert len(spans) == 1 and spans[0].get("data-cites") == (key or "k")
    assert len(tree) == 1  # the citation span is the only element: nothing in the text became a tag
