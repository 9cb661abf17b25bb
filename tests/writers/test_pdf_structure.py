"""The handout's structure tree read back with pikepdf: it follows the document, not the pages.

The long test document (tests/validators/docs/long-review) breaks a nested list over two page breaks and a
60-row table over a page; the tree must still hold one L and one Table for them, lists shaped
L > LI > (Lbl, LBody) with sub-lists inside the LBody, header cells with scopes, data cells pointing at
them, a figure with its alt text, notes with ids and the references as a list.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pikepdf
import pytest

from medprint.citations import render_citations
from medprint.paths import styles_dir
from medprint.readers.source import read_source
from medprint.writers.pdf import render_pdf

pytestmark = pytest.mark.slow
LONG = Path(__file__).resolve().parents[1] / "validators" / "docs" / "long-review" / "index.md"


def _render(variant: str | None = None) -> bytes:
    doc = read_source(LONG)
    return render_pdf(doc, render_citations(doc), styles=styles_dir(), variant=variant)


@pytest.fixture(scope="module")
def long_pdf():
    pdf = pikepdf.open(io.BytesIO(_render()))
    yield pdf
    pdf.close()


def kids(node) -> list:
    k = node.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, pikepdf.Array) else [k]


def elements(node) -> list:
    return [k for k in kids(node) if isinstance(k, pikepdf.Dictionary) and "/S" in k]


def walk(node):
    for kid in elements(node):
        yield kid
        yield from walk(kid)


def role(node) -> str:
    return str(node.S)[1:]


def pages_of(node, pdf) -> set[int]:
    """The pages whose content ``node`` (and everything under it) marks."""
    numbers = {p.objgen: i for i, p in enumerate(pdf.pages)}
    found = set()
    for each in [node, *walk(node)]:
        for kid in kids(each):
            if isinstance(kid, int) and "/Pg" in each:
                found.add(numbers[each.Pg.objgen])
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                found.add(numbers[kid.Pg.objgen])
    return found


@pytest.fixture(scope="module")
def tree(long_pdf):
    root = long_pdf.Root.StructTreeRoot
    (document,) = elements(root)
    return document


def test_one_list_for_a_nested_list_broken_over_pages(long_pdf, tree):
    top_lists = [n for n in walk(tree) if role(n) == "L" and role(n.P) != "LBody"]
    first = top_lists[0]  # "What patients can do": 8 items, each with a sub-list and a sub-sub-list
    assert len(pages_of(first, long_pdf)) >= 2, "the test document no longer breaks its list over a page"
    items = elements(first)
    assert [role(i) for i in items] == ["LI"] * 8
    for item in items:
        assert [role(k) for k in elements(item)] == ["Lbl", "LBody"]
        (sub,) = [k for k in elements(elements(item)[1]) if role(k) == "L"]
        assert [role(i) for i in elements(sub)] == ["LI"] * 3


def test_every_list_item_holds_only_a_label_and_a_body(tree):
    for node in walk(tree):
        if role(node) == "LI":
            assert {role(k) for k in elements(node)} <= {"Lbl", "LBody"} and kids(node), node
            assert not [k for k in kids(node) if not isinstance(k, pikepdf.Dictionary)], "content outside LBody"
        if role(node) == "L":
            assert {role(k) for k in elements(node)} <= {"LI", "Caption"}


def test_a_table_longer_than_a_page_is_one_table_with_headers(long_pdf, tree):
    tables = [n for n in walk(tree) if role(n) == "Table"]
    assert len(tables) == 2
    long_table = tables[0]
    assert len(pages_of(long_table, long_pdf)) >= 2
    parts = [role(k) for k in elements(long_table)]
    assert parts == ["Caption", "THead", "TBody"]
    rows = elements(elements(long_table)[2])
    assert len(rows) == 60  # the header repeated on the next page is an artifact, not a row
    headers = [c for c in walk(elements(long_table)[1]) if role(c) == "TH"]
    assert [str(h.A.Scope) for h in headers] == ["/Column"] * 5
    ids = [str(h.ID) for h in headers]
    assert len(set(ids)) == 5
    for row in rows:
        cells = elements(row)
        assert [[str(x) for x in c.A.Headers] for c in cells] == [[i] for i in ids]


def test_figure_note_and_reference_list(tree):
    figures = [n for n in walk(tree) if role(n) == "Figure"]
    assert len(figures) == 2  # the chart and the QR code
    assert str(figures[0].Alt).startswith("Bar chart of response rates")
    assert all(str(f.get("/Alt", "")).strip() for f in figures)
    notes = [n for n in walk(tree) if role(n) == "Note"]
    assert len(notes) == 3 and len({str(n.ID) for n in notes}) == 3
    assert all(role(elements(n)[0]) == "Lbl" for n in notes)
    last_list = [n for n in walk(tree) if role(n) == "L"][-1]  # the references
    assert len(elements(last_list)) == 4 and all([role(k) for k in elements(i)] == ["LBody"]
                                                  for i in elements(last_list))


def test_headings_in_document_order_without_skipping(tree):
    levels = [int(role(n)[1]) for n in walk(tree) if re.fullmatch(r"H\d", role(n))]
    assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:]))
    assert levels.count(2) == 2


def test_page_furniture_is_not_in_the_tree(long_pdf, tree):
    parent_tree = long_pdf.Root.StructTreeRoot.ParentTree.Nums
    mapped = sum(len(parent_tree[i + 1]) for i in range(0, 2 * len(long_pdf.pages), 2))
    content = b"".join(p.Contents.read_bytes() if not isinstance(p.Contents, pikepdf.Array)
                       else b"".join(c.read_bytes() for c in p.Contents) for p in long_pdf.pages)
    assert mapped == len(re.findall(rb"/MCID \d+", content))  # every marked piece has its element
    assert len(re.findall(rb"/Artifact\s+BMC", content)) > 3 * len(long_pdf.pages)  # head, page number, footer


def test_archive_copy_says_pdf_a_and_pdf_ua():
    pdf = pikepdf.open(io.BytesIO(_render("pdf/a-3u")))
    xmp = pdf.Root.Metadata.read_bytes().decode("utf-8")
    assert 'pdfuaid:part="1"' in xmp and re.search(r'pdfaid:part="3"', xmp) and 'pdfaid:conformance="U"' in xmp
    assert "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>" in xmp  # PDF/A wants the extension schema
    assert "/StructTreeRoot" in pdf.Root and pdf.Root.MarkInfo.Marked
    for page in pdf.pages:
        for image in page.get_images().values():
            assert not image.get("/Interpolate", False)
