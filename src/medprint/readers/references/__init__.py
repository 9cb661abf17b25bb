"""Reference files → CSL-JSON :class:`Reference` items, whatever format authors bring.

``load_references`` is what the source reader calls: every ``bibliography``
file (dispatched on its extension) plus the inline ``references:`` items,
with duplicate keys across all of them reported at the second place with the
first named in the hint.  ``read_reference_file`` reads one file (for
``medprint refs``).  Each format lives in its own module.
"""

from __future__ import annotations

import copy
import hashlib
import posixpath
import re
from collections import OrderedDict
from pathlib import Path
from typing import Callable, Iterable

from ...errors import LimitError, SourceError
from ...limits import Limits
from ...model import Location, Meta, Reference
from ...paths import resolve_source_path
from ...report import collecting, warn
from ._text import decode
from .cslyaml import inline_references

Parser = Callable[[str, str], list[Reference]]

# format -> (module, function): a reader is imported when a file of its format is read (bibtexparser and
# pylatexenc cost a CSL-JSON document's build 35 ms for nothing)
PARSERS: dict[str, tuple[str, str]] = {
    "csl-json": ("csljson", "parse_csljson"),
    "csl-yaml": ("cslyaml", "parse_cslyaml"),
    "bibtex": ("bibtex", "parse_bibtex"),
    "ris": ("ris", "parse_ris"),
    "medline": ("medline", "parse_medline"),
}


def parser_for(fmt: str) -> Parser:
    import importlib

    module, name = PARSERS[fmt]
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
EXTENSIONS = {
    ".json": "csl-json", ".yaml": "csl-yaml", ".yml": "csl-yaml", ".bib": "bibtex", ".bibtex": "bibtex",
    ".biblatex": "bibtex", ".ris": "ris", ".nbib": "medline", ".medline": "medline", ".txt": "medline",
}
_RIS_START = re.compile(r"^\s*TY {1,3}-", re.M)

__all__ = ["load_references", "read_reference_file", "parse_reference_text", "format_of", "check_duplicates",
           "EXTENSIONS", "PARSERS"]


_RECORD_STARTS = {
    "medline": re.compile(rb"^PMID- ", re.M),
    "ris": re.compile(rb"^\s*TY  -", re.M),
    "bibtex": re.compile(rb"^\s*@(?!(?:string|comment|preamble)\b)[A-Za-z]+\s*[{(]", re.M | re.I),
    "csl-yaml": re.compile(rb"^\s*-\s+id\s*:", re.M),
    "csl-json": re.compile(rb'"id"\s*:'),
}


def count_records(data: bytes, fmt: str) -> int:
    """About how many references a file holds, counted from where records start, without parsing it (so a file
    far over the limit is refused in milliseconds, not after seconds of parsing).  Exact for exports; for
    hand-made files the parsed count is checked again."""
    pattern = _RECORD_STARTS.get(fmt)
    return len(pattern.findall(data)) if pattern is not None else 0


def format_of(path: Path | str) -> str | None:
    """The format name for a file's extension, or None when unsupported."""
    return EXTENSIONS.get(Path(path).suffix.lower())


def parse_reference_text(text: str, fmt: str, file: str) -> list[Reference]:
    """Parse already-decoded text in a named format; ``.txt`` exports that are RIS are read as RIS."""
    if fmt == "medline" and file.lower().endswith(".txt") and _RIS_START.match(text.lstrip()[:20] or ""):
        fmt = "ris"
    if not text.strip():
        return []
    return parser_for(fmt)(text, file)


def read_reference_file(path: Path, display_name: str | None = None, *, limits: Limits | None = None,
                        where: Location | None = None) -> list[Reference]:
    """Read one reference file; ``display_name`` is the name errors and locations use."""
    limits = limits or Limits.from_env()
    name = display_name or str(path)
    fmt = format_of(path)
    if fmt is None:
        raise SourceError("reference.format", f"unknown reference file type '{Path(path).suffix}' for {name}", where,
                          hint="use .json (CSL-JSON), .yaml (CSL-YAML), .bib, .ris or .nbib (PubMed)")
    try:
        size = Path(path).stat().st_size
        if size > limits.reference_file_bytes:
            raise LimitError("limit.reference-file", f"{name} is {size} bytes, over the limit of "
                             f"{limits.reference_file_bytes}", where or Location(name),
                             hint="split the file, or raise MEDPRINT_LIMIT_REFERENCE_FILE_BYTES")
        data = Path(path).read_bytes()
    except OSError as exc:
        raise SourceError("reference.unreadable", f"cannot read {name}: {exc.strerror}", where or Location(name),
                          hint="check the file exists and is readable") from None
    if len(data) > limits.reference_file_bytes:
        raise LimitError("limit.reference-file", f"{name} is over the limit of {limits.reference_file_bytes} "
                         "bytes", where or Location(name), hint="raise MEDPRINT_LIMIT_REFERENCE_FILE_BYTES")
    counted = count_records(data, fmt)
    if counted > limits.references:  # stop before parsing: 100,000 PubMed records take 14 s and 440 MB to parse
        raise LimitError("limit.references", f"{name} holds {counted} references, over the limit of "
                         f"{limits.references}", where or Location(name, 1, 1), hint="raise MEDPRINT_LIMIT_REFERENCES")
    refs = _parse_cached(data, fmt, name)
    if len(refs) > limits.references:
        raise LimitError("limit.references", f"{name} holds {len(refs)} references, over the limit of "
                         f"{limits.references}", where or Location(name, 1, 1), hint="raise MEDPRINT_LIMIT_REFERENCES")
    return refs


