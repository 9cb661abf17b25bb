"""Markdown inside YAML strings (``title``, ``subtitle``, ``abstract``, author fields), read as Pandoc reads it.

Pandoc parses every metadata string as Markdown: a title ``Effects *in vitro*`` is the inlines
``Effects``, ``Emph(in vitro)``, and its plain text (``stringify``) is ``Effects in vitro``.  The same
markdown-it reader as the body is used, so emphasis, strong, code, sub/superscript, math, links and smart
quotes read the same.  What cannot stand in a title block is flattened: a citation prints as written (the
citation engine numbers only the body's clusters), a footnote call and a cross-reference are dropped to text.
"""

from __future__ import annotations

from .. import model as m
from ..errors import SourceError


def flatten(inlines: tuple[m.Inline, ...]) -> tuple[m.Inline, ...]:
    out: list[m.Inline] = []
    for node in inlines:
        if isinstance(node, m.Cite):
            out.append(m.Text(node.source_text))
        elif isinstance(node, m.FootnoteRef):
            continue
        elif isinstance(node, m.CrossRef):
            out.append(m.Text(m.plain_text((node,))))
        elif isinstance(node, m.Image):
            out.append(m.Text(node.alt))
        elif isinstance(node, m.Math) and node.display:
            out.append(m.Math(node.tex, location=node.location))
        elif hasattr(node, "children"):
            import dataclasses

            out.append(dataclasses.replace(node, children=flatten(node.children)))
        else:
            out.append(node)
    return tuple(out)


def _parse(text: str, where: m.Location | None, lang: str) -> tuple[m.Block, ...] | None:
    from .markdown import read_markdown

    file = where.file if where else "front matter"
    offset = (where.line - 1) if where and where.line else 0
    try:
        blocks, _notes = read_markdown(text, file, line_offset=offset, max_depth=8, lang=lang)
    except SourceError:
        return None  # e.g. a stray '@fig-x': the text stays as written
    return blocks


def _has_markup(inlines: tuple[m.Inline, ...], text: str) -> bool:
    return not (len(inlines) == 1 and isinstance(inlines[0], m.Text) and inlines[0].text == text)


def inline_markdown(text: str, where: m.Location | None = None, lang: str = "en-US"
                    ) -> tuple[str, tuple[m.Inline, ...]]:
    """``(plain text, inlines)`` for a one-line metadata string; inlines are ``()`` when there is no markup."""
    if not text or not text.strip():
        return text, ()
    blocks = _parse(text, where, lang)
    if not blocks or len(blocks) != 1 or not isinstance(blocks[0], m.Paragraph):
        return text, ()  # not one paragraph (a '# ' title, a list): keep it as written, as a plain line
    inlines = flatten(blocks[0].inlines)
    plain = " ".join(m.plain_text(inlines).split())
    if not _has_markup(inlines, text):
        return text, ()
    return plain, inlines


def block_markdown(text: str, where: m.Location | None = None, lang: str = "en-US"
                   ) -> tuple[str, tuple[m.Block, ...]]:
    """``(plain text, blocks)`` for the abstract, which may hold paragraphs and lists."""
    if not text or not text.strip():
        return text, ()
    blocks = _parse(text, where, lang)
    if blocks is None:
        return text, (m.Paragraph((m.Text(text),)),)
    blocks = tuple(_flatten_block(b) for b in blocks)
    return m.blocks_text(blocks).strip(), blocks


def _flatten_block(block: m.Block) -> m.Block:
    import dataclasses

    if isinstance(block, (m.Paragraph, m.Heading)):
        return dataclasses.replace(block, inlines=flatten(block.inlines))
    if isinstance(block, (m.BlockQuote, m.Div)):
        return dataclasses.replace(block, blocks=tuple(_flatten_block(b) for b in block.blocks))
    if isinstance(block, (m.BulletList, m.OrderedList)):
        items = tuple(m.ListItem(tuple(_flatten_block(b) for b in item.blocks)) for item in block.items)
        return dataclasses.replace(block, items=items)
    return block
