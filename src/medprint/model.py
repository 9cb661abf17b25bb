"""The one document model every reader produces and every writer consumes.

Readers turn a source into a :class:`Document`; the citation engine turns its
:class:`Cite` inlines and references into :class:`Run` lists once; writers only
lay those runs out.  Everything is a frozen dataclass so a document can be
hashed, shared between processes and never mutated behind a writer's back.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from typing import Any, Iterator, Literal, Union


@dataclass(frozen=True, order=True)
class Location:
    """A 1-based position in a source file, carried by every block and citation."""

    file: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.col or 1}"
        return self.file


# ---------------------------------------------------------------- styled runs


@dataclass(frozen=True)
class Run:
    """A piece of formatted text: what the citation engine hands to writers."""

    text: str
    italic: bool = False
    bold: bool = False
    small_caps: bool = False
    superscript: bool = False
    subscript: bool = False
    url: str | None = None
    strike: bool = False  # Pandoc's ~~strikeout~~


def runs_text(runs: tuple[Run, ...] | list[Run]) -> str:
    """The plain text of a run list (for notes, metadata and comparisons)."""
    return "".join(r.text for r in runs)


# ---------------------------------------------------------------- inlines


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class SoftBreak:
    pass


@dataclass(frozen=True)
class LineBreak:
    pass


@dataclass(frozen=True)
class Code:
    text: str


@dataclass(frozen=True)
class Emph:
    children: tuple["Inline", ...]


@dataclass(frozen=True)
class Strong:
    children: tuple["Inline", ...]


@dataclass(frozen=True)
class Superscript:
    children: tuple["Inline", ...]


@dataclass(frozen=True)
class Subscript:
    children: tuple["Inline", ...]


@dataclass(frozen=True)
class Link:
    url: str
    children: tuple["Inline", ...]
    title: str = ""


@dataclass(frozen=True)
class Image:
    """An image; ``src`` is as written in the source, ``path`` resolved (or None)."""

    src: str
    alt: str
    title: str = ""
    location: Location | None = None
    id: str = ""
    classes: tuple[str, ...] = ()
    attributes: tuple[tuple[str, str], ...] = ()  # Pandoc's {key=val}: width/height size the image

    def attribute(self, name: str) -> str:
        for key, value in self.attributes:
            if key == name:
                return value
        return ""


@dataclass(frozen=True)
class Span:
    children: tuple["Inline", ...]
    classes: tuple[str, ...] = ()
    id: str = ""


CitationMode = Literal["normal", "suppress-author", "author-in-text"]


@dataclass(frozen=True)
class CitationItem:
    """One ``@key`` inside a cluster, as Pandoc models it."""

    key: str
    mode: CitationMode = "normal"
    prefix: str = ""
    suffix: str = ""
    locator: str = ""
    label: str = ""  # CSL locator term: page, chapter, section, figure, paragraph, ...
    location: Location | None = None


@dataclass(frozen=True)
class Cite:
    """A citation cluster: ``[@a; @b]`` or a narrative ``@a``.

    ``id`` is unique within a document and is how writers look up the runs
    the citation engine produced for this cluster.
    """

    id: int
    items: tuple[CitationItem, ...]
    source_text: str = ""
    location: Location | None = None


@dataclass(frozen=True)
class FootnoteRef:
    """A footnote call; the note's blocks live in ``Document.footnotes``."""

    label: str
    number: int


@dataclass(frozen=True)
class Math:
    """TeX math as written between ``$…$`` (inline) or ``$$…$$`` (display), as Pandoc's Math inline.

    ``id`` is the ``{#eq-x}`` label after display math; ``number`` its equation number (0: unnumbered),
    given by the cross-reference pass so every writer prints the same "(1)".
    """

    tex: str
    display: bool = False
    id: str = ""
    number: int = 0
    location: Location | None = None


CrossRefKind = Literal["fig", "tbl", "eq", "sec"]


