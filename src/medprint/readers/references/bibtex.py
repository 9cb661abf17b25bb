"""BibTeX and BibLaTeX (Zotero, Better BibTeX, JabRef, Google Scholar) → CSL items.

bibtexparser 1.4 parses the file (``@string`` macros, ``#`` concatenation,
month macros).  It silently skips entries it cannot parse, so a small
scanner first finds every ``@type{key,`` with its line and checks that its
braces close; an entry found by the scanner but missing from the parse is
reported at its line instead of vanishing.
"""

from __future__ import annotations

import re
import warnings
from typing import Any

import bibtexparser
from bibtexparser.bparser import BibTexParser

from ...model import Location, Reference
from ._text import fail, line_col
from .bibnames import parse_names
from .latex import plain, quiet_logger, to_csl
from .normalize import MONTHS, parse_date_text

_ENTRY_START = re.compile(r"@[ \t]*([A-Za-z][\w-]*)[ \t\n]*([{(])")
_NON_ENTRIES = {"comment", "preamble", "string"}

TYPES = {
    "article": "article-journal", "book": "book", "mvbook": "book", "collection": "book", "mvcollection": "book",
    "proceedings": "book", "mvproceedings": "book", "reference": "book", "booklet": "pamphlet",
    "inbook": "chapter", "incollection": "chapter", "bookinbook": "chapter", "suppbook": "chapter",
    "suppcollection": "chapter", "inreference": "entry-encyclopedia",
    "inproceedings": "paper-conference", "conference": "paper-conference",
    "techreport": "report", "report": "report", "manual": "report", "standard": "report",
    "phdthesis": "thesis", "mastersthesis": "thesis", "thesis": "thesis",
    "online": "webpage", "electronic": "webpage", "www": "webpage", "webpage": "webpage",
    "dataset": "dataset", "data": "dataset", "software": "software", "unpublished": "manuscript",
    "patent": "patent", "periodical": "periodical", "misc": "article", "preprint": "article",
}
THESIS_GENRE = {"phdthesis": "Doctoral dissertation", "mastersthesis": "Master's thesis",
                "phd": "Doctoral dissertation", "mathesis": "Master's thesis", "masters": "Master's thesis"}
LANGIDS = {"english": "en", "american": "en-US", "british": "en-GB", "usenglish": "en-US", "ukenglish": "en-GB",
           "german": "de", "ngerman": "de", "french": "fr", "spanish": "es", "italian": "it", "dutch": "nl",
           "portuguese": "pt", "swedish": "sv", "danish": "da", "norwegian": "nb", "finnish": "fi",
           "polish": "pl", "russian": "ru", "japanese": "ja", "chinese": "zh"}
_TITLE_FIELDS = {"title": "title", "shorttitle": "title-short", "booktitle": "container-title",
                 "journaltitle": "container-title", "journal": "container-title",
                 "shortjournal": "container-title-short", "series": "collection-title",
                 "eventtitle": "event", "maintitle": "container-title"}
_TEXT_FIELDS = {"edition": "edition", "volume": "volume", "publisher": "publisher", "address": "publisher-place",
                "location": "publisher-place", "note": "note", "addendum": "note", "abstract": "abstract",
                "isbn": "ISBN", "issn": "ISSN", "chapter": "chapter-number", "version": "version",
                "pmid": "PMID", "pmcid": "PMCID", "venue": "event-place", "volumes": "number-of-volumes",
                "pagetotal": "number-of-pages", "eid": "page", "howpublished": "medium"}


