"""Run one job per document on every core, with a progress bar that shows what is happening.

Jobs go to a process pool (workers are forked after medprint's heavy modules
are imported, so each starts warm; if another thread already runs, such as a
progress bar's, workers come from a clean fork server instead).  At most
``jobs`` are in flight at once, so the bar's "now" field names exactly the
documents being built.  A job that
raises, or a worker that dies, becomes that job's failure through
``on_error``; the other jobs carry on.  ``jobs=1`` runs in this process.
"""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING, Any, Callable, Sequence, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future

R = TypeVar("R")
Hook = Callable[[str, int, int], None]  # (documents now building, done, total), as medprint.progress


def default_jobs() -> int:
    """Every core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _ok(result: Any) -> bool:
    """A job result that carries a non-empty ``error`` (as release outcomes do) failed."""
    return not getattr(result, "error", "")


def run_jobs(
    func: Callable[..., R],
    jobs_args: Sequence[tuple[str, tuple[Any, ...]]],
    *,
    jobs: int | None = None,
    on_error: Callable[[str, BaseException], R],
    progress: bool = False,
    description: str = "building",
    initializer: Callable[[], None] | None = None,
    hook: Hook | None = None,
    display: Any = None,
) -> list[R]:
    """Run ``func(*args)`` for each ``(label, args)``; results in input order.

    ``progress`` shows :class:`medprint.progress.Display` (a live line on a terminal, plain lines
    otherwise), or ``display`` if one is given; ``hook`` reports to a caller's bar instead.  ``initializer``
    warms a worker; when workers are forked it runs once in this process first, so they inherit it.
    """
    total = len(jobs_args)
    results: list[R | None] = [None] * total
    jobs = max(1, min(jobs or default_jobs(), total or 1))
    if display is None:
        from .progress import Display

        display = Display(description, total, enabled=progress)
    bar = display
    done = 0

    def show(now: str) -> None:
        bar.building([now] if now else [])
        if hook:
            hook(now, done, total)

    def finish(label: str, result: Any) -> None:
        nonlocal done
        done += 1
        bar.finished(label, ok=_ok(result))

    if jobs == 1:
        with bar:
            for i, (label, args) in enumerate(jobs_args):
                show(label)
                try:
                    results[i] = func(*args)
                except Exception as exc:  # noqa: BLE001 - one document's failure stays its own
                    results[i] = on_error(label, exc)
                finish(label, results[i])
            show("")
        return results  # type: ignore[return-value]

    import multiprocessing  # only for a pool: one job at a time needs neither
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    pending = list(enumerate(jobs_args))
    pending.reverse()
    running: dict[Future, tuple[int, str]] = {}
    method = "fork" if threading.active_count() == 1 and os.name == "posix" else "forkserver"
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload(sorted({func.__module__, "medprint.warmup"}))  # the job's own module
    elif initializer is not None:
        initializer()  # once in the parent: forked workers inherit its work (it must be idempotent)
    with ProcessPoolExecutor(max_workers=jobs, initializer=initializer, mp_context=context) as pool:

        def submit_more() -> None:
            while pending and len(running) < jobs:
                i, (label, args) = pending[-1]
                running[pool.submit(func, *args)] = (i, label)
                pending.pop()

        submit_more()  # workers fork here, before the bar's refresh thread starts
        with bar:
            while running:
                show(", ".join(label for _, label in running.values()))
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                for fut in finished:
                    i, label = running.pop(fut)
                    try:
                        results[i] = fut.result()
                    except Exception as exc:  # noqa: BLE001 - includes a worker that died
                        results[i] = on_error(label, exc)
                    finish(label, results[i])
                try:
                    submit_more()
                except Exception as exc:  # noqa: BLE001 - the pool broke: fail what is left
                    while pending:
                        i, (label, _) = pending.pop()
                        results[i] = on_error(label, exc)
                        finish(label, results[i])
            show("")
    return results  # type: ignore[return-value]
