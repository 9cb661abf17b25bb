"""The process pool: results in order, one failure stays alone, a dead worker is reported not hung."""

from __future__ import annotations

import os

from medprint.pool import default_jobs, run_jobs


def _square_or_fail(n: int) -> tuple[str, int]:
    if n == 3:
        raise ValueError("three is bad")
    return ("ok", n * n)


def _pid(n: int) -> int:
    import time

    time.sleep(0.05)
    return os.getpid()


def _die(n: int) -> int:
    if n == 0:
        os._exit(3)
    return n


def _err(label: str, exc: BaseException) -> tuple[str, str]:
    return ("failed", f"{label}: {type(exc).__name__}")


def test_results_in_order_and_failure_is_alone():
    args = [(f"doc{n}", (n,)) for n in range(6)]
    for jobs in (1, 2):
        out = run_jobs(_square_or_fail, args, jobs=jobs, on_error=_err)
        assert out == [("ok", 0), ("ok", 1), ("ok", 4), ("failed", "doc3: ValueError"), ("ok", 16), ("ok", 25)]


def test_two_jobs_use_two_processes():
    pids = run_jobs(_pid, [(str(n), (n,)) for n in range(6)], jobs=2, on_error=_err)
    assert len(set(pids)) == 2 and os.getpid() not in pids


def test_dead_worker_becomes_failures_not_a_hang():
    out = run_jobs(_die, [(str(n), (n,)) for n in range(4)], jobs=2, on_error=_err)
    assert out[0] == ("failed", "0: BrokenProcessPool")
    assert all(r == n or r[0] == "failed" for n, r in enumerate(out))


def test_progress_bar_runs_without_a_terminal(capsys):
    out = run_jobs(_square_or_fail, [("a", (1,)), ("b", (2,))], jobs=1, on_error=_err, progress=True)
    assert out == [("ok", 1), ("ok", 4)]
    assert default_jobs() >= 1


def test_hook_reports_progress_and_a_running_thread_forces_a_clean_fork_server():
    import threading

    calls = []
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    try:
        out = run_jobs(_square_or_fail, [(f"d{n}", (n,)) for n in (1, 2, 4)], jobs=2, on_error=_err,
                       hook=lambda now, done, total: calls.append((now, done, total)))
    finally:
        stop.set()
    assert out == [("ok", 1), ("ok", 4), ("ok", 16)]
    assert calls[-1] == ("", 3, 3)
    assert any(now for now, _, _ in calls)