_CACHE: "OrderedDict[tuple[str, str, str], tuple[list[Reference], list]]" = OrderedDict()
_CACHE_SIZE = 8


def _parse_cached(data: bytes, fmt: str, name: str) -> list[Reference]:
    """Parse, remembering the last few files by content: ``medprint watch`` re-reads an unchanged
    1,000-entry .bib on every save, and bibtexparser needs seconds for it.  Warnings are replayed."""
    key = (hashlib.sha256(data).hexdigest(), fmt, name)
    if key not in _CACHE:
        with collecting() as warnings:
            refs = parse_reference_text(decode(data, name), fmt, name)
        _CACHE[key] = (refs, list(warnings))
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    _CACHE.move_to_end(key)
    refs, warnings = _CACHE[key]
    for diagnostic in warnings:
        warn(diagnostic)
    return [Reference(r.id, copy.deepcopy(r.data), r.location) for r in refs]


def check_duplicates(refs: Iterable[Reference]) -> None:
    """Raise at the second of two references with the same key (keys are case-sensitive)."""
    first: dict[str, Reference] = {}
    for ref in refs:
        if ref.id in first:
            before = first[ref.id].location
            raise SourceError("reference.duplicate-key", f"duplicate reference key '{ref.id}'", ref.location,
                              hint=f"first defined at {before}; rename or remove one of them")
        first[ref.id] = ref


def _display(written: str, meta: Meta, where: Location | None) -> str:
    """The bibliography's name as users see it: beside the source file's own name."""
    if where and where.file and "/" in where.file:
        return posixpath.normpath(posixpath.join(posixpath.dirname(where.file), written))
    return posixpath.normpath(written)


def load_references(meta: Meta, source_dir: Path, *, limits: Limits | None = None) -> tuple[Reference, ...]:
    """Every reference of a document: its ``bibliography`` files in order, then inline ``references``."""
    limits = limits or Limits.from_env()
    refs: list[Reference] = []
    listed: dict[Path, str] = {}
    for i, written in enumerate(meta.bibliography):
        where = meta.position(f"bibliography.{i}") or meta.position("bibliography")
        path = resolve_source_path(written, source_dir, where, what="bibliography")
        if path in listed:
            raise SourceError("reference.listed-twice", f"bibliography '{written}' is listed twice", where,
                              hint=f"remove one of the entries (also listed as '{listed[path]}')")
        listed[path] = written
        refs.extend(read_reference_file(path, _display(written, meta, where), limits=limits, where=where))
        if len(refs) > limits.references:
            break
    if meta.references:
        locations = [meta.position(f"references.{i}") or meta.position("references")
                     for i in range(len(meta.references))]
        refs.extend(inline_references(meta.references, locations))
    if len(refs) > limits.references:
        raise LimitError("limit.references", f"the document has {len(refs)} references, over the limit of "
                         f"{limits.references}", meta.position("bibliography") or meta.position("references"),
                         hint="split the bibliography, or raise MEDPRINT_LIMIT_REFERENCES")
    from ...safety.text import check_values

    from ...diagnostics import Diagnostic
    from ...safety.text import describe_char, first_invisible, without_invisible

    for ref in refs:  # control characters made by JSON/YAML escapes would crash the deck's XML
        check_values(ref.data, ref.location, f"reference '{ref.id}'")
        invisible = first_invisible(ref.id)
        if invisible:
            warn(Diagnostic("reference.invisible-character", "warning", f"reference key '{ref.id}' contains the "
                            f"invisible character {describe_char(invisible)}; citations of '@"
                            f"{without_invisible(ref.id)}' will not find it", ref.location,
                            f"delete it from the key: '{without_invisible(ref.id)}'"))
    check_duplicates(refs)
    return tuple(refs)