def _scan(text: str, file: str) -> list[tuple[str, str, int, int]]:
    """Every entry as (type, key, line, col); raises at an entry whose braces never close."""
    entries = []
    pos = 0
    while True:
        m = _ENTRY_START.search(text, pos)
        if not m:
            return entries
        kind = m.group(1).lower()
        opener = m.group(2)
        closer = "}" if opener == "{" else ")"
        depth, braces, i = 1, 0, m.end()
        while i < len(text) and depth:
            c = text[i]
            if opener == "{":
                depth += (c == "{") - (c == "}")
            elif c in "{}":
                braces += 1 if c == "{" else -1
            elif c == ")" and braces <= 0:
                depth = 0
            i += 1
        line, col = line_col(text, m.start())
        if depth:
            nxt = _ENTRY_START.search(text, m.end())
            where = f"; another entry starts at line {line_col(text, nxt.start())[0]}" if nxt else ""
            raise fail("reference.unterminated", f"@{m.group(1)} entry is never closed with '{closer}'{where}",
                       file, line, col, hint="count the braces in this entry (a '}' is missing or a '{' extra)")
        if kind not in _NON_ENTRIES:
            body = text[m.end():i - 1]
            key = body.split(",", 1)[0].strip()
            if not key or "=" in key or any(ch in key for ch in " \t\n{}\"(),="):
                raise fail("reference.missing-id", f"@{m.group(1)} entry has no citation key", file, line, col,
                           hint="write the key right after the brace: @article{smith2020, ...")
            entries.append((kind, key, line, col))
        pos = i


def parse_bibtex(text: str, file: str) -> list[Reference]:
    """Parse BibTeX/BibLaTeX text into references, one per entry, in file order."""
    found = _scan(text, file)
    seen: dict[str, Location] = {}
    for _, key, line, col in found:
        if key in seen:
            raise fail("reference.duplicate-key", f"duplicate reference key '{key}'", file, line, col,
                       hint=f"first defined at {seen[key]}; rename or remove one of them")
        seen[key] = Location(file, line, col)
    from ...limits import Limits
    from ...safety.bibtex_strings import check_string_expansion

    check_string_expansion(text, file, Limits.from_env().reference_file_bytes)  # @string "billion laughs"
    try:
        with warnings.catch_warnings(), quiet_logger("bibtexparser"):
            warnings.simplefilter("ignore")  # bibtexparser 1.4 uses pyparsing names pyparsing 3 deprecates
            parser = BibTexParser(common_strings=True, ignore_nonstandard_types=False, interpolate_strings=True,
                                  add_missing_from_crossref=True)
            db = bibtexparser.loads(text, parser=parser)
    except RecursionError:
        raise fail("limit.nesting", "BibTeX nested too deeply", file, 1, 1) from None
    except KeyError as exc:  # an undefined @string macro
        name = str(exc.args[0]) if exc.args else ""
        m = re.search(r"(?:=|#)\s*" + re.escape(name) + r"\b", text, re.I) if name else None
        line, col = line_col(text, m.end() - len(name)) if m else (1, 1)
        raise fail("reference.undefined-string", f"'{name}' is not a defined @string macro", file, line, col,
                   hint="put the value in braces ({...}) or define it with @string{name = {...}}") from None
    except Exception as exc:  # noqa: BLE001 - bibtexparser/pyparsing raise many kinds; name the problem
        raise fail("reference.parse", f"BibTeX could not be parsed: {(str(exc).splitlines() or [type(exc).__name__])[0][:200]}", file, 1, 1,
                   hint="check the entry syntax: @type{key, field = {value}, ...}") from None
    parsed = {e.get("ID", ""): e for e in db.entries}
    refs = []
    for kind, key, line, col in found:
        entry = parsed.get(key)
        where = Location(file, line, col)
        if entry is None:
            raise fail("reference.parse", f"entry '{key}' could not be parsed", file, line, col,
                       hint="check its fields: name = {value} or name = \"value\", separated by commas")
        data = entry_to_csl(entry)
        refs.append(Reference(key, data, where))
    return refs


def _date(entry: dict[str, str]) -> dict[str, Any] | None:
    if entry.get("date"):
        date = parse_date_text(plain(entry["date"]))
        return date or None
    year = plain(entry.get("year", ""))
    if not year:
        return None
    if not re.fullmatch(r"-?\d{1,4}", year):
        return parse_date_text(year) or None
    parts = [int(year)]
    month = plain(entry.get("month", "")).lower()
    if month:
        number = int(month) if month.isdigit() else MONTHS.get(month[:3])
        if number and 1 <= number <= 12:
            parts.append(number)
            day = plain(entry.get("day", ""))
            if day.isdigit() and 1 <= int(day) <= 31:
                parts.append(int(day))
    return {"date-parts": [parts]}


