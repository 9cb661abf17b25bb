"""Formatted reference-list entries, shared across documents in one process (issue 8 item 3).

A release formats the same reference for many documents; an entry's runs depend only on
the reference's data, the style, the locale and a little list context, so they are formatted
once and reused.  The key is

- sha256 of the reference's canonical CSL-JSON (sorted keys; its ``id`` left out: the key
  never prints),
- the style's identity (sha256 of the .csl file) and the locale (the formatting code cannot
  change inside one process),
- the list context an entry can depend on: its year-suffix (disambiguation looks at the whole
  list) and, in numeric styles, its number.

Styles whose entries depend on the entry before them (``subsequent-author-substitute``)
are never cached.  Cite rendering is not cached: it depends on the whole document
(disambiguated names, positions).  The cache is in-process and bounded (LRU).
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from typing import Any

from ..model import Run

MAX_ENTRIES = 50_000

_CACHE: "OrderedDict[tuple, tuple[Run, ...]]" = OrderedDict()
STATS = {"hits": 0, "misses": 0}


def item_digest(data: Any) -> str:
    """sha256 of a CSL-JSON item in canonical form, without its id."""
    if isinstance(data, dict):
        data = {k: v for k, v in data.items() if k != "id"}
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def get(key: tuple) -> tuple[Run, ...] | None:
    runs = _CACHE.get(key)
    if runs is None:
        STATS["misses"] += 1
        return None
    _CACHE.move_to_end(key)
    STATS["hits"] += 1
    return runs


def put(key: tuple, runs: tuple[Run, ...]) -> None:
    _CACHE[key] = runs
    _CACHE.move_to_end(key)
    while len(_CACHE) > MAX_ENTRIES:
        _CACHE.popitem(last=False)


def clear() -> None:
    """Forget every entry and reset the counters (tests, benchmarks)."""
    _CACHE.clear()
    STATS.update(hits=0, misses=0)
