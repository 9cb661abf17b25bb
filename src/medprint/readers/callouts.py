"""Quarto callouts on the model: ``::: {.callout-warning}`` with its title settled once for every writer.

Quarto takes a callout's title from ``title="…"`` or, failing that, from a
heading that opens the callout.  The reader moves such a heading into the
``title`` attribute, so the heading is not a section of the document (not in
the outline, not numbered, no slide of its own) and writers read one place.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from .. import model as m
from ..model import callout_kind
from .crossrefs import _rebuild


def callout_titles(blocks: tuple[m.Block, ...]) -> tuple[m.Block, ...]:
    """Blocks with every callout's opening heading moved into its ``title`` attribute."""

    def fix(node: Any) -> Any:
        node = _rebuild(node, fix)
        if isinstance(node, m.Div) and callout_kind(node.classes) and node.blocks \
                and isinstance(node.blocks[0], m.Heading) and not dict(node.attributes).get("title"):
            title = m.plain_text(node.blocks[0].inlines).strip()
            return dataclasses.replace(node, blocks=node.blocks[1:], attributes=node.attributes + (("title", title),))
        return node

    if not any(isinstance(b, m.Div) for b in m.walk_blocks(blocks)):
        return blocks
    return tuple(fix(b) for b in blocks)
