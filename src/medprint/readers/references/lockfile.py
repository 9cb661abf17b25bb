"""The identifier lock file: what ``medprint refs fetch`` resolved, read offline by every build.

It lies beside the source (``index.md`` → ``index.refs-lock.json``) and is committed with it, so a build never
needs the network and a reviewer sees, in a diff, exactly which metadata came from PubMed or Crossref and when.
It is CSL-JSON (a list, sorted by id, keys sorted), one entry per identifier, whose ``id`` is the canonical
identifier key (``pmid:32577835``); ``custom`` (a CSL-JSON extension, as citeproc-js reads it) records where and
when the entry was fetched and is not part of the reference.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ...model import Location, Reference
from ._text import fail, line_col
from .normalize import normalize_item

SUFFIX = ".refs-lock.json"
PROVENANCE = "custom"


def lock_path(source: Path) -> Path:
    """The lock file of a source file."""
    return source.with_name(source.stem + SUFFIX)


def read_lock(path: Path, display: str) -> list[Reference]:
    """The entries of a lock file (empty when there is none); a damaged file is a located error."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as exc:
        raise fail("reference.lock", f"cannot read the lock file: {exc}", display, 1, 1,
                   hint="restore it from version control, or delete it and run `medprint refs fetch`") from None
    try:
        items = json.loads(text)
    except json.JSONDecodeError as exc:
        raise fail("reference.lock", f"invalid JSON in the lock file: {exc.msg}", display, exc.lineno, exc.colno,
                   hint="restore it from version control, or delete it and run `medprint refs fetch`") from None
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise fail("reference.lock", "the lock file must be a CSL-JSON list", display, 1, 1,
                   hint="delete it and run `medprint refs fetch`")
    refs = []
    starts = _item_lines(text, len(items))
    for item, (line, col) in zip(items, starts):
        where = Location(display, line, col)
        data = normalize_item({k: v for k, v in item.items() if k != PROVENANCE}, where, file_kind="CSL-JSON")
        refs.append(Reference(data["id"], data, where))
    return refs


def _item_lines(text: str, count: int) -> list[tuple[int, int]]:
    """Where each top-level item starts (the lock is written one ``{`` per item at depth 1)."""
    starts, depth, in_string, escape = [], 0, False, False
    for i, ch in enumerate(text):
        if in_string:
            if escape:
                escape = False
            elif ch == "\\":
                escape = True
            elif ch == '"':
                in_string = False
            continue
        if ch == '"':
            in_string = True
        elif ch in "[{":
            if ch == "{" and depth == 1:
                starts.append(line_col(text, i))
            depth += 1
        elif ch in "]}":
            depth -= 1
    return (starts + [(1, 1)] * count)[:count]


def dump_lock(entries: Iterable[dict[str, Any]]) -> str:
    """The lock file's text: entries sorted by id, keys sorted, two-space indent, so re-fetching diffs small."""
    ordered = sorted(entries, key=lambda e: str(e["id"]))
    return json.dumps(ordered, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
