"""Clean CSL-JSON items: one shape for every format, so the citation engine never guesses.

citeproc-py trusts its input (a string where a name list belongs, or a
``raw`` date, breaks it deep inside); here every item gets a string ``id`` and
a ``type``, name lists of objects, dates as ``date-parts`` and text fields as
strings, and anything else is a located error or a warning.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
import unicodedata
from typing import Any

from ...diagnostics import Diagnostic
from ...errors import SourceError
from ...model import Location
from ...report import warn

NAME_VARIABLES = frozenset({
    "author", "chair", "collection-editor", "compiler", "composer", "container-author", "contributor", "curator",
    "director", "editor", "editorial-director", "executive-producer", "guest", "host", "illustrator", "interviewer",
    "narrator", "organizer", "original-author", "performer", "producer", "recipient", "reviewed-author",
    "script-writer", "series-creator", "translator",
})
DATE_VARIABLES = frozenset({
    "accessed", "available-date", "container", "event-date", "issued", "original-date", "submitted",
})
NAME_PARTS = ("family", "given", "literal", "dropping-particle", "non-dropping-particle", "suffix")

MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
SEASONS = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}
_ISO = re.compile(r"^(-?\d{1,4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:T[\d:.+\-Z]*)?$")
_TOKEN = re.compile(r"[^\W\d_]+|\d+")


# ------------------------------------------------------------------ dates


def _valid(parts: list[int]) -> bool:
    """A real calendar date (2020-02-30 is not): styles print month names and would print nonsense."""
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        return False
    if len(parts) > 2:
        if not 1 <= parts[0] <= 9999:
            return 1 <= parts[2] <= 31
        return 1 <= parts[2] <= calendar.monthrange(parts[0], parts[1])[1]
    return True


def _single_date(text: str, default_year: int | None = None) -> tuple[list[int], int | None] | None:
    """One date as (parts, season): ISO ``2020-06-24``, ``24 June 2020``, ``2020 Jun``, ``Spring 2019``."""
    text = text.strip().strip(".,;")
    m = _ISO.match(text)
    if m:
        parts = [int(g) for g in m.groups() if g is not None]
        return (parts, None) if _valid(parts) else None
    year = month = day = season = None
    for tok in _TOKEN.findall(text):
        low = tok.lower()
        if tok.isdigit():
            if len(tok) == 4 and year is None:
                year = int(tok)
            elif len(tok) <= 2 and day is None and 1 <= int(tok) <= 31:
                day = int(tok)
            else:
                return None
        elif low[:3] in MONTHS and month is None and (len(low) == 3 or low.startswith(_month_name(low[:3]))):
            month = MONTHS[low[:3]]
        elif low in SEASONS and season is None:
            season = SEASONS[low]
        elif low in ("sept",):
            month = 9
        else:
            return None
    year = year if year is not None else default_year
    if year is None:
        return None
    if month is None:
        return [year], season
    return ([year, month, day] if day else [year, month]), None


def _month_name(abbr: str) -> str:
    return ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december")[MONTHS[abbr] - 1][: len(abbr)]


def parse_date_text(text: str) -> dict[str, Any]:
    """A date written as text (ISO/EDTF, ``June 24, 2020``, ``2019 Dec-2020 Jan``) as a CSL date.

    Ranges are written ``start/end`` (EDTF) or ``start-end`` when the parts are not ISO.
    Anything unreadable is kept as a ``literal`` date, printed as written.
    """
    text = " ".join(str(text).split())
    if not text:
        return {}
    pieces = text.split("/") if "/" in text else None
    if pieces is None and "-" in text and not _ISO.match(text):
        pieces = [p for p in re.split(r"\s*[-–]\s*", text)]
    if pieces and len(pieces) == 2 and all(p.strip() for p in pieces):
        first = _single_date(pieces[0])
        if first:
            second = _single_date(pieces[1], default_year=first[0][0])
            if second:
                return {"date-parts": [first[0], second[0]]}
    single = _single_date(text)
    if single:
        out: dict[str, Any] = {"date-parts": [single[0]]}
        if single[1]:
            out["season"] = single[1]
        return out
    return {"literal": text}


def _date_part(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and re.fullmatch(r"-?\d{1,5}", value.strip()):
        return int(value.strip())
    return None


def normalize_date(value: Any, name: str, where: Location | None) -> dict[str, Any]:
    """Any CSL date shape (date-parts, raw, literal, EDTF string, YAML date, citeproc-hs list) → date-parts."""
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return {"date-parts": [[value.year, value.month, value.day]]}
    if isinstance(value, bool):
        raise _field_error(name, "must be a date", where)
    if isinstance(value, int):
        return {"date-parts": [[value]]}
    if isinstance(value, str):
        return parse_date_text(value)
    if isinstance(value, list):  # citeproc-hs / old Pandoc: [{year: 2020, month: 6}, ...]
        parts = []
        for piece in value[:2]:
            if not isinstance(piece, dict):
                raise _field_error(name, "must be a date such as 2020-06-24 or {date-parts: [[2020, 6, 24]]}", where)
            row = [_date_part(piece.get(k)) for k in ("year", "month", "day")]
            row = [p for p in row if p is not None]
            if row:
                parts.append(row)
        return {"date-parts": parts} if parts else {}
    if not isinstance(value, dict):
        raise _field_error(name, "must be a date such as 2020-06-24 or {date-parts: [[2020, 6, 24]]}", where)
    out: dict[str, Any] = {}
    rows = value.get("date-parts")
    if rows is not None:
        if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
            raise _field_error(name, "date-parts must be a list of [year, month, day] lists", where)
        clean = []
        for row in rows[:2]:
            nums = [_date_part(p) for p in row[:3]]
            if any(n is None for n in nums):
                raise _field_error(name, f"date-parts {row!r} must hold numbers", where)
            while len(nums) > 1 and nums[-1] == 0:  # Mendeley and others write unknown month/day as 0
                nums = nums[:-1]
            if len(nums) > 1 and 13 <= nums[1] <= 16 and len(clean) == 0:  # CSL-JSON months 13-16 are seasons
                out["season"] = nums[1] - 12
                nums = nums[:1]
            if not _valid(nums):
                _impossible(name, f"{row!r} is not a real date; only its year is kept", where)
                nums = nums[:1] if _valid(nums[:1]) and 0 < nums[0] <= 9999 else []
            elif nums and nums[0] > 9999:
                _impossible(name, f"{row!r} has the year {nums[0]}; the date is left out", where)
                nums = []
            if nums:
                clean.append(nums)
        if clean:
            out["date-parts"] = clean
    if "date-parts" not in out:
        for key in ("raw", "literal"):
            if isinstance(value.get(key), (str, int)) and str(value[key]).strip():
                parsed = parse_date_text(str(value[key])) if key == "raw" else {"literal": str(value[key])}
                iso = _ISO_LIKE.fullmatch(str(value[key]).strip())
                if iso and "date-parts" not in parsed:
                    _impossible(name, f"'{value[key]}' is not a real date; only its year is kept", where)
                    parsed = {"date-parts": [[int(iso.group(1))]]} if 0 < int(iso.group(1)) <= 9999 else {}
                out.update(parsed)
                break
    for key in ("season", "circa"):
        if key in value and isinstance(value[key], (str, int)) and not isinstance(value[key], bool):
            season = value[key]
            if key == "season" and isinstance(season, str) and not season.isdigit():
                season = SEASONS.get(season.lower(), season)
            out[key] = int(season) if isinstance(season, str) and season.isdigit() else season
    return out


# ------------------------------------------------------------------ items


_ISO_LIKE = re.compile(r"(\d{4,5})-(\d{1,2})-(\d{1,2})")


def _impossible(name: str, what: str, where: Location | None) -> None:
    """An impossible date in a reference is a located warning (the entry still prints, with its year)."""
    warn(Diagnostic("reference.impossible-date", "warning", f"field '{name}': {what}", where,
                    "correct the date from the publication's record"))


def _field_error(name: str, what: str, where: Location | None) -> SourceError:
    return SourceError("reference.field", f"field '{name}' {what}", where,
                       hint="fix the field (see the CSL-JSON schema)")


def _text(value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (str, int, float)):
        return str(value)
    return None


_FAMILY_INITIALS = re.compile(r"(.*?\S) ((?:[A-Z]\.?[ -]?){1,4}?)(?: (Jr\.?|Sr\.?|2nd|3rd|[IVX]+))?")


def family_initials(value: str) -> dict[str, str] | None:
    """``Dupont JP``, ``van der Berg J``, ``Smith J. P.``, ``Park S-Y``, ``Lee JH 2nd`` (PubMed's AU form, also
    written in RIS files without a comma) → family and initials ``J. P.``, ``S.-Y.``; None for anything else
    (a group name)."""
    m = _FAMILY_INITIALS.fullmatch(" ".join(value.split()))
    if not m or not any(c.isupper() for c in m.group(1)):
        return None
    given = ""
    for token in re.findall(r"[A-Z]|-", m.group(2)):  # "S-Y" keeps its hyphen: "S.-Y."
        given += "-" if token == "-" else (" " if given and not given.endswith("-") else "") + token + "."
    name = {"family": m.group(1), "given": given.strip("-")}
    if m.group(3):
        name["suffix"] = m.group(3)
    return name


def normalize_names(value: Any, name: str, where: Location | None) -> list[dict[str, str]]:
    if isinstance(value, (str, dict)):
        value = [value]
    if not isinstance(value, list):
        raise _field_error(name, "must be a list of names ({family: ..., given: ...} or {literal: ...})", where)
    out = []
    for person in value:
        if isinstance(person, str):
            person = {"literal": person}
        if not isinstance(person, dict):
            raise _field_error(name, "must be a list of names ({family: ..., given: ...} or {literal: ...})",
                               where)
        clean = {k: str(v) for k, v in person.items() if k in NAME_PARTS and _text(v) is not None and str(v)}
        clean.update({k: v for k, v in person.items()
                      if k in ("parse-names", "static-ordering", "comma-suffix") and isinstance(v, (bool, str))})
        if not any(k in clean for k in ("family", "literal", "given")):
            raise _field_error(name, "has a name with no family, given or literal part", where)
        out.append(clean)
    return out


def normalize_item(item: Any, where: Location | None, *, file_kind: str = "CSL") -> dict[str, Any]:
    """One CSL item with string ``id`` and ``type``, clean names, dates and text."""
    if not isinstance(item, dict):
        raise SourceError("reference.shape", f"a {file_kind} reference must be an object with id and type, "
                          f"not {type(item).__name__}", where, hint="each entry needs at least id: and type:")
    raw_id = item.get("id")
    if isinstance(raw_id, bool) or not isinstance(raw_id, (str, int)) or not str(raw_id).strip():
        raise SourceError("reference.missing-id", "reference has no id", where,
                          hint="add an id (the key you cite as [@id])")
    out: dict[str, Any] = {"id": str(raw_id).strip()}
    ref_type = item.get("type")
    if not isinstance(ref_type, str) or not ref_type.strip():
        warn(Diagnostic("reference.missing-type", "warning", f"reference '{out['id']}' has no type; "
                        "formatted as 'article'", where, hint="add type: article-journal, book, report, ..."))
        ref_type = "article"
    out["type"] = ref_type.strip()
    for key, value in item.items():
        if key in ("id", "type") or not isinstance(key, str):
            continue
        if key in NAME_VARIABLES:
            names = normalize_names(value, key, where)
            if names:
                out[key] = names
        elif key in DATE_VARIABLES:
            date = normalize_date(value, key, where)
            if date:
                out[key] = date
        else:
            text = _text(value)
            if text is None:
                if value is not None:
                    warn(Diagnostic("reference.field-ignored", "warning",
                                    f"field '{key}' of '{out['id']}' is not text; ignored", where))
                continue
            out[key] = text
    _note_ids(out)
    return out


def _note_ids(item: dict[str, Any]) -> None:
    """Zotero keeps PMID/PMCID in ``note`` lines (``PMID: 29097494``); lift them into their CSL variables."""
    note = item.get("note", "")
    for var, pattern in (("PMID", r"^\s*PMID:\s*(\d+)\s*$"), ("PMCID", r"^\s*PMCID:\s*(PMC\d+)\s*$"),
                         ("DOI", r"^\s*DOI:\s*(10\.\S+)\s*$")):
        if var not in item:
            m = re.search(pattern, note, re.M | re.I)
            if m:
                item[var] = m.group(1)


# ------------------------------------------------------------------ generated keys


def ascii_fold(text: str) -> str:
    """``Müller-Øster`` → ``mulleroster``: letters and digits only, for generated keys."""
    text = text.replace("ø", "o").replace("Ø", "O").replace("ß", "ss").replace("æ", "ae").replace("Æ", "AE")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isascii() and c.isalnum()).lower()


_STOP = frozenset({"a", "an", "the", "of", "on", "in", "and", "for", "to"})


def generated_key(data: dict[str, Any]) -> str:
    """``smith2020``: first author's family name (or literal, else first title word) + year (or ``nd``)."""
    stem = ""
    for person in data.get("author") or data.get("editor") or ():
        stem = ascii_fold(person.get("family") or person.get("literal", "").split(" ")[0] or person.get("given", ""))
        break
    if not stem:
        words = [w for w in re.findall(r"\w+", re.sub(r"<[^>]+>", "", data.get("title", ""))) if w.lower() not in _STOP]
        stem = ascii_fold(words[0]) if words else ""
    stem = stem or "ref"
    parts = (data.get("issued") or {}).get("date-parts") or [[]]
    year = str(parts[0][0]) if parts[0] else "nd"
    return f"{stem}{year}"


def unique_key(base: str, taken: set[str]) -> str:
    """Better BibTeX's rule: ``smith2020``, then ``smith2020a``, ``smith2020b``… for later clashes."""
    candidate, n = base, 0
    while candidate in taken:
        candidate = base + _suffix(n)
        n += 1
    return candidate


def _suffix(n: int) -> str:
    letters = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        letters = chr(ord("a") + r) + letters
    return letters
