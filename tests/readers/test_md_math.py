"""TeX math in the model, and the located warnings for math that is not understood."""

from __future__ import annotations

from medprint.model import Math, Paragraph
from medprint.readers.markdown import read_markdown
from medprint.report import collecting


def read(text: str, **kw):
    with collecting() as warnings:
        blocks, _ = read_markdown(text, "doc.md", line_offset=4, **kw)
    return blocks, warnings


def test_inline_and_display_math_with_positions_and_label():
    blocks, warnings = read("See $d = 2 \\times w$ here.\n\n$$E = mc^2$$ {#eq-energy}\n")
    inline = blocks[0].inlines[1]
    assert isinstance(inline, Math) and inline.tex == "d = 2 \\times w" and not inline.display
    assert (inline.location.line, inline.location.col) == (5, 5)
    display = blocks[1].inlines[0]
    assert display.display and display.id == "eq-energy" and display.number == 1
    assert not any(isinstance(i, type(blocks[1].inlines[0])) is False and "{#" in getattr(i, "text", "")
                   for i in blocks[1].inlines)  # the label is not left as text
    assert warnings == []


def test_bad_tex_is_a_located_warning_and_kept_as_math():
    blocks, warnings = read("Bad $\\frac{1}{$ here and $\\foo{x}$.\n")
    maths = [i for i in blocks[0].inlines if isinstance(i, Math)]
    assert [m.tex for m in maths] == ["\\frac{1}{", "\\foo{x}"]
    assert [w.code for w in warnings] == ["markdown.bad-math", "markdown.bad-math"]
    assert (warnings[0].location.line, warnings[0].location.col) == (5, 5)
    assert "unknown command \\foo" in warnings[1].message


def test_unclosed_tex_math_warns_where_it_opens():
    blocks, warnings = read("Text.\n\nThe rate $x^2 grows.\n")
    assert [w.code for w in warnings] == ["markdown.unclosed-math"]
    assert (warnings[0].location.line, warnings[0].location.col) == (7, 10)


def test_money_and_prices_never_warn():
    _, warnings = read("It costs $20 to $30, or $5-$10 a day; US$ 4 and $ 5; the $HOME folder.\n")
    assert warnings == []


def test_math_is_not_read_inside_code():
    blocks, _ = read("`$x$` and\n\n```\n$y$\n```\n")
    assert isinstance(blocks[0], Paragraph)
    assert not any(isinstance(i, Math) for i in blocks[0].inlines)


def test_latex_label_in_display_math_names_the_equation():
    """JOSS papers write ``$$ … \\label{eq:x} $$``: the label names the equation, the math renders without it."""
    from medprint import report
    from medprint.readers.markdown import read_markdown

    with report.collecting() as warnings:
        blocks, _ = read_markdown("See @eq:fermat.\n\n$$a^n + b^n = c^n \\label{eq:fermat}$$\n", "d.md")
    ref = blocks[0].inlines[1]
    math = blocks[1].inlines[0]
    assert (math.tex, math.id, math.number) == ("a^n + b^n = c^n", "eq:fermat", 1)
    assert ref.text == "Equation\u00a01" and warnings == []
