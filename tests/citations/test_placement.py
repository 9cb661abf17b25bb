"""No space before a superscript citation (AMA 'matters¹'), as Pandoc; author-date text keeps its spaces."""

from medprint.citations.placement import place_citations
from medprint.model import Document, Meta, RenderedCitations, Run, plain_text
from medprint.readers.markdown import read_markdown


def doc(text: str) -> Document:
    blocks, notes = read_markdown(text, "d.md")
    return Document(Meta("t"), blocks, "d.md", "d", notes)


def test_space_before_superscript_citations_is_removed_everywhere():
    document = doc("It matters [@a].\n\n- in a list [@a]\n\n| x |\n|---|\n| cell [@a] |\n")
    sup = RenderedCitations({1: (Run("1", superscript=True),), 2: (Run("1", superscript=True),),
                             3: (Run("1", superscript=True),)})
    placed = place_citations(document, sup)
    assert plain_text(placed.blocks[0].inlines, sup) == "It matters1."
    assert plain_text(placed.blocks[1].items[0].blocks[0].inlines, sup) == "in a list1"
    assert plain_text(placed.blocks[2].rows[0][0], sup) == "cell1"


def test_author_date_citations_keep_the_space():
    document = doc("It matters [@a].")
    normal = RenderedCitations({1: (Run("(Smith, 2020)"),)})
    assert place_citations(document, normal) is document
