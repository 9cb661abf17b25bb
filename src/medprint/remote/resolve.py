"""Identifiers -> authoritative records, in as few requests as the services allow.

PMCIDs go through the PMC ID converter to their PMID (or DOI); PMIDs are fetched from PubMed in batches; DOIs
from Crossref in batches, then DataCite.  Each identifier ends with a Record or the reason it has none.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from ..identifiers import Identifier
from .crossref import fetch_dois
from .http import Client, RemoteError
from .pmc import convert_pmcids
from .pubmed import fetch_pubmed
from .records import Record


@dataclass
class Resolution:
    records: dict[Identifier, Record] = field(default_factory=dict)
    failures: dict[Identifier, RemoteError] = field(default_factory=dict)


def resolve(client: Client, wanted: list[Identifier], *, also_crossref: bool = False) -> Resolution:
    """A record for each identifier; ``also_crossref`` also asks Crossref about the DOIs PubMed records name,
    for the retraction and correction notices Crossref alone carries."""
    result = Resolution()
    pmcids = [i for i in wanted if i.kind == "pmcid"]
    converted: dict[str, dict[str, str]] = {}
    if pmcids:
        converted = _guard(result, pmcids, lambda: convert_pmcids(client, [i.value for i in pmcids])) or {}
    pmids = {i.value for i in wanted if i.kind == "pmid"}
    pmids |= {c["pmid"] for c in converted.values() if c.get("pmid")}
    by_pmid = _guard(result, [i for i in wanted if i.kind != "doi"],
                     lambda: fetch_pubmed(client, sorted(pmids))) if pmids else {}
    by_pmid = by_pmid or {}
    pubmed_by_doi = {r.csl["DOI"].lower(): r for r in by_pmid.values() if r.csl.get("DOI")}
    dois = {i.value for i in wanted if i.kind == "doi"}
    dois |= {c["doi"].lower() for p, c in converted.items() if c.get("doi") and c.get("pmid") not in by_pmid}
    if also_crossref:
        dois |= set(pubmed_by_doi)
    else:
        dois -= set(pubmed_by_doi)  # a DOI whose PubMed record is already here needs no other request
    by_doi = _guard(result, [i for i in wanted if i.kind != "pmid"],
                    lambda: fetch_dois(client, sorted(dois))) if dois else {}
    by_doi = by_doi or {}
    for ident in wanted:
        if ident in result.failures:
            continue
        record = None
        if ident.kind == "pmid":
            record = by_pmid.get(ident.value)
        elif ident.kind == "doi":
            record = pubmed_by_doi.get(ident.value) or by_doi.get(ident.value)
        else:
            ids = converted.get(ident.value, {})
            record = by_pmid.get(ids.get("pmid", "")) or by_doi.get(ids.get("doi", "").lower())
        if record is None:
            service = {"pmid": "PubMed", "doi": "Crossref or DataCite", "pmcid": "PubMed Central"}[ident.kind]
            result.failures[ident] = RemoteError("not-found", f"{service} has no record of {ident}")
            continue
        record = Record(record.source, copy.deepcopy(record.csl), list(record.notices))
        if also_crossref and record.csl.get("DOI") and record.source == "pubmed":
            extra = by_doi.get(record.csl["DOI"].lower())
            if extra is not None:
                record.notices += [n for n in extra.notices if n not in record.notices]
        record.csl["id"] = ident.key
        if ident.kind == "pmcid":
            record.csl.setdefault("PMCID", ident.value)
        result.records[ident] = record
    return result


def _guard(result: Resolution, idents: list[Identifier], call):
    """Run one service call; if the service cannot be reached, every identifier that needed it fails with it."""
    try:
        return call()
    except RemoteError as exc:
        for ident in idents:
            result.failures.setdefault(ident, exc)
        return None