def _doi(value: str) -> str:
    return re.sub(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", value.strip(), flags=re.I)


def entry_to_csl(entry: dict[str, str]) -> dict[str, Any]:
    """One bibtexparser entry as a CSL item (the mapping Pandoc and Better BibTeX use)."""
    kind = entry.get("ENTRYTYPE", "misc").lower()
    fields = {k.lower(): v for k, v in entry.items() if k not in ("ENTRYTYPE", "ID") and isinstance(v, str)}
    subtype = plain(fields.get("entrysubtype", "")).lower()
    csl_type = TYPES.get(kind, "article")
    if kind == "article" and subtype in ("magazine", "newspaper"):
        csl_type = f"article-{subtype}"
    has_url = fields.get("url") or re.search(r"\\url\{|^https?://", fields.get("howpublished", ""))
    if kind == "misc" and has_url and not fields.get("publisher"):
        csl_type = "webpage"
    data: dict[str, Any] = {"id": entry.get("ID", ""), "type": csl_type}

    for role in ("author", "editor", "translator"):
        if fields.get(role):
            names = parse_names(fields[role])
            if names:
                data[role] = names
    for field, var in _TITLE_FIELDS.items():
        if fields.get(field) and var not in data:
            data[var] = to_csl(fields[field], protect=True).strip()
    if fields.get("subtitle") and data.get("title"):
        data["title"] = f"{data['title']}: {to_csl(fields['subtitle'], protect=True).strip()}"
    for field, var in _TEXT_FIELDS.items():
        if fields.get(field) and var not in data:
            data[var] = to_csl(fields[field]).strip()
    if fields.get("pages"):
        data["page"] = plain(re.sub(r"\s*-{1,3}\s*", "-", fields["pages"]))
    number = plain(fields.get("number", "") or fields.get("issue", ""))
    if number:
        if csl_type in ("article-journal", "article-magazine", "article-newspaper", "periodical"):
            data["issue"] = number
        elif csl_type in ("book", "chapter", "paper-conference") and "collection-title" in data:
            data["collection-number"] = number
        else:
            data["number"] = number
    if fields.get("issue") and fields.get("number") and "issue" not in data:
        data["issue"] = plain(fields["issue"])
    if not data.get("publisher"):
        for field in ("institution", "school", "organization"):
            if fields.get(field):
                data["publisher"] = to_csl(fields[field]).strip()
                break
    if csl_type == "thesis":
        raw_type = plain(fields.get("type", ""))
        data["genre"] = THESIS_GENRE.get(raw_type.lower().replace(" ", "").replace("'", ""), raw_type) \
            or THESIS_GENRE.get(kind, "Thesis")
    elif fields.get("type"):
        data["genre"] = to_csl(fields["type"]).strip()
    date = _date(fields)
    if date:
        data["issued"] = date
    if fields.get("urldate"):
        accessed = parse_date_text(plain(fields["urldate"]))
        if accessed:
            data["accessed"] = accessed
    if fields.get("doi"):
        data["DOI"] = _doi(plain(fields["doi"]))
    url = fields.get("url", "").strip()
    if not url and re.search(r"\\url\{|^https?://", fields.get("howpublished", "")):
        url = to_csl(fields["howpublished"]).strip()
        data.pop("medium", None)
    if url:
        data["URL"] = plain(url.replace("\\_", "_").replace("\\%", "%")) if "\\" in url else url
    eprinttype = plain(fields.get("eprinttype", "") or fields.get("archiveprefix", "")).lower()
    eprint = plain(fields.get("eprint", ""))
    if eprint:
        if eprinttype == "pubmed":
            data.setdefault("PMID", eprint)
        elif eprinttype == "pmcid":
            data.setdefault("PMCID", eprint)
        elif eprinttype == "arxiv":
            data.setdefault("number", f"arXiv:{eprint}")
            data.setdefault("publisher", "arXiv")
            data.setdefault("URL", f"https://arxiv.org/abs/{eprint}")
        elif eprinttype == "doi":
            data.setdefault("DOI", _doi(eprint))
    lang = plain(fields.get("langid", "") or fields.get("language", ""))
    if lang:
        data["language"] = LANGIDS.get(lang.lower(), lang)
    return {k: v for k, v in data.items() if v not in ("", None, [])}
