"""Markdown inside YAML strings is read as Pandoc reads it: formatted inlines for display, plain text
(Pandoc's ``stringify``) for <title>, PDF metadata and running heads."""

from __future__ import annotations

from medprint import model as m
from medprint.readers.frontmatter import read_front_matter
from medprint.readers.meta_markdown import block_markdown, inline_markdown


def test_title_emphasis_becomes_inlines_and_plain_text_loses_the_asterisks():
    plain, inlines = inline_markdown("Effects *in vitro* and **in vivo** of H~2~O and x^2^")
    assert plain == "Effects in vitro and in vivo of H2O and x2"
    assert m.Emph((m.Text("in vitro"),)) in inlines
    assert m.Strong((m.Text("in vivo"),)) in inlines
    assert m.Subscript((m.Text("2"),)) in inlines
    assert m.Superscript((m.Text("2"),)) in inlines


def test_code_math_and_links():
    plain, inlines = inline_markdown("Using `grep` with $x^2$ from [our site](https://example.org)")
    assert plain == "Using grep with x^2 from our site"
    assert m.Code("grep") in inlines
    assert any(isinstance(i, m.Math) and i.tex == "x^2" for i in inlines)
    link = next(i for i in inlines if isinstance(i, m.Link))
    assert link.url == "https://example.org" and link.children == (m.Text("our site"),)


def test_plain_strings_stay_exactly_as_written():
    assert inline_markdown("Asthma in Children") == ("Asthma in Children", ())
    assert inline_markdown("") == ("", ())


def test_citations_and_footnotes_in_a_title_are_flattened_not_numbered():
    plain, inlines = inline_markdown("Replicating [@smith2020] here^[a note]")
    assert "[@smith2020]" in plain
    assert not any(isinstance(i, (m.Cite, m.FootnoteRef)) for i in m.walk_inlines(inlines))


def test_a_title_that_is_not_one_paragraph_is_kept_as_written():
    assert inline_markdown("# not a heading") == ("# not a heading", ())
    assert inline_markdown("- one") == ("- one", ())


def test_abstract_is_block_markdown():
    plain, blocks = block_markdown("First *para*.\n\n- item one\n- item two\n")
    assert isinstance(blocks[0], m.Paragraph) and m.Emph((m.Text("para"),)) in blocks[0].inlines
    assert isinstance(blocks[1], m.BulletList) and len(blocks[1].items) == 2
    assert "*" not in plain and plain.startswith("First para.")


def test_front_matter_fields_are_read_as_markdown():
    meta = read_front_matter(
        'title: "Effects of *in vitro* tests"\n'
        "subtitle: A **strong** case\n"
        "abstract: |\n  One *two*.\n\n  Three.\n"
        "author:\n  - name: Ana *Pérez*\n    affiliation: Univ. of *Somewhere*\n  - Bob Smith\n", "t.md")
    assert meta.title == "Effects of in vitro tests"
    assert m.Emph((m.Text("in vitro"),)) in meta.title_inlines
    assert meta.subtitle == "A strong case" and m.Strong((m.Text("strong"),)) in meta.subtitle_inlines
    assert len(meta.abstract_blocks) == 2 and meta.abstract == "One two.\n\nThree."
    ana, bob = meta.authors
    assert ana.name == "Ana Pérez" and m.Emph((m.Text("Pérez"),)) in ana.name_inlines
    assert ana.affiliation == "Univ. of Somewhere" and m.Emph((m.Text("Somewhere"),)) in ana.affiliation_inlines
    assert bob.name == "Bob Smith" and bob.name_markup() == (m.Text("Bob Smith"),)
    # the math keeps the front matter's line (warnings about it point into the YAML)
    meta = read_front_matter("lang: de\ntitle: Ratio $a/b$\n", "t.md")
    found = next(i for i in meta.title_inlines if isinstance(i, m.Math))
    assert found.location.line == 3
