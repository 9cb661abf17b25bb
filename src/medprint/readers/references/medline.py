"""PubMed MEDLINE/``.nbib`` exports → CSL items keyed ``pmid:NNNNNNNN`` (the Manubot convention).

The format is ``TAG - value`` lines (the tag padded to four characters),
values continued on lines indented by six spaces, records separated by blank
lines and each starting with ``PMID-``.  The only PyPI parser (``nbib``) is
unmaintained since 2021, and the format is small, so it is parsed here.
"""

from __future__ import annotations

import re
from typing import Any

from ...model import Location, Reference
from ._text import fail
from .normalize import family_initials, parse_date_text

_LINE = re.compile(r"^([A-Z][A-Z0-9]{1,3}) {0,3}- ?(.*)$")
_LANG = {"eng": "en", "fre": "fr", "ger": "de", "spa": "es", "ita": "it", "jpn": "ja", "chi": "zh", "rus": "ru",
         "por": "pt", "dut": "nl", "pol": "pl", "swe": "sv", "dan": "da", "nor": "no", "fin": "fi", "kor": "ko"}


def _records(text: str, file: str) -> list[tuple[int, list[tuple[str, str, int]]]]:
    """Records as (line of PMID, [(tag, value, line), ...]) with continuation lines joined."""
    records: list[tuple[int, list[tuple[str, str, int]]]] = []
    fields: list[tuple[str, str, int]] | None = None
    start = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip()
        if not line:
            continue
        if raw.startswith("      ") or raw.startswith("\t"):
            if not fields:
                raise fail("reference.parse", "continuation line outside a MEDLINE record", file, number, 1,
                           hint="records start with 'PMID- NNNNNNNN'")
            tag, value, at = fields[-1]
            fields[-1] = (tag, f"{value} {line.strip()}".strip(), at)
            continue
        m = _LINE.match(line)
        if not m:
            raise fail("reference.parse", "not a MEDLINE line (expected 'TAG - value')", file, number, 1,
                       hint="export from PubMed with 'Save' → Format: PubMed (a .nbib/.txt file)")
        tag, value = m.group(1), m.group(2).strip()
        if tag == "PMID":
            fields, start = [], number
            records.append((start, fields))
        elif fields is None:
            raise fail("reference.missing-id", f"MEDLINE record without a PMID (tag '{tag}' comes first)",
                       file, number, 1, hint="each record must start with 'PMID- NNNNNNNN'")
        fields.append((tag, value, number))
    return records


def _name_full(value: str) -> dict[str, str]:
    """``FAU - McQuade, Jennifer L`` → family/given (an ``AU`` fallback: ``McQuade JL``)."""
    if "," in value:
        family, _, given = value.partition(",")
        parts = [p.strip() for p in given.split(",")]
        name = {"family": family.strip()}
        if parts and parts[0]:
            name["given"] = parts[0]
        if len(parts) > 1 and parts[1]:
            name["suffix"] = parts[1]
        return name
    return family_initials(value) or {"family": value}


def _names(fields: list[tuple[str, str, int]], full: str, short: str, group: str | None) -> list[dict[str, str]]:
    """Authors in file order; FAU preferred, AU when a record has no FAU; CN as group authors."""
    has_full = any(t == full for t, _, _ in fields)
    names = []
    for tag, value, _ in fields:
        if (tag == full or (tag == short and not has_full)) and value:
            names.append(_name_full(value))
        elif group and tag == group and value:
            names.append({"literal": value})
    return names


def _clean_title(value: str) -> str:
    return value[:-1] if value.endswith(".") and not value.endswith("..") else value


def expand_pages(pages: str) -> str:
    """MEDLINE abbreviates ranges (``1120-9``, ``91-7``); write them out so every style prints them right."""
    m = re.fullmatch(r"([A-Za-z]*)(\d+)-([A-Za-z]*)(\d+)", pages.strip())
    if not m or len(m.group(4)) >= len(m.group(2)):
        return pages
    start, end = m.group(2), m.group(4)
    return f"{m.group(1)}{start}-{m.group(3) or m.group(1)}{start[:len(start) - len(end)]}{end}"


