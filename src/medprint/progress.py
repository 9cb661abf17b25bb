"""A progress bar for multi-document work (rich), or a no-op when there is one document or no terminal."""

from __future__ import annotations

import contextlib
import sys
from typing import Callable, Iterator


@contextlib.contextmanager
def progress_bar(total: int, *, enabled: bool = True) -> Iterator[Callable[[str, int, int], None] | None]:
    """Yield a hook ``(current_name, done, total)`` that drives a bar with time left."""
    if not enabled or total <= 1:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[current]}"), TimeRemainingColumn())
    with Progress(*columns, transient=not sys.stderr.isatty(), disable=not sys.stderr.isatty()) as progress:
        task = progress.add_task("building", total=total, current="")

        def hook(current: str, done: int, total_: int) -> None:
            progress.update(task, completed=done, total=total_, current=current)

        yield hook
