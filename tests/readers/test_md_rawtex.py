"""Raw LaTeX (readers/md_rawtex.py) is left out with a located warning, never printed as source."""

from __future__ import annotations

from medprint import model as m
from medprint.readers.markdown import read_markdown
from medprint.report import collecting


def test_inline_command_and_environment_are_left_out_with_their_position():
    with collecting() as warnings:
        blocks, _ = read_markdown("See \\cite[p. 2]{smith} now.\n\n\\begin{tabular}{ll}\na & b \\\\\n\\end{tabular}\n\n"
                                  "Math $\\alpha$ stays.\n", "doc.md", line_offset=3)
    assert m.plain_text(blocks[0].inlines) == "See  now."
    assert len(blocks) == 2 and "stays" in m.plain_text(blocks[1].inlines)
    assert [(w.code, w.location.line, w.location.col) for w in warnings] == [
        ("latex.dropped", 4, 5), ("latex.dropped", 6, 1)]


def test_escapes_are_not_latex():
    blocks, _ = read_markdown("Hash \\# and \\*star\\*.\n", "doc.md")
    assert m.plain_text(blocks[0].inlines) == "Hash # and *star*."
