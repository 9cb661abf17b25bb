"""``medprint check``: located diagnostics over a Document, before anyone prints it.

:func:`check_document` runs every checker (citations, references, readability, publishing metadata, figures,
slides) and applies the source's ``check: {ignore: [...]}``.  Errors stop a build; warnings are printed.
:func:`check_source` also reads the source, turning a read failure into its error diagnostics.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Sequence

from ..diagnostics import Diagnostic
from ..model import Document, RenderedCitations
from .codes import CODES, ONLINE_CODES
from .config import load_config

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
UNIGNORABLE_FOR_RELEASE = {"publishing.review-overdue"}

__all__ = ["CODES", "ONLINE_CODES", "CheckResult", "check_document", "check_source", "read_for_check", "sort_diagnostics"]


def sort_diagnostics(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Errors first, then by file, line and column; identical findings once."""
    unique = list(dict.fromkeys(diagnostics))
    return sorted(unique, key=lambda d: (SEVERITY_ORDER.get(d.severity, 3), d.location is None,
                                         (d.location.file, d.location.line, d.location.col) if d.location else
                                         ("", 0, 0), d.code))


def check_document(document: Document, citations: RenderedCitations | None = None, *, release: bool = False,
                   today: dt.date | None = None, styles: Path | None = None,
                   outputs: Sequence[str] | None = None) -> list[Diagnostic]:
    """Every finding for ``document``, sorted, minus the codes its front matter ignores.

    ``release=True`` makes an overdue next-review date an error that ``ignore`` cannot silence.  ``citations`` (when the engine could render
    them) lets the slide check plan the deck (with ``styles``, default :func:`medprint.paths.styles_dir`);
    without it that check is skipped.
    """
    from .citations import check_citations
    from .figures import check_figures
    from .placeholders import check_placeholders
    from .publishing import check_ignored_keys, check_publishing
    from .readability import check_readability
    from .references import check_references
    from .slides import check_slide_accessibility, check_slides

    today = today or dt.date.today()
    config = load_config(document)
    found: list[Diagnostic] = list(config.problems)
    found += check_citations(document)
    found += check_references(document)
    found += check_readability(document, config)
    found += check_publishing(document, release=release, today=today, building=outputs is not None)
    found += check_placeholders(document, building=outputs is not None)
    found += check_figures(document)
    if outputs is None or "pptx" in outputs:  # a build without a deck does not plan one
        found += check_slides(document, citations, config, styles)
    found += check_slide_accessibility(document)  # headings and table headers matter in every output
    found += check_ignored_keys(document)
    fallback = document.meta.position("title")
    found = [d if d.location is not None or fallback is None else dataclasses.replace(d, location=fallback)
             for d in found]
    # a release never ships overdue content, whatever the source's ignore list says
    kept = [d for d in found if not config.ignored(d.code) or (release and d.code in UNIGNORABLE_FOR_RELEASE)]
    return sort_diagnostics(kept)


@dataclasses.dataclass
class CheckResult:
    """What checking one source found; ``document`` is None when it could not be read."""

    source: str
    name: str
    diagnostics: list[Diagnostic]
    document: Document | None = None

    def count(self, severity: str) -> int:
        return sum(1 for d in self.diagnostics if d.severity == severity)


def _read(path: Path) -> Document:
    from ..readers.source import read_source  # what api.read runs: the same reader and limits as build

    return read_source(path)


# Problems the engine raises that check_document already reports, all at once and located.
_REPORTED_BY_CHECK = {"citation.unknown-key", "citation.invisible-character", "citation.duplicate-key", "citation.unresolved-identifier",
                      "citation.bad-identifier"}


def _render(document: Document) -> tuple[RenderedCitations | None, list[Diagnostic]]:
    """The engine's citations (for the slide plan), or None and the engine's other errors (e.g. a bad CSL style)."""
    from ..citations import render_citations
    from ..errors import MedprintError

    try:
        return render_citations(document), []
    except MedprintError as err:
        return None, [Diagnostic(p.code, "error", p.message, p.location, p.hint) for p in err.problems
                      if p.code not in _REPORTED_BY_CHECK]


def read_for_check(path: Path | str) -> CheckResult:
    """Read one source as ``check`` does: the document, or (when it cannot be read) its error diagnostics.

    Warnings raised while reading are kept in ``diagnostics``.
    """
    from ..boundary import translate
    from ..errors import MedprintError
    from ..report import collecting

    path = Path(path)
    name = path.parent.name if path.name == "index.md" else path.stem
    with collecting() as warnings:
        try:
            document = _read(path)
        except Exception as exc:
            err = translate(exc)
            if not isinstance(err, MedprintError):
                raise
            problems = [Diagnostic(p.code, "error", p.message, p.location or _file_location(path), p.hint)
                        for p in err.problems]
            return CheckResult(str(path), name, sort_diagnostics(problems + list(warnings)))
    return CheckResult(str(path), document.name or name, list(warnings), document)


def check_source(path: Path | str, *, release: bool = False, today: dt.date | None = None) -> CheckResult:
    """Read and check one source; a source that cannot be read yields its error diagnostics."""
    from ..report import collecting

    read = read_for_check(path)
    document = read.document
    if document is None:
        return read
    with collecting() as warnings:
        citations, engine_errors = _render(document)
        found = engine_errors + check_document(document, citations, release=release, today=today)
    config = load_config(document)
    superseded = {"frontmatter.missing-title"} if any(d.code == "publishing.missing-title" for d in found) else set()
    extra = [w for w in read.diagnostics + list(warnings) if not config.ignored(w.code) and w.code not in superseded]
    return CheckResult(read.source, read.name, sort_diagnostics(found + extra), document)


def _file_location(path: Path):
    from ..model import Location

    return Location(str(path))
