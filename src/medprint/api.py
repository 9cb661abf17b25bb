"""The Python API the CLI calls: find sources, read them, build them, check them.

``build_document`` is the whole pipeline for one source: read -> check ->
citations -> every writer in memory -> atomic writes.  Nothing is written until
every requested output has rendered, so a failure leaves earlier outputs as
they were.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from .atomic import sweep_temporaries, write_bytes
from .diagnostics import Diagnostic
from .errors import MedprintError, SourceError, UsageError
from .model import Document, RenderedCitations

FORMATS = ("pdf", "pptx", "html")
SOURCES_DIR = Path("sources")


@dataclass
class DocumentResult:
    """What building one source did."""

    source: Path
    name: str
    outputs: dict[str, Path] = field(default_factory=dict)
    warnings: list[Diagnostic] = field(default_factory=list)
    skipped: bool = False
    seconds: float = 0.0
    inputs: tuple[str, ...] = ()  # every file read (for the build cache, medprint.cache)


@dataclass
class BuildReport:
    results: list[DocumentResult] = field(default_factory=list)
    failures: list[tuple[Path, MedprintError]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


# --------------------------------------------------------------------- finding sources


def _source_in_folder(folder: Path) -> Path | None:
    for candidate in (folder / "index.md", folder / f"{folder.name}.md"):
        if candidate.is_file():
            return candidate
    return None


def discover_sources(paths: Iterable[str | Path] | None = None, root: str | Path = SOURCES_DIR) -> list[Path]:
    """Sources named on the command line, or every source under ``root``.

    A source is ``NAME.md``, ``NAME/index.md`` or ``NAME/NAME.md``; a folder that
    is not itself a source is searched one level down.
    """
    named = [Path(p) for p in (paths or [])]
    if not named:
        named = [Path(root)]
        if not Path(root).is_dir():
            raise UsageError("usage.no-sources", f"no '{root}' folder here and no source named",
                             hint="run medprint in the project folder, name a source, or run 'medprint new NAME'")
    found: list[Path] = []
    for path in named:
        if path.is_file():
            found.append(path)
        elif path.is_dir():
            own = _source_in_folder(path)
            if own is not None:
                found.append(own)
                continue
            for child in sorted(path.iterdir()):
                if child.is_file() and child.suffix == ".md" and not child.name.startswith((".", "_")) \
                        and child.name.lower() != "readme.md":
                    found.append(child)
                elif child.is_dir() and not child.name.startswith((".", "_")):
                    inner = _source_in_folder(child)
                    if inner is not None:
                        found.append(inner)
        else:
            raise UsageError("usage.missing-source", f"no such source: {path}",
                             hint="give a .md file or a folder holding index.md")
    from .paths import check_source_link

    for path in found:
        check_source_link(path)  # a symlinked source would read files from its target's folder
    unique = list(dict.fromkeys(p.resolve() for p in found))
    if not unique:
        raise UsageError("usage.no-sources", f"no sources found in {', '.join(map(str, named))}",
                         hint="add NAME/index.md or run 'medprint new NAME'")
    return [Path(_relative(p)) for p in unique]


def _relative(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


# --------------------------------------------------------------------- pipeline stages


def read(source: str | Path) -> Document:
    """Read one source (front matter, body, references) into the document model."""
    from .readers.source import read_source

    return read_source(Path(source))


def cite(document: Document) -> RenderedCitations:
    """Resolve every citation and the reference list once, as styled runs."""
    from .citations import render_citations

    return render_citations(document)


def resolve(document: Document) -> tuple[Document, RenderedCitations]:
    """Citations rendered once, and the document with the spacing they need (no space before a superscript)."""
    from .citations.placement import place_citations

    citations = cite(document)
    return place_citations(document, citations), citations


def check(document: Document, citations: RenderedCitations | None = None, *, release: bool = False,
          outputs: Sequence[str] | None = None) -> list[Diagnostic]:
    """Diagnostics for one document (see ``medprint check``); ``outputs`` limits output-specific checks (the
    slide plan) to the outputs being built."""
    from .check import check_document

    return check_document(document, citations, release=release, outputs=outputs)


def render(document: Document, citations: RenderedCitations, fmt: str, *, styles: Path,
           pdf_variant: str | None = None) -> bytes:
    """One output in memory.  Writers are pure; none of them knows another exists."""
    if fmt == "html":
        from .writers.html import render_html

        return render_html(document, citations, styles=styles).encode("utf-8")
    if fmt == "pdf":
        from .writers.pdf import render_pdf

        return render_pdf(document, citations, styles=styles, variant=pdf_variant)
    if fmt == "pptx":
        from .writers.pptx import render_pptx

        return render_pptx(document, citations, styles=styles)
    raise UsageError("usage.format", f"unknown output format '{fmt}'", hint=f"use one of {', '.join(FORMATS)}")


def parse_formats(value: str | Sequence[str] | None) -> tuple[str, ...]:
    if value is None:
        return FORMATS
    items = value.split(",") if isinstance(value, str) else list(value)
    formats = tuple(dict.fromkeys(i.strip().lower() for i in items if i.strip()))
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise UsageError("usage.format", f"unknown output format '{(bad or [''])[0]}'",
                         hint=f"--to takes a comma-separated list of {', '.join(FORMATS)}")
    return formats


def build_document(
    source: str | Path,
    out_dir: str | Path = "output",
    formats: Sequence[str] = FORMATS,
    *,
    pdf_variant: str | None = None,
    styles: Path | None = None,
    run_check: bool = True,
    name: str | None = None,
) -> DocumentResult:
    """Read, check, cite and render one source, then write its outputs atomically."""
    from .paths import styles_dir
    from .report import collecting

    started = time.perf_counter()
    styles = styles or styles_dir()
    out_dir = Path(out_dir)
    from .build_memo import build_memo

    with collecting() as warnings, build_memo():  # the slide check's deck plan is the one the deck writer uses
        document = read(source)
        try:
            document, citations = resolve(document)
        except SourceError as exc:
            if run_check and exc.code.startswith("citation."):
                _raise_check_errors(check(document, None))  # every unknown key at once, not just the first
            raise
        from .safety.glyphs import warn_missing_glyphs

        warn_missing_glyphs(document, citations, tuple(formats))  # text.missing-glyphs, never silent tofu
        handout = _start_handout(document, citations, formats, styles, pdf_variant)  # runs while we check
        try:
            if run_check:
                findings = check(document, citations, outputs=formats)
                _raise_check_errors(findings)
                warnings.extend(d for d in findings if d.severity == "warning" and d not in warnings)
        except BaseException:
            if handout is not None:
                handout.cancel()  # a check error stops the build before any output, as before
            raise
        rendered = _render_all(document, citations, formats, styles, pdf_variant, handout)
    stem = name or document.name
    sweep_temporaries(out_dir, stem)  # only this document's: others may be writing in parallel (--jobs)
    outputs = {fmt: write_bytes(out_dir / f"{stem}.{fmt}", data) for fmt, data in rendered.items()}
    from .cache import document_inputs

    return DocumentResult(Path(source), stem, outputs, list(warnings), seconds=time.perf_counter() - started,
                          inputs=document_inputs(document))


HANDOUT_FORK_MIN_CHARS = 40_000  # about 17 printed pages: from there a fresh render outweighs a warm one's gain
_PREPARED: list = [None]  # a writers.forked.Prepared child waiting for this process's one handout


def _prepare_handout_child(count: int, formats: Sequence[str]) -> None:
    """On a cold start that builds one handout, fork the child that will render it now, so it imports
    WeasyPrint while this process reads, cites and checks (see :class:`medprint.writers.forked.Prepared`)."""
    import sys

    from .writers.forked import Prepared, can_fork, take_early

    early = take_early()  # forked by medprint.launch at program start, if it was
    if count != 1 or "pdf" not in formats or "weasyprint" in sys.modules:
        if early is not None:
            early.cancel()
        return
    if early is not None:
        _PREPARED[0] = early
    elif can_fork():
        _PREPARED[0] = Prepared(_import_handout_writer)


def _import_handout_writer() -> None:
    import medprint.api  # noqa: F401 - the job's functions are pickled by reference to this module
    import medprint.writers.pdf  # noqa: F401 - WeasyPrint, imported in the child


def _drop_prepared_child() -> None:
    prepared, _PREPARED[0] = _PREPARED[0], None
    if prepared is not None:
        prepared.cancel()


def _start_handout(document: Document, citations: RenderedCitations, formats: Sequence[str], styles: Path,
                   pdf_variant: str | None):
    """The handout (half a build's time) rendering in a forked child, or None where that does not apply.

    Only when other outputs are wanted too, the document is long (a child starts from this process's state
    and its warmed-up caches die with it: a short handout in ``medprint watch`` renders faster here), and
    where :func:`medprint.writers.forked.can_fork` allows.
    """
    if "pdf" not in formats:
        return None
    prepared, _PREPARED[0] = _PREPARED[0], None
    if prepared is not None:  # a cold start forked a child that has been importing WeasyPrint meanwhile
        page = _print_page(document, citations, styles)  # made here: the child is still importing
        if page is None:
            handle = prepared.submit(render, document, citations, "pdf", styles=styles, pdf_variant=pdf_variant)
        else:
            handle = prepared.submit(_pdf_from_page, document, page[0], styles, pdf_variant)
        if handle is not None:
            return handle if page is None else _WithWarnings(handle, page[1])
    if len(formats) < 2:
        return None
    from .model import blocks_text

    size = len(blocks_text(document.blocks, citations)) + sum(len(r.text) for e in citations.entries for r in e.runs)
    if size < HANDOUT_FORK_MIN_CHARS:
        return None
    from .writers.forked import Forked, can_fork

    if not can_fork():
        return None
    return Forked(lambda: render(document, citations, "pdf", styles=styles, pdf_variant=pdf_variant))


def _print_page(document: Document, citations: RenderedCitations, styles: Path) -> tuple[str, list] | None:
    """The handout's print page and the warnings making it gave, or None if making it failed (the handout
    is then rendered whole, where its errors are reported in a sequential build's order)."""
    from .report import collecting
    from .writers.html import render_html

    try:
        with collecting() as warnings:
            page = render_html(document, citations, styles=styles, for_print=True)
    except Exception:  # noqa: BLE001 - reported by the whole render that follows
        return None
    return page, list(warnings)


def _pdf_from_page(document: Document, page: str, styles: Path, pdf_variant: str | None) -> bytes:
    from .writers.pdf import render_pdf_page

    return render_pdf_page(document, page, styles=styles, variant=pdf_variant)


class _WithWarnings:
    """A child's handle whose result carries, first, the warnings of the part of its job done here."""

    def __init__(self, handle, warnings: list) -> None:
        self._handle, self._warnings = handle, warnings

    def result(self):
        done = self._handle.result()
        return None if done is None else (done[0], self._warnings + list(done[1]))

    def cancel(self) -> None:
        self._handle.cancel()


def _render_all(document: Document, citations: RenderedCitations, formats: Sequence[str], styles: Path,
                pdf_variant: str | None, handout=None) -> dict[str, bytes]:
    """Every output, in ``formats`` order, with the warnings a sequential render gives in the same order.

    With ``handout`` (see :func:`_start_handout`) the PDF comes from the child while this process renders
    the rest; if the child failed, the PDF is rendered here, so its error (which a sequential build meets
    first) is the one raised.
    """
    from .report import collecting, warn

    def one(fmt: str) -> bytes:
        return render(document, citations, fmt, styles=styles, pdf_variant=pdf_variant)

    if handout is None:
        return {fmt: one(fmt) for fmt in formats}
    try:
        with collecting() as later:  # the others' warnings come after the handout's, as in sequence
            out = {fmt: one(fmt) for fmt in formats if fmt != "pdf"}
    except Exception:
        if handout.result() is None:
            one("pdf")  # the handout comes first in a sequential build: its error is the one reported
        raise
    except BaseException:
        handout.cancel()
        raise
    done = handout.result()
    if done is None:
        out["pdf"] = one("pdf")  # warns straight into the build's list, before the others' below
    else:
        out["pdf"] = done[0]
        for diagnostic in done[1]:
            warn(diagnostic)
    for diagnostic in later:
        warn(diagnostic)
    return {fmt: out[fmt] for fmt in formats}


def _raise_check_errors(findings: list[Diagnostic]) -> None:
    """Errors from ``medprint check`` stop a build, all of them reported together."""
    from .errors import Problem

    errors = [d for d in findings if d.severity == "error"]
    if errors:
        raise SourceError.many([Problem(d.code, d.message, d.location, d.hint) for d in errors])


raise_check_errors = _raise_check_errors  # for callers outside the build (the live preview)

ProgressHook = Callable[[str, int, int], None]


def build(
    sources: Iterable[str | Path] | None = None,
    *,
    to: str | Sequence[str] | None = None,
    out_dir: str | Path = "output",
    pdf_variant: str | None = None,
    force: bool = False,
    jobs: int | None = 1,
    progress: ProgressHook | None = None,
) -> BuildReport:
    """Build every source (or the ones named); one document's failure does not stop the others.

    Incremental (issue 8): a source whose inputs, options, styles and tools are unchanged since its outputs
    were made is skipped (``skipped=True``) unless ``force``; ``jobs`` > 1 builds in a process pool.
    """
    # -- incremental + parallel loop (medprint.cache, medprint.pool): api never imports the release package
    from .cache import BuildCache, build_key
    from .paths import styles_dir
    from .pool import run_jobs
    from .warmup import warm

    formats = parse_formats(to)
    paths = discover_sources(sources)
    cache = BuildCache(out_dir)
    key = build_key(formats, {"pdf_variant": pdf_variant}, styles_dir())
    by_path: dict[Path, DocumentResult | MedprintError] = {}
    todo: list[Path] = []
    for path in paths:
        fresh = None if force else cache.fresh_outputs(path, key)
        if fresh is None:
            todo.append(path)
        else:
            by_path[path] = DocumentResult(path, fresh[0].stem, {p.suffix[1:]: p for p in fresh}, skipped=True)
    jobs_args = [(str(p), (p, out_dir, formats, pdf_variant)) for p in todo]
    _prepare_handout_child(len(todo), formats)
    try:
        outcomes = run_jobs(_build_job, jobs_args, jobs=jobs, on_error=_job_error, hook=progress, initializer=warm)
    finally:
        _drop_prepared_child()  # a document that failed before its handout leaves the child unused
    for path, outcome in zip(todo, outcomes):
        if isinstance(outcome, DocumentResult):
            cache.store(path, key, outcome.inputs, outcome.outputs.values())
        else:
            outcome = outcome.to_error()
            cache.forget(path)
        by_path[path] = outcome
    report = BuildReport()
    for path in paths:
        outcome = by_path[path]
        if isinstance(outcome, DocumentResult):
            report.results.append(outcome)
        else:
            report.failures.append((path, outcome))
    return report


@dataclass
class _JobError:
    """A MedprintError as plain data: exceptions with custom ``__init__`` do not survive pickling."""

    kind: type
    problems: list

    def to_error(self) -> MedprintError:
        first = self.problems[0]
        err = self.kind(first.code, first.message, first.location, first.hint)
        err.problems = list(self.problems)
        err.args = ("\n".join(p.format() for p in self.problems),)
        return err


def _build_job(path: Path, out_dir: str | Path, formats: Sequence[str], pdf_variant: str | None):
    """One document in a pool worker (or in-process for ``jobs=1``)."""
    from .boundary import translate

    try:
        return build_document(path, out_dir, formats, pdf_variant=pdf_variant)
    except Exception as exc:  # noqa: BLE001 - translated; unknown exceptions become internal errors
        from .boundary import print_traceback_if_asked

        print_traceback_if_asked(exc)
        err = translate(exc) or MedprintError("internal", f"{type(exc).__name__}: {exc}",
                                              hint="rerun with --traceback and report it")
        return _JobError(type(err), err.problems)


def _job_error(label: str, exc: BaseException) -> _JobError:
    err = MedprintError("internal", f"building {label} stopped: {type(exc).__name__}: {exc}",
                        hint="rerun with --jobs 1 --traceback and report it")
    return _JobError(MedprintError, err.problems)
