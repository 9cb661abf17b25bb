"""``medprint build``: sources -> PDF handout, PowerPoint deck and web page in ``output/``."""

from __future__ import annotations

import click

from ..errors import EXIT_SOURCE


@click.command("build")
@click.argument("sources", nargs=-1, type=click.Path())
@click.option("--to", "to", default="pdf,pptx,html", show_default=True,
              help="Comma-separated outputs to write: pdf, pptx, html.")
@click.option("-o", "--output", "out_dir", default="output", show_default=True, type=click.Path(file_okay=False),
              help="Folder for the outputs.")
@click.option("--pdf-variant", default=None,
              help="PDF flavour: pdf/ua-1 (default, accessible) or pdf/a-3u, pdf/a-2b (archive).")
@click.option("--force", is_flag=True, help="Rebuild even when nothing changed.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Documents built in parallel (default: every core).")
@click.option("-q", "--quiet", is_flag=True, help="Print only warnings and errors.")
def command(sources: tuple[str, ...], to: str, out_dir: str, pdf_variant: str | None, force: bool,
            jobs: int | None, quiet: bool) -> None:
    """Build SOURCES (default: every source in sources/) into OUTPUT."""
    from .. import api
    from ..progress import progress_bar

    api.parse_formats(to)  # a bad --to is a usage error before anything is read
    paths = api.discover_sources(sources)
    with progress_bar(len(paths), enabled=len(paths) > 1 and not quiet) as hook:
        report = api.build(paths, to=to, out_dir=out_dir, pdf_variant=pdf_variant, force=force,
                           jobs=jobs, progress=hook)
    from ..diagnostics import collapse_repeats, group_by_code, summary_line

    shown = []
    for result in report.results:
        warnings = group_by_code(collapse_repeats(result.warnings))  # one line per repeated finding, by code
        shown += warnings
        for warning in warnings:
            click.echo(warning.format(), err=True)
        if quiet:
            continue
        if result.skipped:
            click.echo(f"{result.name}: up to date")
            continue
        for path in result.outputs.values():
            click.echo(f"wrote {path}")
    if shown:
        click.echo(f"medprint: {summary_line(shown)}", err=True)
    for path, error in report.failures:
        for problem in collapse_repeats(error.problems):  # one missing image used 44 times: one line
            click.echo(problem.format(), err=True)
    if report.failures:
        click.echo(f"medprint: {len(report.failures)} of {len(paths)} document(s) failed", err=True)
        raise SystemExit(EXIT_SOURCE)
