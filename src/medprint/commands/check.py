"""``medprint check [SOURCE…] [--format text|json] [--strict]``: report problems before anyone prints.

Exit 0 when clean (warnings allowed), 1 on errors (or warnings with ``--strict``), 2 on usage errors.
A source that cannot be read is reported as its error diagnostics, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import click


def _verify_online(results: list) -> None:
    """Add ``medprint refs verify``'s findings to each readable document's check result."""
    from ..check import sort_diagnostics
    from ..remote.http import Client
    from ..remote.session import verify

    readable = [r for r in results if r.document is not None]
    with Client() as client:
        for result, found in zip(readable, verify([r.document for r in readable], client)):
            result.diagnostics = sort_diagnostics(result.diagnostics + found)


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter("write the date as YYYY-MM-DD") from None


@click.command("check")
@click.argument("sources", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Report format; json follows docs/check-json-schema.json.")
@click.option("--strict", is_flag=True, help="Warnings count as errors (exit 1).")
@click.option("--release", is_flag=True, help="Check as for a release: an overdue review is an error.")
@click.option("--online", is_flag=True, help="Also compare references with PubMed / Crossref / DataCite records "
                                             "(uses the network; see `medprint refs verify`).")
@click.option("--today", callback=_date, metavar="YYYY-MM-DD", hidden=True,
              help="Pretend today is this date (for reproducible reports).")
def command(sources: tuple[Path, ...], fmt: str, strict: bool, release: bool, online: bool,
            today: dt.date | None) -> None:
    """Check sources for citation, reference, readability, publishing, figure and slide problems.

    With no SOURCE, checks every source in sources/.  Exit 0 clean (warnings allowed), 1 errors, 2 usage.
    """
    from ..api import discover_sources
    from ..check import check_source
    from ..check.report import exit_code, format_text, to_json

    found = discover_sources(list(sources))  # UsageError (exit 2) when there is nothing to check
    results = [check_source(path, release=release, today=today) for path in found]
    if online:
        _verify_online(results)
    if fmt == "json":
        click.echo(json.dumps(to_json(results, strict=strict), indent=2, ensure_ascii=False))
    else:
        color = None if not os.environ.get("NO_COLOR") else False
        click.echo(format_text(results, color=color is not False), nl=False, color=color)
    code = exit_code(results, strict)
    if code:
        raise SystemExit(code)  # the CLI boundary turns this into the process's exit status
