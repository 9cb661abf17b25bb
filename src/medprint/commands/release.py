"""``medprint release VERSION``: a versioned, verifiable build of the whole library."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import EXIT_SOURCE, UsageError


def _change_lines(documents, removed, previous: str) -> list[str]:
    """One line per document: what changed since the previous release."""
    from ..release.summary import changed_files

    lines = []
    for d in sorted(documents, key=lambda d: d.source):
        if d.change == "changed":
            version = (f"version {d.previous_version or '-'} -> {d.version or '-'}" if d.version != d.previous_version
                       else f"version still {d.version or '-'}")
            lines.append(f"  changed    {d.source} ({version}; {changed_files(d)})")
        else:
            lines.append(f"  {d.change or 'new':<10} {d.source}" + (f" (version {d.version})" if d.version else ""))
    lines += [f"  removed    {source}" for source in removed]
    return lines


def _counts(documents, removed, previous: str) -> str:
    if not previous:
        return "first release, all new"
    kinds = [(sum(1 for d in documents if d.change == k), k) for k in ("new", "changed", "unchanged")]
    return f"since {previous}: " + ", ".join(f"{n} {k}" for n, k in kinds + [(len(removed), "removed")])


@click.command(help="Build a versioned, verifiable release into output/releases/VERSION/.")
@click.argument("version")
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path))
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Documents built at once (default: every core).")
@click.option("--shard", metavar="I/N", help="Build only the I-th of N stable parts of the library (CI matrix).")
@click.option("--allow-overdue", is_flag=True,
              help="Release documents whose next-review date has passed (recorded in the manifest).")
@click.option("--allow-same-version", is_flag=True,
              help="Release documents whose text changed while their version: did not (recorded).")
@click.option("--partial", is_flag=True,
              help="Release the documents that pass even if others fail (failures recorded in the manifest).")
@click.option("--dry-run", is_flag=True, help="Check everything and print what would be released; write nothing.")
@click.option("--verify", "mode", flag_value="verify",
              help="Rebuild VERSION from the inputs it carries and confirm every byte matches.")
@click.option("--merge", "mode", flag_value="merge", help="Merge the --shard folders of VERSION into one release.")
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path), default=Path("output"),
              show_default=True,
              help="Output folder (releases go to OUTPUT/releases/).")
def command(version: str, sources: tuple[Path, ...], jobs: int | None, shard: str | None, allow_overdue: bool,
            allow_same_version: bool, partial: bool, dry_run: bool, mode: str | None, out_dir: Path) -> None:
    from ..release.release import make_release, merge_release, plan_release, verify_release
    from ..release.shard import parse_shard

    progress = True  # a live line on a terminal, one plain line per document otherwise
    if mode and (sources or shard or allow_overdue or allow_same_version or partial or dry_run):
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
        click.echo(f"release {version}: verified, {result.checked} file(s) match the manifest and the release "
                   "rebuilds byte for byte from the inputs it carries")
        return
    if mode == "merge":
        result = merge_release(version, out_dir=out_dir)
        m = result.manifest
        click.echo(f"release {version}: merged {len(m.documents)} document(s), {len(m.files)} file(s) into "
                   f"{result.folder}")
        return
    shard_parts = parse_shard(shard) if shard else None
    if dry_run:
        plan = plan_release(version, sources or None, out_dir=out_dir, jobs=jobs, shard=shard_parts,
                            allow_overdue=allow_overdue, allow_same_version=allow_same_version, progress=progress)
        for failure in plan.failures:
            click.echo(failure.error, err=True)
        total = len(plan.documents) + len(plan.failures)
        refused = bool(plan.failures) and not partial
        verdict = "would be REFUSED" if refused else f"would release {len(plan.documents)} of {total} document(s)"
        click.echo(f"release {version} (dry run, nothing written): {verdict}; "
                   f"{_counts(plan.documents, plan.removed, plan.previous)}")
        for line in _change_lines(plan.documents, plan.removed, plan.previous):
            click.echo(line)
        for failure in plan.failures:
            click.echo(f"  FAILED     {failure.source}")
        if refused:
            click.echo(f"medprint: error: {len(plan.failures)} document(s) fail; run `medprint check --release "
                       f"{' '.join(f.source for f in plan.failures)}` to see every problem, or pass --partial "
                       "[release.failed]", err=True)
        if plan.failures:
            raise SystemExit(EXIT_SOURCE)
        return
    result = make_release(version, sources or None, out_dir=out_dir, jobs=jobs, shard=shard_parts,
                          allow_overdue=allow_overdue, allow_same_version=allow_same_version, partial=partial,
                          progress=progress)
    m = result.manifest
    for failure in m.failures:
        click.echo(failure.error, err=True)
    click.echo(f"release {version}{' shard ' + m.shard if m.shard else ''}: {len(m.documents)} document(s), "
               f"{len(m.files)} file(s) in {result.folder}; {_counts(m.documents, m.removed, m.previous)}"
               + (f"; {len(m.failures)} failed and left out (--partial, see SUMMARY.md)" if m.failures else ""))
    for line in _change_lines(m.documents, m.removed, m.previous):
        click.echo(line)
    if m.failures:
        raise SystemExit(EXIT_SOURCE)
