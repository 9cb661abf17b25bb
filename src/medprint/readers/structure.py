"""Where the reference list goes when the author already wrote its heading.

JOSS, R Markdown and most journal templates end with ``# References`` and nothing under it, trusting Pandoc
to put the list there.  Without this, the list got a second "References" heading of its own (and the deck an
empty slide).  The heading is recognised by its text in the languages medprint's users write, or by the
``{#references}`` / ``{#bibliography}`` id; the list is placed right under it as Pandoc's ``::: {#refs}`` div
would place it.  A source that has a ``{#refs}`` div already is left as it is.
"""

from __future__ import annotations

import unicodedata

from ..model import Div, Heading, plain_text, walk_blocks

REFERENCE_HEADINGS = (
    "references", "reference list", "bibliography", "works cited", "literature cited", "cited literature",
    "sources", "literature", "referências", "referências bibliográficas", "referencias",
    "referencias bibliográficas", "bibliografía", "bibliografia", "références", "références bibliographiques",
    "bibliographie", "literatur", "literaturverzeichnis", "quellen", "quellenverzeichnis", "riferimenti",
    "riferimenti bibliografici", "referenties", "literatuur", "litteratur", "referanser", "kirjallisuus",
    "lähteet", "kaynaklar", "kaynakça", "piśmiennictwo", "bibliografie", "literatura", "参考文献", "文献", "참고문헌",
)
_NAMES = frozenset(" ".join(name.casefold().split()) for name in REFERENCE_HEADINGS)
REFERENCE_IDS = frozenset({"references", "bibliography", "refs-heading"})


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().strip(" :.").split())


def is_reference_heading(heading: Heading) -> bool:
    """``# References``, ``## Referências bibliográficas``, ``# Sources {#references}``…"""
    return heading.id in REFERENCE_IDS or _norm(plain_text(heading.inlines)) in _NAMES


def place_reference_list(blocks: tuple) -> tuple:
    """``blocks`` with a ``{#refs}`` div under a final, empty references heading (unchanged otherwise)."""
    if any(isinstance(b, Div) and b.id == "refs" for b in walk_blocks(blocks)):
        return blocks
    for index in range(len(blocks) - 1, -1, -1):
        block = blocks[index]
        if isinstance(block, Heading):
            if index == len(blocks) - 1 and is_reference_heading(block):
                return blocks + (Div((), id="refs", location=block.location),)
            return blocks
        if not _empty(block):
            return blocks
    return blocks


def _empty(block) -> bool:
    return isinstance(block, Div) and not block.blocks and not block.id

