"""The check report: readable text grouped by document and severity, or JSON for CI.

Text lines are the project's one-line diagnostic format (``file:line:col: severity: what; what to do [code]``)
with paths relative to the working directory, so editors and terminals can jump to them.  The JSON shape is
documented in ``docs/check-json-schema.json`` (``SCHEMA_VERSION``).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable
from pathlib import Path

import click

from ..diagnostics import Diagnostic, collapse_repeats, group_by_code
from ..model import Location

SCHEMA_VERSION = 1
SEVERITIES = ("error", "warning", "info")
HEADINGS = {"error": "errors", "warning": "warnings", "info": "notes"}
COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def display_path(file: str, cwd: Path | None = None) -> str:
    """``file`` relative to the working directory when it lies inside it, with forward slashes."""
    cwd = cwd or Path.cwd()
    try:
        rel = Path(os.path.abspath(file)).relative_to(cwd.resolve())
        return rel.as_posix()
    except ValueError:
        return Path(file).as_posix()


def _relative(diagnostic: Diagnostic, cwd: Path | None) -> Diagnostic:
    loc = diagnostic.location
    if loc is None:
        return diagnostic
    return dataclasses.replace(diagnostic, location=Location(display_path(loc.file, cwd), loc.line, loc.col))


def exit_code(results: Iterable, strict: bool) -> int:
    """0 clean, 1 when any error (or any warning with ``strict``)."""
    failing = {"error", "warning"} if strict else {"error"}
    return 1 if any(d.severity in failing for r in results for d in r.diagnostics) else 0


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary(results: list) -> str:
    counts = {s: sum(r.count(s) for r in results) for s in SEVERITIES}
    codes = {d.code for r in results for d in r.diagnostics}
    tail = f" ({_plural(len(codes), 'code')})" if codes else ""
    return (f"medprint check: {_plural(len(results), 'document')}, {_plural(counts['error'], 'error')}, "
            f"{_plural(counts['warning'], 'warning')}, {_plural(counts['info'], 'note')}{tail}")


def format_text(results: list, *, color: bool = False, cwd: Path | None = None) -> str:
    """The grouped, human report (ANSI colour only when ``color``)."""
    style = (lambda text, **kw: click.style(text, **kw)) if color else (lambda text, **kw: text)
    lines: list[str] = []
    for result in results:
        counts = ", ".join(_plural(result.count(s), s if s != "info" else "note") for s in SEVERITIES)
        mark = style("✗", fg="red") if result.count("error") else style("✓", fg="green")
        lines.append(f"{mark} {style(display_path(result.source, cwd), bold=True)} ({counts})")
        for severity in SEVERITIES:
            group = [_relative(d, cwd) for d in result.diagnostics if d.severity == severity]
            if not group:
                continue
            lines.append(f"  {style(HEADINGS[severity], fg=COLOURS[severity], bold=True)}:")
            by_code: dict[str, list[Diagnostic]] = {}
            for d in group_by_code(collapse_repeats(group)):  # a code's findings together, repeats on one line
                by_code.setdefault(d.code, []).append(d)
            for code, found in by_code.items():
                if len(found) > 1:
                    lines.append(f"    {style(code, bold=True)} ({len(found)}):")
                for d in found:
                    text = style(d.format(), fg=COLOURS[severity]) if severity == "error" else d.format()
                    lines.append(f"{'      ' if len(found) > 1 else '    '}{text}")
        lines.append("")
    lines.append(summary(results))
    return "\n".join(lines) + "\n"


def to_json(results: list, *, strict: bool, cwd: Path | None = None) -> dict:
    """The ``--format json`` document (see docs/check-json-schema.json)."""
    documents = []
    for result in results:
        documents.append({
            "source": display_path(result.source, cwd),
            "name": result.name,
            "counts": {s: result.count(s) for s in SEVERITIES},
            "diagnostics": [_relative(d, cwd).to_json() for d in result.diagnostics],
        })
    return {
        "schema_version": SCHEMA_VERSION,
        "documents": documents,
        "summary": {
            "documents": len(results),
            **{s: sum(r.count(s) for r in results) for s in SEVERITIES},
            "strict": strict,
            "exit_code": exit_code(results, strict),
        },
    }
