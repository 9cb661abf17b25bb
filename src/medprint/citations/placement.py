"""Where a rendered citation sits in the text: the one document change citation formatting implies.

A numeric style that prints citations as superscripts (AMA, Nature) wants "matters¹", not "matters ¹":
Pandoc deletes the space before such a citation, and so do we — once, on the model, so every writer
lays out the same text.
"""

from __future__ import annotations

import dataclasses

from .. import model as m


def _is_superscript(runs: tuple[m.Run, ...]) -> bool:
    visible = [r for r in runs if r.text.strip()]
    return bool(visible) and all(r.superscript for r in visible)


def _tidy_inlines(inlines: tuple[m.Inline, ...], citations: m.RenderedCitations) -> tuple[m.Inline, ...]:
    out: list[m.Inline] = []
    for inline in inlines:
        if isinstance(inline, m.Cite) and _is_superscript(citations.cluster(inline)):
            while out and isinstance(out[-1], (m.SoftBreak, m.LineBreak)):
                out.pop()
            if out and isinstance(out[-1], m.Text):
                stripped = out[-1].text.rstrip()
                out[-1] = m.Text(stripped)
                if not stripped:
                    out.pop()
        children = getattr(inline, "children", None)
        if children:
            inline = dataclasses.replace(inline, children=_tidy_inlines(children, citations))
        out.append(inline)
    return tuple(out)


def _tidy_block(block: m.Block, citations: m.RenderedCitations) -> m.Block:
    if isinstance(block, (m.Paragraph, m.Heading)):
        return dataclasses.replace(block, inlines=_tidy_inlines(block.inlines, citations))
    if isinstance(block, (m.BlockQuote, m.Div)):
        return dataclasses.replace(block, blocks=_tidy_blocks(block.blocks, citations))
    if isinstance(block, (m.BulletList, m.OrderedList)):
        items = tuple(m.ListItem(_tidy_blocks(item.blocks, citations)) for item in block.items)
        return dataclasses.replace(block, items=items)
    if isinstance(block, m.Table):
        return dataclasses.replace(
            block,
            header=tuple(_tidy_inlines(c, citations) for c in block.header),
            rows=tuple(tuple(_tidy_inlines(c, citations) for c in row) for row in block.rows),
            caption=_tidy_inlines(block.caption, citations),
        )
    if isinstance(block, m.Figure):
        return dataclasses.replace(block, caption=_tidy_inlines(block.caption, citations))
    if isinstance(block, m.DefinitionList):
        return dataclasses.replace(block, items=tuple(
            m.DefinitionItem(_tidy_inlines(i.term, citations), tuple(_tidy_blocks(d, citations) for d in i.definitions))
            for i in block.items))
    if isinstance(block, m.LineBlock):
        return dataclasses.replace(block, lines=tuple(_tidy_inlines(line, citations) for line in block.lines))
    return block


def _tidy_blocks(blocks: tuple[m.Block, ...], citations: m.RenderedCitations) -> tuple[m.Block, ...]:
    return tuple(_tidy_block(b, citations) for b in blocks)


def place_citations(document: m.Document, citations: m.RenderedCitations) -> m.Document:
    """The document with the spacing its rendered citations need; unchanged when no citation is a superscript."""
    if not any(_is_superscript(runs) for runs in citations.clusters.values()):
        return document
    notes = tuple((label, _tidy_blocks(blocks, citations)) for label, blocks in document.footnotes)
    return dataclasses.replace(document, blocks=_tidy_blocks(document.blocks, citations), footnotes=notes)
