"""Warnings raised while building, collected per build instead of printed from deep inside.

Readers, the citation engine and writers call :func:`warn`; the API collects
them with :func:`collecting` and the CLI prints them.
"""

from __future__ import annotations

import contextlib
import contextvars
from typing import Iterator

from .diagnostics import Diagnostic

_current: contextvars.ContextVar[list[Diagnostic] | None] = contextvars.ContextVar("medprint_warnings", default=None)


def warn(diagnostic: Diagnostic) -> None:
    sink = _current.get()
    if sink is not None and diagnostic not in sink:
        sink.append(diagnostic)


@contextlib.contextmanager
def collecting() -> Iterator[list[Diagnostic]]:
    sink: list[Diagnostic] = []
    token = _current.set(sink)
    try:
        yield sink
    finally:
        _current.reset(token)