def record_to_csl(pmid: str, fields: list[tuple[str, str, int]]) -> dict[str, Any]:
    first: dict[str, str] = {}
    all_values: dict[str, list[str]] = {}
    for tag, value, _ in fields:
        first.setdefault(tag, value)
        all_values.setdefault(tag, []).append(value)
    types = [t.lower() for t in all_values.get("PT", [])]
    is_book = "BTI" in first or "book" in types or ("JT" not in first and "PB" in first)
    csl_type = "article-journal"
    if "preprint" in types:
        csl_type = "article"
    elif is_book:
        csl_type = "chapter" if "BTI" in first and "TI" in first else "book"
    data: dict[str, Any] = {"id": f"pmid:{pmid}", "type": csl_type, "PMID": pmid}
    title = first.get("TI") or first.get("BTI", "")
    if title:
        data["title"] = _clean_title(title)
    if csl_type == "chapter" and first.get("BTI"):
        data["container-title"] = _clean_title(first["BTI"])
    authors = _names(fields, "FAU", "AU", "CN")
    if authors:
        data["author"] = authors
    editors = _names(fields, "FED", "ED", None)
    if editors:
        data["editor"] = editors
    if first.get("JT"):
        data["container-title"] = first["JT"]
    if first.get("TA") and first.get("TA") != first.get("JT"):
        data["container-title-short"] = first["TA"]
    for tag, var in (("VI", "volume"), ("IP", "issue"), ("PG", "page"), ("AB", "abstract"), ("PB", "publisher"),
                     ("PL", "publisher-place"), ("CTI", "collection-title"), ("EN", "edition")):
        if first.get(tag):
            data[var] = first[tag]
    if "page" in data:
        data["page"] = expand_pages(data["page"])
    if "publisher-place" in data and not is_book:
        del data["publisher-place"]  # the journal's country, not a publisher's place
    date = parse_date_text(first.get("DP", "")) if first.get("DP") else {}
    if "date-parts" not in date and first.get("DEP", "").isdigit() and len(first["DEP"]) == 8:
        dep = first["DEP"]
        date = {"date-parts": [[int(dep[:4]), int(dep[4:6]), int(dep[6:])]]}
    if date:
        data["issued"] = date
    for value in all_values.get("AID", []) + all_values.get("LID", []):
        m = re.fullmatch(r"(.+?)\s*\[doi\]", value)
        if m:
            data.setdefault("DOI", m.group(1).strip())
    pmc = first.get("PMC", "")
    if re.fullmatch(r"PMC\d+", pmc):
        data["PMCID"] = pmc
    isbn = first.get("ISBN")
    if isbn:
        data["ISBN"] = isbn
    issn = re.match(r"[\dX]{4}-[\dX]{4}", first.get("IS", ""))
    if issn and not is_book:
        data["ISSN"] = issn.group(0)
    lang = first.get("LA", "").lower()
    if lang in _LANG:
        data["language"] = _LANG[lang]
    return data


def parse_medline(text: str, file: str) -> list[Reference]:
    """Parse a PubMed MEDLINE export into references keyed ``pmid:NNNNNNNN``."""
    refs = []
    for line, fields in _records(text, file):
        pmid = fields[0][1] if fields else ""
        if not re.fullmatch(r"\d{1,9}", pmid):
            raise fail("reference.missing-id", f"MEDLINE record has an invalid PMID '{pmid}'", file, line, 1,
                       hint="a PMID is digits only: 'PMID- 32577835'")
        data = record_to_csl(pmid, fields[1:])
        refs.append(Reference(data["id"], data, Location(file, line, 1)))
    return refs
