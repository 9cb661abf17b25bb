"""``medprint refs FILE…``: print a reference list, or convert any supported format to clean CSL-JSON.

Staff turn a PubMed export into a references file with ``--format csl-json``
(sorted keys, file order kept, so re-running gives the same bytes and diffs
stay small); ``text`` and ``html`` print the list exactly as the documents'
citation engine formats it.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..errors import UsageError
from ..model import BibEntry, Reference, runs_text

FORMATS = ("text", "html", "csl-json")


def to_csl_json(refs: list[Reference] | tuple[Reference, ...]) -> str:
    """References as a CSL-JSON document: a list in input order, each item's keys sorted."""
    return json.dumps([ref.data for ref in refs], ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def to_text(entries: tuple[BibEntry, ...]) -> str:
    lines = [f"{e.label} {runs_text(e.runs)}".strip() if e.label else runs_text(e.runs) for e in entries]
    return "".join(line + "\n" for line in lines)


def to_html(entries: tuple[BibEntry, ...]) -> str:
    """The reference list as Pandoc marks it up: ``div#refs`` holding ``div.csl-entry#ref-KEY``."""
    from markupsafe import escape

    from ..writers.html_runs import render_runs

    out = ['<div id="refs" class="references csl-bib-body" role="list">']
    for e in entries:
        label = f'<span class="csl-left-margin">{escape(e.label)}</span>' if e.label else ""
        out.append(f'  <div id="ref-{escape(e.key)}" class="csl-entry" role="listitem">{label}'
                   f"{render_runs(e.runs)}</div>")
    out.append("</div>")
    return "\n".join(out) + "\n"


def load_files(files: tuple[Path, ...]) -> list[Reference]:
    """Read every file in order; duplicate keys across them are an error naming both places."""
    from ..readers.references import check_duplicates, format_of, read_reference_file

    refs: list[Reference] = []
    for path in files:
        if format_of(path) is None:
            raise UsageError("usage.reference-format", f"{path}: unknown reference file type '{path.suffix}'",
                             hint="give .json, .yaml, .yml, .bib, .ris, .nbib or .txt (PubMed) files")
        refs.extend(read_reference_file(path, str(path)))
    check_duplicates(refs)
    return refs


def _style_argument(style: str) -> tuple[str, Path]:
    """A ``--style`` that is a .csl file on the command line (absolute or relative) is read from its folder."""
    path = Path(style)
    if path.suffix == ".csl" or len(path.parts) > 1:
        if not path.is_file():
            raise UsageError("usage.style", f"style file '{style}' not found",
                             hint="give a style name (apa, vancouver, ...) or an existing .csl file")
        return path.name, path.resolve().parent
    return style, Path.cwd()


@click.command(name="refs")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, readable=True, path_type=Path))
@click.option("--style", "-s", default="apa", show_default=True,
              help="CSL style name (apa, american-medical-association, vancouver, ...) or a .csl file.")
@click.option("--lang", "-l", default="en-US", show_default=True, help="CSL locale, e.g. en-GB, de-DE.")
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text or html: the formatted reference list; csl-json: convert the files to CSL-JSON.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file (atomically) instead of standard output.")
def command(files: tuple[Path, ...], style: str, lang: str, fmt: str, output: Path | None) -> None:
    """Format reference FILEs (CSL-JSON, CSL-YAML, BibTeX, RIS, PubMed .nbib), or convert them to CSL-JSON."""
    refs = load_files(files)
    if fmt == "csl-json":
        result = to_csl_json(refs)
    else:
        from ..citations import render_bibliography

        style, style_dir = _style_argument(style)
        entries = render_bibliography(tuple(refs), style, lang, source_dir=style_dir)
        result = to_text(entries) if fmt == "text" else to_html(entries)
    if output is not None:
        from ..atomic import write_text

        write_text(output, result)
        click.echo(f"wrote {len(refs)} references to {output}", err=True)
    else:
        click.echo(result, nl=False)
