"""``medprint refs FILE…``: print a reference list, or convert any supported format to clean CSL-JSON.

``medprint refs fetch`` and ``medprint refs verify`` (in :mod:`.refs_online`) are its network subcommands;
``refs FILE…`` without a subcommand name stays the formatter it always was.

Staff turn a PubMed export into a references file with ``--format csl-json``
(sorted keys, file order kept, so re-running gives the same bytes and diffs
stay small); ``text`` and ``html`` print the list exactly as the documents'
citation engine formats it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import ClassVar

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


class _RefsGroup(click.Group):
    """``refs FILE…`` formats files; ``refs fetch`` / ``refs verify`` are subcommands (lazily imported)."""

    SUBCOMMANDS: ClassVar[dict[str, str]] = {"fetch": "fetch_command", "verify": "verify_command"}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return ["format", *self.SUBCOMMANDS]

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name == "format":
            return format_command
        if name in self.SUBCOMMANDS:
            from . import refs_online

            return getattr(refs_online, self.SUBCOMMANDS[name])
        return None

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.list_commands(ctx) and args[0] not in ("--help", "-h"):
            args = ["format", *args]  # `medprint refs x.bib --style ama`: the formatter, as before
        return super().parse_args(ctx, args)


@click.group(name="refs", cls=_RefsGroup, context_settings={"help_option_names": ["--help", "-h"]})
def command() -> None:
    """Reference files: format or convert them (refs FILE…), resolve cited identifiers (refs fetch), check
    entries against PubMed and Crossref (refs verify).

    \b
    medprint refs refs.bib --style apa        format a file (same as `refs format refs.bib`)
    medprint refs fetch [SOURCE…]              resolve [@doi:…], [@pmid:…], [@pmcid:…] into the lock file
    medprint refs verify [SOURCE…]             compare entries with their PubMed/Crossref records
    """


@click.command(name="format")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, readable=True, path_type=Path))
@click.option("--style", "-s", default="apa", show_default=True,
              help="CSL style name (apa, american-medical-association, vancouver, ...) or a .csl file.")
@click.option("--lang", "-l", default="en-US", show_default=True, help="CSL locale, e.g. en-GB, de-DE.")
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text or html: the formatted reference list; csl-json: convert the files to CSL-JSON.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file (atomically) instead of standard output.")
def format_command(files: tuple[Path, ...], style: str, lang: str, fmt: str, output: Path | None) -> None:
    """Format reference FILEs (CSL-JSON, CSL-YAML, BibTeX, RIS, PubMed .nbib), or convert them to CSL-JSON."""
    from ..report import collecting

    with collecting() as warnings:  # e.g. a key defined twice in one .bib file: the first entry is used
        refs = load_files(files)
    for warning in warnings:
        click.echo(warning.format(), err=True)
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
