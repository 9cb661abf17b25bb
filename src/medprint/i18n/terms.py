"""Words the CSL locale of a language already has ("and", "figure", "references"), read from the same
locale files the citation engine uses, so a label and a citation never disagree."""

from __future__ import annotations

import functools

_CSL_NS = "{http://purl.org/net/xbiblio/csl}"


@functools.lru_cache(maxsize=64)
def _terms(lang: str) -> dict[tuple[str, str], str]:
    from lxml import etree

    from ..readers.md_citations import _locale_file

    path = _locale_file(lang)
    table: dict[tuple[str, str], str] = {}
    if path is None:
        return table
    for term in etree.parse(str(path)).iter(f"{_CSL_NS}term"):
        name, form = term.get("name") or "", term.get("form") or "long"
        single = term.find(f"{_CSL_NS}single")
        text = (single.text if single is not None else term.text) or ""
        if text.strip():
            table.setdefault((name, form), text.strip())
    return table


def csl_term(lang: str, name: str, form: str = "long") -> str:
    """The locale's term (singular), or "" when the locale lacks it."""
    return _terms(lang or "en-US").get((name, form), "")


def list_separators(count: int, lang: str) -> list[str]:
    """What follows each of ``count`` listed names: ``["", ]``, ``[" and ", ""]``, ``[", ", ", and ", ""]`` in
    English; the locale's 'and' term elsewhere ("A, B y C", "A, B e C"), with the serial comma only where the
    word is English "and" (as the CSL locales' own lists are written)."""
    if count < 2:
        return [""] * count
    word = csl_term(lang, "and") or "and"
    last = f" {word} " if count == 2 else (f", {word} " if word == "and" else f" {word} ")
    return [", "] * (count - 2) + [last, ""]


def join_names(names: list[str], lang: str) -> str:
    """Names as one list in the document's language: "A, B, and C", "A, B y C", "A, B e C", "A, B und C"."""
    names = [n for n in names if n]
    return "".join(n + sep for n, sep in zip(names, list_separators(len(names), lang)))
