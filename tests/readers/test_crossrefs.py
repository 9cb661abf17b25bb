"""Quarto and pandoc-crossref cross-references: numbered once on the model, missing labels located."""

from __future__ import annotations

import pytest

from medprint.errors import SourceError
from medprint.model import Cite, CrossRef, Figure, Heading, Math, Table, plain_text, walk_inlines
from medprint.readers.markdown import read_markdown

DOC = """# Zones {#sec-zones}

See @fig-zones, [-@tbl-doses], [see @eq-bmi] and @sec-methods [@smith2020].

![Zones of the lung](zones.png){#fig-zones}

![Unlabelled](other.png)

![Second](two.png){#fig-two}

| a | b |
|---|---|
| 1 | 2 |

: Usual doses {#tbl-doses}

$$\\mathrm{BMI} = \\frac{m}{h^2}$$ {#eq-bmi}

# Methods {#sec-methods}

## Details {#sec-details}

Compare @fig:two and @sec-details.
"""


def refs(blocks):
    out = []
    for block in blocks:
        for inline in walk_inlines(getattr(block, "inlines", ())):
            if isinstance(inline, CrossRef):
                out.append((inline.label, inline.text, inline.target))
    return out


def test_references_are_numbered_in_reading_order():
    blocks, _ = read_markdown(DOC.replace("@fig:two", "@fig-two"), "doc.md")
    assert refs(blocks) == [
        ("fig-zones", "Figure\u00a01", "fig-zones"), ("tbl-doses", "1", "tbl-doses"),
        ("eq-bmi", "Equation\u00a01", "eq-bmi"), ("sec-methods", "Section\u00a02", "sec-methods"),
        ("fig-two", "Figure\u00a02", "fig-two"), ("sec-details", "Section\u00a02.1", "sec-details")]
    figures = [b for b in blocks if isinstance(b, Figure)]
    assert [plain_text(f.caption) for f in figures] == ["Figure\u00a01: Zones of the lung", "Unlabelled",
                                                       "Figure\u00a02: Second"]
    table = next(b for b in blocks if isinstance(b, Table))
    assert table.id == "tbl-doses" and plain_text(table.caption) == "Table\u00a01: Usual doses"
    math = next(i for b in blocks for i in getattr(b, "inlines", ()) if isinstance(i, Math))
    assert math.number == 1
    headings = [plain_text(b.inlines) for b in blocks if isinstance(b, Heading)]
    assert headings == ["1 Zones", "2 Methods", "2.1 Details"]


def test_citations_stay_citations_beside_references():
    blocks, _ = read_markdown(DOC.replace("@fig:two", "@fig-two"), "doc.md")
    cites = [i for i in walk_inlines(blocks[1].inlines) if isinstance(i, Cite)]
    assert [c.items[0].key for c in cites] == ["smith2020"]


def test_pandoc_crossref_syntax():
    text = "![A](a.png){#fig:a}\n\nSee @fig:a and @tbl:t.\n\n| a |\n|---|\n| 1 |\n\n: T {#tbl:t}\n"
    blocks, _ = read_markdown(text, "doc.md")
    assert [r[1] for r in refs(blocks)] == ["Figure\u00a01", "Table\u00a01"]


def test_sections_unnumbered_when_never_referred_to():
    blocks, _ = read_markdown("# One {#sec-one}\n\nSee @fig-a.\n\n![A](a.png){#fig-a}\n", "doc.md")
    assert plain_text(blocks[0].inlines) == "One"


def test_labels_in_the_documents_language():
    """The CSL locale's terms (de-DE translates figure and section; its table and equation are English)."""
    blocks, _ = read_markdown("# Teil {#sec-a}\n\nSiehe @fig-a und @sec-a.\n\n![A](a.png){#fig-a}\n", "doc.md",
                              lang="de-DE")
    assert [r[1] for r in refs(blocks)] == ["Abbildung\u00a01", "Abschnitt\u00a01"]


def test_missing_label_is_a_located_error_naming_the_closest():
    with pytest.raises(SourceError) as caught:
        read_markdown("![A](a.png){#fig-zones}\n\nSee @fig-zone here.\n", "doc.md", line_offset=3)
    err = caught.value
    assert err.code == "crossref.unknown-label"
    assert (err.location.line, err.location.col) == (6, 5)
    assert "did you mean '@fig-zones'" in str(err)


def test_missing_label_without_any_of_its_kind_says_how_to_label():
    with pytest.raises(SourceError) as caught:
        read_markdown("See @eq-x.\n", "doc.md")
    assert "{#eq-x}" in str(caught.value)


def test_figure_keeps_its_label_and_its_unquoted_width():
    """``{#fig-zones width=50%}`` (an unquoted %, which mdit's attribute rule alone refuses): Figure 1, 50% wide."""
    from medprint.report import collecting

    with collecting() as warnings:
        blocks, _ = read_markdown("See @fig-zones.\n\n![Zones](fig.png){#fig-zones width=50%}\n", "doc.md")
    assert refs(blocks) == [("fig-zones", "Figure\u00a01", "fig-zones")]
    assert isinstance(blocks[1], Figure) and blocks[1].id == "fig-zones"
    assert blocks[1].image.attribute("width") == "50%"
    assert [w.code for w in warnings] == []
