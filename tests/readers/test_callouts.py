"""Quarto callouts: the title settled on the model, the opening heading no section of its own."""

from __future__ import annotations

from medprint.model import Div, Heading, callout_kind
from medprint.readers.markdown import read_markdown


def test_heading_becomes_the_title():
    blocks, _ = read_markdown("::: {.callout-tip collapse=\"true\"}\n## Spacer tips\n\nUse a spacer.\n:::\n", "d.md")
    div = blocks[0]
    assert isinstance(div, Div) and callout_kind(div.classes) == "tip"
    assert dict(div.attributes) == {"collapse": "true", "title": "Spacer tips"}
    assert not any(isinstance(b, Heading) for b in div.blocks)


def test_title_attribute_wins_and_the_heading_stays():
    blocks, _ = read_markdown("::: {.callout-warning title=\"Call 911\"}\n## Inside\n\nText.\n:::\n", "d.md")
    assert dict(blocks[0].attributes)["title"] == "Call 911"
    assert isinstance(blocks[0].blocks[0], Heading)


def test_kinds():
    assert [callout_kind((f"callout-{k}",)) for k in ("note", "tip", "important", "warning", "caution")] == \
        ["note", "tip", "important", "warning", "caution"]
    assert callout_kind(("callout",)) == "" and callout_kind(("callout-other",)) == ""
