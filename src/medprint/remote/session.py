"""Whole-document operations over the services: what ``refs fetch``, ``refs verify`` and ``check --online`` do.

Identifiers are gathered from every document first and resolved in one batch, so a library of articles costs
a handful of requests, not one per reference.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostic
from ..identifiers import Identifier, IdentifierError, from_key
from ..model import Document, Location, iter_cites
from ..readers.references.lockfile import PROVENANCE, dump_lock, lock_path
from .http import Client
from .resolve import resolve
from .verify import compare, identifiers_to_check

# --------------------------------------------------------------------------- fetch


@dataclass
class FetchPlan:
    """What one document cites by identifier that its bibliography and lock file do not resolve."""

    document: Document
    wanted: dict[Identifier, Location | None] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)


def plan_fetch(document: Document, *, refresh: bool = False) -> FetchPlan:
    """Cited identifiers still unresolved (every cited identifier with ``refresh``); malformed ones as errors."""
    plan = FetchPlan(document)
    ids = {ref.id for ref in document.references}
    for cite in iter_cites(document):
        for item in cite.items:
            where = item.location or cite.location
            try:
                ident = from_key(item.key)
            except IdentifierError as exc:
                plan.problems.append(Diagnostic("citation.bad-identifier", "error", f"citation key '{item.key}': {exc}",
                                                where, "fix the identifier"))
                continue
            if ident is None:
                continue
            if item.key not in ids:
                plan.wanted.setdefault(ident, where)
    for key in document.meta.nocite:
        try:
            ident = from_key(str(key).lstrip("@"))
        except IdentifierError:
            ident = None
        if ident is not None and str(key).lstrip("@") not in ids:
            plan.wanted.setdefault(ident, document.meta.position("nocite"))
    if refresh:  # identifiers already in the lock are fetched again
        from ..readers.references.lockfile import read_lock

        lock = lock_path(Path(document.source_path))
        for entry in read_lock(lock, str(lock)):
            ident = from_key(entry.id)
            if ident is not None and entry.id in ids:
                plan.wanted.setdefault(ident, entry.location)
    return plan


def fetch(plans: list[FetchPlan], client: Client, *, today: dt.date | None = None) -> list[list[Diagnostic]]:
    """Resolve every plan's identifiers in one batch and update each document's lock file; findings per plan."""
    today = today or dt.date.today()
    wanted = sorted({i for p in plans for i in p.wanted})
    resolution = resolve(client, wanted) if wanted else None
    findings: list[list[Diagnostic]] = []
    for plan in plans:
        found = list(plan.problems)
        new_entries = {}
        for ident, where in plan.wanted.items():
            failure = resolution.failures.get(ident) if resolution else None
            if failure is not None:
                code = "refs.not-found" if failure.kind == "not-found" else "refs.unreachable"
                found.append(Diagnostic(code, "error", f"{ident}: {failure.message}", where,
                                        "check the identifier" if failure.kind == "not-found" else
                                        "try again when online; nothing was changed for this identifier"))
                continue
            record = resolution.records[ident]
            entry = dict(record.csl)
            entry[PROVENANCE] = {"medprint-fetched": today.isoformat(), "medprint-source": record.source}
            new_entries[ident.key] = entry
            for notice in record.notices:
                if notice.kind == "retraction":
                    found.append(Diagnostic("verify.retracted", "error", f"{ident} has been retracted: {notice.text}",
                                            where, "do not cite a retracted work as evidence"))
        if new_entries:
            _write_lock(lock_path(Path(plan.document.source_path)), new_entries)
        findings.append(found)
    return findings


def _write_lock(path: Path, new_entries: dict[str, dict]) -> None:
    from ..atomic import write_text

    try:
        existing = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(existing, list):
            existing = []
    except (OSError, ValueError):
        existing = []
    merged = {str(e.get("id")): e for e in existing if isinstance(e, dict)}
    merged.update(new_entries)
    write_text(path, dump_lock(merged.values()))


# --------------------------------------------------------------------------- verify


def verify(documents: list[Document], client: Client) -> list[list[Diagnostic]]:
    """Findings per document: every reference that has an identifier, compared with its record."""
    chosen = [[(ref, identifiers_to_check(ref)) for ref in doc.references] for doc in documents]
    wanted = sorted({ids[0] for per_doc in chosen for _, ids in per_doc if ids})
    resolution = resolve(client, wanted, also_crossref=True) if wanted else None
    findings: list[list[Diagnostic]] = []
    for per_doc in chosen:
        found: list[Diagnostic] = []
        for ref, ids in per_doc:
            if not ids:
                continue
            ident = ids[0]
            failure = resolution.failures.get(ident)
            if failure is not None:
                code = "verify.not-found" if failure.kind == "not-found" else "verify.unreachable"
                severity = "warning" if failure.kind == "not-found" else "error"
                found.append(Diagnostic(code, severity, f"'{ref.id}': {failure.message}", ref.location,
                                        "check the identifier in the entry" if failure.kind == "not-found"
                                        else "verification needs the network; try again when online"))
                continue
            found.extend(compare(ref, ident, resolution.records[ident]))
        findings.append(found)
    return findings
