"""Citation checks: every unknown key at once (with the closest key), uncited and repeated works.

Computed from the model, not from the citation engine, so one run reports
all problems with their locations instead of stopping at the first.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from ..diagnostics import Diagnostic
from ..identifiers import unresolved
from ..model import Document, Location, iter_cites


def _closest(key: str, keys: list[str]) -> str:
    lowered = {k.lower(): k for k in keys}
    if key.lower() in lowered:
        return lowered[key.lower()]
    close = difflib.get_close_matches(key, keys, n=1, cutoff=0.6)
    return close[0] if close else ""


def _written_key(key: str, location: Location | None, lines: list[str]) -> tuple[str, str] | None:
    """(what the author sees, what they meant) when an invisible character right after ``key`` in the source cut
    it (``@smith`` + U+200B + ``2021``), else None."""
    from ..safety.text import is_invisible

    if location is None or not location.line or location.line > len(lines):
        return None
    line = lines[location.line - 1]
    start = line.find("@" + key, max((location.col or 1) - 1, 0))
    if start < 0:
        start = line.find("@" + key)
    if start < 0:
        return None
    end = start + 1 + len(key)
    rest = end
    while rest < len(line) and (is_invisible(line[rest]) or line[rest].isalnum() or line[rest] in "_-:.") and \
            (rest > end or is_invisible(line[rest])):
        rest += 1
    written = line[start + 1:rest].rstrip(".:-")
    if written == key:
        return None
    meant = "".join(c for c in written if not is_invisible(c))
    return written, meant


def _source_lines(document: Document) -> list[str]:
    try:
        with open(document.source_path, encoding="utf-8-sig") as fh:
            return fh.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return []


def _unknown(key: str, keys: list[str], location: Location | None, lines: list[str] | None = None) -> Diagnostic:
    cut = _written_key(key, location, lines or [])
    if cut is not None:
        from ..safety.text import describe_char, first_invisible

        written, meant = cut
        char = first_invisible(written)
        known = " (a key the bibliography has)" if meant in keys else ""
        return Diagnostic("citation.invisible-character", "error",
                          f"citation key '@{written}' contains the invisible character {describe_char(char)}, "
                          f"which ends the key at '{key}'", location,
                          f"delete it: write '@{meant}'{known}")
    by_identifier = unresolved(key)
    if by_identifier is not None:
        code, message, hint = by_identifier
        return Diagnostic(code, "error", message, location, hint)
    close = _closest(key, keys)
    if close:
        hint = f"did you mean '@{close}'? (keys are case-sensitive)"
    elif keys:
        hint = "add the reference to the bibliography or fix the key"
    else:
        hint = "this document has no references: add a bibliography: file or references:"
    return Diagnostic("citation.unknown-key", "error", f"no reference with key '{key}'", location, hint)


def check_citations(document: Document) -> Iterator[Diagnostic]:
    keys = [ref.id for ref in document.references]
    known = set(keys)
    lines: list[str] | None = None
    cited: set[str] = set()
    for cite in iter_cites(document):
        seen: set[str] = set()
        for item in cite.items:
            where = item.location or cite.location
            cited.add(item.key)
            if item.key not in known:
                lines = _source_lines(document) if lines is None else lines
                yield _unknown(item.key, keys, where, lines)
            if item.key in seen:
                yield Diagnostic("citation.repeated-in-cluster", "warning",
                                 f"'{item.key}' is cited twice in one citation", where,
                                 "cite each work once per bracket; merge the locators")
            seen.add(item.key)

    nocite = set(document.meta.nocite)
    nocite_loc = document.meta.position("nocite")
    for key in sorted(nocite - {"*"}):
        if key.lstrip("@") not in known:
            yield _unknown(key.lstrip("@"), keys, nocite_loc)
    listed = {k.lstrip("@") for k in nocite}
    if "*" in listed:
        return
    reported: set[str] = set()
    for ref in document.references:
        if ref.id not in cited and ref.id not in listed and ref.id not in reported:
            reported.add(ref.id)
            yield Diagnostic("citation.uncited", "warning", f"reference '{ref.id}' is never cited", ref.location,
                             "cite it, list it under nocite: to keep it, or remove it")
