"""One writer in a forked child while this process runs the others (the handout takes half a build).

A fork only where it is safe and pays: a POSIX system with two or more usable
cores, in a process with no other thread (a fork copies locks held by threads)
and not itself a worker of a ``--jobs`` pool (those already use every core).
The child sends back the output and the warnings it collected; on any failure
it sends nothing and the caller renders in-process, so errors are reported
exactly as a sequential build reports them.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
from typing import Callable


_CHILD_EXIT: list[Callable[[], None]] = []


def on_child_exit(hook: Callable[[], None]) -> None:
    """Run ``hook`` in a forked child just before it ends.  A child ends with ``os._exit`` (never the parent's
    exit handlers), so what it must clean up itself (temporary font folders) is registered here."""
    if hook not in _CHILD_EXIT:
        _CHILD_EXIT.append(hook)


def _exit_child(code: int) -> None:
    for hook in _CHILD_EXIT:
        try:
            hook()
        except Exception:  # noqa: BLE001 - cleaning up never changes how the child ends
            pass
    os._exit(code)


def can_fork() -> bool:
    """True where :class:`Forked` may run: fork exists, 2+ cores, one thread, not a pool worker."""
    if not hasattr(os, "fork") or threading.active_count() != 1:
        return False
    pool = sys.modules.get("multiprocessing")  # a pool worker has it imported; a plain process need not
    if pool is not None and pool.parent_process() is not None:
        return False
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cores >= 2


def _send_result(work: Callable[[], bytes], write: int) -> None:
    """In a child: run ``work`` collecting its warnings, and write (value, warnings) pickled to ``write``."""
    from .. import report

    with report.collecting() as warnings:
        value = work()
    payload = pickle.dumps((value, list(warnings)), protocol=pickle.HIGHEST_PROTOCOL)
    with os.fdopen(write, "wb") as pipe:
        pipe.write(payload)


class Forked:
    """``work()`` running in a forked child; :meth:`result` is (value, warnings) or None if it failed."""

    def __init__(self, work: Callable[[], bytes]) -> None:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns, never runs the parent's exit handlers
            code = 1
            try:
                os.close(read)
                _send_result(work, write)
                code = 0
            except BaseException:  # noqa: BLE001 - the parent renders again and reports the error itself
                pass
            finally:
                _exit_child(code)
        os.close(write)
        self._pid = pid
        self._read = read
        self._done: tuple | None = None
        self._finished = False

    def result(self) -> tuple[bytes, list] | None:
        """Wait for the child; its (output, warnings), or None when it failed."""
        if self._finished:
            return self._done
        self._finished = True
        try:
            with os.fdopen(self._read, "rb") as pipe:
                payload = pipe.read()
        finally:
            _, status = os.waitpid(self._pid, 0)
        if os.waitstatus_to_exitcode(status) != 0 or not payload:
            return None
        try:
            self._done = pickle.loads(payload)
        except Exception:  # noqa: BLE001 - a truncated payload: render in-process instead
            self._done = None
        return self._done

    def cancel(self) -> None:
        """Stop the child (the build was interrupted) and reap it."""
        if self._finished:
            return
        self._finished = True
        try:
            os.kill(self._pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.close(self._read)
        os.waitpid(self._pid, 0)


class Prepared:
    """A child forked *before* the document is read, importing what a writer needs while this process reads,
    cites and checks; :meth:`submit` then hands it the one job (pickled) and returns a :class:`Forked`-like
    handle.  On a cold start that overlaps WeasyPrint's import (a third of a second) with the reading.
    A prepared child that is never given a job is stopped with :meth:`cancel`."""

    def __init__(self, prepare: Callable[[], None]) -> None:
        job_read, job_write = os.pipe()
        result_read, result_write = os.pipe()
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                os.close(job_write)
                os.close(result_read)
                try:
                    prepare()
                except Exception:  # noqa: BLE001 - the job itself will meet (and report) the same problem
                    pass
                with os.fdopen(job_read, "rb") as pipe:
                    job = pipe.read()
                if not job:
                    code = 0  # cancelled
                    return
                func, args, kwargs = pickle.loads(job)
                _send_result(lambda: func(*args, **kwargs), result_write)
                code = 0
            except BaseException:  # noqa: BLE001 - the parent renders again and reports the error itself
                pass
            finally:
                _exit_child(code)
        os.close(job_read)
        os.close(result_write)
        self._pid = pid
        self._job = job_write
        self._handle = _Handle(pid, result_read)
        self._submitted = False

    def submit(self, func: Callable[..., bytes], *args, **kwargs) -> "_Handle | None":
        """Send the job; the handle's ``result()`` is (value, warnings) or None.  None if it cannot be sent."""
        if self._submitted:
            return None
        self._submitted = True
        try:
            payload = pickle.dumps((func, args, kwargs), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(self._job, "wb") as pipe:
                pipe.write(payload)
        except Exception:  # noqa: BLE001 - unpicklable or a dead child: the caller renders in-process
            self._handle.cancel()
            return None
        return self._handle

    def cancel(self) -> None:
        """Stop a child that was given no job (or whose job is no longer wanted)."""
        if not self._submitted:
            self._submitted = True
            try:
                os.close(self._job)  # an empty job: the child exits by itself
            except OSError:
                pass
        self._handle.cancel()


class _Handle(Forked):
    """The result end of a :class:`Prepared` child (the same ``result``/``cancel`` as :class:`Forked`)."""

    def __init__(self, pid: int, read: int) -> None:  # noqa: D107 - no fork here: the child exists already
        self._pid = pid
        self._read = read
        self._done = None
        self._finished = False


_EARLY: list = [None]  # a Prepared child forked by the program's entry point, before the command ran


def prepare_early(prepare: Callable[[], None]) -> None:
    """Fork the handout's child at program start (see :mod:`medprint.launch`), where :func:`can_fork` allows."""
    if _EARLY[0] is None and can_fork():
        _EARLY[0] = Prepared(prepare)


def take_early() -> "Prepared | None":
    """The child :func:`prepare_early` forked, now the caller's to submit to or cancel."""
    early, _EARLY[0] = _EARLY[0], None
    return early