@dataclass(frozen=True)
class CrossRef:
    """A Quarto (``@fig-x``) or pandoc-crossref (``@fig:x``) reference to a numbered figure, table, equation or
    section.  ``text`` is what every writer prints ("Figure 1", or "1" after ``-@``); ``target`` the anchor id."""

    label: str
    kind: CrossRefKind
    text: str = ""
    target: str = ""
    prefix: str = ""  # words before the reference inside brackets: ``[see @fig-x]``
    suffix: str = ""
    location: Location | None = None
    bare: bool = False  # ``[-@fig-x]``: the number alone, as Quarto


Inline = Union[
    Text, SoftBreak, LineBreak, Code, Emph, Strong, Superscript, Subscript, Link, Image, Span, Cite, FootnoteRef,
    Math, CrossRef,
]

# ---------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Paragraph:
    inlines: tuple[Inline, ...]
    location: Location | None = None


@dataclass(frozen=True)
class Heading:
    level: int
    inlines: tuple[Inline, ...]
    id: str = ""
    location: Location | None = None


@dataclass(frozen=True)
class ListItem:
    blocks: tuple["Block", ...]


@dataclass(frozen=True)
class BulletList:
    items: tuple[ListItem, ...]
    location: Location | None = None


@dataclass(frozen=True)
class OrderedList:
    items: tuple[ListItem, ...]
    start: int = 1
    location: Location | None = None
    # Pandoc's fancy lists: decimal, lower-alpha, upper-alpha, lower-roman, upper-roman, example, default (#.)
    style: str = "decimal"
    delimiter: str = "period"  # period "1.", one-paren "1)", two-parens "(1)"


@dataclass(frozen=True)
class BlockQuote:
    blocks: tuple["Block", ...]
    location: Location | None = None


@dataclass(frozen=True)
class CodeBlock:
    text: str
    language: str = ""
    location: Location | None = None
    executable: bool = False  # a Quarto / R Markdown chunk (```{r}) until readers.code_chunks resolves it
    options: tuple[tuple[str, str], ...] = ()  # its chunk options (label, fig-cap, echo ...)


@dataclass(frozen=True)
class ThematicBreak:
    location: Location | None = None


Alignment = Literal["left", "center", "right", ""]


@dataclass(frozen=True)
class Table:
    header: tuple[tuple[Inline, ...], ...]
    rows: tuple[tuple[tuple[Inline, ...], ...], ...]
    aligns: tuple[Alignment, ...] = ()
    caption: tuple[Inline, ...] = ()
    location: Location | None = None
    id: str = ""  # ``{#tbl-x}``: the cross-reference label


@dataclass(frozen=True)
class DefinitionItem:
    """One term of a definition list and its definitions (each a tuple of blocks)."""

    term: tuple[Inline, ...]
    definitions: tuple[tuple["Block", ...], ...]


@dataclass(frozen=True)
class DefinitionList:
    items: tuple[DefinitionItem, ...]
    location: Location | None = None


@dataclass(frozen=True)
class LineBlock:
    """Pandoc's ``| `` lines: verse, addresses; each line kept as written (leading spaces as no-break spaces)."""

    lines: tuple[tuple[Inline, ...], ...]
    location: Location | None = None


@dataclass(frozen=True)
class Figure:
    """An image standing alone in a paragraph: the alt text doubles as caption, as in Pandoc."""

    image: Image
    caption: tuple[Inline, ...] = ()
    location: Location | None = None
    id: str = ""  # ``{#fig-x}``: the cross-reference label


@dataclass(frozen=True)
class Div:
    """A fenced div (``::: {#id .class key=value}``)."""

    blocks: tuple["Block", ...]
    classes: tuple[str, ...] = ()
    id: str = ""
    attributes: tuple[tuple[str, str], ...] = ()
    location: Location | None = None

    def has_class(self, name: str) -> bool:
        return name in self.classes


CALLOUT_KINDS = ("note", "tip", "important", "warning", "caution")


def callout_kind(classes: tuple[str, ...]) -> str:
    """``note``/``tip``/``important``/``warning``/``caution`` for a Quarto callout div's classes, else ``""``."""
    for cls in classes:
        if cls.startswith("callout-") and cls[8:] in CALLOUT_KINDS:
            return cls[8:]
    return ""


@dataclass(frozen=True)
class RawBlock:
    """Raw HTML found in the source.  Writers escape it; it is never trusted."""

    text: str
    location: Location | None = None


