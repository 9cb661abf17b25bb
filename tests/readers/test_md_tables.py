"""Simple, multiline and grid tables (readers/md_tables.py), read into the model as Pandoc reads them."""

from __future__ import annotations

from medprint import model as m
from medprint.readers.markdown import read_markdown


def table(text: str) -> m.Table:
    blocks, _ = read_markdown(text, "doc.md")
    tables = [b for b in blocks if isinstance(b, m.Table)]
    assert len(tables) == 1, blocks
    return tables[0]


def cells(row) -> list[str]:
    return [m.plain_text(c) for c in row]


def test_simple_table_aligns_by_header_position_and_keeps_its_caption():
    t = table("  Right     Left     Center     Default\n-------     ------ ----------   -------\n"
              "     12     12        12            12\n\nTable: Doses {#tbl-doses}\n")
    assert t.aligns == ("right", "left", "center", "")
    assert cells(t.header) == ["Right", "Left", "Center", "Default"]
    assert [cells(r) for r in t.rows] == [["12", "12", "12", "12"]]
    assert m.plain_text(t.caption) == "Table\u00a01: Doses" and t.id == "tbl-doses"  # numbered for @tbl-doses


def test_headerless_simple_table_and_setext_heading_are_told_apart():
    t = table("-----  -----\n  a    b\n  c    d\n-----  -----\n\nHeading\n-------\n")
    assert t.header == () and [cells(r) for r in t.rows] == [["a", "b"], ["c", "d"]]
    blocks, _ = read_markdown("Heading\n-------\n\n- - - -\n", "doc.md")
    assert [type(b).__name__ for b in blocks] == ["Heading", "ThematicBreak"]


def test_multiline_table_joins_a_cell_lines_and_splits_rows_at_blank_lines():
    t = table("-----------------------\n Drug     Notes\n-------  --------------\n"
              " A        Take with\n          food.\n\n B        Once a day.\n-----------------------\n")
    assert cells(t.header) == ["Drug", "Notes"]
    assert [cells(r) for r in t.rows] == [["A", "Take with food."], ["B", "Once a day."]]


def test_grid_table_header_alignment_and_smart_punctuation_in_cells_only():
    t = table("+-------+-----------------+\n| Drug  | Notes           |\n+:======+================:+\n"
              "| A     | \"always\" -- yes |\n+-------+-----------------+\n")
    assert t.aligns == ("left", "right")
    assert cells(t.header) == ["Drug", "Notes"]
    assert cells(t.rows[0]) == ["A", "\u201calways\u201d \u2013 yes"]


def test_grid_cell_with_a_list_and_wide_characters():
    t = table("+------+---------+\n| 魚   | - one   |\n|      | - two   |\n+------+---------+\n")
    assert cells(t.rows[0]) == ["魚", "\u2022 one \u2022 two"]


def test_pipe_table_rows_indented_like_code_and_pipes_inside_code():
    t = table("Siblings | Salary\n-------:|:------\n           3 | 33\n\n")
    assert [cells(r) for r in t.rows] == [["3", "33"]]
    t = table("| a | b |\n|---|---|\n| `x|y` | z |\n")
    assert cells(t.rows[0]) == ["x|y", "z"]


def test_unclosed_grid_table_is_left_to_the_not_understood_warning():
    blocks, _ = read_markdown("+---+---+\n| a | b |\n\ntext\n", "doc.md")
    assert not any(isinstance(b, m.Table) for b in blocks)
