"""The progress line at 80 and 200 columns (a rich Console forced to a terminal) and plain lines when piped."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from medprint.pool import run_jobs
from medprint.progress import Display, count_text, layout, progress_bar
from medprint.progress_live import LineProgress

NAMES = "sources/asthma-inhaler-technique/index.md, sources/diabetes-foot-care/index.md"


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _terminal(width: int) -> Console:
    return Console(file=io.StringIO(), width=width, force_terminal=True, color_system=None, legacy_windows=False)


def _render(width: int, done: int = 2, total: int = 6, now: str = NAMES) -> str:
    """One frame of the live line: 2 of 6 documents done in 36 s, so 72 s left."""
    console, clock = _terminal(width), Clock()
    progress = LineProgress(console=console, get_time=clock, auto_refresh=False)
    task = progress.add_task("release 1.1", total=total, now=now)
    for step in range(1, done + 1):
        clock.now = 18.0 * step
        progress.update(task, completed=step)
    console.print(*progress.get_renderables())
    return console.file.getvalue().rstrip("\n")


def test_count_reads_as_done_with_time_left():
    assert count_text(2, 6, 72.0) == "2 of 6 done, 1:12 left"
    assert count_text(0, 6, None) == "0 of 6 done"
    assert count_text(6, 6, 0.0, elapsed=42.4) == "6 of 6 done in 0:42"
    assert count_text(1, 2, 3725.0) == "1 of 2 done, 1:02:05 left"


def test_200_columns_show_everything_with_a_full_bar():
    line = _render(200)
    assert "\n" not in line
    assert line.startswith("release 1.1 ")
    assert "2 of 6 done, 1:12 left" in line
    assert line.endswith(NAMES)
    assert line.count("━") + line.count("─") == 40 and line.count("━") == 13  # 2 of 6 of 40 cells
    assert "left" in line and "documents left" not in line


def test_80_columns_keep_the_count_and_a_shorter_bar_and_cut_the_names():
    line = _render(80)
    assert "\n" not in line and len(line) <= 80
    assert line.startswith("release 1.1 ")
    assert "2 of 6 done, 1:12 left" in line
    bar = line.count("━") + line.count("─")
    assert 10 <= bar < 40
    assert "1:12 left  sources/" in line and line.endswith("…")


@pytest.mark.parametrize("width", [20, 30, 40, 60, 80, 100, 120, 200])
def test_every_width_keeps_the_count_first(width):
    desc, bar, count, names = layout(width, "release 2026.1", 3, 12, 95.0, NAMES)
    assert count == "3 of 12 done, 1:35 left"
    used = len(count) + (len(desc) + 1 if desc else 0) + (bar + 1 if bar else 0) + (len(names) + 2 if names else 0)
    assert used <= max(width, len(count))
    assert bar == 0 or bar >= 10
    line = _render(width, 3, 12)
    assert "\n" not in line and len(line) <= width


def test_piped_output_is_one_plain_line_per_document():
    console = Console(file=io.StringIO(), width=80, force_terminal=False)
    display = Display("release 1.1", 3, console=console)
    assert display.plain

    class Outcome:
        def __init__(self, error: str = "") -> None:
            self.error = error

    def job(n: int) -> Outcome:
        return Outcome("" if n != 2 else "boom")

    out = run_jobs(job, [(f"sources/d{n}/index.md", (n,)) for n in (1, 2, 3)], jobs=1,
                   on_error=lambda label, exc: Outcome(str(exc)), display=display)
    assert [o.error for o in out] == ["", "boom", ""]
    assert console.file.getvalue().splitlines() == [
        "release 1.1: 1 of 3 done: sources/d1/index.md",
        "release 1.1: 2 of 3 done: FAILED sources/d2/index.md",
        "release 1.1: 3 of 3 done: sources/d3/index.md",
    ]


def test_live_display_on_a_terminal_ends_with_the_total():
    console = _terminal(100)
    with Display("release 1.1", 2, console=console) as display:
        display.building(["sources/a/index.md"])
        display.finished("sources/a/index.md")
        display.finished("sources/b/index.md")
    text = console.file.getvalue()
    assert "2 of 2 done" in text and "FAILED" not in text


def test_build_hook_is_silent_off_a_terminal_and_counts_on_one():
    piped = Console(file=io.StringIO(), force_terminal=False)
    with progress_bar(3, console=piped) as hook:
        assert hook is None
    console = _terminal(120)
    with progress_bar(3, console=console) as hook:
        hook("a", 0, 3)
        hook("b", 1, 3)
        hook("", 3, 3)
    assert "3 of 3 done" in console.file.getvalue()