Block = Union[
    Paragraph, Heading, BulletList, OrderedList, BlockQuote, CodeBlock, ThematicBreak, Table, Figure, Div, RawBlock,
    DefinitionList, LineBlock,
]

# ---------------------------------------------------------------- metadata


@dataclass(frozen=True)
class Author:
    """An author; ``name``/``affiliation`` are plain text, the ``*_inlines`` the same read as Pandoc reads
    Markdown in YAML strings (empty when the text has no markup worth keeping)."""

    name: str
    credentials: str = ""
    affiliation: str = ""
    name_inlines: tuple["Inline", ...] = ()
    affiliation_inlines: tuple["Inline", ...] = ()
    institutions: tuple[str, ...] = ()  # the affiliations one by one, when there are several

    def affiliation_list(self) -> tuple[str, ...]:
        """Each institution once: numbered per institution in a title block, as journals do."""
        return self.institutions or ((self.affiliation,) if self.affiliation else ())

    def name_markup(self) -> tuple["Inline", ...]:
        return self.name_inlines or ((Text(self.name),) if self.name else ())

    def affiliation_markup(self) -> tuple["Inline", ...]:
        return self.affiliation_inlines or ((Text(self.affiliation),) if self.affiliation else ())


@dataclass(frozen=True)
class Review:
    statement: str = ""
    reviewed: _dt.date | None = None
    next_review: _dt.date | None = None
    reviewer: str = ""


@dataclass(frozen=True)
class Meta:
    """Validated front matter.  ``positions`` maps dotted keys to their source location."""

    title: str
    subtitle: str = ""
    authors: tuple[Author, ...] = ()
    date: _dt.date | None = None
    lang: str = "en-US"
    bibliography: tuple[str, ...] = ()
    references: tuple[dict[str, Any], ...] = ()
    csl: str = "apa"
    nocite: tuple[str, ...] = ()
    organization: str = ""
    review: Review = field(default_factory=Review)
    disclaimer: str = ""
    copyright: str = ""
    version: str = ""
    handout: tuple[tuple[str, Any], ...] = ()
    slides: tuple[tuple[str, Any], ...] = ()
    url: str = ""
    keywords: tuple[str, ...] = ()
    abstract: str = ""
    audience: str = ""
    check: tuple[tuple[str, Any], ...] = ()
    ignored_keys: tuple[str, ...] = ()
    positions: tuple[tuple[str, Location], ...] = ()
    title_from: str = ""  # "" when the front matter has a title, else "heading" or "file" (Pandoc-style fallback)
    # Markdown in YAML strings, read as Pandoc reads it: ``title``/``subtitle``/``abstract`` above hold the plain
    # text (for <title>, PDF metadata, running heads), these the formatted inlines and blocks for display.
    title_inlines: tuple[Inline, ...] = ()
    subtitle_inlines: tuple[Inline, ...] = ()
    abstract_blocks: tuple[Block, ...] = ()
    abstract_title: str = ""  # Pandoc's ``abstract-title``: the abstract's label when the author names it

    def title_markup(self) -> tuple[Inline, ...]:
        return self.title_inlines or ((Text(self.title),) if self.title else ())

    def subtitle_markup(self) -> tuple[Inline, ...]:
        return self.subtitle_inlines or ((Text(self.subtitle),) if self.subtitle else ())

    def abstract_markup(self) -> tuple[Block, ...]:
        return self.abstract_blocks or ((Paragraph((Text(self.abstract),)),) if self.abstract else ())

    def position(self, key: str) -> Location | None:
        for name, loc in self.positions:
            if name == key:
                return loc
        return None

    def title_organization(self) -> str:
        """The organisation to print in a title block: empty when an author's affiliation already names it.

        "City Hospital" as ``organization`` and as an author's affiliation (or a part of one, "Oncology, City
        Hospital") is one institution, printed once.
        """
        def norm(text: str) -> str:
            return " ".join(re.sub(r"[^\w&]+", " ", text.casefold()).split()).removeprefix("the ")

        org = norm(self.organization)
        if not org:
            return ""
        for author in self.authors:
            parts = [p for a in author.affiliation_list() for p in (a, *a.split(","))]
            if any(norm(part) == org for part in parts):
                return ""
        return self.organization

    def option(self, group: str, key: str, default: Any = None) -> Any:
        """A per-output option, e.g. ``meta.option("handout", "paper", "letter")``."""
        for name, value in getattr(self, group):
            if name == key:
                return value
        return default


