"""Long-running commands stop on SIGTERM and SIGHUP as they do on Ctrl+C.

By default those signals end a process on the spot: ``medprint preview`` would leave its "already running"
record behind and WeasyPrint's temporary font folders in the temporary directory, and no exit handler would
run.  Turned into the same interruption as Ctrl+C, the command's own clean-up and the exit handlers run.
"""

from __future__ import annotations

import signal


def _interrupt(signum, frame) -> None:  # noqa: ARG001 - the signal module's signature
    raise KeyboardInterrupt


def stop_on_termination() -> None:
    """From now on SIGTERM and SIGHUP interrupt this process as Ctrl+C does (main thread only)."""
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is None:
            continue
        try:
            signal.signal(number, _interrupt)
        except ValueError:  # not the main thread (a test running the command in a thread): leave it
            pass
