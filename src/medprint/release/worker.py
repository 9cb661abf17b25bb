"""One document of a release, as pool jobs: ``inspect_one`` reads and checks it and hashes its inputs,
``build_one`` builds it into its own folder and hashes the outputs.

They run in worker processes, so they take and return plain picklable values
and never raise: any failure becomes ``Outcome.error``, the document's first
error line, and the other documents go on.  Inputs are named as the release
carries them: relative to the project root, and ``styles/…`` for the styles
folder wherever it lies; ``styles`` may point the build at another styles folder
(a verification rebuilds from the styles a release carries).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

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
    version_at: str = ""  # where its version: is written (file:line:col), for a same-version error


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


@contextlib.contextmanager
def _styles_from(styles: str | None) -> Iterator[Path]:
    """Use ``styles`` (when given) as the styles folder for this build, as ``MEDPRINT_STYLES`` does."""
    from ..paths import styles_dir

    if not styles:
        yield styles_dir()
        return
    before = os.environ.get("MEDPRINT_STYLES")
    os.environ["MEDPRINT_STYLES"] = styles
    try:
        yield styles_dir()
    finally:
        if before is None:
            os.environ.pop("MEDPRINT_STYLES", None)
        else:
            os.environ["MEDPRINT_STYLES"] = before


def input_key(path: Path, root: Path, styles: Path) -> str:
    """How the release names an input: ``styles/…`` inside the styles folder, else relative to the root."""
    path = path.resolve()
    try:
        return "styles/" + path.relative_to(styles).as_posix()
    except ValueError:
        return relative_key(path, root)


def _inputs(document, source: Path, root: Path, styles: Path) -> dict[str, str]:
    from ..cache import document_inputs

    inputs = {input_key(p, root, styles): sha256_file(p) for p in {source, *map(Path, document_inputs(document))}}
    inputs.update(styles_files(str(styles)))  # the shared templates, CSS, CSL and fonts
    outside = sorted(k for k in inputs if k.startswith("../"))
    if outside:
        from . import ReleaseError

        raise ReleaseError("release.outside", f"{outside[0]} lies outside the project folder, so the release "
                           "cannot carry it", hint="release from the folder that holds every source and its files")
    return dict(sorted(inputs.items()))


def _entry(document, rel: str, inputs: dict[str, str], overdue: bool, files: list[FileEntry]) -> DocumentEntry:
    meta = document.meta
    return DocumentEntry(
        name=document.name, source=rel, title=meta.title, version=meta.version,
        reviewed=_iso(meta.review.reviewed), next_review=_iso(meta.review.next_review),
        reviewer=meta.review.reviewer, overdue=overdue, inputs=inputs, files=tuple(f.path for f in files),
    )


def inspect_one(source: str, root: str, allow_overdue: bool) -> Outcome:
    """Read, cite and check ``source`` as for a release; its entry (without files) or its first error."""
    from .. import api
    from ..report import collecting

    rel = relative_key(source, root)
    try:
        with collecting(), _styles_from(None) as styles:
            document = api.read(Path(source))
            citations = api.cite(document)
            errors, overdue = _release_errors(api.check(document, citations, release=True), allow_overdue)
            if errors:
                return Outcome(rel, error=errors[0].format())
            inputs = _inputs(document, Path(source), Path(root), styles)
    except Exception as exc:  # noqa: BLE001 - a failing document fails alone
        return Outcome(rel, error=first_error(exc))
    where = document.meta.position("version")
    return Outcome(rel, _entry(document, rel, inputs, overdue, []), version_at=str(where or rel))


def build_one(source: str, stage: str, root: str, formats: tuple[str, ...], pdf_variant: str | None,
              check: bool, allow_overdue: bool, styles: str | None = None) -> Outcome:
    """Build ``source`` into the empty folder ``stage``; paths in the outcome are relative to it / ``root``."""
    from .. import api
    from ..atomic import write_bytes
    from ..report import collecting

    rel = relative_key(source, root)
    out = Path(stage)
    try:
        with collecting(), _styles_from(styles) as styles_path:
            document = api.read(Path(source))
            citations = api.cite(document)
            overdue = False
            if check:
                errors, overdue = _release_errors(api.check(document, citations, release=True), allow_overdue)
                if errors:
                    return Outcome(rel, error=errors[0].format())
            rendered = {fmt: api.render(document, citations, fmt, styles=styles_path,
                                        pdf_variant=pdf_variant if fmt == "pdf" else None) for fmt in formats}
            inputs = _inputs(document, Path(source), Path(root), styles_path)
        for fmt, data in rendered.items():
            write_bytes(out / f"{document.name}.{fmt}", data)
    except Exception as exc:  # noqa: BLE001 - a failing document fails alone
        return Outcome(rel, error=first_error(exc))
    written = sorted(p for p in out.rglob("*")
                     if p.is_file() and not any(part.startswith(".") for part in p.relative_to(out).parts))
    files = [FileEntry(p.relative_to(out).as_posix(), rel, sha256_file(p), p.stat().st_size) for p in written]
    where = document.meta.position("version")
    return Outcome(rel, _entry(document, rel, inputs, overdue, files), files, version_at=str(where or rel))
