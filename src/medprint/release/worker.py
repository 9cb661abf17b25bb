"""One document of a release, as a pool job: read, check for release, build into its own folder, hash.

Runs in a worker process, so it takes and returns plain picklable values and
never raises: any failure becomes ``Outcome.error``, the document's first error
line, and the other documents go on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..cache import sha256_file, styles_files
from .manifest import DocumentEntry, FileEntry
from .shard import relative_key

OVERDUE = "publishing.review-overdue"


@dataclass
class Outcome:
    source: str  # relative to the project root
    entry: DocumentEntry | None = None
    files: list[FileEntry] = field(default_factory=list)
    error: str = ""


def first_error(exc: BaseException) -> str:
    """One line for a failure: the MedprintError's first problem, or an internal error."""
    from ..boundary import translate

    err = translate(exc)
    if err is None:
        return f"internal error: {type(exc).__name__}: {exc} [internal]"
    return err.lines()[0]


def _release_errors(diagnostics: list, allow_overdue: bool) -> tuple[list, bool]:
    """The check's errors that refuse a release, and whether the document is overdue."""
    errors = [d for d in diagnostics if d.severity == "error"]
    overdue = any(d.code == OVERDUE for d in diagnostics)
    if allow_overdue:
        errors = [d for d in errors if d.code != OVERDUE]
    return errors, overdue


def _iso(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def build_one(source: str, stage: str, root: str, formats: tuple[str, ...], pdf_variant: str | None,
              check: bool, allow_overdue: bool) -> Outcome:
    """Build ``source`` into the empty folder ``stage``; paths in the outcome are relative to it / ``root``."""
    from .. import api
    from ..atomic import write_bytes
    from ..cache import document_inputs
    from ..paths import styles_dir
    from ..report import collecting

    rel = relative_key(source, root)
    out = Path(stage)
    try:
        with collecting():
            document = api.read(Path(source))
            citations = api.cite(document)
            overdue = False
            if check:
                errors, overdue = _release_errors(api.check(document, citations, release=True), allow_overdue)
                if errors:
                    return Outcome(rel, error=errors[0].format())
            styles = styles_dir()
            rendered = {fmt: api.render(document, citations, fmt, styles=styles,
                                        pdf_variant=pdf_variant if fmt == "pdf" else None) for fmt in formats}
        for fmt, data in rendered.items():
            write_bytes(out / f"{document.name}.{fmt}", data)
    except Exception as exc:  # noqa: BLE001 - a failing document fails alone
        return Outcome(rel, error=first_error(exc))
    written = sorted(p for p in out.rglob("*")
                     if p.is_file() and not any(part.startswith(".") for part in p.relative_to(out).parts))
    files = [FileEntry(p.relative_to(out).as_posix(), rel, sha256_file(p), p.stat().st_size) for p in written]
    inputs = {relative_key(p, root): sha256_file(p) for p in {Path(source), *map(Path, document_inputs(document))}}
    inputs.update(styles_files(str(styles)))  # the shared templates, CSS, CSL and fonts
    meta = document.meta
    entry = DocumentEntry(
        name=document.name, source=rel, title=meta.title, version=meta.version,
        reviewed=_iso(meta.review.reviewed), next_review=_iso(meta.review.next_review),
        reviewer=meta.review.reviewer, overdue=overdue, inputs=dict(sorted(inputs.items())),
        files=tuple(f.path for f in files),
    )
    return Outcome(rel, entry, files)
