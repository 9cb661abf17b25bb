"""Fancy and example lists (readers/md_fancy_lists.py): style, delimiter and start as Pandoc reads them."""

from __future__ import annotations

import pytest

from medprint import model as m
from medprint.readers.markdown import read_markdown
from medprint.readers.md_fancy_lists import marker_style, roman_value


def lists(text: str) -> list[tuple]:
    blocks, _ = read_markdown(text, "doc.md")
    return [(b.start, b.style, b.delimiter, len(b.items)) for b in m.walk_blocks(blocks)
            if isinstance(b, m.OrderedList)]


@pytest.mark.parametrize(("info", "expected"), [
    ("(2", ("decimal", "", 2)), ("iv", ("lower-roman", "", 4)), ("XII", ("upper-roman", "", 12)),
    ("c", ("lower-alpha", "", 3)), ("i", ("lower-roman", "", 1)), ("#", ("default", "", 1)),
    ("(@good", ("example", "", 1)),
])
def test_marker_style(info, expected):
    assert marker_style(info) == expected


def test_roman_value():
    assert [roman_value(r) for r in ("i", "iv", "ix", "xiv", "MCMXC")] == [1, 4, 9, 14, 1990]


def test_each_marker_kind_and_a_new_list_when_the_style_changes():
    assert lists("(2) two\n(3) three\n\niv. four\nv. five\n\nA)  a\nB)  b\n(a) c\n\n#. x\n#. y\n") == [
        (2, "decimal", "two-parens", 2), (4, "lower-roman", "period", 2), (1, "upper-alpha", "one-paren", 2),
        (1, "lower-alpha", "two-parens", 1), (1, "default", "period", 2)]


def test_capital_letter_with_period_needs_two_spaces():
    assert lists("B. Russell wrote it.\n") == []
    assert lists("B.  Second point\n") == [(2, "upper-alpha", "period", 1)]


def test_fancy_marker_does_not_interrupt_a_top_level_paragraph_but_nests_under_an_item():
    assert lists("Text\na) not a list\n") == []
    assert lists("1. item\n   a) sub one\n   b) sub two\n") == [(1, "decimal", "period", 1),
                                                            (1, "lower-alpha", "one-paren", 2)]


def test_example_lists_number_across_the_document_and_references_become_numbers():
    blocks, _ = read_markdown("(@) one\n(@dose) two\n\nAs in (@dose), see @dose.\n\n(@) three\n", "doc.md")
    assert [(b.start, b.style) for b in blocks if isinstance(b, m.OrderedList)] == [(1, "example"), (3, "example")]
    assert m.plain_text(blocks[1].inlines) == "As in (2), see 2."
