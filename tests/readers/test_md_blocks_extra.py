"""Pandoc behaviours added to markdown-it (readers/md_blocks_extra.py)."""

from __future__ import annotations

from medprint import model as m
from medprint.readers.markdown import read_markdown
from medprint.report import collecting


def read(text: str):
    with collecting() as warnings:
        blocks, notes = read_markdown(text, "doc.md")
    return blocks, list(warnings)


def test_image_attributes_spaces_and_angle_brackets():
    blocks, _ = read("![Zones](zones.png){#fig-z .wide width=50% height=3cm}\n\n"
                     "![Photo](Inhaler Photo.JPG)\n\n![Photo](<Inhaler%20Photo 2.JPG>){width=2in}\n")
    images = [b.image for b in blocks]
    assert images[0].attributes == (("width", "50%"), ("height", "3cm")) and images[0].classes == ("wide",)
    assert [i.src for i in images] == ["zones.png", "Inhaler Photo.JPG", "Inhaler Photo 2.JPG"]


def test_caption_spanning_lines_with_an_html_comment_is_a_figure():
    blocks, warnings = read("![An inhaler\n<!-- staff photo -->\non a table](inhaler.png)\n")
    assert isinstance(blocks[0], m.Figure)
    assert " ".join(m.plain_text(blocks[0].caption).split()) == "An inhaler on a table"
    assert not [w for w in warnings if w.code == "html.dropped"]


def test_definition_list_with_two_definitions_and_nested_list():
    blocks, _ = read("Term *one*\n:   First.\n\n    More.\n:   Second.\n\nTerm two\n~   - a\n    - b\n")
    dl = blocks[0]
    assert isinstance(dl, m.DefinitionList)
    assert [m.plain_text(i.term) for i in dl.items] == ["Term one", "Term two"]
    assert [len(d) for d in dl.items[0].definitions] == [2, 1]
    assert isinstance(dl.items[1].definitions[0][0], m.BulletList)


def test_table_caption_line_is_never_a_definition_term():
    blocks, _ = read("| a |\n|---|\n| 1 |\n\nTable: Doses\n\n: not a definition either\n\n| b |\n|---|\n| 2 |\n")
    assert [type(b).__name__ for b in blocks] == ["Table", "Table"]
    assert [m.plain_text(b.caption) for b in blocks] == ["Doses", "not a definition either"]


def test_task_list_boxes():
    blocks, _ = read("- [ ] to do\n- [x] done\n- [X] done too\n- [y] not a task\n")
    assert [m.plain_text(i.blocks[0].inlines) for i in blocks[0].items] == [
        "\u2610 to do", "\u2612 done", "\u2612 done too", "[y] not a task"]


def test_line_block_keeps_lines_and_leading_spaces():
    blocks, _ = read("| The first line\n|    indented\n| long line\n  continued\n")
    assert isinstance(blocks[0], m.LineBlock)
    assert [m.plain_text(line) for line in blocks[0].lines] == [
        "The first line", "\u00a0\u00a0\u00a0indented", "long line continued"]


def test_quote_and_heading_need_a_blank_line_before_them():
    blocks, _ = read("Not a quote: 2\n> 1.\n# not a heading\n")
    assert [type(b).__name__ for b in blocks] == ["Paragraph"]


def test_strikeout_superscript_markup_and_escaped_space():
    blocks, _ = read("~~gone~~ a^*b*^ x^a\\ b^ c\\ d\n")
    inlines = blocks[0].inlines
    assert inlines[0] == m.Span((m.Text("gone"),), ("strikeout",))
    assert m.Superscript((m.Emph((m.Text("b"),)),)) in inlines
    assert m.plain_text(inlines).endswith("a\u00a0b c\u00a0d")


def test_implicit_header_reference_and_quoted_title():
    blocks, _ = read('# Dosing\n\nSee [dosing] and [the table][Dosing].\n\n[x](/u "a "b" c")\n\n```\n[x](/u "a "b" c")\n```\n')
    links = [i for i in blocks[1].inlines if isinstance(i, m.Link)]
    assert [(l.url, m.plain_text(l.children)) for l in links] == [("#dosing", "dosing"), ("#dosing", "the table")]
    assert blocks[2].inlines[0].title == 'a "b" c'
    assert blocks[3].text == '[x](/u "a "b" c")\n'  # code is never rewritten