# ---------------------------------------------------------------- references


@dataclass(frozen=True)
class Reference:
    """One bibliography item as CSL-JSON (``data``) plus where it was read from."""

    id: str
    data: dict[str, Any] = field(hash=False, compare=False)
    location: Location | None = None


@dataclass(frozen=True)
class Document:
    """A whole source: metadata, blocks in source order, footnotes and references."""

    meta: Meta
    blocks: tuple[Block, ...]
    source_path: str
    name: str
    footnotes: tuple[tuple[str, tuple[Block, ...]], ...] = ()
    references: tuple[Reference, ...] = ()
    inputs: tuple[str, ...] = ()  # every file read to make this document (for hashing and caching)

    def footnote(self, label: str) -> tuple[Block, ...]:
        for name, blocks in self.footnotes:
            if name == label:
                return blocks
        return ()


# ---------------------------------------------------------------- rendered citations


@dataclass(frozen=True)
class BibEntry:
    """One formatted reference-list entry."""

    key: str
    runs: tuple[Run, ...]
    label: str = ""  # the citation number for numeric styles, else ""


@dataclass(frozen=True)
class RenderedCitations:
    """What the citation engine hands to writers: clusters and entries as runs."""

    clusters: dict[int, tuple[Run, ...]] = field(hash=False)
    entries: tuple[BibEntry, ...] = ()
    numeric: bool = False
    style: str = "apa"

    def cluster(self, cite: Cite) -> tuple[Run, ...]:
        return self.clusters.get(cite.id, (Run(cite.source_text),))


# ---------------------------------------------------------------- walking and sections


@dataclass(frozen=True)
class Section:
    """A level-1 heading and everything up to the next one (the deck's unit)."""

    heading: Heading | None
    blocks: tuple[Block, ...]


def section_level(blocks: tuple[Block, ...]) -> int:
    """The heading level that starts sections: the highest level the document uses (``#``, or ``##`` in a
    Manubot-style document whose title is in the front matter), as Pandoc works out its slide level."""
    return min((b.level for b in blocks if isinstance(b, Heading)), default=1)


def split_sections(blocks: tuple[Block, ...]) -> tuple[tuple[Block, ...], tuple[Section, ...]]:
    """Split blocks into the lead (before the first top-level heading) and the top-level sections."""
    top = section_level(blocks)
    lead: list[Block] = []
    sections: list[Section] = []
    current: Heading | None = None
    body: list[Block] = []
    for block in blocks:
        if isinstance(block, Heading) and block.level == top:
            if current is not None:
                sections.append(Section(current, tuple(body)))
            current, body = block, []
        elif current is None:
            lead.append(block)
        else:
            body.append(block)
    if current is not None:
        sections.append(Section(current, tuple(body)))
    return tuple(lead), tuple(sections)


def child_blocks(block: Block) -> Iterator[Block]:
    """Blocks nested directly inside ``block``."""
    if isinstance(block, (BlockQuote, Div)):
        yield from block.blocks
    elif isinstance(block, (BulletList, OrderedList)):
        for item in block.items:
            yield from item.blocks
    elif isinstance(block, DefinitionList):
        for ditem in block.items:
            for definition in ditem.definitions:
                yield from definition


def walk_blocks(blocks: tuple[Block, ...] | list[Block]) -> Iterator[Block]:
    """Every block, depth first, in source order."""
    for block in blocks:
        yield block
        yield from walk_blocks(tuple(child_blocks(block)))


def block_inlines(block: Block) -> Iterator[tuple[Inline, ...]]:
    """The inline sequences a block holds directly."""
    if isinstance(block, (Paragraph, Heading)):
        yield block.inlines
    elif isinstance(block, Table):
        yield block.caption
        for cell in block.header:
            yield cell
        for row in block.rows:
            yield from row
    elif isinstance(block, Figure):
        yield block.caption
    elif isinstance(block, DefinitionList):
        for item in block.items:
            yield item.term
    elif isinstance(block, LineBlock):
        yield from block.lines


