"""Words the CSL locale of a language already has ("and", "figure", "references"), read from the same
locale files the citation engine uses, so a label and a citation never disagree."""

from __future__ import annotations

import datetime as _dt
import functools

_CSL_NS = "{http://purl.org/net/xbiblio/csl}"


@functools.lru_cache(maxsize=64)
def _terms(lang: str) -> dict[tuple[str, str], str]:
    from lxml import etree

    from ..readers.md_citations import _locale_file

    path = _locale_file(lang)
    table: dict[tuple[str, str], str] = {}
    feminine: dict[tuple[str, str], str] = {}
    if path is None:
        return table
    for term in etree.parse(str(path)).iter(f"{_CSL_NS}term"):
        name, form = term.get("name") or "", term.get("form") or "long"
        single = term.find(f"{_CSL_NS}single")
        text = (single.text if single is not None else term.text) or ""
        if text.strip():
            if term.get("gender-form") == "feminine":  # the masculine (or neutral) form where both exist:
                feminine.setdefault((name, form), text.strip())  # day ordinals agree with 'day', masculine
            else:
                table.setdefault((name, form), text.strip())
    return {**feminine, **table}


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


@functools.lru_cache(maxsize=64)
def _date_text_form(lang: str) -> tuple[tuple[tuple[str, str, str, str], ...], bool]:
    """The locale's ``<date form="text">`` parts as (name, form, prefix, suffix), and whether day ordinals are
    limited to the first of the month."""
    from lxml import etree

    from ..readers.md_citations import _locale_file

    path = _locale_file(lang)
    if path is None:
        return (), False
    root = etree.parse(str(path)).getroot()
    parts: list[tuple[str, str, str, str]] = []
    for date in root.iter(f"{_CSL_NS}date"):
        if date.get("form") == "text":
            parts = [(p.get("name") or "", p.get("form") or "", p.get("prefix") or "", p.get("suffix") or "")
                     for p in date.iter(f"{_CSL_NS}date-part")]
            break
    options = root.find(f"{_CSL_NS}style-options")
    limited = options is not None and options.get("limit-day-ordinals-to-day-1") == "true"
    return tuple(parts), limited


def long_date(date: _dt.date, lang: str) -> str:
    """A date written out in the document's language from its CSL locale ("March 1, 2025", "1 de marzo de
    2025", "1º de março de 2025", "1. März 2025"); ISO when the locale has no text form."""
    parts, limited = _date_text_form(lang or "en-US")
    if not parts:
        return date.isoformat()
    out = []
    for name, form, prefix, suffix in parts:
        if name == "day":
            text = str(date.day)
            if form == "ordinal" and (date.day == 1 or not limited):
                text += csl_term(lang, f"ordinal-{date.day:02d}") or csl_term(lang, "ordinal")
        elif name == "month":
            text = csl_term(lang, f"month-{date.month:02d}") or str(date.month)
        elif name == "year":
            text = str(date.year)
        else:
            continue
        out.append(f"{prefix}{text}{suffix}")
    return "".join(out).strip()


_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December")


def display_date(date: _dt.date, lang: str) -> str:
    """The date as every output prints it: "March 1, 2025" in English (as medprint always has), the CSL
    locale's text form in other languages."""
    if (lang or "en").lower().startswith("en"):
        return f"{_MONTHS_EN[date.month - 1]} {date.day}, {date.year}"
    return long_date(date, lang)
