"""The Markdown body: every construct of the source contract becomes the right model node, with its line."""

from medprint import model as m
from medprint.readers.markdown import read_markdown
from medprint.report import collecting

SOURCE = """Lead paragraph with *emphasis* and **strong**.

# First Section

Body text.[^n]

## Level Two {#custom-id}

### Level Three

- one
- two

1. first
2. second

> A quotation.

::: notes
Speaker notes.
:::

::: {.handout-only}
Only in print.
:::

::: slides
- Point A
:::

| Drug | Dose |
|:-----|-----:|
| A    | 5 mg |
| B    | 10 mg |

Table: Doses in adults.

![A bar chart of response rates](chart.png)

```python
print("code")
```

---

[^n]: A footnote with a citation [@a].
"""


def parse():
    return read_markdown(SOURCE, "doc.md", line_offset=4)


def kinds(blocks):
    return [type(b).__name__ for b in blocks]


def test_blocks_in_source_order():
    blocks, _ = parse()
    assert kinds(blocks) == [
        "Paragraph", "Heading", "Paragraph", "Heading", "Heading", "BulletList", "OrderedList", "BlockQuote",
        "Div", "Div", "Div", "Table", "Figure", "CodeBlock", "ThematicBreak",
    ]


def test_every_block_has_its_line_in_the_file():
    blocks, _ = parse()
    heading = blocks[1]
    assert str(heading.location) == "doc.md:7:1"
    assert all(b.location is not None and b.location.line > 4 for b in blocks)


def test_headings_levels_and_ids():
    blocks, _ = parse()
    h1, h2, h3 = blocks[1], blocks[3], blocks[4]
    assert (h1.level, h1.id, m.plain_text(h1.inlines)) == (1, "first-section", "First Section")
    assert (h2.level, h2.id, m.plain_text(h2.inlines)) == (2, "custom-id", "Level Two")
    assert h3.level == 3


def test_lead_and_sections_split():
    blocks, _ = parse()
    lead, sections = m.split_sections(blocks)
    assert kinds(lead) == ["Paragraph"] and len(sections) == 1
    assert m.plain_text(sections[0].heading.inlines) == "First Section"


def test_inline_formatting():
    blocks, _ = parse()
    inlines = blocks[0].inlines
    assert isinstance(inlines[1], m.Emph) and isinstance(inlines[3], m.Strong)


def test_fenced_divs_keep_classes():
    blocks, _ = parse()
    notes, handout, slides = blocks[8], blocks[9], blocks[10]
    assert notes.classes == ("notes",) and m.plain_text(notes.blocks[0].inlines) == "Speaker notes."
    assert handout.has_class("handout-only") and slides.has_class("slides")
    assert isinstance(slides.blocks[0], m.BulletList)


def test_pipe_table_with_alignment_and_caption():
    blocks, _ = parse()
    table = blocks[11]
    assert [m.plain_text(c) for c in table.header] == ["Drug", "Dose"]
    assert [[m.plain_text(c) for c in row] for row in table.rows] == [["A", "5 mg"], ["B", "10 mg"]]
    assert table.aligns == ("left", "right")
    assert m.plain_text(table.caption) == "Doses in adults."


def test_image_alone_is_a_figure_with_alt_text():
    blocks, _ = parse()
    fig = blocks[12]
    assert fig.image.src == "chart.png" and fig.image.alt == "A bar chart of response rates"
    assert str(fig.location) == "doc.md:42:1"


def test_footnotes_are_collected_with_their_citations():
    blocks, footnotes = parse()
    ref = blocks[2].inlines[-1]
    assert isinstance(ref, m.FootnoteRef) and ref.number == 1
    (label, note_blocks), = footnotes
    assert label == ref.label
    assert any(isinstance(i, m.Cite) for i in note_blocks[0].inlines)


def test_nested_divs_and_refs_placeholder():
    blocks, _ = read_markdown("::: {.outer}\n::: {.inner}\nx\n:::\n:::\n\n::: {#refs}\n:::\n", "d.md")
    outer, refs = blocks
    assert outer.classes == ("outer",) and outer.blocks[0].classes == ("inner",)
    assert refs.id == "refs" and refs.blocks == ()


def test_raw_html_is_dropped_with_a_warning_but_safe_tags_are_kept():
    with collecting() as warnings:
        blocks, _ = read_markdown("H<sub>2</sub>O and <script>alert(1)</script> done\n\n<div>x</div>\n", "d.md")
    para = blocks[0]
    assert isinstance(para.inlines[1], m.Subscript)
    assert "alert(1)" in m.plain_text(para.inlines)  # the script's text stays as inert text
    assert len(blocks) == 1  # the HTML block is gone
    assert {w.code for w in warnings} == {"html.dropped"}


def test_template_syntax_is_plain_text():
    blocks, _ = read_markdown("Total {{ 7*7 }} and {% if x %}", "d.md")
    assert m.plain_text(blocks[0].inlines) == "Total {{ 7*7 }} and {% if x %}"


def test_unclosed_div_warns():
    with collecting() as warnings:
        read_markdown("::: notes\ntext\n", "d.md")
    assert [w.code for w in warnings] == ["markdown.unclosed-div"]


def test_pandoc_sub_and_superscript_and_smallcaps_spans():
    blocks, _ = read_markdown("H~2~O at 10^6^ cells, [Small Caps]{.smallcaps} and ~~old~~.", "d.md")
    inlines = blocks[0].inlines
    assert isinstance(inlines[1], m.Subscript) and m.plain_text(inlines[1].children) == "2"
    assert isinstance(inlines[3], m.Superscript) and m.plain_text(inlines[3].children) == "6"
    span = inlines[5]
    assert isinstance(span, m.Span) and span.classes == ("smallcaps",)
    assert any(isinstance(i, m.Span) and i.classes == ("strikeout",) for i in inlines)


def test_smart_punctuation_as_pandoc_but_not_in_code():
    blocks, _ = read_markdown("\"Quoted\" it's 5--10 -- yes --- no... `a--b` (c) +-", "d.md")
    text = m.plain_text(blocks[0].inlines)
    assert text == "\u201cQuoted\u201d it\u2019s 5\u201310 \u2013 yes \u2014 no\u2026 a--b (c) +-"


def test_quotes_follow_the_document_language():
    blocks, _ = read_markdown('"Zitat"', "d.md", lang="de-DE")
    assert m.plain_text(blocks[0].inlines) == "\u201eZitat\u201c"
