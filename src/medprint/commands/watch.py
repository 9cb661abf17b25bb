"""``medprint watch [SOURCE]``: rebuild on every save, in one warm process.

The first build imports every writer and parses styles, fonts and the CSL style
once; after that a save costs only the document's own work.  Changes are
detected with ``watchfiles`` (a maintained Rust-backed watcher).  A save that
breaks the source prints its error lines and the watch goes on.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

import click


@dataclass
class Rebuild:
    """The result of one rebuild, ready to print."""

    source: Path
    ok: bool
    seconds: float
    lines: list[str] = field(default_factory=list)

    def describe(self) -> str:
        state = "rebuilt" if self.ok else "FAILED"
        return f"{self.source}: {state} in {self.seconds:.2f} s"


def rebuild(source: Path, out_dir: Path, formats: Sequence[str]) -> Rebuild:
    """Build one source now; never raises for a problem in the source."""
    from .. import api
    from ..boundary import translate

    started = time.perf_counter()
    try:
        result = api.build_document(source, out_dir, formats)
    except Exception as exc:  # noqa: BLE001 - a broken save is reported, the watch goes on
        err = translate(exc)
        lines = err.lines() if err else [f"internal error: {type(exc).__name__}: {exc} [internal]"]
        return Rebuild(source, False, time.perf_counter() - started, lines)
    from ..diagnostics import collapse_repeats, group_by_code

    return Rebuild(source, True, time.perf_counter() - started,
                   [w.format() for w in group_by_code(collapse_repeats(result.warnings))])


def affected(changed: Iterable[Path], sources: Sequence[Path], styles: Path, out_dir: Path) -> list[Path]:
    """The sources a batch of changed files concerns: any file in a source's folder (other sources' ``.md``
    excepted) or any style; outputs never trigger a build."""
    out = out_dir.resolve()
    changed = [c for c in (Path(p).resolve() for p in changed) if c != out and out not in c.parents]
    if any(styles in c.parents for c in changed):
        return list(sources)
    resolved = {s: s.resolve() for s in sources}
    others = set(resolved.values())
    return [s for s, path in resolved.items()
            if any(c == path or (c not in others and path.parent in c.parents) for c in changed)]


def watch_loop(
    sources: Sequence[Path],
    out_dir: Path,
    formats: Sequence[str],
    *,
    echo: Callable[[Rebuild], None],
    stop_event: threading.Event | None = None,
    max_rounds: int | None = None,
) -> int:
    """Rebuild affected sources on each batch of changes; returns the number of batches handled."""
    import watchfiles

    from ..paths import styles_dir

    styles = styles_dir()
    folders = sorted({s.resolve().parent for s in sources} | ({styles} if styles.is_dir() else set()))
    rounds = 0
    for changes in watchfiles.watch(*folders, stop_event=stop_event, debounce=100, step=20,
                                    raise_interrupt=False):
        for source in affected([Path(p) for _, p in changes], sources, styles, out_dir):
            echo(rebuild(source, out_dir, formats))
        rounds += 1
        if max_rounds is not None and rounds >= max_rounds:
            break
    return rounds


class Reporter:
    """Prints each rebuild; warnings already shown for that source are counted, not repeated, on every save."""

    def __init__(self) -> None:
        self.shown: dict[Path, set[str]] = {}

    def __call__(self, result: Rebuild) -> None:
        if not result.ok:
            for line in result.lines:
                click.echo(line, err=True)
            click.echo(result.describe(), err=True)
            return
        before = self.shown.get(result.source, set())
        fresh = [line for line in result.lines if line not in before]
        for line in fresh:
            click.echo(line, err=True)
        self.shown[result.source] = set(result.lines)
        repeated = len(result.lines) - len(fresh)
        click.echo(result.describe() + (f" ({repeated} warning(s) as before)" if repeated else ""))


@click.command(help="Rebuild SOURCE (default: every source) each time it or its files are saved.")
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path))
@click.option("--to", "to", default=None, help="Comma-separated formats: pdf,pptx,html (default: all).")
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path), default=Path("output"),
              show_default=True, help="Folder for the outputs.")
def command(sources: tuple[Path, ...], to: str | None, out_dir: Path) -> None:
    from .. import api

    from .stopping import stop_on_termination

    formats = api.parse_formats(to)
    paths = api.discover_sources(sources or None)
    stop_on_termination()  # a terminated watch ends as one stopped with Ctrl-C does (exit handlers run)
    echo = Reporter()
    for path in paths:  # the first build warms every module, style, font and CSL parse
        echo(rebuild(path, out_dir, formats))
    click.echo(f"watching {len(paths)} source(s); Ctrl-C to stop", err=True)
    watch_loop(paths, out_dir, formats, echo=echo)
