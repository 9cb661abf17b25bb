"""Executable chunks of Quarto and R Markdown: shown as Quarto echoes unrun code, labelled ones referable."""

from __future__ import annotations

import pytest

from medprint import model as m
from medprint import report
from medprint.readers.code_chunks import parse_info, split_option_lines
from medprint.readers.markdown import read_markdown


@pytest.mark.parametrize("info, language, executable, options", [
    ("python", "python", False, {}),
    ("{.python}", "python", False, {}),
    ("{.r .numberLines}", "r", False, {}),
    ("{r}", "r", True, {}),
    ("{python}", "python", True, {}),
    ('{r scatter, fig.cap="A scatter, of points", echo=FALSE}', "r", True,
     {"label": "scatter", "fig-cap": "A scatter, of points", "echo": "FALSE"}),
    ("{r, echo=FALSE}", "r", True, {"echo": "FALSE"}),
])
def test_fence_info(info, language, executable, options):
    parsed = parse_info(info)
    assert (parsed.language, parsed.executable, parsed.options) == (language, executable, options)


def test_option_lines_are_read_as_yaml_and_removed_from_the_code():
    options, code = split_option_lines("#| label: fig-a\n#| fig-cap: \"A: plot\"\n#| echo: false\nplot(1)\n# a comment\n")
    assert options == {"label": "fig-a", "fig-cap": "A: plot", "echo": "False"}
    assert code == "plot(1)\n# a comment\n"


def _read(body):
    with report.collecting() as warnings:
        blocks, _ = read_markdown(body, "doc.qmd")
    return blocks, warnings


def test_labelled_chunk_is_a_numbered_figure_that_references_resolve_to():
    blocks, warnings = _read("See @fig-a and @tbl-b.\n\n```{r}\n#| label: fig-a\n#| fig-cap: A plot\nplot(1)\n```\n\n"
                             "```{r}\n#| label: tbl-b\n#| tbl-cap: Some numbers\n#| echo: false\nknitr::kable(x)\n```\n")
    para, figure, table = blocks
    refs = [i for i in para.inlines if isinstance(i, m.CrossRef)]
    assert [r.text for r in refs] == ["Figure\u00a01", "Table\u00a01"] and [r.target for r in refs] == ["fig-a", "tbl-b"]
    assert isinstance(figure, m.Div) and figure.id == "fig-a"
    code, caption = figure.blocks
    assert isinstance(code, m.CodeBlock) and code.text == "plot(1)\n" and code.language == "r"
    assert m.plain_text(caption.inlines).startswith("Figure\u00a01: A plot (made by R code")
    assert table.id == "tbl-b" and len(table.blocks) == 1  # echo: false: only the caption
    (warning,) = warnings
    assert warning.code == "markdown.code-not-run" and "2 code chunks (R)" in warning.message
    assert (warning.location.line, warning.location.col) == (3, 1)


def test_unlabelled_chunks_show_their_code_and_echo_false_hides_it():
    blocks, warnings = _read("```{python}\nprint(1)\n```\n\n```{r setup, include=FALSE, echo=FALSE}\nlibrary(x)\n```\n")
    (code,) = blocks
    assert code.text == "print(1)\n" and code.language == "python" and not code.executable
    assert "2 code chunks (Python, R)" in warnings[0].message


def test_plain_code_blocks_are_untouched_and_warn_nothing():
    blocks, warnings = _read("```python\n#| not an option line in plain code\nx = 1\n```\n")
    assert blocks[0].text.startswith("#| not an option") and warnings == []