def walk_inlines(inlines: tuple[Inline, ...]) -> Iterator[Inline]:
    """Every inline, depth first."""
    for inline in inlines:
        yield inline
        children = getattr(inline, "children", None)
        if children:
            yield from walk_inlines(children)


def iter_cites(document: Document) -> Iterator[Cite]:
    """Every citation cluster in reading order; a footnote's citations come where the note is called.

    That is where Pandoc places them, which decides numbering in numeric styles and first/subsequent
    citations.  Notes never called are read after the body.
    """
    notes = dict(document.footnotes)
    seen: set[str] = set()

    def from_inlines(inlines: tuple[Inline, ...]) -> Iterator[Cite]:
        for inline in walk_inlines(inlines):
            if isinstance(inline, Cite):
                yield inline
            elif isinstance(inline, FootnoteRef) and inline.label not in seen and inline.label in notes:
                seen.add(inline.label)
                yield from from_blocks(notes[inline.label])

    def from_blocks(blocks: tuple[Block, ...]) -> Iterator[Cite]:
        for block in walk_blocks(blocks):
            for inlines in block_inlines(block):
                yield from from_inlines(inlines)

    yield from from_blocks(document.blocks)
    for label, blocks in document.footnotes:
        if label not in seen:
            seen.add(label)
            yield from from_blocks(blocks)


def iter_images(document: Document) -> Iterator[Image]:
    for block in walk_blocks(document.blocks):
        if isinstance(block, Figure):
            yield block.image
        for inlines in block_inlines(block):
            for inline in walk_inlines(inlines):
                if isinstance(inline, Image):
                    yield inline


def plain_text(inlines: tuple[Inline, ...], citations: RenderedCitations | None = None) -> str:
    """Inline content as plain text; citations as their rendered text when given."""
    out: list[str] = []
    for inline in inlines:
        if isinstance(inline, Text):
            out.append(inline.text)
        elif isinstance(inline, Code):
            out.append(inline.text)
        elif isinstance(inline, (SoftBreak, LineBreak)):
            out.append(" ")
        elif isinstance(inline, Image):
            out.append(inline.alt)
        elif isinstance(inline, Cite):
            out.append(runs_text(citations.cluster(inline)) if citations else inline.source_text)
        elif isinstance(inline, FootnoteRef):
            continue
        elif isinstance(inline, Math):
            out.append(inline.tex + (f" ({inline.number})" if inline.number else ""))
        elif isinstance(inline, CrossRef):
            out.append(" ".join(t for t in (inline.prefix, inline.text or inline.label, inline.suffix) if t))
        else:
            out.append(plain_text(getattr(inline, "children", ()), citations))
    return "".join(out)


def blocks_text(blocks: tuple[Block, ...], citations: RenderedCitations | None = None) -> str:
    """Blocks as plain paragraphs separated by blank lines (speaker notes, readability)."""
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, (Paragraph, Heading)):
            parts.append(plain_text(block.inlines, citations))
        elif isinstance(block, (BulletList, OrderedList)):
            for item in block.items:
                parts.append("• " + blocks_text(item.blocks, citations).replace("\n\n", " "))
        elif isinstance(block, (BlockQuote, Div)):
            parts.append(blocks_text(block.blocks, citations))
        elif isinstance(block, CodeBlock):
            parts.append(block.text)
        elif isinstance(block, Table):
            for row in (block.header, *block.rows):
                parts.append(" | ".join(plain_text(c, citations) for c in row))
        elif isinstance(block, Figure):
            parts.append(plain_text(block.caption, citations) or block.image.alt)
        elif isinstance(block, LineBlock):
            parts.append("\n".join(plain_text(line, citations) for line in block.lines))
        elif isinstance(block, DefinitionList):
            for item in block.items:
                parts.append(plain_text(item.term, citations))
                parts.extend(blocks_text(d, citations) for d in item.definitions)
    return "\n\n".join(p for p in parts if p)
