"""``medprint refs fetch`` and ``medprint refs verify``: the only commands that use the network for references.

``fetch`` resolves what sources cite by identifier (``[@pmid:…]``, ``[@doi:…]``, ``[@pmcid:…]``) into the lock file
beside each source, which builds then read offline.  ``verify`` compares every entry that has a DOI, PMID or
PMCID with PubMed, Crossref or DataCite and reports differences, retractions and missing authors as located
findings (``--format json`` follows docs/check-json-schema.json); ``--write`` fills empty fields of CSL-JSON files.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

_EMAIL_HELP = "Contact e-mail sent to Crossref (polite pool) and NCBI; default $MEDPRINT_CONTACT_EMAIL."


def _read_documents(sources: tuple[Path, ...]):
    """A CheckResult per source: its document, or the errors that kept it from being read."""
    from ..api import discover_sources
    from ..check import read_for_check

    return [read_for_check(path) for path in discover_sources(list(sources))]


def _client(email: str | None, refresh: bool):
    """A client that shows, on a terminal, which service it is asking (requests are spaced, so it can take a while)."""
    import sys

    from ..remote.http import Client, Settings

    client = Client(Settings.from_env(email=email or None, refresh=refresh))
    if sys.stderr.isatty():
        def show(host: str, count: int) -> None:
            click.echo(f"\r  request {count}: {host}" + " " * 20, nl=False, err=True)

        client.on_request = show
    return client


def _report(results, fmt: str, strict: bool = False) -> None:
    from ..check import sort_diagnostics
    from ..check.report import exit_code, format_text, to_json

    for result in results:
        result.diagnostics = sort_diagnostics(result.diagnostics)
    if fmt == "json":
        click.echo(json.dumps(to_json(results, strict=strict), indent=2, ensure_ascii=False))
    else:
        click.echo(format_text(results, color=not os.environ.get("NO_COLOR")), nl=False)
    code = exit_code(results, strict)
    if code:
        raise SystemExit(code)


@click.command(name="fetch")
@click.argument("sources", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--refresh", is_flag=True, help="Fetch again identifiers already in the lock file (and skip the cache).")
@click.option("--email", metavar="ADDRESS", help=_EMAIL_HELP)
def fetch_command(sources: tuple[Path, ...], refresh: bool, email: str | None) -> None:
    """Resolve cited DOIs, PMIDs and PMCIDs into each source's lock file (SOURCE.refs-lock.json).

    Uses the network (PubMed, PMC ID converter, Crossref, DataCite); builds read the lock file offline.
    With no SOURCE, every source in sources/.
    """
    from ..readers.references.lockfile import lock_path
    from ..remote.session import fetch, plan_fetch

    results = _read_documents(sources)
    readable = [r for r in results if r.document is not None]
    plans = [plan_fetch(r.document, refresh=refresh) for r in readable]
    total = sum(len(p.wanted) for p in plans)
    if total:
        click.echo(f"resolving {total} identifier{'s' if total != 1 else ''}…", err=True)
    with _client(email, refresh) as client:
        findings = fetch(plans, client)
    for result, plan, found in zip(readable, plans, findings):
        result.diagnostics = found
        resolved = len(plan.wanted) - sum(1 for d in found if d.code.startswith("refs."))
        if plan.wanted:
            click.echo(f"{result.source}: {resolved} of {len(plan.wanted)} resolved"
                       + (f", lock file {lock_path(Path(plan.document.source_path))}" if resolved else ""), err=True)
        elif not found:
            click.echo(f"{result.source}: nothing to fetch", err=True)
    _report(results, "text")


@click.command(name="verify")
@click.argument("sources", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Report format; json follows docs/check-json-schema.json.")
@click.option("--write", is_flag=True, help="Fill empty fields of CSL-JSON entries from the records "
                                            "(never changes a value, never rewrites BibTeX, RIS or YAML).")
@click.option("--refresh", is_flag=True, help="Ask the services again instead of using the cache.")
@click.option("--strict", is_flag=True, help="Warnings count as errors (exit 1).")
@click.option("--email", metavar="ADDRESS", help=_EMAIL_HELP)
def verify_command(sources: tuple[Path, ...], fmt: str, write: bool, refresh: bool, strict: bool,
                   email: str | None) -> None:
    """Compare every reference that has a DOI, PMID or PMCID with its PubMed / Crossref / DataCite record.

    Reports wrong journals, years, volumes, pages, titles and authors with the record's value as the fix,
    missing authors, and retractions (errors), expressions of concern and corrections.  Uses the network.
    """
    from ..remote.session import verify

    results = _read_documents(sources)
    readable = [r for r in results if r.document is not None]
    with _client(email, refresh) as client:
        findings = verify([r.document for r in readable], client)
        if write:
            for result in readable:
                _write_missing(result.document, client)
    for result, found in zip(readable, findings):
        result.diagnostics = found
    _report(results, fmt, strict)


def _write_missing(document, client) -> None:
    """Fill empty fields in the document's CSL-JSON files from the records (cached from the verify just run)."""
    from ..atomic import write_text
    from ..remote.resolve import resolve
    from ..remote.verify import fill_missing, identifiers_to_check

    by_file: dict[str, list] = {}
    for ref in document.references:
        if ref.location and ref.location.file.endswith(".json") and not ref.location.file.endswith("lock.json"):
            by_file.setdefault(ref.location.file, []).append(ref)
    for file, refs in by_file.items():
        path = Path(file)
        if not path.is_file():
            continue
        items = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(items, list):
            continue
        wanted = {ref.id: identifiers_to_check(ref)[0] for ref in refs if identifiers_to_check(ref)}
        resolution = resolve(client, sorted(set(wanted.values())))
        changed = []
        for item in items:
            ident = wanted.get(str(item.get("id")))
            record = resolution.records.get(ident) if ident else None
            if record is not None:
                filled = fill_missing(item, record)
                if filled:
                    changed.append(f"{item['id']} ({', '.join(filled)})")
        if changed:
            write_text(path, json.dumps(items, ensure_ascii=False, indent=2) + "\n")
            click.echo(f"{file}: filled {'; '.join(changed)}", err=True)
    others = sorted({r.location.file for r in document.references if r.location
                     and not r.location.file.endswith(".json")})
    for file in others:
        click.echo(f"{file}: not changed (only CSL-JSON files are written; add the fields shown above by hand)",
                   err=True)

