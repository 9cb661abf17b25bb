"""The ``medprint`` program's entry point: a build starts its handout child first and ends without teardown.

A cold ``medprint build`` spends a third of a second importing WeasyPrint; :mod:`medprint.api` overlaps
that with reading the source by forking a child that imports it (:class:`medprint.writers.forked.Prepared`).
Forked here, before the command line library and the document model are even imported, that child starts
sooner.  When the build turns out not to want it (several documents, no PDF, nothing to rebuild), ``api``
stops it.  And once a build or check has written everything and no other thread runs, the process ends
right after the exit handlers (``atexit``: temporary folders, logging, pools) instead of first freeing every
object one by one, which takes a sample build 60 ms.  Only the program does this: ``python -m medprint.cli``
and the library API never fork early nor skip the teardown.
"""

from __future__ import annotations

import sys

# options of `medprint build` that take a value (the value is not a source)
VALUED = {"--to", "-o", "--output", "--pdf-variant", "-j", "--jobs"}


def wants_handout(args: list[str]) -> bool:
    """Whether ``medprint ARGS`` is a build that may write a PDF: ``build`` without a ``--to`` that leaves it
    out, and without ``--help``."""
    if args[:1] != ["build"] or any(a in ("-h", "--help") for a in args):
        return False
    formats = None
    for i, arg in enumerate(args):
        if arg == "--to" and i + 1 < len(args):
            formats = args[i + 1]
        elif arg.startswith("--to="):
            formats = arg[len("--to="):]
    return formats is None or "pdf" in formats.lower()


def _prepare_child() -> None:
    from .api import _import_handout_writer

    _import_handout_writer()


FAST_EXIT = ("build", "check")  # commands that leave nothing running when they return


def main() -> None:
    """Run ``medprint``; on a build that may write a handout, fork its child first."""
    args = sys.argv[1:]
    if wants_handout(args):
        from .writers.forked import prepare_early

        prepare_early(_prepare_child)
    from .cli import main as run

    try:
        run()
    except SystemExit as done:
        if args[:1] and args[0] in FAST_EXIT:
            _exit_now(done.code)
        raise


def _exit_now(code) -> None:
    """End the process as ``sys.exit(code)`` would, minus the interpreter's object-by-object teardown."""
    import atexit
    import os
    import threading

    if threading.active_count() != 1:
        return  # a thread still runs: let the interpreter wait for it as usual
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code or 0)
