"""Progress of multi-document work: a live rich line on a terminal, one plain line per document otherwise.

The live line reads ``release 1.1 ━━━━━━━─────── 2 of 6 done, 1:12 left  beta, gamma``.  It is laid out
for the console's width, most important part first: the count and time left always show (they are what a
person waits for), the bar shrinks from 40 cells to 10 and then goes, the names of the documents being built
take what is left and are cut with an ellipsis.  The bar's width depends on the width alone, so it
does not jump from frame to frame.  When stderr is no terminal (a CI log, a pipe) each finished
document prints one line, ``release 1.1: 2 of 6 done: sources/beta/index.md``, and nothing is redrawn.
"""

from __future__ import annotations

import contextlib
import time
from typing import TYPE_CHECKING, Callable, Iterator

if TYPE_CHECKING:
    from rich.console import Console

Hook = Callable[[str, int, int], None]  # (documents now building, done, total)
MAX_BAR = 40
MIN_BAR = 10


def _clock(seconds: float) -> str:
    seconds = max(0, round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def count_text(done: int, total: int, left: float | None, elapsed: float | None = None) -> str:
    """``2 of 6 done, 1:12 left`` (time left once it can be estimated); ``6 of 6 done in 0:42`` at the end."""
    text = f"{done} of {total} done"
    if total and done >= total:
        return text + (f" in {_clock(elapsed)}" if elapsed is not None else "")
    if left is not None and done:
        return text + f", {_clock(left)} left"
    return text


def _cut(text: str, width: int) -> str:
    if width <= 0:
        return ""
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def layout(width: int, description: str, done: int, total: int, left: float | None, now: str,
           elapsed: float | None = None) -> tuple[str, int, str, str]:
    """(description, bar width, count, names) fitted into ``width`` cells, in order of importance."""
    count = count_text(done, total, left, elapsed)
    room = width - len(count)
    desc = _cut(description, room - 1)
    room -= len(desc) + 1 if desc else 0
    wanted = min(MAX_BAR, room // 2)  # by width alone, so the bar does not jump as the names change
    bar = wanted if wanted >= MIN_BAR else (MIN_BAR if room - 1 >= MIN_BAR else 0)
    room -= bar + 1 if bar else 0
    names = _cut(now, room - 2) if now and room - 2 >= 8 else ""  # a name cut shorter says nothing
    return desc, bar, count, names


class Display:
    """What a pool job runner tells: how many documents, which are building, which finished."""

    def __init__(self, description: str, total: int, *, console: "Console | None" = None,
                 enabled: bool = True, plain: bool | None = None) -> None:
        self.description, self.total, self.done = description, total, 0
        self.enabled = enabled and total > 0
        self.console = console or (_stderr_console() if self.enabled else None)  # rich only when shown
        self.plain = (not self.console.is_terminal if self.console else True) if plain is None else plain
        self._live = None
        self._task = None
        self._start = time.monotonic()

    def __enter__(self) -> "Display":
        if self.enabled and not self.plain:
            from .progress_live import LineProgress

            self._live = LineProgress(console=self.console, transient=False, auto_refresh=True)
            self._task = self._live.add_task(self.description, total=self.total, now="")
            self._live.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        if self._live is not None:
            self._live.update(self._task, now="")
            self._live.__exit__(*exc)

    def building(self, labels: list[str]) -> None:
        """The documents being built right now."""
        if self._live is not None:
            self._live.update(self._task, now=", ".join(labels))

    def finished(self, label: str, ok: bool = True) -> None:
        """One document is done (or failed)."""
        self.done += 1
        if not self.enabled:
            return
        if self._live is not None:
            self._live.update(self._task, completed=self.done)
        else:
            what = "" if ok else "FAILED "
            self.console.print(f"{self.description}: {self.done} of {self.total} done: {what}{label}",
                               highlight=False, markup=False, soft_wrap=True)


@contextlib.contextmanager
def progress_bar(total: int, *, enabled: bool = True, description: str = "building",
                 console: "Console | None" = None) -> Iterator[Hook | None]:
    """A hook ``(now, done, total)`` for ``api.build``: the live line on a terminal, nothing otherwise.

    ``medprint build`` prints one ``wrote`` line per output when it ends, so off a terminal it stays quiet.
    """
    if not enabled or total <= 1:
        yield None
        return
    console = console or _stderr_console()
    if not console.is_terminal:
        yield None
        return
    with Display(description, total, console=console, plain=False) as display:
        seen = [0]

        def hook(now: str, done: int, total_: int) -> None:
            while seen[0] < done:
                seen[0] += 1
                display.finished("")
            display.building([now] if now else [])

        yield hook


def _stderr_console() -> "Console":
    """rich's console on stderr, imported only when something is shown (a one-document build never is)."""
    from rich.console import Console

    return Console(stderr=True)
