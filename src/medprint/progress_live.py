"""The live progress line drawn with rich (see :mod:`medprint.progress`), imported only on a terminal."""

from __future__ import annotations

from typing import Iterable

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.progress import Progress, Task
from rich.text import Text

from .progress import layout


class _Lines:
    """The tasks of a progress, each as one line laid out for the width rich renders it at."""

    def __init__(self, progress: "LineProgress") -> None:
        self.progress = progress

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for task in self.progress.tasks:
            yield self.progress.line(task, options.max_width, console)


class LineProgress(Progress):
    """A rich Progress that draws each task as one line laid out by :func:`layout`."""

    def get_renderables(self) -> Iterable[RenderableType]:
        yield _Lines(self)

    def line(self, task: Task, width: int, console: Console) -> Text:  # noqa: ARG002 - rich's signature
        """``release 1.1 ━━━━━━━──────── 2 of 6 done, 1:12 left  beta, gamma``: a bar visible without colour."""
        done, total = int(task.completed), int(task.total or 0)
        elapsed = task.finished_time if task.finished else None
        desc, bar, count, names = layout(width - 1, task.description, done, total, task.time_remaining,
                                         task.fields.get("now", ""), elapsed)
        line = Text(no_wrap=True, overflow="ellipsis", end="")
        if desc:
            line.append(desc, style="bold").append(" ")
        if bar:
            filled = bar * done // total if total else 0
            line.append("━" * filled, style="bar.finished" if done >= total else "bar.complete")
            line.append("─" * (bar - filled), style="bar.back").append(" ")
        line.append(count)
        if names:
            line.append("  ").append(names, style="dim")
        return line
