"""PMCID -> PMID and DOI with NCBI's PMC ID converter (JSON), so a work cited by PMCID gets its PubMed record."""

from __future__ import annotations

import json
from collections.abc import Iterable

from .http import Client, RemoteError

IDCONV = "https://pmc.ncbi.nlm.nih.gov/tools/idconv/api/v1/articles/"
BATCH = 200  # the converter takes up to 200 ids per request


def convert_pmcids(client: Client, pmcids: Iterable[str]) -> dict[str, dict[str, str]]:
    """``{"PMC7685568": {"pmid": "32577835", "doi": "10.1007/…"}}`` for every PMCID the converter knows."""
    wanted = list(dict.fromkeys(pmcids))
    found: dict[str, dict[str, str]] = {}
    for start in range(0, len(wanted), BATCH):
        body = client.get(IDCONV, {"ids": ",".join(wanted[start:start + BATCH]), "format": "json"})
        found.update(parse_idconv_json(body))
    return found


def parse_idconv_json(body: bytes) -> dict[str, dict[str, str]]:
    try:
        data = json.loads(body)
    except ValueError:
        raise RemoteError("failed", "the PMC ID converter sent something that is not JSON") from None
    found: dict[str, dict[str, str]] = {}
    for record in data.get("records", []) if isinstance(data, dict) else []:
        if not isinstance(record, dict) or record.get("status") == "error":
            continue
        pmcid = str(record.get("pmcid", "")).upper()
        if pmcid:
            found[pmcid] = {k: str(record[k]) for k in ("pmid", "doi") if record.get(k)}
    return found
