"""RIS (PubMed via Zotero, EndNote, Mendeley, journal sites) → CSL items.

A small line scanner splits the file into ``TY``…``ER`` records, keeping each
record's line and reporting a record without ``ER`` (rispy would silently
drop it); rispy then reads each record's tags.  The citation key is the
record's ``ID`` field, else a generated ``familyYEAR`` key (see
:func:`normalize.generated_key`).
"""

from __future__ import annotations

import re
from typing import Any

import rispy

from ...model import Location, Reference
from ._text import fail
from .normalize import family_initials, generated_key, parse_date_text, unique_key

_TAG = re.compile(r"^([A-Z][A-Z0-9])[ \t]{0,3}-(?: (.*)|[ \t]*)$")

TYPES = {
    "JOUR": "article-journal", "JFULL": "article-journal", "ABST": "article-journal", "INPR": "article-journal",
    "EJOUR": "article-journal", "MGZN": "article-magazine", "NEWS": "article-newspaper",
    "BOOK": "book", "EBOOK": "book", "EDBOOK": "book", "CLSWK": "book", "SER": "book",
    "CHAP": "chapter", "ECHAP": "chapter", "RPRT": "report", "GOVDOC": "report", "STAND": "report",
    "THES": "thesis", "ELEC": "webpage", "WEB": "webpage", "BLOG": "post-weblog", "DATA": "dataset",
    "DBASE": "dataset", "AGGR": "dataset", "CONF": "paper-conference", "CPAPER": "paper-conference",
    "GEN": "article", "UNPB": "manuscript", "MANSCPT": "manuscript", "PAT": "patent", "COMP": "software",
    "CASE": "legal_case", "STAT": "legislation", "BILL": "bill", "HEAR": "hearing", "MAP": "map",
    "MPCT": "motion_picture", "VIDEO": "motion_picture", "SOUND": "song", "MUSIC": "song",
    "PCOMM": "personal_communication", "ICOMM": "personal_communication", "ENCYC": "entry-encyclopedia",
    "DICT": "entry-dictionary", "PAMP": "pamphlet", "ART": "graphic", "SLIDE": "speech", "PRESS": "article",
}
_SERIES_T2 = {"book", "report", "thesis"}  # for these, T2 is the series, not a container


def _records(text: str, file: str) -> list[tuple[int, list[str]]]:
    """Split into records: (line of TY, normalised "TAG  - value" lines)."""
    records: list[tuple[int, list[str]]] = []
    current: list[str] | None = None
    start = 0
    for number, line in enumerate(text.split("\n"), start=1):
        m = _TAG.match(line.rstrip())
        if m:
            tag, value = m.group(1), (m.group(2) or "").strip()
            if tag == "TY":
                if current is not None:
                    raise fail("reference.unterminated", f"RIS record starting at line {start} has no 'ER' line "
                               f"before the next record", file, start, 1, hint="add 'ER  - ' at the end of it")
                current, start = [f"TY  - {value}"], number
                if not value:
                    raise fail("reference.parse", "RIS record has an empty type (TY)", file, number, 1,
                               hint="write a type such as 'TY  - JOUR'")
            elif current is None:
                raise fail("reference.parse", f"RIS tag '{tag}' outside a record", file, number, 1,
                           hint="every record starts with 'TY  - TYPE' and ends with 'ER  - '")
            elif tag == "ER":
                current.append("ER  - ")
                records.append((start, current))
                current = None
            else:
                current.append(f"{tag}  - {value}")
        elif not line.strip():
            continue
        elif current is not None and current:
            current[-1] += " " + line.strip()  # a wrapped value (EndNote abstracts)
        else:
            raise fail("reference.parse", "not an RIS line (expected 'TAG  - value')", file, number, 1,
                       hint="is this an RIS export? records start with 'TY  - JOUR'")
    if current is not None:
        raise fail("reference.unterminated", "RIS record has no 'ER' line at the end of the file", file, start, 1,
                   hint="add 'ER  - ' after its last tag")
    return records


def _name(raw: str) -> dict[str, str] | None:
    raw = " ".join(raw.split()).strip(" ,")
    if not raw:
        return None
    if "," not in raw:  # "Dupont JP" (PubMed's form) or a group author ("World Health Organization")
        return family_initials(raw) or {"literal": raw}
    parts = [p.strip() for p in raw.split(",")]
    name = {"family": parts[0]}
    if len(parts) > 1 and parts[1]:
        name["given"] = parts[1]
    if len(parts) > 2 and parts[2]:
        name["suffix"] = parts[2]
    return name


def _names(values: Any) -> list[dict[str, str]]:
    if isinstance(values, str):
        values = [values]
    return [n for n in (_name(v) for v in values or ()) if n]


def _ris_date(value: str) -> dict[str, Any] | None:
    """``2020/06/24/``, ``2020/06//``, ``2020///Spring``, ``2020`` (RIS) or any text date."""
    value = value.strip()
    if not value:
        return None
    m = re.fullmatch(r"(\d{4})(?:/(\d{0,2})(?:/(\d{0,2})(?:/(.*))?)?)?", value)
    if not m:
        return parse_date_text(value) or None
    parts = [int(m.group(1))]
    if m.group(2) and 1 <= int(m.group(2)) <= 12:
        parts.append(int(m.group(2)))
        if m.group(3) and 1 <= int(m.group(3)) <= 31:
            parts.append(int(m.group(3)))
    date: dict[str, Any] = {"date-parts": [parts]}
    if len(parts) == 1 and m.group(4):
        season = parse_date_text(f"{m.group(4)} {parts[0]}")
        date.update({k: v for k, v in season.items() if k == "season"})
    return date


