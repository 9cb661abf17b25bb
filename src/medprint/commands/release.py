"""``medprint release VERSION``: a versioned, verifiable build of the whole library."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import EXIT_SOURCE, UsageError


@click.command(help="Build a versioned, verifiable release into output/releases/VERSION/.")
@click.argument("version")
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path))
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Documents built at once (default: every core).")
@click.option("--shard", metavar="I/N", help="Build only the I-th of N stable parts of the library (CI matrix).")
@click.option("--allow-overdue", is_flag=True,
              help="Release documents whose next-review date has passed (recorded in the manifest).")
@click.option("--verify", "mode", flag_value="verify", help="Rebuild VERSION and confirm every byte matches.")
@click.option("--merge", "mode", flag_value="merge", help="Merge the --shard folders of VERSION into one release.")
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path), default=Path("output"),
              show_default=True,
              help="Output folder (releases go to OUTPUT/releases/).")
def command(version: str, sources: tuple[Path, ...], jobs: int | None, shard: str | None, allow_overdue: bool,
            mode: str | None, out_dir: Path) -> None:
    from ..release.release import make_release, merge_release, verify_release
    from ..release.shard import parse_shard

    progress = sys.stderr.isatty()
    if mode and (sources or shard or allow_overdue):
        raise UsageError("usage.release", f"--{mode} takes only VERSION (and --jobs)",
                         hint=f"run `medprint release --{mode} {version}`")
    if mode == "verify":
        result = verify_release(version, out_dir=out_dir, jobs=jobs, progress=progress)
        for note in result.notes:
            click.echo(f"note: {note}", err=True)
        for problem in result.problems:
            click.echo(f"{result.folder}: error: {problem} [release.verify]", err=True)
        if not result.ok:
            click.echo(f"release {version}: verification FAILED ({len(result.problems)} problem(s))", err=True)
            raise SystemExit(EXIT_SOURCE)
        click.echo(f"release {version}: verified, {result.checked} file(s) match the manifest and rebuild "
                   "byte for byte")
        return
    if mode == "merge":
        result = merge_release(version, out_dir=out_dir)
    else:
        result = make_release(version, sources or None, out_dir=out_dir, jobs=jobs,
                              shard=parse_shard(shard) if shard else None, allow_overdue=allow_overdue,
                              progress=progress)
    m = result.manifest
    for failure in m.failures:
        click.echo(failure.error, err=True)
    click.echo(f"release {version}{' shard ' + m.shard if m.shard else ''}: {len(m.documents)} document(s), "
               f"{len(m.files)} file(s) in {result.folder}" + (f"; {len(m.failures)} failed (see SUMMARY.md)"
                                                                  if m.failures else ""))
    if m.failures:
        raise SystemExit(EXIT_SOURCE)
