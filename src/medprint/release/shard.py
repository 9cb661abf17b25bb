"""Stable sharding: ``--shard I/N`` picks the documents whose relative path hashes to ``I``.

The partition depends only on each source's path relative to the project root
(never on the order sources are found, the machine or the other documents), so
N CI jobs each given ``I/N`` build disjoint sets that together cover the library.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Iterable, TypeVar

from ..errors import UsageError

T = TypeVar("T")
_SHARD = re.compile(r"^\s*(\d{1,4})\s*/\s*(\d{1,4})\s*$")


def parse_shard(text: str) -> tuple[int, int]:
    """``"2/4"`` -> ``(2, 4)``; 1-based, refuses anything else with a usage error."""
    match = _SHARD.match(text or "")
    if not match:
        raise UsageError("release.shard", f"--shard '{text}' is not I/N", hint="write e.g. --shard 1/4")
    index, count = int(match.group(1)), int(match.group(2))
    if count < 1 or not 1 <= index <= count:
        raise UsageError("release.shard", f"--shard {index}/{count}: I must be between 1 and N",
                         hint="shards are numbered 1..N, e.g. --shard 1/4 ... --shard 4/4")
    return index, count


def relative_key(source: Path | str, root: Path | str) -> str:
    """The source's path relative to the project root, with forward slashes: the stable identity."""
    return Path(os.path.relpath(Path(source).resolve(), Path(root).resolve())).as_posix()


def shard_of(key: str, count: int) -> int:
    """The 1-based shard a relative path belongs to among ``count``."""
    return int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big") % count + 1


def select(sources: Iterable[Path], shard: tuple[int, int] | None, root: Path | str) -> list[Path]:
    """The sources in shard ``(I, N)`` (all of them when ``shard`` is None), order kept."""
    sources = list(sources)
    if shard is None:
        return sources
    index, count = shard
    return [s for s in sources if shard_of(relative_key(s, root), count) == index]
