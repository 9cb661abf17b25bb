"""Compare a reference entry with the authoritative record of its DOI/PMID/PMCID; findings are located diagnostics.

The fix is always the record's own value, so an author can correct the entry without looking anything up:
"the entry's journal is 'Current Opinion in Pharmacology' but PMC7685568 is in 'Current Oncology Reports'".
Retractions are errors; expressions of concern warnings; corrections notes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from ..diagnostics import Diagnostic
from ..identifiers import Identifier, of_item
from ..model import Reference
from .records import NOTICE_SEVERITY, Record

FILLABLE = ("author", "container-title", "volume", "issue", "page", "number", "DOI", "PMID", "PMCID", "issued")


def _norm(text: Any) -> str:
    """Case, accents, punctuation and '&'/'and' ignored: 'J. Clin. Invest.' ≈ 'J Clin Invest'."""
    text = unicodedata.normalize("NFKD", str(text or "")).casefold().replace("&", " and ")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    words = re.findall(r"[^\W_]+", text)
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _year(data: dict[str, Any]) -> int | None:
    try:
        return int(data["issued"]["date-parts"][0][0])
    except (KeyError, IndexError, TypeError, ValueError):
        return None


def _first_page(value: Any) -> str:
    return re.split(r"[-–—,]", str(value or "").strip())[0].strip().lstrip("e").lower()


def _family(name: dict[str, str]) -> str:
    return _norm(name.get("family") or name.get("literal", ""))


def name_list(names: list[dict[str, str]]) -> str:
    """Names as an author types them: 'McQuade, Jennifer L.; Ologun, Gabriel O.'."""
    out = []
    for n in names:
        if "literal" in n:
            out.append(n["literal"])
        else:
            out.append(", ".join(p for p in (n.get("family", ""), n.get("given", "")) if p))
    return "; ".join(out)


def compare(ref: Reference, ident: Identifier, record: Record) -> Iterator[Diagnostic]:
    """Every way ``ref`` differs from ``record`` (fetched for ``ident``)."""
    entry, rec, where = ref.data, record.csl, ref.location
    label = f"'{ref.id}'"
    for notice in record.notices:
        code = {"retraction": "verify.retracted", "expression-of-concern": "verify.concern",
                "correction": "verify.corrected"}[notice.kind]
        what = {"retraction": "has been retracted", "expression-of-concern": "has an expression of concern",
                "correction": "has a published correction"}[notice.kind]
        hint = {"retraction": "do not cite a retracted work as evidence; remove it or cite the retraction",
                "expression-of-concern": "read the notice before relying on the work",
                "correction": "check that what you cite is not affected by the correction"}[notice.kind]
        yield Diagnostic(code, NOTICE_SEVERITY[notice.kind], f"{label} ({ident}) {what}: {notice.text}", where, hint)

    journal = rec.get("container-title")
    mine = entry.get("container-title")
    if journal and mine and _norm(mine) not in {_norm(journal), _norm(rec.get("container-title-short"))}:
        yield Diagnostic("verify.journal", "warning",
                         f"the entry's journal is '{mine}' but {ident} is in '{journal}'", where,
                         f"set container-title to '{journal}'")
    if _year(entry) and _year(rec) and _year(entry) != _year(rec):
        yield Diagnostic("verify.year", "warning",
                         f"the entry's year is {_year(entry)} but {ident} was published in {_year(rec)}", where,
                         f"set the issued year to {_year(rec)}")
    for var, what in (("volume", "volume"), ("issue", "issue")):
        if entry.get(var) and rec.get(var) and _norm(entry[var]) != _norm(rec[var]):
            yield Diagnostic("verify.volume" if var == "volume" else "verify.issue", "warning",
                             f"the entry's {what} is {entry[var]} but {ident} is in {what} {rec[var]}", where,
                             f"set {var} to '{rec[var]}'")
    pages = rec.get("page") or rec.get("number")
    given = entry.get("page") or entry.get("number")
    if pages and given and _first_page(pages) != _first_page(given):
        yield Diagnostic("verify.pages", "warning",
                         f"the entry's pages are {given} but {ident} is at {pages}", where, f"set page to '{pages}'")
    if rec.get("title") and entry.get("title") and _norm(entry["title"]) != _norm(rec["title"]):
        yield Diagnostic("verify.title", "warning",
                         f"the entry's title differs from {ident}'s: '{rec['title']}'", where,
                         "check the title (APA keeps the record's words, in sentence case)")
    names, theirs = entry.get("author") or [], rec.get("author") or []
    if theirs and not names:
        yield Diagnostic("verify.authors-missing", "warning",
                         f"the entry has no authors; {ident} lists {len(theirs)}: {name_list(theirs)}", where,
                         "add them as author (medprint refs verify --write fills them in CSL-JSON files)")
    elif theirs and names:
        mine_f, theirs_f = [_family(n) for n in names], [_family(n) for n in theirs]
        if mine_f != theirs_f:
            if len(mine_f) != len(theirs_f):
                detail = f"the entry has {len(mine_f)} authors but {ident} lists {len(theirs_f)}"
            else:
                i = next(i for i, (a, b) in enumerate(zip(mine_f, theirs_f)) if a != b)
                detail = (f"author {i + 1} is '{name_list([names[i]])}' in the entry but "
                          f"'{name_list([theirs[i]])}' in {ident}")
            yield Diagnostic("verify.authors", "warning", detail, where, f"the record's authors: {name_list(theirs)}")
    missing = [var for var in FILLABLE if rec.get(var) and not entry.get(var) and var != "author"]
    if missing:
        yield Diagnostic("verify.missing-fields", "info",
                         f"{ident} has fields the entry lacks: " + ", ".join(f"{v}={_show(rec[v])}" for v in missing),
                         where, "add them (medprint refs verify --write fills them in CSL-JSON files)")


def _show(value: Any) -> str:
    if isinstance(value, dict) and "date-parts" in value:
        return "-".join(str(p) for p in value["date-parts"][0])
    return f"'{value}'"


def identifiers_to_check(ref: Reference) -> list[Identifier]:
    """The identifiers of an entry, PubMed ones first (their records carry the retraction notices)."""
    order = {"pmid": 0, "pmcid": 1, "doi": 2}
    return sorted(of_item(ref.data), key=lambda i: order[i.kind])


def fill_missing(entry: dict[str, Any], record: Record) -> list[str]:
    """Fill ``entry``'s empty fields from ``record`` (never changing a value it has); the names filled."""
    filled = []
    for var in FILLABLE:
        if record.csl.get(var) and not entry.get(var):
            entry[var] = record.csl[var]
            filled.append(var)
    return filled
