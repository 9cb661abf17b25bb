"""The document model's walkers: reading order is what numbering and first-citation rules depend on."""

from medprint.model import Document, Meta, blocks_text, iter_cites, split_sections
from medprint.readers.markdown import read_markdown


def document(text: str) -> Document:
    blocks, notes = read_markdown(text, "d.md")
    return Document(Meta("t"), blocks, "d.md", "d", notes)


def test_footnote_citations_count_where_the_note_is_called():
    doc = document("A [@a].[^1] B [@b].[^2]\n\n[^2]: Second [@m].\n\n[^1]: First [@n].\n\n[^3]: Never called [@z].\n")
    # a note that is never called is not part of the document (as in Pandoc), nor are its citations
    assert [c.items[0].key for c in iter_cites(doc)] == ["a", "n", "b", "m"]


def test_a_note_called_twice_is_read_once():
    doc = document("A[^1] B[^1]\n\n[^1]: Note [@n].\n")
    assert [c.items[0].key for c in iter_cites(doc)] == ["n"]


def test_sections_and_plain_text():
    doc = document("Lead.\n\n# One\n\nText *here*.\n\n- item\n\n# Two\n\nMore.\n")
    lead, sections = split_sections(doc.blocks)
    assert blocks_text(lead) == "Lead."
    assert [blocks_text(s.blocks) for s in sections] == ["Text here.\n\n• item", "More."]
