"""DOI records from Crossref's REST API (JSON ``message``) and, for DOIs Crossref does not hold, DataCite (CSL-JSON).

Crossref's ``updated-by`` (on the retracted work) and ``update-to`` (on a notice) relations carry retractions,
withdrawals, expressions of concern and corrections.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

from .http import Client, RemoteError
from .records import Notice, Record

WORKS = "https://api.crossref.org/works"
DATACITE = "https://api.datacite.org/dois/"
BATCH = 50  # DOIs per filtered /works request
TYPES = {"journal-article": "article-journal", "book-chapter": "chapter", "book": "book", "monograph": "book",
         "edited-book": "book", "proceedings-article": "paper-conference", "posted-content": "article",
         "dataset": "dataset", "report": "report", "dissertation": "thesis", "reference-entry": "entry-encyclopedia"}
UPDATE_KINDS = {"retraction": "retraction", "withdrawal": "retraction", "removal": "retraction",
                "expression_of_concern": "expression-of-concern", "expression-of-concern": "expression-of-concern",
                "correction": "correction", "erratum": "correction", "corrigendum": "correction"}


def fetch_dois(client: Client, dois: Iterable[str]) -> dict[str, Record]:
    """Records by lower-case DOI: Crossref first (in batches), then DataCite for the rest."""
    wanted = list(dict.fromkeys(d.lower() for d in dois))
    found: dict[str, Record] = {}
    for start in range(0, len(wanted), BATCH):
        batch = wanted[start:start + BATCH]
        body = client.get(WORKS, {"filter": ",".join(f"doi:{d}" for d in batch), "rows": str(len(batch))})
        for record in parse_crossref_json(body):
            found[record.csl["DOI"].lower()] = record
    for doi in wanted:
        if doi in found:
            continue
        try:
            body = client.get(DATACITE + quote(doi, safe="/"), accept="application/vnd.citationstyles.csl+json")
        except RemoteError as exc:
            if exc.kind == "not-found":
                continue
            raise
        record = parse_datacite_csl(body)
        if record is not None:
            found[doi] = record
    return found


def _first(value: Any) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    return " ".join(str(value or "").split())


def crossref_item(message: dict[str, Any]) -> Record:
    """One Crossref work as a CSL item plus its update notices."""
    doi = str(message.get("DOI", ""))
    data: dict[str, Any] = {"id": f"doi:{doi.lower()}", "type": TYPES.get(str(message.get("type")), "article"),
                            "DOI": doi}
    for key, var in (("title", "title"), ("container-title", "container-title"),
                     ("short-container-title", "container-title-short"), ("publisher", "publisher")):
        value = _first(message.get(key))
        if value:
            data[var] = value
    for key, var in (("volume", "volume"), ("issue", "issue"), ("page", "page"), ("article-number", "number")):
        if message.get(key):
            data[var] = str(message[key])
    authors = []
    for person in message.get("author", []) or []:
        if person.get("family"):
            name = {"family": person["family"]}
            if person.get("given"):
                name["given"] = person["given"]
            if person.get("suffix"):
                name["suffix"] = person["suffix"]
            authors.append(name)
        elif person.get("name"):
            authors.append({"literal": person["name"]})
    if authors:
        data["author"] = authors
    for key in ("published-print", "published-online", "issued", "published"):
        parts = (message.get(key) or {}).get("date-parts") or []
        if parts and parts[0] and parts[0][0]:
            data["issued"] = {"date-parts": [[int(p) for p in parts[0] if p]]}
            break
    if message.get("ISSN"):
        data["ISSN"] = _first(message["ISSN"])
    notices = []
    for update in message.get("updated-by", []) or []:
        kind = UPDATE_KINDS.get(str(update.get("type", "")).lower())
        if kind:
            notices.append(Notice(kind, f"{update.get('type')} notice {update.get('DOI', '')}".strip()))
    if str(message.get("type")) == "retraction" or any(
            UPDATE_KINDS.get(str(u.get("type", "")).lower()) == "retraction" for u in message.get("update-to", []) or []):
        notices.append(Notice("retraction", "this DOI is itself a retraction notice"))
    return Record("crossref", data, notices)


def parse_crossref_json(body: bytes) -> list[Record]:
    """The works of a ``/works`` response (a single work or a filtered list)."""
    try:
        data = json.loads(body)
    except ValueError:
        raise RemoteError("failed", "Crossref sent something that is not JSON") from None
    message = data.get("message", {}) if isinstance(data, dict) else {}
    items = message.get("items") if isinstance(message.get("items"), list) else [message]
    return [crossref_item(item) for item in items if isinstance(item, dict) and item.get("DOI")]


def parse_datacite_csl(body: bytes) -> Record | None:
    """DataCite's CSL-JSON for one DOI."""
    try:
        item = json.loads(body)
    except ValueError:
        raise RemoteError("failed", "DataCite sent something that is not JSON") from None
    if not isinstance(item, dict) or not item.get("DOI"):
        return None
    keep = {k: v for k, v in item.items() if k in {"type", "title", "container-title", "author", "issued",
                                                  "publisher", "volume", "issue", "page", "URL", "DOI", "version"}}
    keep["id"] = f"doi:{str(item['DOI']).lower()}"
    return Record("datacite", keep, [])
