"""Markup the parser did not understand is reported where it stands; prose never is."""

from __future__ import annotations

from medprint.readers.markdown import read_markdown
from medprint.report import collecting


def warnings_for(text: str):
    with collecting() as found:
        read_markdown(text, "doc.md", line_offset=2)
    return [(w.location.line, w.location.col, w.message.split(":")[0]) for w in found
            if w.code == "markdown.not-understood"]


def test_each_kind_is_located():
    text = ("Intro.\n\nA photo ![Zones](fig.png){#fig-zones width=50%} here.\n\n![Broken image](my\nfile.png)\n\n"
            "| a | b |\n| 1 | 2 |\n\n+---+---+\n| a | b |\n| c | d |\n\n#. first\n#. second\n")
    assert warnings_for(text) == [  # {#fig-zones width=50%} is read (md_blocks_extra quotes the 50%)
        (7, 1, "this looks like an image but was not read as one"),
        (10, 1, "this looks like a table row but was not read as one"),
        (13, 1, "this looks like a grid table rule but was not read as one"),
    ]


def test_what_parses_and_ordinary_prose_never_warn():
    text = ("# Heading {#ok}\n\n![A figure](a.png){#fig-a}\n\nSee [small]{.smallcaps} and {braces}, a | pipe | "
            "in prose, e-mail a@b.org, 5 + 3 = 8, #hashtag and C# code.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
            ": Caption {#tbl-x}\n\n`{#not-here}` and\n\n    | code | block |\n")
    assert warnings_for(text) == []
