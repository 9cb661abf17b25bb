"""Persistent identifiers (DOI, PMID, PMCID): recognised in citation keys and reference fields, normalised once.

Medical writers cite by identifier (``[@pmid:29097494]``, ``[@doi:10.1056/NEJMoa1504030]``, the Manubot
convention).  One work may be cited as ``doi:10.1056/NEJMOA1504030`` in one place, ``doi:https://doi.org/…`` in
another and be in the bibliography with its ``DOI`` field: the canonical form here (DOIs lower-cased, since
they are case-insensitive; PMIDs without leading zeros; PMCIDs with their ``PMC`` prefix) makes them one
reference.  Pure functions, no I/O: readers, the citation check and the network commands all use them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

KINDS = ("doi", "pmid", "pmcid")
CSL_FIELDS = {"doi": "DOI", "pmid": "PMID", "pmcid": "PMCID"}

_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_PMID = re.compile(r"^(?:pmid:\s*)?0*(\d{1,9})$", re.IGNORECASE)
_PMCID = re.compile(r"^(?:pmcid:\s*)?(?:pmc)?0*(\d{1,9})$", re.IGNORECASE)
_KEY = re.compile(r"^(doi|pmid|pmcid|pubmed|pmc)\s*:\s*(.+)$", re.IGNORECASE)
MANUBOT_KINDS = {"pubmed": "pmid", "pmc": "pmcid"}  # Manubot's prefixes for the same identifiers


class IdentifierError(ValueError):
    """A key that names an identifier kind (``pmid:``) but whose value is not one; the message says why."""


@dataclass(frozen=True, order=True)
class Identifier:
    kind: str  # "doi", "pmid" or "pmcid"
    value: str  # canonical: lower-case DOI, PMID digits, "PMC" + digits

    @property
    def key(self) -> str:
        """The canonical citation key, ``doi:10.1000/x``; also the id of its lock-file entry."""
        return f"{self.kind}:{self.value}"

    def __str__(self) -> str:
        return self.key


def normalize(kind: str, value: str) -> Identifier:
    """The canonical identifier, or :class:`IdentifierError` saying what a valid one looks like."""
    kind = kind.lower()
    text = str(value).strip()
    if kind == "doi":
        doi = _DOI_PREFIX.sub("", text).strip()
        if not _DOI.match(doi):
            raise IdentifierError(f"'{value}' is not a DOI (a DOI looks like 10.1056/NEJMoa1504030)")
        return Identifier("doi", doi.lower())
    if kind == "pmid":
        m = _PMID.match(text)
        if not m or m.group(1) == "":
            raise IdentifierError(f"'{value}' is not a PMID (a PMID is a number such as 29097494)")
        return Identifier("pmid", m.group(1))
    if kind == "pmcid":
        m = _PMCID.match(text)
        if not m:
            raise IdentifierError(f"'{value}' is not a PMCID (a PMCID looks like PMC7678709)")
        return Identifier("pmcid", "PMC" + m.group(1))
    raise IdentifierError(f"unknown identifier kind '{kind}' (use doi:, pmid: or pmcid:)")


def from_key(key: str) -> Identifier | None:
    """The identifier a citation key names (``doi:…``, ``pmid:…``, ``pmcid:…``, any case; Manubot's ``pubmed:``
    and ``pmc:`` too), else None.

    Raises :class:`IdentifierError` for a key that starts like one but is malformed (``pmid:12a``).
    """
    m = _KEY.match(key.strip())
    if not m:
        return None
    kind = m.group(1).lower()
    return normalize(MANUBOT_KINDS.get(kind, kind), m.group(2))


def of_item(data: dict[str, Any]) -> Iterator[Identifier]:
    """Every valid identifier a CSL item carries in its ``DOI``, ``PMID`` and ``PMCID`` fields (or its id)."""
    seen: set[Identifier] = set()
    candidates: list[tuple[str, Any]] = [(kind, data.get(field)) for kind, field in CSL_FIELDS.items()]
    for kind, value in candidates:
        if not value or not isinstance(value, (str, int)):
            continue
        try:
            ident = normalize(kind, str(value))
        except IdentifierError:
            continue
        if ident not in seen:
            seen.add(ident)
            yield ident
    try:
        own = from_key(str(data.get("id", "")))
    except IdentifierError:
        own = None
    if own is not None and own not in seen:
        yield own


def unresolved(key: str) -> tuple[str, str, str] | None:
    """(code, message, hint) for a cited identifier key that no reference carries; None for ordinary keys."""
    try:
        ident = from_key(key)
    except IdentifierError as exc:
        return ("citation.bad-identifier", f"citation key '{key}': {exc}",
                "fix the identifier, or cite the reference by its key")
    if ident is None:
        return None
    return ("citation.unresolved-identifier", f"'{key}' is not resolved yet (no reference carries {ident})",
            "run `medprint refs fetch` (it uses the network) and commit the lock file it writes beside the source")