def _year(date: dict[str, Any]) -> int | None:
    parts = date.get("date-parts") or [[None]]
    return parts[0][0] if parts[0] else None


def _first(rec: dict[str, Any], *keys: str) -> str:
    for key in keys:
        value = rec.get(key)
        if isinstance(value, list):
            value = next((v for v in value if v and v.strip()), "")
        if value and str(value).strip():
            return str(value).strip()
    return ""


def record_to_csl(rec: dict[str, Any]) -> dict[str, Any]:
    """One rispy record as a CSL item (without id)."""
    ris_type = str(rec.get("type_of_reference", "GEN")).strip().upper()
    csl_type = TYPES.get(ris_type, "article")
    data: dict[str, Any] = {"type": csl_type}
    authors = _names(rec.get("authors")) + _names(rec.get("first_authors"))
    if authors:
        data["author"] = authors
    unknown = rec.get("unknown_tag") or {}
    for key, var in (("secondary_authors", "editor"), ("tertiary_authors", "collection-editor"),
                     ("subsidiary_authors", "translator")):
        names = _names(rec.get(key))
        if names:
            data[var] = names
    if unknown.get("ED") and "editor" not in data:
        data["editor"] = _names(unknown["ED"])
    title = _first(rec, "title", "primary_title")
    if title:
        data["title"] = title
    t2 = _first(rec, "secondary_title")
    journal = _first(rec, "alternate_title3", "journal_name", "alternate_title2")
    short = _first(rec, "alternate_title1", "alternate_title2", "journal_name")
    if t2 and csl_type in _SERIES_T2:
        data["collection-title"] = t2
    elif t2 or journal:
        data["container-title"] = t2 or journal
    if short and short != data.get("container-title") and csl_type.startswith("article"):
        data["container-title-short"] = short
    t3 = _first(rec, "tertiary_title")
    if t3 and "collection-title" not in data:
        data["collection-title"] = t3
    if _first(rec, "short_title"):
        data["title-short"] = _first(rec, "short_title")
    date = _ris_date(_first(rec, "date"))
    year_date = _ris_date(_first(rec, "year", "publication_year"))
    if year_date and (not date or _year(date) != _year(year_date)):
        date = year_date  # PY is the publication year; DA may be another event (EndNote's "date")
    if date:
        data["issued"] = date
    accessed = _ris_date(_first(rec, "access_date"))
    if accessed:
        data["accessed"] = accessed
    for key, var in (("volume", "volume"), ("publisher", "publisher"), ("place_published", "publisher-place"),
                     ("edition", "edition"), ("language", "language"), ("type_of_work", "genre")):
        if _first(rec, key):
            data[var] = _first(rec, key)
    if _first(rec, "abstract", "notes_abstract"):
        data["abstract"] = _first(rec, "abstract", "notes_abstract")
    number = _first(rec, "number")
    if number:
        data["issue" if csl_type.startswith("article") else "number"] = number
    sp, ep = _first(rec, "start_page"), _first(rec, "end_page")
    if sp or ep:
        data["page"] = f"{sp}-{ep}" if sp and ep and sp != ep and "-" not in sp else (sp or ep)
    doi = _first(rec, "doi")
    if doi:
        data["DOI"] = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", doi, flags=re.I)
    url = _first(rec, "urls")
    if url:
        data["URL"] = url
    sn = _first(rec, "issn")
    if sn:
        data["ISBN" if csl_type in ("book", "chapter") else "ISSN"] = sn
    _ids(rec, data)
    return data


def _ids(rec: dict[str, Any], data: dict[str, Any]) -> None:
    """PMID and PMCID wherever exporters put them: AN (PubMed), C2 (EndNote), notes (Zotero)."""
    database = (_first(rec, "name_of_database") + " " + _first(rec, "database_provider")).lower()
    accession = _first(rec, "accession_number")
    if accession.isdigit() and ("pubmed" in database or "medline" in database or "nlm" in database):
        data["PMID"] = accession
    custom2 = _first(rec, "custom2")
    if re.fullmatch(r"PMC\d+", custom2):
        data["PMCID"] = custom2
    notes = rec.get("notes") or []
    for note in ([notes] if isinstance(notes, str) else notes) + [_first(rec, "note")]:
        m = re.search(r"\bPMID:\s*(\d+)", note or "")
        if m:
            data.setdefault("PMID", m.group(1))
        m = re.search(r"\bPMCID:\s*(PMC\d+)", note or "")
        if m:
            data.setdefault("PMCID", m.group(1))


def parse_ris(text: str, file: str) -> list[Reference]:
    """Parse RIS text; keys are ``ID`` fields, else generated (``smith2020``, ``smith2020a``…)."""
    found = []
    for line, lines in _records(text, file):
        try:
            parsed = rispy.loads("\n".join(lines) + "\n")
        except Exception as exc:  # noqa: BLE001 - rispy raises plain exceptions on odd records
            raise fail("reference.parse", f"RIS record could not be read: {exc}", file, line, 1) from None
        if len(parsed) != 1:
            raise fail("reference.parse", "RIS record could not be read", file, line, 1,
                       hint="check its 'TY  - ' and 'ER  - ' lines")
        rec = parsed[0]
        data = record_to_csl(rec)
        found.append((line, _first(rec, "id"), data))
    taken = {key for _, key, _ in found if key}
    refs = []
    for line, key, data in found:
        if not key:
            key = unique_key(generated_key(data), taken)  # never shadows an explicit ID
            taken.add(key)
        data = {"id": key, **data}
        refs.append(Reference(key, data, Location(file, line, 1)))
    return refs
