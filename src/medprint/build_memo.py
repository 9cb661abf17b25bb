"""One build's memo: a pure result two stages of the same build both need is computed once.

The slide check and the deck writer plan the same deck; ``api.build_document`` opens a memo for the
build and the planner keeps its plan there.  The memo lives here, not in the writer, so a build that
writes no deck never imports the deck writer to open it.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Callable, Hashable, Iterator, TypeVar

T = TypeVar("T")

_MEMO: ContextVar[dict | None] = ContextVar("medprint_build_memo", default=None)


@contextmanager
def build_memo() -> Iterator[None]:
    """Results remembered by :func:`remembered` until the block ends."""
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def remembered(key: Hashable, held: Any, compute: Callable[[], T]) -> T:
    """``compute()`` once per ``key`` inside :func:`build_memo` (every time outside it).  ``held`` is kept
    with the result so that objects whose ids are part of ``key`` stay alive and no id is reused."""
    memo = _MEMO.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = (held, compute())
    return memo[key][1]
