"""What goes on a section's slides, before any measuring: runs, talking points, tables, figures.

A section with a ``::: slides`` div shows that div as written.  Otherwise its
slides are derived: lists stay bullet lists (each item cut to its leading sentences, as
many as paragraphs keep); each paragraph becomes one
talking point, its first sentence (followed, as sub-points, by its second and
third sentences when they fit on the same number of slides), keeping the
citations those sentences carry (or, when they carry none, the paragraph's
other parenthetical citations);
``##`` headings start a new slide titled by that heading; tables and figures
get slides of their own.  ``handout-only`` divs are left out, ``slides-only``
divs are shown whole, ``notes`` divs go to the speaker notes only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Union

from ...model import (
    Block, BlockQuote, BulletList, Cite, Code, CodeBlock, DefinitionList, Div, LineBlock, Emph, Figure, FootnoteRef, Heading, Image, Inline,
    LineBreak, Link, OrderedList, Paragraph, RawBlock, RenderedCitations, Run, SoftBreak, Span, Strong, Subscript,
    Superscript, Table, Text, ThematicBreak, blocks_text,
)
from ...model import CrossRef, Math, callout_kind


@dataclass(frozen=True)
class Point:
    """One paragraph of slide text: plain, bulleted (``bullet='•'``) or numbered (``number>0``)."""

    runs: tuple[Run, ...]
    level: int = 0
    bullet: str = ""
    number: int = 0
    number_type: str = "arabicPeriod"  # a:buAutoNum type
    origin: int = -1  # index of the section block it was made from (its slide's speaker notes hold that block)


_NUM_KIND = {"lower-alpha": "alphaLc", "upper-alpha": "alphaUc", "lower-roman": "romanLc", "upper-roman": "romanUc"}
_NUM_DELIM = {"period": "Period", "one-paren": "ParenR", "two-parens": "ParenBoth"}


def number_type(block: OrderedList) -> str:
    """The DrawingML auto-number type for a Pandoc list style and delimiter (``(a)`` -> alphaLcParenBoth)."""
    return _NUM_KIND.get(block.style, "arabic") + _NUM_DELIM.get(block.delimiter, "Period")


@dataclass(frozen=True)
class NewSlide:
    """Start a new slide, optionally with its own title (a ``##`` heading)."""

    title: tuple[Run, ...] = ()


@dataclass(frozen=True)
class RefsHere:
    """The reference list stands here (a ``::: {#refs}`` div)."""


@dataclass(frozen=True)
class Equation:
    """Display math: a picture of its own on the slide, with its number."""

    math: Math


@dataclass(frozen=True)
class Callout:
    """A Quarto callout: its title and points, set in a box of the callout's colour."""

    kind: str
    title: tuple[Run, ...]
    points: tuple[Point, ...]


Item = Union[Point, Table, Figure, NewSlide, RefsHere, Equation, Callout]


# ---------------------------------------------------------------- inlines -> runs


def _tagged(inlines: tuple[Inline, ...], citations: RenderedCitations, style: dict) -> list[tuple[Run, int]]:
    """Runs with the id of the citation cluster they come from (-1 for ordinary text)."""
    out: list[tuple[Run, int]] = []

    def text(t: str) -> None:
        if t:
            out.append((Run(t, **style), -1))

    for inline in inlines:
        if isinstance(inline, Text):
            text(inline.text)
        elif isinstance(inline, Code):
            text(inline.text)
        elif isinstance(inline, (SoftBreak, LineBreak)):
            text(" ")
        elif isinstance(inline, Cite):
            out.extend((run, inline.id) for run in citations.cluster(inline))
        elif isinstance(inline, FootnoteRef):
            continue
        elif isinstance(inline, Image):
            text(inline.alt)
        elif isinstance(inline, Math):
            out.extend((run, -1) for run in _math_runs(inline, style))
        elif isinstance(inline, CrossRef):
            if inline.prefix:
                text(inline.prefix + " ")
            target = {"url": "#" + inline.target} if inline.target else {}
            out.append((Run(inline.text or inline.label, **{**style, **target}), -1))
            if inline.suffix:
                text((" " if inline.suffix[0].isalnum() else "") + inline.suffix)
        elif isinstance(inline, Emph):
            out.extend(_tagged(inline.children, citations, {**style, "italic": not style.get("italic", False)}))
        elif isinstance(inline, Strong):
            out.extend(_tagged(inline.children, citations, {**style, "bold": True}))
        elif isinstance(inline, Superscript):
            out.extend(_tagged(inline.children, citations, {**style, "superscript": True}))
        elif isinstance(inline, Subscript):
            out.extend(_tagged(inline.children, citations, {**style, "subscript": True}))
        elif isinstance(inline, Link):
            out.extend(_tagged(inline.children, citations, {**style, "url": inline.url}))
        elif isinstance(inline, Span):
            extra = {"small_caps": True} if "smallcaps" in inline.classes else {}
            if "strikeout" in inline.classes:
                extra["strike"] = True
            out.extend(_tagged(inline.children, citations, {**style, **extra}))
    return out


def _math_runs(node: Math, style: dict) -> tuple[Run, ...]:
    """Math in slide text: formatted runs (a display equation inside a sentence too); bad TeX as written."""
    from ...mathtex import MathError
    from ..math_render import runs

    try:
        found = runs(node.tex, style)
    except MathError:
        delim = "$$" if node.display else "$"
        return (Run(f"{delim}{node.tex}{delim}", **style),)
    return found + ((Run(f" ({node.number})", **style),) if node.number else ())


def merge_runs(runs) -> tuple[Run, ...]:
    """Join neighbouring runs of the same style; collapse doubled spaces; trim the ends."""
    merged: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        if merged and _same_style(merged[-1], run):
            merged[-1] = Run(merged[-1].text + run.text, **_style(run))
        else:
            merged.append(run)
    cleaned: list[Run] = []
    for run in merged:
        t = re.sub(r"\s+", " ", run.text)
        if cleaned and cleaned[-1].text.endswith(" ") and t.startswith(" "):
            t = t[1:]
        if t:
            cleaned.append(Run(t, **_style(run)))
    if cleaned:
        cleaned[0] = Run(cleaned[0].text.lstrip(), **_style(cleaned[0]))
        cleaned[-1] = Run(cleaned[-1].text.rstrip(), **_style(cleaned[-1]))
    return tuple(r for r in cleaned if r.text)


def _style(run: Run) -> dict:
    return {"italic": run.italic, "bold": run.bold, "small_caps": run.small_caps, "superscript": run.superscript,
            "subscript": run.subscript, "url": run.url, "strike": run.strike}


def _same_style(a: Run, b: Run) -> bool:
    return _style(a) == _style(b)


def inline_runs(inlines: tuple[Inline, ...], citations: RenderedCitations) -> tuple[Run, ...]:
    """Inlines as runs, citations as the engine's runs (exactly as the handout shows them)."""
    return merge_runs(run for run, _ in _tagged(inlines, citations, {}))


# ---------------------------------------------------------------- condensing a paragraph

_END = re.compile(r"[.!?][\"”’)]?(?=\s+[\"“(\[]?[A-Z0-9])")
_ABBREV = {"e.g", "i.e", "al", "vs", "dr", "fig", "figs", "approx", "no", "etc", "st", "mr", "mrs", "ms", "prof",
           "cf", "ca", "vol", "pp", "p", "tab", "ref", "refs", "eq", "sec", "chap", "ed", "eds", "jr", "sr", "u.s"}


def _sentence_ends(chars: str, owner: list[int]) -> list[int]:
    """Indexes just past each sentence's closing punctuation (not inside citations or after abbreviations)."""
    ends = []
    for m in _END.finditer(chars):
        if owner[m.start()] != -1:
            continue  # punctuation inside a citation
        before = chars[: m.start()].split()
        word = before[-1].lower().lstrip("([\"“") if before else ""
        if word in _ABBREV or (len(word) == 1 and word.isalpha()):
            continue
        ends.append(m.end())
    return ends


def condense(inlines: tuple[Inline, ...], citations: RenderedCitations, sentences: int = 1) -> list[tuple[Run, ...]]:
    """A paragraph's first ``sentences`` sentences with their citations: the points a speaker talks over.

    When the kept sentences carry no citation, the paragraph's parenthetical
    citations are carried onto the last kept sentence, before its full stop.
    """
    tagged = [(r, c) for r, c in _tagged(inlines, citations, {}) if r.text]
    chars = "".join(r.text for r, _ in tagged)
    owner: list[int] = []
    for run, cid in tagged:
        owner.extend([cid] * len(run.text))
    cuts = [0] + _sentence_ends(chars, owner) + [len(chars)]
    pieces: list[list[Run]] = [[] for _ in range(len(cuts) - 1)]
    cites: list[list[int]] = [[] for _ in range(len(cuts) - 1)]
    pos = 0
    for run, cid in tagged:
        start, stop = pos, pos + len(run.text)
        pos = stop
        for n in range(len(cuts) - 1):
            lo, hi = max(start, cuts[n]), min(stop, cuts[n + 1])
            if lo < hi:
                pieces[n].append(Run(run.text[lo - start: hi - start], **_style(run)) if cid == -1 else run)
                if cid != -1 and cid not in cites[n]:
                    cites[n].append(cid)
    kept = [merge_runs(p) for p in pieces[:sentences]]
    kept = [k for k in kept if k]
    if not kept:
        return []
    kept_cites = {c for cs in cites[:sentences] for c in cs}
    rest = [c for cs in cites[sentences:] for c in cs if c not in kept_cites]
    clusters = _parenthetical(inlines, list(dict.fromkeys(rest)))
    if kept_cites or not clusters:
        return kept
    last = list(kept[-1])
    tail = last[-1]
    stripped = tail.text.rstrip()
    punct = stripped[-1] if stripped and stripped[-1] in ".!?" else ""
    last[-1] = Run(stripped[: len(stripped) - len(punct)], **_style(tail))
    for cite in clusters:
        last.append(Run(" "))
        last.extend(citations.cluster(cite))
    if punct:
        last.append(Run(punct))
    kept[-1] = merge_runs(last)
    return kept


def join_runs(pieces: list[tuple[Run, ...]]) -> tuple[Run, ...]:
    """Words or sentences joined by single spaces into one merged run list."""
    out: list[Run] = []
    for n, runs in enumerate(pieces):
        if n:
            out.append(Run(" "))
        out.extend(runs)
    return merge_runs(out)


def _parenthetical(inlines: tuple[Inline, ...], ids: list[int]) -> list[Cite]:
    from ...model import walk_inlines

    found = {c.id: c for c in walk_inlines(inlines) if isinstance(c, Cite)}
    return [found[i] for i in ids if i in found and all(it.mode != "author-in-text" for it in found[i].items)]


# ---------------------------------------------------------------- blocks -> items


def _cls(block: Block, name: str) -> bool:
    return isinstance(block, Div) and block.has_class(name)


def slides_div(blocks: tuple[Block, ...]) -> Div | None:
    for block in blocks:
        if isinstance(block, Div) and block.has_class("slides"):
            return block
    return None


def section_items(blocks: tuple[Block, ...], citations: RenderedCitations, sentences: int = 1) -> list[Item]:
    """A section's slide content: its ``::: slides`` div as written, else derived points.

    ``sentences`` is how many leading sentences of each paragraph a derived
    slide keeps (the layout asks for more when they fit on the same slides).
    """
    explicit = slides_div(blocks)
    if explicit is not None:  # the slides div, then any slides-only content of the section
        extra = tuple(b for b in blocks if isinstance(b, Div) and b.has_class("slides-only"))
        return _items(explicit.blocks + extra, citations, condensed=False, level=0, sentences=sentences)
    return _items(blocks, citations, condensed=True, level=0, sentences=sentences)


def section_items_with_origin(blocks: tuple[Block, ...], citations: RenderedCitations,
                              sentences: int = 1) -> list[tuple[int, Item]]:
    """:func:`section_items` with, for each item, the index of the section block it comes from (-1 for a
    ``::: slides`` div written by hand): a slide's speaker notes are the text of the blocks it shows."""
    if slides_div(blocks) is not None:
        return [(-1, item) for item in section_items(blocks, citations, sentences)]
    out: list[tuple[int, Item]] = []
    for index, block in enumerate(blocks):
        for item in _items((block,), citations, condensed=True, level=0, sentences=sentences):
            out.append((index, replace(item, origin=index) if isinstance(item, Point) else item))
    return out


class SectionNotes:
    """Speaker notes slide by slide: each slide gets the full text of the blocks it shows (with their footnotes
    and the works they cite); the section's ``::: notes`` go on its first slide.  A hand-written ``::: slides``
    section has no block-to-slide link, so its first slide holds the section's whole text."""

    def __init__(self, blocks: tuple[Block, ...], citations: RenderedCitations, footnotes,
                 lang: str = "en-US") -> None:
        self.blocks, self.citations, self.footnotes, self.lang = blocks, citations, footnotes, lang
        self.explicit = slides_div(blocks) is not None
        self.first = True

    def __call__(self, origins) -> str:
        first, self.first = self.first, False
        if self.explicit:
            return section_notes(self.blocks, self.citations, self.footnotes, self.lang) if first else ""
        own = blocks_text(notes_divs(self.blocks), self.citations) if first else ""
        chosen = tuple(self.blocks[i] for i in sorted(set(origins)) if 0 <= i < len(self.blocks))
        shown = section_notes(strip_notes_divs(chosen), self.citations, self.footnotes, self.lang) if chosen else ""
        return "\n\n".join(t for t in (own, shown) if t)


def strip_notes_divs(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    return tuple(b for b in blocks if not (isinstance(b, Div) and b.has_class("notes")))


def has_explicit_slides(blocks: tuple[Block, ...]) -> bool:
    return slides_div(blocks) is not None


def _items(blocks, citations, *, condensed: bool, level: int, sentences: int = 1) -> list[Item]:
    out: list[Item] = []
    for block in blocks:
        if isinstance(block, Div) and callout_kind(block.classes) and not block.has_class("handout-only"):
            out.append(_callout(block, citations, sentences))
            continue
        if isinstance(block, Paragraph) and _display_math(block):
            out.append(Equation(_display_math(block)))  # type: ignore[arg-type]
            continue
        if isinstance(block, Div):
            if block.id == "refs":
                out.append(RefsHere())
            elif block.has_class("handout-only") or block.has_class("notes") or block.has_class("slides"):
                continue
            else:
                out.extend(_items(block.blocks, citations, condensed=condensed and not block.has_class("slides-only"),
                                  level=level, sentences=sentences))
        elif isinstance(block, Paragraph):
            if len(block.inlines) == 1 and isinstance(block.inlines[0], Image):
                img = block.inlines[0]
                out.append(Figure(img, (Text(img.alt),), block.location))
                continue
            if condensed:
                for n, runs in enumerate(condense(block.inlines, citations, sentences)):
                    out.append(Point(runs, level + (n > 0), "•" if n == 0 else "–"))
            else:
                runs = inline_runs(block.inlines, citations)
                if runs:
                    out.append(Point(runs, level, ""))
        elif isinstance(block, Heading):
            out.append(NewSlide(inline_runs(block.inlines, citations)))
        elif isinstance(block, ThematicBreak):
            out.append(NewSlide())
        elif isinstance(block, (BulletList, OrderedList)):
            for n, item in enumerate(block.items):
                first = True
                for sub in item.blocks:
                    if isinstance(sub, Paragraph) and first:
                        if condensed:  # a derived list item keeps its leading sentences in one bullet
                            kept = condense(sub.inlines, citations, sentences)
                            runs = join_runs(kept)
                        else:
                            runs = inline_runs(sub.inlines, citations)
                        if isinstance(block, OrderedList):
                            out.append(Point(runs, level, "", block.start + n, number_type(block)))
                        else:
                            out.append(Point(runs, level, "•" if level == 0 else "–"))
                        first = False
                    elif isinstance(sub, (BulletList, OrderedList)):
                        out.extend(_items((sub,), citations, condensed=condensed, level=min(level + 1, 2),
                                          sentences=sentences))
                    elif isinstance(sub, Paragraph) and not condensed:
                        out.append(Point(inline_runs(sub.inlines, citations), level + 1, ""))
        elif isinstance(block, LineBlock):  # one slide line per source line, never condensed
            for line in block.lines:
                runs = inline_runs(line, citations)
                out.append(Point(runs or (Run("\u00a0"),), level, ""))
        elif isinstance(block, DefinitionList):
            for ditem in block.items:  # the term in bold, each definition indented under it
                term = inline_runs(ditem.term, citations)
                out.append(Point(tuple(Run(r.text, **{**_style(r), "bold": True}) for r in term), level, ""))
                for definition in ditem.definitions:
                    for sub in definition:
                        if isinstance(sub, Paragraph):
                            out.append(Point(inline_runs(sub.inlines, citations), min(level + 1, 2), ""))
                        elif isinstance(sub, (BulletList, OrderedList, DefinitionList)):
                            out.extend(_items((sub,), citations, condensed=False, level=min(level + 1, 2),
                                              sentences=sentences))
        elif isinstance(block, BlockQuote):
            for sub in block.blocks:
                if isinstance(sub, Paragraph):
                    runs = inline_runs(sub.inlines, citations)
                    out.append(Point(tuple(Run(r.text, **{**_style(r), "italic": not r.italic}) for r in runs),
                                     level, ""))
        elif isinstance(block, (Table, Figure)):
            out.append(block)
        elif isinstance(block, (CodeBlock, RawBlock)):
            continue  # code and raw HTML stay in the notes
    return out


def _display_math(block: Paragraph) -> Math | None:
    """The display equation a paragraph holds alone (with at most punctuation around it), else None."""
    maths = [i for i in block.inlines if isinstance(i, Math)]
    rest = "".join(i.text for i in block.inlines if isinstance(i, Text)).strip(" \t\n.,;:")
    others = [i for i in block.inlines if not isinstance(i, (Math, Text, SoftBreak, LineBreak))]
    if len(maths) == 1 and maths[0].display and not rest and not others:
        return maths[0]
    return None


def _callout(block: Div, citations: RenderedCitations, sentences: int) -> Callout:
    """A callout shown whole (it is a warning or advice: never cut to its first sentence)."""
    kind = callout_kind(block.classes)
    title = dict(block.attributes).get("title") or kind.title()
    points = [p for p in _items(block.blocks, citations, condensed=False, level=0, sentences=sentences)
              if isinstance(p, Point)]
    return Callout(kind, (Run(title, bold=True),), tuple(points))


# ---------------------------------------------------------------- notes


def strip_for_notes(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """The section's own text: without slide-only content, handout-only content or notes divs."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Div):
            hidden = ("handout-only", "notes", "slides", "slides-only")
            if any(block.has_class(c) for c in hidden) or block.id == "refs":
                continue
            out.append(Div(strip_for_notes(block.blocks), block.classes, block.id, block.attributes, block.location))
        else:
            out.append(block)
    return tuple(out)


def notes_divs(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """The blocks of every ``::: notes`` div in a section, in order."""
    found: list[Block] = []
    for block in blocks:
        if isinstance(block, Div):
            if block.has_class("notes"):
                found.extend(block.blocks)
            elif not block.has_class("handout-only"):
                found.extend(notes_divs(block.blocks))
    return tuple(found)


def section_notes(blocks: tuple[Block, ...], citations: RenderedCitations, footnotes, lang: str = "en-US") -> str:
    """Speaker notes: the notes divs, then the section's full text, its footnotes and the works it cites
    (the "Note:" and "Sources:" labels in the document's language)."""
    from ...i18n.labels import Labels

    labels = Labels(lang)
    from ...model import walk_blocks, block_inlines, walk_inlines

    parts = []
    own = blocks_text(notes_divs(blocks), citations)
    if own:
        parts.append(own)
    body = blocks_text(strip_for_notes(blocks), citations)
    if body:
        parts.append(body)
    keys: list[str] = []
    notes: list[str] = []
    for block in walk_blocks(blocks):
        for inlines in block_inlines(block):
            for inline in walk_inlines(inlines):
                if isinstance(inline, Cite):
                    keys.extend(it.key for it in inline.items if it.key not in keys)
                elif isinstance(inline, FootnoteRef) and inline.label not in [n for n in notes]:
                    notes.append(inline.label)
    for label in notes:
        text = blocks_text(footnotes(label), citations)
        if text:
            parts.append(labels("Note: {text}", text=text))
    entries = [e for e in citations.entries if e.key in keys]
    if entries:
        parts.append(labels("Sources:") + "\n" + "\n".join("".join(r.text for r in e.runs) for e in entries))
    return "\n\n".join(parts)
